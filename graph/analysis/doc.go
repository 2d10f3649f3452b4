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
//
// Files, one algorithm each, as gonum lays out its own:
//
//   - projection.go: Build, the CSR projection and its filtered Subgraph;
//     engine.go: the Engine that caches projections per store version
//     and answers path and centrality queries by name;
//   - paths.go: PathQuery, Path, EdgeCost and Projection.Paths, which
//     picks the search; bfs_shortest.go: fewest hops (bidirectional BFS);
//     all_shortest.go: every fewest-hop path; dijkstra_weighted.go:
//     cheapest by evidence (Dijkstra); yen_ksp.go: Yen's k shortest
//     loopless paths;
//   - degree.go, betweenness.go (with brandes.go, its per-source kernel),
//     closeness.go (closeness and harmonic), pagerank.go, eigenvector.go,
//     components.go, communities.go (gonum's Louvain), bfs.go (one
//     source's hop distances);
//   - undirected.go: the simple undirected view the undirected measures
//     run on; parallel.go: splitting work across cores; scratch.go and
//     idindex.go: per-search buffers and the id index; gonum.go: the
//     gonum views.
//
// Reading the nodes and relationships of an answer from a store is not
// done here: callers take PathIDs and read them (graph.ReadSubgraph).
package analysis
