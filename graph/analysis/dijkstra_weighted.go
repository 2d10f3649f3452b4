package analysis

import (
	"slices"
)

// cheapest is Dijkstra's algorithm on evidence costs. With a hop bound it
// searches (node, hops) labels and keeps a label only if no settled label
// of its node has as few hops (settled labels are cheaper), which makes
// the bounded search exact; each node is settled at most MaxHops times.
func (sr *search) cheapest(src, dst int32) (ipath, bool) {
	p, s := sr.p, sr.s
	ep := sr.begin()
	if sr.blocked(src) || sr.blocked(dst) {
		return ipath{}, false
	}
	type label struct {
		node, hops, parent, via int32
		cost                    float64
	}
	labels := []label{{node: src, parent: -1}}
	h := &labelHeap{less: func(a, b int32) bool {
		la, lb := &labels[a], &labels[b]
		if la.cost != lb.cost {
			return la.cost < lb.cost
		}
		if la.hops != lb.hops {
			return la.hops < lb.hops
		}
		return a < b
	}}
	h.push(0)
	bounded := sr.maxHops > 0
	dominated := func(v, hops int32) bool {
		// blocked nodes look settled at distance -2
		return s.seen[v][0] == ep && (!bounded || s.st[v].dist[0] <= hops)
	}
	for h.len() > 0 {
		li := h.pop()
		l := labels[li]
		if dominated(l.node, l.hops) {
			continue
		}
		s.seen[l.node][0], s.st[l.node].dist[0] = ep, l.hops
		if l.node == dst {
			var ip ipath
			for i := li; i >= 0; i = labels[i].parent {
				ip.nodes = append(ip.nodes, labels[i].node)
				if labels[i].parent >= 0 {
					ip.via = append(ip.via, labels[i].via)
				}
			}
			slices.Reverse(ip.nodes)
			slices.Reverse(ip.via)
			ip.cost = l.cost
			return ip, true
		}
		if bounded && int(l.hops) >= sr.maxHops {
			continue
		}
		relax := func(w, via int32) {
			e := edgeOf(via)
			if dominated(w, l.hops+1) || (sr.bannedEdges != nil && sr.bannedEdges[e]) {
				return
			}
			labels = append(labels, label{node: w, hops: l.hops + 1, parent: li, via: via, cost: l.cost + p.EdgeCost(e)})
			h.push(int32(len(labels) - 1))
		}
		adj, edges := p.Out(l.node)
		for k, w := range adj {
			relax(w, edges[k])
		}
		if !sr.directed {
			adj, edges = p.In(l.node)
			for k, w := range adj {
				relax(w, ^edges[k])
			}
		}
	}
	return ipath{}, false
}

// labelHeap is a binary min-heap of label indices.
type labelHeap struct {
	items []int32
	less  func(a, b int32) bool
}

func (h *labelHeap) len() int { return len(h.items) }

func (h *labelHeap) push(x int32) {
	h.items = append(h.items, x)
	i := len(h.items) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !h.less(h.items[i], h.items[parent]) {
			break
		}
		h.items[i], h.items[parent] = h.items[parent], h.items[i]
		i = parent
	}
}

func (h *labelHeap) pop() int32 {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.less(h.items[l], h.items[m]) {
			m = l
		}
		if r < last && h.less(h.items[r], h.items[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
	return top
}
