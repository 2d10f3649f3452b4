#!/usr/bin/env bash
# Run every test: Go (unit, conformance against the embedded store and a
# real Neo4j, API, exports), the UI's unit tests and the browser tests.
# Starts the local Neo4j unless NEO4J_URI is already set, and stops it
# again if it started it.
set -euo pipefail
cd "$(dirname "$0")/.."

started=""
if [[ -z "${NEO4J_URI:-}" ]]; then
  uri_line=$(bash scripts/neo4j-up.sh | tail -n 1)
  export "${uri_line?}"
  started=1
fi
cleanup() { if [[ -n "$started" ]]; then bash scripts/neo4j-down.sh >&2 || true; fi; }
trap cleanup EXIT
echo "test: NEO4J_URI=$NEO4J_URI" >&2

status=0
go vet ./... || status=1
go test -count=1 ./... || status=1
bash scripts/fuzz.sh || status=1
(cd ui && npm test) || status=1
(cd ui && npm run e2e) || status=1
exit $status
