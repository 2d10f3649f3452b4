package analysis

// BFS computes hop distances from src over relationships in either
// direction: dist[v] is set for every reached node, and must hold -1 for
// every node on entry (len N). It returns the number of nodes reached.
// Top-down while the frontier is small, bottom-up (each unreached node
// looks for a parent in the frontier) once the frontier touches more than
// a fifteenth of the relationships, as in Beamer et al.'s
// direction-optimizing BFS; O(N+M).
func (p *Projection) BFS(src int32, dist []int32) int {
	n := p.N()
	frontier := []int32{src}
	dist[src] = 0
	reached := 1
	inFrontier := make([]bool, 0)
	m2 := int64(2 * p.M())
	for level := int32(1); len(frontier) > 0; level++ {
		var fdeg int64
		for _, v := range frontier {
			fdeg += p.degree(v)
		}
		var next []int32
		if fdeg*15 > m2 {
			// bottom-up
			if len(inFrontier) == 0 {
				inFrontier = make([]bool, n)
			}
			for _, v := range frontier {
				inFrontier[v] = true
			}
			for v := range int32(n) {
				if dist[v] >= 0 {
					continue
				}
				found := false
				for _, u := range p.outAdj[p.outOff[v]:p.outOff[v+1]] {
					if inFrontier[u] {
						found = true
						break
					}
				}
				if !found {
					for _, u := range p.inAdj[p.inOff[v]:p.inOff[v+1]] {
						if inFrontier[u] {
							found = true
							break
						}
					}
				}
				if found {
					dist[v] = level
					next = append(next, v)
				}
			}
			for _, v := range frontier {
				inFrontier[v] = false
			}
		} else {
			for _, v := range frontier {
				for _, w := range p.outAdj[p.outOff[v]:p.outOff[v+1]] {
					if dist[w] < 0 {
						dist[w] = level
						next = append(next, w)
					}
				}
				for _, w := range p.inAdj[p.inOff[v]:p.inOff[v+1]] {
					if dist[w] < 0 {
						dist[w] = level
						next = append(next, w)
					}
				}
			}
		}
		reached += len(next)
		frontier = next
	}
	return reached
}
