package graph

import "context"

// Reader answers the questions the API asks of a graph. Every method takes
// the request's context first; implementations return ErrNotFound,
// ErrInvalid or ErrUnavailable (wrapped) as documented per method.
type Reader interface {
	// Node returns one node. ErrNotFound if id is unknown.
	Node(ctx context.Context, id string) (Node, error)
	// Nodes returns the nodes with the given ids, in the order given,
	// skipping unknown ids.
	Nodes(ctx context.Context, ids []string) ([]Node, error)
	// Edges returns the edges with the given ids, in the order given,
	// skipping unknown ids.
	Edges(ctx context.Context, ids []string) ([]Edge, error)
	// NodeEdges returns every edge that starts or ends at id, sorted by
	// edge id. ErrNotFound if id is unknown.
	NodeEdges(ctx context.Context, id string) ([]Edge, error)
	// Search ranks nodes whose name or alias matches q: exact matches
	// first, then prefixes, then fuzzy matches (see MatchName).
	// ErrInvalid for an empty query or a limit outside 1..MaxSearchLimit.
	Search(ctx context.Context, q string, limit int) ([]Hit, error)
	// Neighborhood returns the k-hop neighbourhood of id as a subgraph.
	// ErrNotFound if id is unknown; ErrInvalid if the query is out of
	// range (see NeighborQuery.Check).
	Neighborhood(ctx context.Context, id string, q NeighborQuery) (Subgraph, error)
	// Stats counts nodes and edges by type and status.
	Stats(ctx context.Context) (Stats, error)
	// DocumentText returns the text on file of document id, verbatim, and
	// true; "" and false when the node has none (a document that is only
	// cited, or a node of another type). ErrNotFound if id is unknown.
	DocumentText(ctx context.Context, id string) (string, bool, error)
}

// Scanner streams the whole graph, for exports and for the in-memory
// analysis projection. Nodes and edges come in id order. fn's error stops
// the scan and is returned.
type Scanner interface {
	EachNode(ctx context.Context, fn func(Node) error) error
	EachEdge(ctx context.Context, fn func(Edge) error) error
	// EachText calls fn with every document that has a text on file, in
	// id order.
	EachText(ctx context.Context, fn func(id, text string) error) error
	// Version changes whenever the data changes, so that caches
	// (centrality, the analysis projection) know when to refresh.
	Version(ctx context.Context) (string, error)
}

// Loader replaces the graph with a dataset. A reader sees either the old
// graph or the new one, never a mix.
//
// Load first applies the dataset's rules (ValidateDataset, rules.go) and
// refuses a dataset that breaks one with a *DatasetError listing every
// problem: ErrConflict for a duplicate node or edge id, ErrInvalid for
// anything else (a nil dataset too). A refused load changes nothing.
// Otherwise ErrUnavailable when the backend does not answer, or the
// context's error.
type Loader interface {
	Load(ctx context.Context, ds *Dataset) error
}

// Store is a complete backend: the embedded in-memory store (graph/mem)
// or Neo4j (graph/neo4j).
type Store interface {
	Reader
	Scanner
	Loader
	// Backend names the implementation: "embedded" or "neo4j".
	Backend() string
	Close(ctx context.Context) error
}

// Dataset is a whole graph in memory, as the loaders build it from files.
type Dataset struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
	// Texts holds the text on file of documents, by document id, verbatim
	// (evidence quotes it; the explorer shows it with its quotes in
	// place). Each belongs to a document node (see rules.go).
	Texts map[string]string `json:"texts,omitempty"`
}

// Subgraph is a part of the graph in the native JSON shape
// {"nodes":[...],"edges":[...]}, the public contract that exports and the
// API share. Truncated is set when a cap cut it short.
type Subgraph struct {
	Nodes     []Node `json:"nodes"`
	Edges     []Edge `json:"edges"`
	Truncated bool   `json:"truncated,omitempty"`
}

// Stats counts a graph.
type Stats struct {
	Nodes     int            `json:"nodes"`
	Edges     int            `json:"edges"`
	NodeTypes map[string]int `json:"node_types"`
	EdgeTypes map[string]int `json:"edge_types"`
	Statuses  map[string]int `json:"statuses"`
}

// CountStats counts ds the way Reader.Stats reports it; both stores count
// with it when they load.
func CountStats(ds *Dataset) Stats {
	st := Stats{
		Nodes:     len(ds.Nodes),
		Edges:     len(ds.Edges),
		NodeTypes: map[string]int{},
		EdgeTypes: map[string]int{},
		Statuses:  map[string]int{},
	}
	for i := range ds.Nodes {
		st.NodeTypes[string(ds.Nodes[i].Type)]++
	}
	for i := range ds.Edges {
		st.EdgeTypes[ds.Edges[i].Type]++
		st.Statuses[string(ds.Edges[i].Status)]++
	}
	return st
}

// QueryRunner is implemented by backends that run Cypher (graph/neo4j).
// The embedded store does not implement it; the server then answers 501
// with a message that says how to start with Neo4j.
type QueryRunner interface {
	// Query runs read-only Cypher. ErrReadOnly if the query would write
	// or is forbidden (LOAD CSV, admin procedures); ErrInvalid for a
	// syntax error; ErrUnavailable on timeout or a lost connection.
	Query(ctx context.Context, q Query) (QueryResult, error)
}

// Query is a read-only Cypher request.
type Query struct {
	Cypher string         `json:"query"`
	Params map[string]any `json:"params,omitempty"`
	// Timeout in milliseconds (0: the backend's default, 10 s) and MaxRows
	// (0: the backend's default, 5,000).
	TimeoutMillis int `json:"timeout_ms,omitempty"`
	MaxRows       int `json:"max_rows,omitempty"`
}

// QueryResult is a table, and the graph its rows contain (nodes,
// relationships and paths), in the native shape so a UI can draw it.
type QueryResult struct {
	Columns   []string `json:"columns"`
	Rows      [][]any  `json:"rows"`
	Truncated bool     `json:"truncated"`
	Graph     Subgraph `json:"graph"`
}
