package analysis

import (
	"context"
	"math"
	"testing"
)

// TestBrandesDirections checks that the direction of each search level
// changes nothing: betweenness with every level top-down, every level
// bottom-up, and the default mix agree. (The values themselves are
// checked against gonum and networkx in centrality_test.go.)
func TestBrandesDirections(t *testing.T) {
	p := genProjection(t, scaled(5000), 7)
	run := func(ratio int64) []float64 {
		t.Helper()
		saved := bottomUpRatio
		defer func() { bottomUpRatio = saved }()
		bottomUpRatio = ratio
		bc, err := p.Betweenness(context.Background(), 200, 1)
		if err != nil {
			t.Fatal(err)
		}
		return bc
	}
	want := run(bottomUpRatio)
	for _, tc := range []struct {
		name  string
		ratio int64
	}{{"top-down", 0}, {"bottom-up", 1 << 50}} {
		got := run(tc.ratio)
		var worst float64
		for v := range want {
			worst = max(worst, math.Abs(got[v]-want[v]))
		}
		if worst > 1e-12 {
			t.Errorf("%s: differs from the default by up to %.2e", tc.name, worst)
		}
	}
}
