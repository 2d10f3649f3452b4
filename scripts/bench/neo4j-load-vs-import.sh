#!/usr/bin/env bash
# `backchannel load` against Neo4j's offline importer on the same data,
# side by side, RUNS times, alternating (docs/benchmarks.md, "Loading into
# Neo4j"). Each round:
#   1. importer: `neo4j-admin database import full` of the files that
#      `backchannel load --import-csv` wrote (the store's own labels and
#      properties) into an empty home; then a server on it builds the
#      store's schema (TestSchemaBuildThroughput), which the community
#      edition's importer cannot do itself;
#   2. loader: a fresh server, warmed by loading WARM, then
#      `backchannel load` of DATA; its summary line has the rates.
# Every server is started fresh on an empty data directory and stopped and
# deleted after its round, so rounds see the same conditions. Each timed
# step holds /tmp/bench.lock (which the other benchmarks take too).
#
# Usage: scripts/bench/neo4j-load-vs-import.sh DATA WARM [RUNS]
#   DATA, WARM: datasets, e.g. from `backchannel gen --nodes 1000000
#   --seed 1 --out /tmp/gen1m` and `... --nodes 100000 ...`.
# Env: OUT (default /tmp/backchannel-loadbench; needs about 40 GB free at
#   1M nodes / 5M relationships), NEO4J_LOCAL_HEAP (4g),
#   NEO4J_LOCAL_PAGECACHE (3g), NEO4J_ADMIN_HEAP (1g), IMPORT_OFF_HEAP (3G),
#   SKIP_IMPORTER=1 (only the loader's rounds, e.g. after a loader change).
# Output: OUT/results.tsv (one line per measurement) and the logs beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
data=$(realpath "${1:?usage: $0 DATA WARM [RUNS]}")
warm=$(realpath "${2:?usage: $0 DATA WARM [RUNS]}")
runs=${3:-3}
out=${OUT:-/tmp/backchannel-loadbench}
export NEO4J_LOCAL_HEAP=${NEO4J_LOCAL_HEAP:-4g}
export NEO4J_LOCAL_PAGECACHE=${NEO4J_LOCAL_PAGECACHE:-3g}
export NEO4J_ADMIN_HEAP=${NEO4J_ADMIN_HEAP:-1g}
port=7695
mkdir -p "$out"
results="$out/results.tsv"
[[ -f "$results" ]] && mv "$results" "$out/results-$(date -u +%H%M%S).tsv"
: >"$results"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" | tee -a "$results" >&2; }

go build -o "$out/backchannel" ./cmd/backchannel
go test -c -o "$out/neo4j.test" ./graph/neo4j
bc="$out/backchannel"
if [[ ! -f "$out/csv/import.sh" ]]; then
  log "writing the import files"
  "$bc" load --import-csv "$out/csv" "$data" 2>"$out/import-csv.log"
fi

server() { # server up|down DIR
  NEO4J_LOCAL_PORT=$port NEO4J_LOCAL_DIR="$2/home" NEO4J_LOCAL_RUN_DIR="$2/run" \
    bash "$root/scripts/neo4j-$1.sh" | tail -n 1
}

for round in $(seq 1 "$runs"); do
  # --- importer, then the schema on a server -------------------------------
  if [[ "${SKIP_IMPORTER:-}" != 1 ]]; then
  imp="$out/imp"
  rm -rf "$imp"
  log "round $round: importer"
  flock /tmp/bench.lock env NEO4J_LOCAL_DIR="$imp/home" NEO4J_LOCAL_RUN_DIR="$imp/run" \
    bash scripts/neo4j-local/neo4j-admin-import.sh \
      --nodes="$out/csv/dataset.csv" --nodes="$out/csv/nodes.csv" \
      --relationships="$out/csv/relationships.csv" \
      --array-delimiter=U+001F --multiline-fields=true \
      --max-off-heap-memory="${IMPORT_OFF_HEAP:-3G}" --overwrite-destination neo4j \
      >"$out/import-$round.log" 2>&1
  for stage in "Node import" "Relationship import" "Relationship linking" "Post processing" "IMPORT DONE"; do
    record "$round" "importer: $stage" "$(grep -m1 "^$stage COMPLETED in\|^$stage in" "$out/import-$round.log" | sed 's/.* in //')"
  done
  uri=$(server up "$imp" | sed 's/^NEO4J_URI=//')
  log "round $round: schema on the imported database"
  flock /tmp/bench.lock env NEO4J_URI="$uri" BACKCHANNEL_SCHEMA_BENCH=1 \
    "$out/neo4j.test" -test.run 'TestSchemaBuildThroughput$' -test.v -test.timeout 3h \
    >"$out/schema-$round.log" 2>&1
  grep RESULT "$out/schema-$round.log" | sed 's/.*RESULT //' | while read -r line; do
    record "$round" "importer then schema: ${line%%:*}" "${line##* in }"
  done
  server down "$imp" >/dev/null
  rm -rf "$imp"
  fi

  # --- the loader on a fresh, warmed server --------------------------------
  srv="$out/srv"
  rm -rf "$srv"
  uri=$(server up "$srv" | sed 's/^NEO4J_URI=//')
  log "round $round: warm-up load"
  "$bc" load --neo4j "$uri" --quiet "$warm" 2>"$out/warm-$round.log"
  log "round $round: backchannel load"
  # Reading and validating the files is not timed; the write is, under the lock.
  flock /tmp/bench.lock "$bc" load --neo4j "$uri" "$data" 2>"$out/load-$round.log"
  record "$round" "backchannel load" "$(grep 'backchannel: loaded' "$out/load-$round.log" | sed 's/^backchannel: //')"
  server down "$srv" >/dev/null
  rm -rf "$srv"
done
log "done: $results"
