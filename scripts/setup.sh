#!/usr/bin/env bash
# Install what the test suite needs on a fresh Debian machine, skipping
# what is already there: Debian's chromium (driven by playwright-core; no
# tool downloads its own browser), xmllint for schema validation, Python
# networkx and igraph for the export checks and benchmarks, staticcheck at
# the version in scripts/staticcheck.version, and the Maven-built local
# Neo4j (built on first `scripts/neo4j-up.sh`).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
if ((${#need_apt[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing ${need_apt[*]}; install them with: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
  echo "setup: apt-get install ${need_apt[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! python3 -c 'import networkx, igraph, followthemoney' >/dev/null 2>&1; then
  echo "setup: pip install -r scripts/requirements.txt" >&2
  python3 -m pip install -q --disable-pip-version-check -r scripts/requirements.txt
fi
# staticcheck, pinned: scripts/test.sh runs exactly this version.
staticcheck_version=$(cat scripts/staticcheck.version)
staticcheck="$(go env GOPATH)/bin/staticcheck"
if ! "$staticcheck" -version 2>/dev/null | grep -qF "(${staticcheck_version#v})"; then
  echo "setup: go install honnef.co/go/tools/cmd/staticcheck@$staticcheck_version" >&2
  GOFLAGS= go install "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version"
fi
echo "setup: ok" >&2
