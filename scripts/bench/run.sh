#!/usr/bin/env bash
# Benchmark backchannel's analysis against python-igraph and networkx on
# graphs from graph/gen, in one run: gobench generates the graph and the
# seeded pairs and sources, times backchannel, and writes them for the
# peers; each peer runs in its own process on the same files.
#
# Usage: scripts/bench/run.sh [NODES...]        (default: 10000 100000)
# Env:   PYTHON (default python3, with networkx, python-igraph, numpy,
#        scipy installed), NX_SOURCES_1M (networkx betweenness sources at
#        1M nodes, scaled to 64; default 2), OUT (default /tmp/backchannel-bench),
#        NEO4J_URI: also time Cypher shortestPath on the same pairs, through
#        the store's query API, against a Neo4j already holding
#        `backchannel gen --nodes N --seed 1` (load it with
#        `backchannel load --neo4j URI DIR`; run one size at a time then)
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
OUT=${OUT:-/tmp/backchannel-bench}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000)
for n in "${sizes[@]}"; do
  dir="$OUT/$n"
  mkdir -p "$dir"
  go run ./scripts/bench/gobench -nodes "$n" -out "$dir" > "$dir/go.log"
  (cd scripts/bench && "$PYTHON" igraph_bench.py "$dir" > "$dir/igraph.log" 2>&1)
  nxsrc=64
  [ "$n" -ge 1000000 ] && nxsrc=${NX_SOURCES_1M:-2}
  [ "$n" -ge 100000 ] && [ "$n" -lt 1000000 ] && nxsrc=8
  (cd scripts/bench && "$PYTHON" networkx_bench.py "$dir" "$nxsrc" > "$dir/networkx.log" 2>&1)
  if [ -n "${NEO4J_URI:-}" ]; then
    go run ./scripts/bench/neo4jbench -dir "$dir" -uri "$NEO4J_URI" > "$dir/neo4j.log"
  fi
  (cd scripts/bench && "$PYTHON" report.py "$dir")
  echo
done
