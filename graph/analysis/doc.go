// Package analysis holds backchannel's in-memory analysis: a compact CSR
// projection of the graph built by streaming a graph.Scanner, path
// queries on it (fewest hops, all fewest-hop paths, k shortest loopless
// paths, evidence-weighted paths) and centrality (degree, betweenness,
// closeness, harmonic closeness, PageRank, eigenvector, weakly connected
// components, modularity communities).
//
// Directedness. Relationships are directed (source TYPE target), but
// analysts mostly ask how two nodes are connected whoever initiated each
// contact, so paths traverse relationships both ways unless the query
// asks for Directed. PageRank and in/out degree use the direction;
// betweenness, closeness, harmonic closeness, eigenvector centrality,
// components and communities run on the simple undirected view (one edge
// between two nodes joined by any relationship either way, as networkx's
// nx.Graph(G)). Each function's comment states the networkx call it
// matches, with networkx's default normalisation, so values can be
// compared with it; testdata/reference.json holds networkx 3.6.1's values
// on Zachary's karate club and Padgett's Florentine families.
//
// Evidence. Every relationship keeps its status and the number of
// independent sources supporting it; EdgeCost turns them into a cost for
// weighted paths (confirmed cheapest, disputed dearest).
//
// Errors. Unknown node ids are graph.ErrNotFound; out-of-range
// parameters and computations too large for the graph are
// graph.ErrInvalid. Nothing here panics on user input.
//
// Gonum. Projection.Gonum is a gonum graph.Directed and WeightedDirected
// view, checked with gonum's testgraph suite; the tests run gonum's
// algorithms on it as the oracle for the native ones.
package analysis
