package analysis

import (
	"testing"

	"github.com/backchannel/backchannel/graph"
)

// TestDegree checks the degree bytes against the offsets, hubs included,
// on a generated graph and on a filtered projection of it.
func TestDegree(t *testing.T) {
	p := genProjection(t, scaled(20000), 5)
	sub, err := p.Subgraph(graph.Filter{Statuses: []graph.Status{graph.Confirmed}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hubs := 0
	for _, q := range []*Projection{p, sub} {
		for v := range int32(q.N()) {
			want := int64(q.outOff[v+1]-q.outOff[v]) + int64(q.inOff[v+1]-q.inOff[v])
			if want >= deg8Saturated {
				hubs++
			}
			if got := q.degree(v); got != want {
				t.Fatalf("degree(%d) = %d, want %d", v, got, want)
			}
		}
	}
	if hubs == 0 {
		t.Errorf("no node of degree %d or more: the test misses the hubs' path", deg8Saturated)
	}
}
