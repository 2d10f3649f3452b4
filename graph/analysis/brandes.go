package analysis

import "slices"

// brandes is one worker's state for Brandes' betweenness, one source at
// a time.
//
// The arrays are separate, and the breadth-first search touches only
// dist for most neighbours: on a million nodes a 4 MB dist array stays
// in the cache, while one 32-byte record per node (tried first: one miss
// per visited node instead of one per array) made every neighbour test a
// miss to memory, and the search ten times slower.
type brandes struct {
	dist         []int32   // hops from the source; -1: not reached
	sigma, delta []float64 // shortest-path counts and dependencies
	acc          []float64 // this worker's betweenness sums
	order        []int32   // nodes in the order reached
	dag          []int32   // (parent, child) pairs of the shortest-path DAG, in discovery order
}

func newBrandes(n int) *brandes {
	b := &brandes{
		dist:  make([]int32, n),
		sigma: make([]float64, n),
		delta: make([]float64, n),
		acc:   make([]float64, n),
		order: make([]int32, 0, n),
	}
	for i := range b.dist {
		b.dist[i] = -1
	}
	return b
}

// bottomUpRatio picks the direction of each level of the search: a
// level goes bottom-up (every node not yet reached scans its row for
// parents in the frontier) when the frontier's rows hold more than
// 1/bottomUpRatio of the unreached nodes' row entries. Top-down visits
// the frontier's rows in random order, a cache miss per row; bottom-up
// reads rows in index order, which the hardware prefetches, so it wins
// well before it does less work. Unlike a plain BFS, a node cannot stop
// at its first parent: it needs every parent's path count.
var bottomUpRatio int64 = 16

// source adds the dependencies of source s to acc and leaves the state
// clean for the next source. The search is level-synchronous and
// direction-optimising (Beamer et al. 2012); each top-down level's new
// nodes are sorted, so the next level reads their rows in index order.
func (b *brandes) source(u ucsr, s int32) {
	dist, sigma, delta := b.dist, b.sigma, b.delta
	order, dag := b.order[:0], b.dag[:0]
	sigma[s], dist[s] = 1, 0
	order = append(order, s)
	unreached := int64(len(u.adj)) - int64(u.off[s+1]-u.off[s])
	for lo, level := 0, int32(0); lo < len(order); level++ {
		hi := len(order)
		var fdeg int64
		for _, v := range order[lo:hi] {
			fdeg += int64(u.off[v+1] - u.off[v])
		}
		next := level + 1
		if fdeg*bottomUpRatio < unreached {
			for _, v := range order[lo:hi] {
				sv := sigma[v]
				for _, w := range u.adj[u.off[v]:u.off[v+1]] {
					dw := dist[w]
					if dw < 0 {
						dist[w], dw = next, next
						order = append(order, w)
					}
					if dw == next {
						sigma[w] += sv
						dag = append(dag, v, w)
					}
				}
			}
			slices.Sort(order[hi:])
		} else {
			for w, dw := range dist {
				if dw >= 0 {
					continue
				}
				var sw float64
				for _, v := range u.adj[u.off[w]:u.off[w+1]] {
					if dist[v] == level {
						sw += sigma[v]
						dag = append(dag, v, int32(w))
					}
				}
				if sw > 0 {
					dist[w], sigma[w] = next, sw
					order = append(order, int32(w))
				}
			}
		}
		for _, w := range order[hi:] {
			unreached -= int64(u.off[w+1] - u.off[w])
		}
		lo = hi
	}
	// Accumulate along the DAG edges in reverse discovery order: a
	// child's edges to its own children were found after the edge from
	// its parent, so its delta is final when used. This reads only DAG
	// edges, not every neighbour again.
	for i := len(dag) - 2; i >= 0; i -= 2 {
		v, w := dag[i], dag[i+1]
		delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
	}
	for _, w := range order {
		if w != s {
			b.acc[w] += delta[w]
		}
		sigma[w], delta[w], dist[w] = 0, 0, -1
	}
	b.order, b.dag = order, dag
}
