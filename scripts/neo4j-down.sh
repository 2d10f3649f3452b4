#!/usr/bin/env bash
# Stop the local Neo4j started by scripts/neo4j-up.sh: SIGTERM (clean
# shutdown + checkpoint), wait up to 60 s, then SIGKILL. Removes the pid file.
# Env: NEO4J_LOCAL_RUN_DIR (scripts/neo4j-local/run), NEO4J_LOCAL_STOP_TIMEOUT (60).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run_dir="${NEO4J_LOCAL_RUN_DIR:-$here/neo4j-local/run}"
pid_file="$run_dir/neo4j.pid"
timeout="${NEO4J_LOCAL_STOP_TIMEOUT:-60}"

log() { echo "neo4j-down: $*" >&2; }

if [[ ! -f "$pid_file" ]]; then
  log "not running (no $pid_file)"
  exit 0
fi
pid="$(cat "$pid_file" 2>/dev/null || true)"
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
  log "not running (stale pid file)"
  rm -f "$pid_file"
  exit 0
fi

kill -TERM "$pid"
deadline=$((SECONDS + timeout))
while kill -0 "$pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    log "pid $pid still alive after ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    break
  fi
  sleep 0.5
done
rm -f "$pid_file"
log "stopped (pid $pid)"
