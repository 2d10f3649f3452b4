package analysis

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/backchannel/backchannel/graph"
)

// MaxExactWork bounds the all-sources algorithms (exact betweenness,
// closeness, harmonic closeness), which cost N x (N+M): beyond it they
// return graph.ErrInvalid and ask for a filter or for sampling.
const MaxExactWork = 2e10

// Betweenness returns shortest-path betweenness on the simple undirected
// view (Brandes 2001), normalised like networkx's betweenness_centrality
// with its defaults (normalized=True, endpoints=False): the sum over
// pairs s != v != t of the share of s-t shortest paths through v, divided
// by (N-1)(N-2)/2.
//
// With samples > 0 it sums over that many source nodes drawn without
// replacement by a PCG generator seeded with seed, and scales by
// N/samples, like networkx's k=samples (which uses a different generator,
// so its sources differ). The estimate is unbiased; its error shrinks as
// 1/sqrt(samples). Measured (TestSampledBetweennessError): with 64 of
// 2000 sources on a sparse random graph, the top node is within 11-26%,
// while the summed absolute error is about half the summed betweenness,
// since small scores are noisy. samples >= N is exact.
//
// It costs O(S x (N+M)) for S sources, split across GOMAXPROCS cores.
// It returns graph.ErrInvalid if the work exceeds MaxExactWork, and the
// context's error if cancelled.
func (p *Projection) Betweenness(ctx context.Context, samples int, seed uint64) ([]float64, error) {
	n := p.N()
	sources := make([]int32, n)
	for i := range sources {
		sources[i] = int32(i)
	}
	if samples > 0 && samples < n {
		r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		r.Shuffle(n, func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
		sources = sources[:samples]
		slices.Sort(sources)
	}
	return p.BetweennessFrom(ctx, sources)
}

// BetweennessFrom sums betweenness over the given source nodes (node
// indices) and normalises as Betweenness does, scaling by
// N/len(sources) when they are fewer than N.
func (p *Projection) BetweennessFrom(ctx context.Context, sources []int32) ([]float64, error) {
	n := p.N()
	if float64(len(sources))*float64(n+p.M()) > MaxExactWork {
		return nil, fmt.Errorf("%w: betweenness from %d sources on %d nodes and %d relationships is too much work: filter the graph or sample fewer sources", graph.ErrInvalid, len(sources), n, p.M())
	}
	u := p.undirected()
	bc := make([]float64, n)
	var mu sync.Mutex
	err := parallelSources(ctx, sources, func() func(s int32) {
		b := newBrandes(n)
		return func(s int32) {
			if s < 0 { // flush
				mu.Lock()
				for i, a := range b.acc {
					bc[i] += a
				}
				mu.Unlock()
				return
			}
			b.source(u, s)
		}
	})
	if err != nil {
		return nil, err
	}
	if n > 2 {
		scale := 1 / float64((n-1)*(n-2))
		if len(sources) < n {
			scale *= float64(n) / float64(len(sources))
		}
		for i := range bc {
			bc[i] *= scale
		}
	}
	return bc, nil
}
