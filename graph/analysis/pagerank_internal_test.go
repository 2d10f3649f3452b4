package analysis

import (
	"context"
	"math"
	"testing"
)

// TestPageRankMixedPrecision checks that the float32 warm-up changes
// nothing that float64 can see: with and without it, PageRank to 1e-10
// agrees to well within the tolerance, and the scores sum to 1. It runs
// on a generated graph large enough for PageRank to warm up by itself,
// and on a small one with the warm-up forced.
func TestPageRankMixedPrecision(t *testing.T) {
	for _, n := range []int{3000, minMixedPrecision + 1000} {
		p := genProjection(t, n, 3)
		ctx := context.Background()
		want, it64, err := p.pageRank(ctx, 0.85, 1e-12, 1000, false)
		if err != nil {
			t.Fatal(err)
		}
		got, itMixed, err := p.pageRank(ctx, 0.85, 1e-12, 1000, true)
		if err != nil {
			t.Fatal(err)
		}
		var l1, sum float64
		for v := range want {
			l1 += math.Abs(got[v] - want[v])
			sum += got[v]
		}
		t.Logf("%d nodes: float64 %d iterations, mixed %d; L1 distance %.2e, sum %.15f", n, it64, itMixed, l1, sum)
		if l1 > 1e-11 || math.Abs(sum-1) > 1e-12 {
			t.Errorf("%d nodes: mixed precision is %.2e from float64 in L1 and sums to %.15f; want < 1e-11 and 1", n, l1, sum)
		}
		if n >= minMixedPrecision {
			auto, _, err := p.PageRank(ctx, 0.85, 1e-12, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if auto[0] != got[0] {
				t.Errorf("%d nodes: PageRank did not warm up in float32 by itself", n)
			}
		}
	}
}
