package analysis

import (
	"context"
	"fmt"
	"math"

	"github.com/backchannel/backchannel/graph"
)

// Eigenvector returns eigenvector centrality on the simple undirected
// view, as networkx's eigenvector_centrality: power iteration of A+I from
// the uniform vector, normalised to unit Euclidean length, until the L1
// change is below N x tol (networkx: tol 1e-6, 100 iterations). It
// returns graph.ErrInvalid if it has not converged after maxIter
// iterations, like networkx's PowerIterationFailedConvergence.
func (p *Projection) Eigenvector(ctx context.Context, tol float64, maxIter int) ([]float64, error) {
	n := p.N()
	if n == 0 {
		return nil, nil
	}
	u := p.undirected()
	x := make([]float64, n)
	next := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for range maxIter {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("eigenvector: %w", err)
		}
		var norm float64
		for v := range n {
			sum := x[v]
			for _, w := range u.row(int32(v)) {
				sum += x[w]
			}
			next[v] = sum
			norm += sum * sum
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			norm = 1
		}
		var diff float64
		for v := range n {
			next[v] /= norm
			diff += math.Abs(next[v] - x[v])
		}
		x, next = next, x
		if diff < float64(n)*tol {
			return x, nil
		}
	}
	return nil, fmt.Errorf("%w: eigenvector centrality did not converge in %d iterations", graph.ErrInvalid, maxIter)
}
