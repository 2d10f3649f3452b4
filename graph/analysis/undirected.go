package analysis

import (
	"slices"
)

// ucsr is the simple undirected view of a projection: each node's
// distinct neighbours over relationships in either direction, without
// self-loops. It is what networkx's nx.Graph(G) sees, and what the
// undirected measures run on. It is built on demand (8 bytes per
// relationship at most) and dropped after the computation.
type ucsr struct {
	off, adj []int32
}

func (p *Projection) undirected() ucsr {
	n := p.N()
	u := ucsr{off: make([]int32, n+1)}
	u.adj = make([]int32, 0, 2*p.M())
	for v := range n {
		a, _ := p.Out(int32(v))
		b, _ := p.In(int32(v))
		// merge two sorted rows, dropping duplicates and v itself
		i, j := 0, 0
		last := int32(-1)
		for i < len(a) || j < len(b) {
			var w int32
			if j >= len(b) || (i < len(a) && a[i] <= b[j]) {
				w = a[i]
				i++
			} else {
				w = b[j]
				j++
			}
			if w != last && w != int32(v) {
				u.adj = append(u.adj, w)
				last = w
			}
		}
		u.off[v+1] = int32(len(u.adj))
	}
	u.adj = slices.Clip(u.adj)
	return u
}

func (u ucsr) row(v int32) []int32 { return u.adj[u.off[v]:u.off[v+1]] }
