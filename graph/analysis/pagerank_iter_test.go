package analysis_test

import (
	"context"
	"testing"

	"github.com/backchannel/backchannel/graph/gen"
)

// TestPageRankConverges checks that PageRank converges to the
// tight tolerance in fewer iterations than the power method's bound
// (0.85^k < 1e-10 needs 142) on a generated power-law graph.
func TestPageRankConverges(t *testing.T) {
	ds, _, err := gen.Generate(gen.Config{Nodes: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := project(t, ds)
	x, iters, err := p.PageRank(context.Background(), 0.85, 1e-10, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, v := range x {
		sum += v
	}
	t.Logf("%d iterations, sum %.15f", iters, sum)
	if iters >= 60 || sum < 1-1e-9 || sum > 1+1e-9 {
		t.Errorf("got %d iterations and sum %.15f; want < 60 and 1", iters, sum)
	}
}
