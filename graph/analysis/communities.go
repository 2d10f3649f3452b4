package analysis

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"

	"github.com/backchannel/backchannel/graph"
)

// MaxCommunityNodes bounds Communities: gonum's Louvain keeps per-node
// maps and runs for minutes beyond it.
const MaxCommunityNodes = 200_000

// Communities partitions the simple undirected view by modularity with
// gonum's Louvain (community.Modularize, resolution 1, seeded), and
// returns each node's community numbered by decreasing size, the sizes,
// and the modularity Q of the partition. graph.ErrInvalid beyond
// MaxCommunityNodes.
func (p *Projection) Communities(ctx context.Context, seed uint64) (labels []int32, sizes []int32, q float64, err error) {
	if p.N() > MaxCommunityNodes {
		return nil, nil, 0, fmt.Errorf("%w: communities on %d nodes: at most %d, filter the graph first", graph.ErrInvalid, p.N(), MaxCommunityNodes)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, 0, fmt.Errorf("communities: %w", err)
	}
	g := p.GonumUndirected()
	reduced := community.Modularize(g, 1, rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	comms := reduced.Communities()
	for _, c := range comms {
		slices.SortFunc(c, func(a, b gonum.Node) int { return int(a.ID() - b.ID()) })
	}
	slices.SortStableFunc(comms, func(a, b []gonum.Node) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return int(a[0].ID() - b[0].ID())
	})
	labels = make([]int32, p.N())
	for i, c := range comms {
		sizes = append(sizes, int32(len(c)))
		for _, v := range c {
			labels[v.ID()] = int32(i)
		}
	}
	return labels, sizes, community.Q(g, comms, 1), nil
}
