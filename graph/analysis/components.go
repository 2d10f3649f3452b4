package analysis

import (
	"slices"
)

// Components labels the weakly connected components (relationship
// direction ignored): labels[v] is v's component, numbered 0, 1, ... by
// decreasing size (ties: lowest node index first), and sizes[c] is the
// size of component c. Union-find with path halving, O(M α(N)).
func (p *Projection) Components() (labels []int32, sizes []int32) {
	n := p.N()
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	// link joins the trees of a and b under the smaller root, so that a
	// root is always its component's smallest member.
	link := func(a, b int32) {
		a, b = find(a), find(b)
		if a < b {
			parent[b] = a
		} else if b < a {
			parent[a] = b
		}
	}
	// Afforest (Sutton et al. 2018): link every node to one neighbour each
	// way first, which on these graphs already gathers almost every node
	// into the giant component; then only nodes outside it need all their
	// rows read (both ways, so that an edge from the giant component to
	// an outside node is seen from the outside node's side). A node that
	// joins the giant component while this runs has nothing left to add:
	// its other neighbours are in it, or outside and still to come.
	for u := range int32(n) {
		if o := p.outOff[u]; o < p.outOff[u+1] {
			link(u, p.outAdj[o])
		}
		if o := p.inOff[u]; o < p.inOff[u+1] {
			link(u, p.inAdj[o])
		}
	}
	giant := int32(-1)
	if n > 0 {
		giant = find(mostCommonRoot(n, find))
	}
	for u := range int32(n) {
		if find(u) == giant {
			continue
		}
		for _, v := range p.outAdj[p.outOff[u]:p.outOff[u+1]] {
			link(u, v)
		}
		for _, v := range p.inAdj[p.inOff[u]:p.inOff[u+1]] {
			link(u, v)
		}
	}
	// roots are the smallest member; count and rank
	count := make([]int32, n)
	for v := range n {
		r := find(int32(v))
		parent[v] = r
		count[r]++
	}
	var roots []int32
	for v := range n {
		if parent[v] == int32(v) {
			roots = append(roots, int32(v))
		}
	}
	slices.SortStableFunc(roots, func(a, b int32) int { return int(count[b]) - int(count[a]) })
	rank := make([]int32, n)
	sizes = make([]int32, len(roots))
	for i, r := range roots {
		rank[r] = int32(i)
		sizes[i] = count[r]
	}
	labels = parent
	for v := range n {
		labels[v] = rank[parent[v]]
	}
	return labels, sizes
}

// mostCommonRoot estimates the root of the largest component from 1024
// nodes spread evenly over the index range.
func mostCommonRoot(n int, find func(int32) int32) int32 {
	counts := map[int32]int{}
	best, bestCount := int32(0), 0
	step := max(1, n/1024)
	for v := 0; v < n; v += step {
		r := find(int32(v))
		counts[r]++
		if counts[r] > bestCount {
			best, bestCount = r, counts[r]
		}
	}
	return best
}
