#!/usr/bin/env bash
# Run every Go fuzzer of the parsers and importers for a bounded time
# (FUZZTIME, default 5s each). A crash fails the run and leaves the input
# in the package's testdata/fuzz/ for `go test` to replay.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-5s}
status=0
# Every Fuzz function of the module, as "package function".
while read -r pkg fn; do
  echo "fuzz: $pkg $fn ($fuzztime)" >&2
  go test "$pkg" -run '^$' -fuzz "^${fn}\$" -fuzztime "$fuzztime" >/dev/null || { echo "fuzz: $pkg $fn FAILED" >&2; status=1; }
done < <(grep -rl --include='*_test.go' '^func Fuzz' graph server cmd 2>/dev/null | sort | while read -r f; do
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //' | sed "s|^|./$(dirname "$f") |"
done)
exit $status
