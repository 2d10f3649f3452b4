package analysis

import (
	"math"
	"slices"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// Directed is a gonum view of a Projection: node IDs are the projection's
// node indices, edges its relationships collapsed per ordered pair (a
// gonum graph has at most one edge from u to v), weighted by the cheapest
// EdgeCost among them. It lets gonum's algorithms run on the projection,
// as the oracle in tests.
type Directed struct{ p *Projection }

// Undirected is the simple undirected gonum view: an edge between u and v
// when a relationship joins them either way, with weight 1.
type Undirected struct {
	p *Projection
	u ucsr
}

var (
	_ gonum.Directed         = Directed{}
	_ gonum.WeightedDirected = Directed{}
	_ gonum.Undirected       = Undirected{}
)

// Gonum returns the directed gonum view of p.
func (p *Projection) Gonum() Directed { return Directed{p: p} }

// GonumUndirected returns the simple undirected gonum view of p; it
// builds the undirected neighbour rows (up to 8 bytes per relationship).
func (p *Projection) GonumUndirected() Undirected { return Undirected{p: p, u: p.undirected()} }

func (g Directed) has(id int64) bool { return id >= 0 && id < int64(g.p.N()) }

// Node returns the node with the given ID, or nil.
func (g Directed) Node(id int64) gonum.Node {
	if !g.has(id) {
		return nil
	}
	return simple.Node(id)
}

// Nodes returns all nodes.
func (g Directed) Nodes() gonum.Nodes {
	if g.p.N() == 0 {
		return gonum.Empty
	}
	return iterator.NewImplicitNodes(0, g.p.N(), func(id int) gonum.Node { return simple.Node(id) })
}

// From returns the distinct targets of id's out-row.
func (g Directed) From(id int64) gonum.Nodes {
	if !g.has(id) {
		return gonum.Empty
	}
	adj, _ := g.p.Out(int32(id))
	return rowNodes(adj)
}

// To returns the distinct sources of id's in-row.
func (g Directed) To(id int64) gonum.Nodes {
	if !g.has(id) {
		return gonum.Empty
	}
	adj, _ := g.p.In(int32(id))
	return rowNodes(adj)
}

// rowNodes lists a sorted row's distinct entries.
func rowNodes(row []int32) gonum.Nodes {
	if len(row) == 0 {
		return gonum.Empty
	}
	nodes := make([]gonum.Node, 0, len(row))
	for i, w := range row {
		if i == 0 || row[i-1] != w {
			nodes = append(nodes, simple.Node(w))
		}
	}
	return iterator.NewOrderedNodes(nodes)
}

// HasEdgeFromTo binary-searches u's sorted out-row.
func (g Directed) HasEdgeFromTo(uid, vid int64) bool {
	if !g.has(uid) || !g.has(vid) {
		return false
	}
	adj, _ := g.p.Out(int32(uid))
	_, ok := slices.BinarySearch(adj, int32(vid))
	return ok
}

// HasEdgeBetween reports an edge either way.
func (g Directed) HasEdgeBetween(xid, yid int64) bool {
	return g.HasEdgeFromTo(xid, yid) || g.HasEdgeFromTo(yid, xid)
}

// Edge returns the edge from u to v, or nil.
func (g Directed) Edge(uid, vid int64) gonum.Edge { return g.WeightedEdge(uid, vid) }

// WeightedEdge returns the edge from u to v with its weight, or nil.
func (g Directed) WeightedEdge(uid, vid int64) gonum.WeightedEdge {
	w, ok := g.weight(uid, vid)
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(uid), T: simple.Node(vid), W: w}
}

func (g Directed) weight(uid, vid int64) (float64, bool) {
	if !g.has(uid) || !g.has(vid) {
		return 0, false
	}
	adj, edges := g.p.Out(int32(uid))
	i, ok := slices.BinarySearch(adj, int32(vid))
	if !ok {
		return 0, false
	}
	w := math.Inf(1)
	for ; i < len(adj) && adj[i] == int32(vid); i++ {
		w = min(w, g.p.EdgeCost(edges[i]))
	}
	return w, true
}

// Weight returns the weight of the edge from x to y: 0 for x == y, +Inf
// and false when there is no edge (gonum's simple graphs' convention).
func (g Directed) Weight(xid, yid int64) (w float64, ok bool) {
	if xid == yid && g.has(xid) {
		return 0, true
	}
	if w, ok := g.weight(xid, yid); ok {
		return w, true
	}
	return math.Inf(1), false
}

// Node returns the node with the given ID, or nil.
func (g Undirected) Node(id int64) gonum.Node { return Directed{g.p}.Node(id) }

// Nodes returns all nodes.
func (g Undirected) Nodes() gonum.Nodes { return Directed{g.p}.Nodes() }

// From returns id's distinct neighbours.
func (g Undirected) From(id int64) gonum.Nodes {
	if !(Directed{g.p}).has(id) {
		return gonum.Empty
	}
	return rowNodes(g.u.row(int32(id)))
}

// HasEdgeBetween binary-searches x's neighbour row.
func (g Undirected) HasEdgeBetween(xid, yid int64) bool {
	d := Directed{g.p}
	if !d.has(xid) || !d.has(yid) {
		return false
	}
	_, ok := slices.BinarySearch(g.u.row(int32(xid)), int32(yid))
	return ok
}

// Edge returns the edge between u and v, or nil.
func (g Undirected) Edge(uid, vid int64) gonum.Edge { return g.EdgeBetween(uid, vid) }

// EdgeBetween returns the edge between x and y, or nil.
func (g Undirected) EdgeBetween(xid, yid int64) gonum.Edge {
	if !g.HasEdgeBetween(xid, yid) {
		return nil
	}
	return simple.Edge{F: simple.Node(xid), T: simple.Node(yid)}
}
