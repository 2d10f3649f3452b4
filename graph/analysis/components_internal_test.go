package analysis

import "testing"

// TestComponentsMatchBFS checks Components' labels, not only its sizes
// (which centrality_test.go compares with gonum): two nodes share a label
// exactly when a breadth-first search from one reaches the other, and
// labels rank components by size. The generated graph has a giant
// component and many small ones, so both of Components' phases matter.
func TestComponentsMatchBFS(t *testing.T) {
	p := genProjection(t, scaled(30000), 11)
	labels, sizes := p.Components()
	n := p.N()
	// a plain breadth-first labelling, over rows both ways
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
	}
	var queue []int32
	next := int32(0)
	for v := range int32(n) {
		if comp[v] >= 0 {
			continue
		}
		comp[v] = next
		queue = append(queue[:0], v)
		for len(queue) > 0 {
			u := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			out, _ := p.Out(u)
			in, _ := p.In(u)
			for _, w := range append(append([]int32(nil), out...), in...) {
				if comp[w] < 0 {
					comp[w] = next
					queue = append(queue, w)
				}
			}
		}
		next++
	}
	if int(next) != len(sizes) {
		t.Fatalf("%d components, BFS finds %d", len(sizes), next)
	}
	// the two labellings must be the same partition
	toLabel := make([]int32, next)
	for i := range toLabel {
		toLabel[i] = -1
	}
	count := make([]int32, len(sizes))
	for v := range n {
		c, l := comp[v], labels[v]
		if toLabel[c] < 0 {
			toLabel[c] = l
		}
		if toLabel[c] != l {
			t.Fatalf("node %d: BFS component %d has labels %d and %d", v, c, toLabel[c], l)
		}
		count[l]++
	}
	for l := range sizes {
		if count[l] != sizes[l] {
			t.Fatalf("label %d: %d nodes, size says %d", l, count[l], sizes[l])
		}
	}
	for i := 1; i < len(sizes); i++ {
		if sizes[i] > sizes[i-1] {
			t.Fatalf("sizes not in descending order at %d: %v", i, sizes[:i+1])
		}
	}
	t.Logf("%d nodes, %d components, largest %d", n, len(sizes), sizes[0])
}
