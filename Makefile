# backchannel: the two commands a newcomer needs are `make run` and `make test`.
GO    ?= go
BIN   := bin/backchannel
ADDR  ?= 127.0.0.1:8080

.PHONY: run build ui go-build test setup neo4j-up neo4j-down e2e screenshots bench clean

## run: build everything and serve the explorer on the embedded seed graph
run: build
	$(BIN) serve --addr $(ADDR)

## build: the UI bundle (npm ci + esbuild), then the Go binary that embeds it
build: ui go-build

go-build:
	$(GO) build -o $(BIN) ./cmd/backchannel

ui:
	cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build

## setup: install what the tests need (chromium, xmllint, Python peers); idempotent
setup:
	bash scripts/setup.sh

## test: everything, against a real Neo4j started by scripts/neo4j-up.sh
test: setup build
	bash scripts/test.sh

neo4j-up:
	bash scripts/neo4j-up.sh

neo4j-down:
	bash scripts/neo4j-down.sh

## e2e: only the browser tests (needs `make build`)
e2e: build
	cd ui && npm run e2e

## screenshots: the explorer's screenshots in docs/, taken by the browser tests (needs `make build`)
screenshots: build
	cd ui && SCREENSHOTS_DIR=$(CURDIR)/docs node --test --test-concurrency=1 --test-name-pattern='finding 7|done when' test/e2e/reporter.test.js

## bench: backchannel vs python-igraph and networkx on generated graphs (docs/benchmarks.md)
BENCH_NODES ?= 10000 100000 1000000
bench:
	PYTHON=$${PYTHON:-python3} bash scripts/bench/run.sh $(BENCH_NODES)

clean:
	rm -rf bin ui/dist/assets
