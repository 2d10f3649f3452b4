package analysis

import (
	"slices"
)

// fewestHops is a bidirectional breadth-first search. Each round expands
// the whole next level of the side whose frontier has the smaller total
// degree; once a level produces a meeting, the best meeting of that level
// is a shortest path.
func (sr *search) fewestHops(src, dst int32) (ipath, bool) {
	p, s := sr.p, sr.s
	ep := sr.begin()
	if sr.blocked(src) || sr.blocked(dst) {
		return ipath{}, false
	}
	if src == dst {
		return ipath{nodes: []int32{src}}, true
	}
	s.seen[src][0], s.st[src].dist[0] = ep, 0
	s.seen[dst][1], s.st[dst].dist[1] = ep, 0
	fF := append(s.frontier[:0], src)
	fB := append(s.next[:0], dst)
	var nxt []int32
	costF, costB := p.degree(src), p.degree(dst)
	dF, dB := int32(0), int32(0)
	best, meet := int32(-1), int32(-1)
	for len(fF) > 0 && len(fB) > 0 {
		if sr.maxHops > 0 && int(dF+dB) >= sr.maxHops {
			break
		}
		forward := costF <= costB
		var cost int64
		if forward {
			nxt, cost, best, meet = sr.expand(fF, nxt[:0], dF, true, best, meet)
			fF, nxt = nxt, fF
			costF = cost
			dF++
		} else {
			nxt, cost, best, meet = sr.expand(fB, nxt[:0], dB, false, best, meet)
			fB, nxt = nxt, fB
			costB = cost
			dB++
		}
		if best >= 0 {
			break
		}
	}
	// keep the grown buffers for the next query
	s.frontier, s.next = fF[:0], fB[:0]
	if best < 0 || (sr.maxHops > 0 && int(best) > sr.maxHops) {
		return ipath{}, false
	}
	return sr.join(src, dst, meet), true
}

// expand grows one side by a level, and stops at the first meeting with
// the other side, which is a shortest path: a meeting at a node the other
// side reached before its latest level would have been found when that
// side expanded it. It returns the next frontier, its total degree and
// the meeting (best is the path length, -1 if none).
//
// On a large graph each node the search touches is a cache miss, so it
// touches little: a reached node records the row position it was reached
// through, not the relationship (whose index sits in another array, read
// only for the hops of the answer, in join), and the frontier's degree
// comes from a byte per node (see degree.go), not from two offset arrays.
func (sr *search) expand(frontier, next []int32, depth int32, forward bool, best, meet int32) ([]int32, int64, int32, int32) {
	p, s := sr.p, sr.s
	ep := s.epoch
	f, o := 0, 1
	if !forward {
		f, o = 1, 0
	}
	seen, st := s.seen, s.st
	var cost int64
	banned := sr.bannedEdges
	for _, v := range frontier {
		// Forward: follow v -> w (out-row); backward: w -> v (in-row).
		for pass := 0; pass < 2; pass++ {
			out := pass == 0
			if sr.directed && out != forward {
				continue
			}
			var adj, edges []int32
			var base int32
			if out {
				adj, edges = p.Out(v)
				base = p.outOff[v]
			} else {
				adj, edges = p.In(v)
				base = p.inOff[v]
			}
			for k, w := range adj {
				sn := &seen[w]
				if sn[f] == ep { // also blocked nodes
					continue
				}
				if banned != nil && banned[edges[k]] {
					continue
				}
				pos := base + int32(k)
				if !out {
					pos = ^pos
				}
				sn[f] = ep
				sw := &st[w]
				sw.dist[f], sw.par[f], sw.via[f] = depth+1, v, pos
				next = append(next, w)
				cost += p.degree(w)
				if sn[o] == ep {
					return next, cost, depth + 1 + sw.dist[o], w
				}
			}
		}
	}
	return next, cost, best, meet
}

// hop turns a row position recorded by expand on side f (0: forward)
// into a via: the relationship, complemented when it runs against the
// path's direction.
func (sr *search) hop(f int, pos int32) int32 {
	out := pos >= 0
	var e int32
	if out {
		e = sr.p.outEdge[pos]
	} else {
		e = sr.p.inEdge[^pos]
	}
	// forward side: an out-row runs parent -> child, along the path;
	// backward side: an in-row runs child -> parent, along the path
	if out != (f == 0) {
		return ^e
	}
	return e
}

// join builds the path src ... meet ... dst from both sides' parents.
func (sr *search) join(src, dst, meet int32) ipath {
	s := sr.s
	var ip ipath
	for v := meet; v != src; v = s.st[v].par[0] {
		ip.nodes = append(ip.nodes, v)
		ip.via = append(ip.via, sr.hop(0, s.st[v].via[0]))
	}
	ip.nodes = append(ip.nodes, src)
	slices.Reverse(ip.nodes)
	slices.Reverse(ip.via)
	for v := meet; v != dst; v = s.st[v].par[1] {
		ip.via = append(ip.via, sr.hop(1, s.st[v].via[1]))
		ip.nodes = append(ip.nodes, s.st[v].par[1])
	}
	ip.cost = float64(len(ip.via))
	return ip
}
