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
