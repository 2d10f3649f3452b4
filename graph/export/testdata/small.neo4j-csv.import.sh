#!/bin/sh
# Import this export into an empty Neo4j 5 database with the offline
# importer. Stop the server first; run from this directory (or give the
# files' paths). Arrays (aliases, evidence_quotes, ...) are separated by
# U+001F; quotes and descriptions may span lines.
set -e
cd "$(dirname "$0")"
neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=U+001F --multiline-fields=true --overwrite-destination neo4j
