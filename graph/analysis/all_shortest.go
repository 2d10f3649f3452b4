package analysis

import (
	"slices"
)

// allShortest enumerates the fewest-hop paths, at most limit, in a
// deterministic order. It finds the distance d, then runs a BFS from each
// end bounded by d; a hop u->w lies on a shortest path exactly when
// distS(u)+1+distT(w) == d. Parallel relationships give distinct paths.
func (sr *search) allShortest(src, dst int32, limit int) []ipath {
	first, ok := sr.fewestHops(src, dst)
	if !ok {
		return nil
	}
	d := int32(len(first.via))
	if d == 0 {
		return []ipath{first}
	}
	s := sr.s
	ep := sr.begin()
	sr.bfsLevels(src, d, true, ep)
	sr.bfsLevels(dst, d, false, ep)
	var out []ipath
	nodes := []int32{src}
	var vias []int32
	var walk func(v int32)
	walk = func(v int32) {
		if len(out) >= limit {
			return
		}
		if v == dst {
			out = append(out, ipath{nodes: slices.Clone(nodes), via: slices.Clone(vias), cost: float64(d)})
			return
		}
		step := func(w, via int32) {
			sw, sv := &s.st[w], &s.st[v]
			if s.seen[w] == [2]uint16{ep, ep} && sw.dist[0] == sv.dist[0]+1 && sw.dist[0]+sw.dist[1] == d {
				nodes, vias = append(nodes, w), append(vias, via)
				walk(w)
				nodes, vias = nodes[:len(nodes)-1], vias[:len(vias)-1]
			}
		}
		adj, edges := sr.p.Out(v)
		for k, w := range adj {
			step(w, edges[k])
		}
		if !sr.directed {
			adj, edges = sr.p.In(v)
			for k, w := range adj {
				step(w, ^edges[k])
			}
		}
	}
	walk(src)
	return out
}

// bfsLevels marks distances from root up to depth on one side: forward
// follows out-rows, backward in-rows (both ways when undirected).
func (sr *search) bfsLevels(root, depth int32, forward bool, ep uint16) {
	p, s := sr.p, sr.s
	f := 0
	if !forward {
		f = 1
	}
	s.seen[root][f], s.st[root].dist[f] = ep, 0
	frontier := []int32{root}
	for lvl := int32(0); lvl < depth && len(frontier) > 0; lvl++ {
		var next []int32
		visit := func(w int32) {
			if sn := &s.seen[w]; sn[f] != ep { // blocked nodes look seen
				sn[f], s.st[w].dist[f] = ep, lvl+1
				next = append(next, w)
			}
		}
		for _, v := range frontier {
			if forward || !sr.directed {
				adj, _ := p.Out(v)
				for _, w := range adj {
					visit(w)
				}
			}
			if !forward || !sr.directed {
				adj, _ := p.In(v)
				for _, w := range adj {
					visit(w)
				}
			}
		}
		frontier = next
	}
}
