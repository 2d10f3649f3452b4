package analysis

import (
	"context"
	"fmt"

	"github.com/backchannel/backchannel/graph"
)

// Closeness returns closeness centrality on the simple undirected view,
// as networkx's closeness_centrality with its default wf_improved=True:
// for a node reaching r-1 others at total distance D,
//
//	C = (r-1)/D x (r-1)/(N-1)
//
// (0 if it reaches none), which scales down nodes in small components.
// Harmonic returns networkx's harmonic_centrality: the sum of 1/d over
// the other reachable nodes, not normalised.
//
// Both run a BFS from every node, O(N x (N+M)) split across cores, and
// return graph.ErrInvalid beyond MaxExactWork.
func (p *Projection) Closeness(ctx context.Context) ([]float64, error) {
	return p.distanceSums(ctx, false)
}

// Harmonic: see Closeness.
func (p *Projection) Harmonic(ctx context.Context) ([]float64, error) {
	return p.distanceSums(ctx, true)
}

func (p *Projection) distanceSums(ctx context.Context, harmonic bool) ([]float64, error) {
	n := p.N()
	if float64(n)*float64(n+p.M()) > MaxExactWork {
		return nil, fmt.Errorf("%w: closeness on %d nodes and %d relationships is too much work: filter the graph first", graph.ErrInvalid, n, p.M())
	}
	u := p.undirected()
	sources := make([]int32, n)
	for i := range sources {
		sources[i] = int32(i)
	}
	out := make([]float64, n)
	err := parallelSources(ctx, sources, func() func(s int32) {
		dist := make([]int32, n)
		for i := range dist {
			dist[i] = -1
		}
		order := make([]int32, 0, n)
		return func(s int32) {
			if s < 0 {
				return
			}
			order = append(order[:0], s)
			dist[s] = 0
			var total int64
			var inv float64
			for head := 0; head < len(order); head++ {
				v := order[head]
				for _, w := range u.row(v) {
					if dist[w] < 0 {
						dist[w] = dist[v] + 1
						total += int64(dist[w])
						inv += 1 / float64(dist[w])
						order = append(order, w)
					}
				}
			}
			if harmonic {
				out[s] = inv
			} else if total > 0 && n > 1 {
				r := float64(len(order) - 1)
				out[s] = r / float64(total) * r / float64(n-1)
			}
			for _, v := range order {
				dist[v] = -1
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
