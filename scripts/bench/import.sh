#!/usr/bin/env bash
# Import and validate throughput against the size of the input
# (docs/benchmarks.md, "Import and validate"). For each SIZE (nodes):
#   offshore: scripts/bench/offshoregen writes a graph in ICIJ's Offshore
#     Leaks CSV layout (1.67 relationships per node, as the database);
#     `backchannel import --format offshore`, then `backchannel validate`
#     of the result;
#   ftm (sizes up to FTM_MAX, default 100000): `backchannel gen` with 5
#     relationships per node, exported as FtM; `import --format ftm`, then
#     `validate`.
# With NEO4J_ADMIN=1, Neo4j's offline importer (`neo4j-admin database import
# full`) loads the same offshore graph from `backchannel load --import-csv`
# files of the imported dataset, for comparison.
# Every timed step holds /tmp/bench.lock. Output: one TSV line per step
# (what, size, input MB, wall s, CPU s, peak RSS MB) on stdout and in
# OUT/results.tsv.
#
# Usage: scripts/bench/import.sh [SIZE...]   (default 10000 100000 1000000)
# Env: OUT (default /tmp/backchannel-importbench), FTM_MAX, NEO4J_ADMIN.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=${OUT:-/tmp/backchannel-importbench}
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000 1000000)
mkdir -p "$out"
results="$out/results.tsv"
go build -o "$out/backchannel" ./cmd/backchannel
go build -o "$out/offshoregen" ./scripts/bench/offshoregen
bc="$out/backchannel"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# timed WHAT SIZE INPUT CMD...: runs CMD under the lock and GNU time.
timed() {
  local what=$1 size=$2 input=$3
  shift 3
  local mb
  mb=$(du -sm "$input" | cut -f1)
  log "$what $size"
  flock /tmp/bench.lock /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@" >"$out/$what-$size.log" 2>&1 ||
    { log "$what $size failed: see $out/$what-$size.log"; tail -5 "$out/$what-$size.log" >&2; return 1; }
  read -r wall user sys rss <"$out/time.txt"
  printf '%s\t%s\t%s\t%s\t%.1f\t%d\n' "$what" "$size" "$mb" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) | tee -a "$results"
}

printf 'what\tnodes\tinput_MB\twall_s\tcpu_s\tpeak_RSS_MB\n' | tee -a "$results"
for n in "${sizes[@]}"; do
  src="$out/offshore-$n"
  [[ -f "$src/relationships.csv" ]] || "$out/offshoregen" --nodes "$n" --out "$src"
  rm -rf "$out/offshore-$n-imp"
  timed import-offshore "$n" "$src" "$bc" import --format offshore --out "$out/offshore-$n-imp" "$src"/*.csv
  timed validate-offshore "$n" "$out/offshore-$n-imp" "$bc" validate "$out/offshore-$n-imp"
  if [[ "${NEO4J_ADMIN:-}" == 1 ]]; then
    rm -rf "$out/csv-$n" "$out/neo4j-$n"
    "$bc" load --import-csv "$out/csv-$n" "$out/offshore-$n-imp" 2>/dev/null
    timed neo4j-admin-import "$n" "$out/csv-$n" env NEO4J_LOCAL_DIR="$out/neo4j-$n/home" NEO4J_LOCAL_RUN_DIR="$out/neo4j-$n/run" \
      NEO4J_ADMIN_HEAP=1g bash "$root/scripts/neo4j-local/neo4j-admin-import.sh" \
      --nodes="$out/csv-$n/dataset.csv" --nodes="$out/csv-$n/nodes.csv" --relationships="$out/csv-$n/relationships.csv" \
      --array-delimiter=U+001F --multiline-fields=true --max-off-heap-memory=2G --overwrite-destination neo4j
    rm -rf "$out/neo4j-$n" "$out/csv-$n"
  fi
  if ((n <= ${FTM_MAX:-100000})); then
    g="$out/gen-$n"
    [[ -f "$g.ftm.json" ]] || { "$bc" gen --nodes "$n" --out "$g" 2>/dev/null && "$bc" export --format ftm --data "$g" --out "$g.ftm.json" 2>/dev/null; }
    rm -rf "$out/ftm-$n-imp"
    timed import-ftm "$n" "$g.ftm.json" "$bc" import --format ftm --out "$out/ftm-$n-imp" "$g.ftm.json"
    timed validate-ftm "$n" "$out/ftm-$n-imp" "$bc" validate "$out/ftm-$n-imp"
  fi
done
