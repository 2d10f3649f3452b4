#!/usr/bin/env bash
# Start a local Neo4j 5.26 community server (no Docker needed) and print its
# URI. Idempotent: if it is already running, just prints the URI.
#
#   bash scripts/neo4j-up.sh            # last stdout line: NEO4J_URI=bolt://127.0.0.1:7687
#
# Env: NEO4J_LOCAL_PORT (7687), NEO4J_LOCAL_HOST (127.0.0.1),
#      NEO4J_LOCAL_DIR (scripts/neo4j-local/data), NEO4J_LOCAL_RUN_DIR
#      (scripts/neo4j-local/run), NEO4J_LOCAL_HEAP (2g), NEO4J_LOCAL_PAGECACHE
#      (512m), NEO4J_LOCAL_START_TIMEOUT (120 s), MAVEN_REPO_LOCAL (~/.m2/repository).
# See scripts/neo4j-local/README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=neo4j-local/lib.sh
source "$here/neo4j-local/lib.sh"
proj="$NEO4J_LOCAL_PROJ"
port="${NEO4J_LOCAL_PORT:-7687}"
host="${NEO4J_LOCAL_HOST:-127.0.0.1}"
data_dir="${NEO4J_LOCAL_DIR:-$proj/data}"
run_dir="${NEO4J_LOCAL_RUN_DIR:-$proj/run}"
heap="${NEO4J_LOCAL_HEAP:-2g}"
timeout="${NEO4J_LOCAL_START_TIMEOUT:-120}"
pid_file="$run_dir/neo4j.pid"
log_file="$run_dir/neo4j.log"
jar="$NEO4J_LOCAL_JAR"
uri="bolt://$host:$port"

log() { echo "neo4j-up: $*" >&2; }

port_open() {
  # bash's /dev/tcp: no nc/curl dependency. Subshell so the fd closes at once.
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# --- already up? ----------------------------------------------------------
if pid="$(running_pid)"; then
  if port_open; then
    log "already running (pid $pid)"
    echo "NEO4J_URI=$uri"
    exit 0
  fi
  log "pid $pid is alive but $host:$port is not answering (still starting?); waiting"
else
  rm -f "$pid_file"
  if port_open; then
    # E.g. the docker-compose Neo4j. Starting ours would only fail to bind.
    log "something not started by this script already listens on $host:$port; using it"
    echo "NEO4J_URI=$uri"
    exit 0
  fi

  # --- build if missing or stale -------------------------------------------
  neo4j_local_build

  # --- start ---------------------------------------------------------------
  mkdir -p "$run_dir" "$data_dir"
  : >"$log_file"
  NEO4J_LOCAL_DIR="$data_dir" NEO4J_LOCAL_PORT="$port" NEO4J_LOCAL_HOST="$host" \
    nohup java -Xms256m "-Xmx$heap" "${NEO4J_LOCAL_JVM_FLAGS[@]}" \
      -jar "$jar" </dev/null >>"$log_file" 2>&1 &
  pid=$!
  echo "$pid" >"$pid_file"
  log "started pid $pid, log $log_file, data $data_dir"
fi

# --- wait for Bolt ----------------------------------------------------------
# Port open AND the ready marker: Bolt may bind before the default database
# is available.
deadline=$((SECONDS + timeout))
until port_open && grep -q NEO4J_LOCAL_READY "$log_file" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    log "server exited during startup; last log lines:"
    tail -n 40 "$log_file" >&2 || true
    [[ -f "$data_dir/logs/debug.log" ]] && tail -n 40 "$data_dir/logs/debug.log" >&2
    rm -f "$pid_file"
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    log "not answering on $host:$port after ${timeout}s; last log lines:"
    tail -n 40 "$log_file" >&2 || true
    [[ -f "$data_dir/logs/debug.log" ]] && tail -n 40 "$data_dir/logs/debug.log" >&2
    exit 1
  fi
  sleep 0.5
done
grep NEO4J_LOCAL_READY "$log_file" | tail -n 1 >&2 || true
echo "NEO4J_URI=$uri"
