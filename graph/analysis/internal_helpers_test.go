package analysis

import (
	"context"
	"testing"

	"github.com/backchannel/backchannel/graph/gen"
	"github.com/backchannel/backchannel/graph/mem"
)

// genProjection builds the projection of a generated graph, for the
// package's internal tests.
func genProjection(tb testing.TB, nodes int, seed uint64) *Projection {
	tb.Helper()
	ds, _, err := gen.Generate(gen.Config{Nodes: nodes, Seed: seed})
	if err != nil {
		tb.Fatal(err)
	}
	st := mem.New()
	if err := st.Load(context.Background(), ds); err != nil {
		tb.Fatal(err)
	}
	p, err := Build(context.Background(), st, BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// scaled is n, or a third of it under the race detector (at least 100):
// the size of a large test graph, kept the same density by callers that
// scale nodes and relationships alike.
func scaled(n int) int {
	if RaceEnabled {
		return max(100, n/3)
	}
	return n
}

// Scaled is scaled for the external tests.
func Scaled(n int) int { return scaled(n) }
