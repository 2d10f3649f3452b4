// Package neo4j is the graph.Store backed by a Neo4j 5 server, through
// the official Go driver (imported as driver).
//
// The package is cut by concern; each file holds one:
//
//   - neo4j.go: Config, Store, New (connect and check the server), Close,
//     ServerVersion.
//   - tx.go: sessions and transactions: readTx and writeTx (one session per
//     call, managed transactions the driver may retry), closeSession, and
//     the collect/consume statement helpers.
//   - errors.go: driver errors mapped to graph error kinds by
//     Neo4jError.Code (mapError, codeKind), never by message text.
//   - health.go: the health watch that makes reads fail fast while the
//     server is stopped or frozen, and Ping.
//   - codec.go: the property codec, graph.Node and graph.Edge to Neo4j
//     properties and back (nodeProps, edgeProps, decodeNode, decodeEdge),
//     the labels of node types and the derived search properties.
//   - schema.go: the labels, constraints and indexes the store needs
//     (ensureSchema, CheckSchema, the migration of replaced indexes,
//     awaitFulltext).
//   - version.go: dataset versions: the content hash that names a version,
//     the active (:Dataset) node, beginning, activating and deleting
//     versions.
//   - load.go: Load: the structural check, then nodes and relationships
//     written in concurrent batches (runBatches) as a new version.
//   - lock.go: the load lock, one load at a time, released at once by a
//     load that dies.
//   - progress.go: LoadProgress and the tracker that reports it.
//   - read.go: the graph.Store reads (Node, Nodes, Edges, NodeEdges,
//     Neighborhood, Stats, Version, EachNode, EachEdge), pinned to the
//     active version.
//   - search.go: Search over the text and full-text indexes.
//   - console.go: the read-only Cypher console (Query), decided from the
//     EXPLAIN plan's operators; console_values.go
//     turns its results (nodes, relationships, paths, values) into
//     graph values.
//   - importfiles.go: files for neo4j-admin database import.
//
// docs/neo4j.md describes the graph as it is stored ("Graph schema in
// Neo4j") and how to run a server for the store.
package neo4j
