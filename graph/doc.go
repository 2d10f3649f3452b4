// Package graph is backchannel's domain: the evidence graph of people,
// organisations, offices, events and documents, the Store interface every
// backend implements, and the algorithms that run on it.
//
// The package imports only the standard library and gonum. Backends
// (graph/mem, graph/neo4j), the HTTP server and the CLI depend on it, never
// the other way round.
//
// Every relationship carries its evidence: who asserts it, in which
// document, with a verbatim quote, and whether that source supports or
// denies it. Its Status summarises the evidence (confirmed, reported,
// alleged, disputed), so an analyst can always see why an edge exists.
//
// The dataset's rules (ids, references, types, statuses and evidence,
// duplicates, dates) live in rules.go: CheckDataset lists every problem,
// ValidateDataset turns them into the error both stores' Load return.
package graph
