# Shared by scripts/neo4j-up.sh and scripts/neo4j-local/neo4j-admin-import.sh.
# Source it; it defines NEO4J_LOCAL_PROJ, NEO4J_LOCAL_JAR, NEO4J_LOCAL_JVM_FLAGS
# and neo4j_local_build.

NEO4J_LOCAL_PROJ="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NEO4J_LOCAL_JAR="$NEO4J_LOCAL_PROJ/target/neo4j-local.jar"

# From Neo4j's own default neo4j.conf (server.jvm.additional), minus
# -XX:+AlwaysPreTouch, which would commit the whole heap up front.
NEO4J_LOCAL_JVM_FLAGS=(
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
  -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
  -XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
)

# Build target/neo4j-local.jar (+ target/lib/) if missing or older than the
# sources. Maven output goes to stderr so callers' stdout stays parseable.
neo4j_local_build() {
  local proj="$NEO4J_LOCAL_PROJ"
  command -v java >/dev/null || { echo "neo4j-local: java (17+) not found" >&2; return 1; }
  if [[ -f "$NEO4J_LOCAL_JAR" && -d "$proj/target/lib" ]] &&
     [[ -z "$(find "$proj/pom.xml" "$proj/src" -newer "$NEO4J_LOCAL_JAR" -print -quit)" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || { echo "neo4j-local: mvn not found (apt-get install maven)" >&2; return 1; }
  echo "neo4j-local: building $NEO4J_LOCAL_JAR (first build downloads ~125 MB from Maven Central)" >&2
  local args=(-q -B -f "$proj/pom.xml")
  [[ -n "${MAVEN_REPO_LOCAL:-}" ]] && args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
  # clean: jars of an older Neo4j version must not linger in target/lib.
  mvn "${args[@]}" clean package </dev/null >&2
}
