#!/usr/bin/env bash
# Neo4j's offline bulk importer (`neo4j-admin database import full`), run from
# the same Maven-built jars as the local server. The server must be stopped.
#
#   bash scripts/neo4j-down.sh
#   bash scripts/neo4j-local/neo4j-admin-import.sh --overwrite-destination \
#       --nodes=nodes.csv --relationships=rels.csv [more import options] [neo4j]
#   bash scripts/neo4j-up.sh
#
# All arguments go to `neo4j-admin database import full` unchanged (see
# `... neo4j-admin-import.sh --help`). It imports into $NEO4J_LOCAL_DIR
# (default scripts/neo4j-local/data), i.e. the store the server opens; point
# NEO4J_LOCAL_DIR elsewhere to import into a separate home, then start the
# server with the same NEO4J_LOCAL_DIR. Community edition: the database must
# be `neo4j` (the default), and indexes/constraints are created afterwards
# with Cypher (--schema needs the enterprise block format).
#
# Env: NEO4J_LOCAL_DIR, NEO4J_LOCAL_RUN_DIR (import.report goes there unless
# --report-file is given), NEO4J_ADMIN_HEAP (2g; the importer works mostly
# off-heap, capped by --max-off-heap-memory, default 90% of free RAM).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"
home="${NEO4J_LOCAL_DIR:-$here/data}"
run_dir="${NEO4J_LOCAL_RUN_DIR:-$here/run}"
pid_file="$run_dir/neo4j.pid"

if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "neo4j-admin-import: the local server is running (pid $(cat "$pid_file")); run scripts/neo4j-down.sh first" >&2
  exit 1
fi

neo4j_local_build
mkdir -p "$home" "$run_dir"

args=("$@")
report=("--report-file=$run_dir/import.report")
for a in "${args[@]}"; do
  [[ "$a" == --report-file* ]] && report=()
done

# AdminTool takes NEO4J_HOME (and optionally NEO4J_CONF) from the environment,
# like the official neo4j-admin launcher does.
NEO4J_HOME="$home" exec java "-Xmx${NEO4J_ADMIN_HEAP:-2g}" "${NEO4J_LOCAL_JVM_FLAGS[@]}" \
  -jar "$NEO4J_LOCAL_JAR" admin database import full "${report[@]}" "${args[@]}"
