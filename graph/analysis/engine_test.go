package analysis_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
)

func TestEngineCachesPerVersion(t *testing.T) {
	ctx := context.Background()
	st := analysis.NewDatasetScanner(smallGraph())
	en := analysis.NewEngine(st)
	r, err := en.Centrality(ctx, analysis.CentralityQuery{Metric: analysis.MetricDegree, Top: 2})
	if err != nil {
		t.Fatal(err)
	}
	// a and d have three relationships each; ties go by id
	if len(r.Scores) != 2 || r.Scores[0].ID != "p:a" || r.Scores[1].ID != "p:d" || math.Abs(r.Scores[0].Score-0.6) > 1e-12 {
		t.Errorf("degree top 2: got %+v, want p:a, p:d at 0.6", r.Scores)
	}
	confirmed := graph.Filter{Statuses: []graph.Status{graph.Confirmed}}
	r, err = en.Centrality(ctx, analysis.CentralityQuery{Metric: analysis.MetricComponents, Filter: confirmed})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 3 || r.Groups[0].Size != 4 || r.Relationships != 3 {
		t.Errorf("confirmed components: got %+v, want groups of 4, 1, 1 over 3 relationships", r)
	}

	// A new load is a new version: the engine rebuilds.
	ds := smallGraph()
	ds.Edges = ds.Edges[:1]
	st.Load(ds)
	r, err = en.Centrality(ctx, analysis.CentralityQuery{Metric: analysis.MetricDegree, Top: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Relationships != 1 || math.Abs(r.Scores[0].Score-0.2) > 1e-12 {
		t.Errorf("after reload: got %+v, want 1 relationship", r)
	}
	paths, err := en.Paths(ctx, "p:a", "p:d", graph.Filter{}, analysis.PathQuery{})
	if err != nil || len(paths) != 0 {
		t.Errorf("after reload: got paths %v, %v; want none", paths, err)
	}

	for _, q := range []analysis.CentralityQuery{
		{Metric: "fame"},
		{Metric: analysis.MetricDegree, Top: -1},
		{Metric: analysis.MetricDegree, Filter: graph.Filter{Types: []string{"KNOWS"}}},
	} {
		if _, err := en.Centrality(ctx, q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%+v: got %v, want ErrInvalid", q, err)
		}
	}
}

// TestSampledBetweennessError measures the error of sampled betweenness
// against the exact values on a sparse random graph (2000 nodes, mean
// degree 8) with 64 sources. Measured: the top node's score is within
// 11-26% (seeds 1-3), and the summed absolute error is about half the
// summed betweenness, because most nodes' small scores are noisy; use
// sampled values to find brokers, not to rank minor nodes.
func TestSampledBetweennessError(t *testing.T) {
	ctx := context.Background()
	p, _ := project(t, randomGraph(2000, 6000, 7))
	exact, err := p.Betweenness(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []uint64{1, 2, 3} {
		est, err := p.Betweenness(ctx, 64, seed)
		if err != nil {
			t.Fatal(err)
		}
		var maxV, sumAbs, sumExact float64
		var top int
		for v := range exact {
			sumAbs += math.Abs(est[v] - exact[v])
			sumExact += exact[v]
			if exact[v] > maxV {
				maxV, top = exact[v], v
			}
		}
		rel := math.Abs(est[top]-exact[top]) / exact[top]
		mean := sumAbs / sumExact
		t.Logf("seed %d: top node relative error %.3f, total absolute error / total %.3f", seed, rel, mean)
		if rel > 0.3 || mean > 0.6 {
			t.Errorf("seed %d: top relative error %.3f (want <= 0.3), relative L1 error %.3f (want <= 0.6)", seed, rel, mean)
		}
	}
}

func TestPathIDs(t *testing.T) {
	paths := []analysis.Path{
		{Nodes: []string{"p:a", "p:c", "p:b"}, Edges: []string{"e2", "e1"}},
		{Nodes: []string{"p:a", "p:b"}, Edges: []string{"e3"}},
	}
	nodes, edges := analysis.PathIDs(paths)
	if got, want := fmt.Sprint(nodes, edges), "[p:a p:b p:c] [e1 e2 e3]"; got != want {
		t.Errorf("PathIDs: got %s, want %s", got, want)
	}
}
