package analysis_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
)

// smallGraph: three ways from a to d.
//
//	a -> b -> c -> d       confirmed, 3 hops, undated
//	a -> x,  d -> x        alleged, then disputed; 2 hops, undated
//	a -> y -> d            reported, dated 2020 and 2022
func smallGraph() *graph.Dataset {
	ds := &graph.Dataset{}
	for _, id := range []string{"p:a", "p:b", "p:c", "p:d", "p:x", "p:y"} {
		ds.Nodes = append(ds.Nodes, graph.Node{ID: id, Type: graph.Person, Name: id})
	}
	ds.Edges = []graph.Edge{
		edge("p:a", "CONTACTED", "p:b", graph.Confirmed, ""),
		edge("p:b", "CONTACTED", "p:c", graph.Confirmed, ""),
		edge("p:c", "CONTACTED", "p:d", graph.Confirmed, ""),
		edge("p:a", "CONTACTED", "p:x", graph.Alleged, ""),
		edge("p:d", "CONTACTED", "p:x", graph.Disputed, ""),
		edge("p:a", "BRIEFED", "p:y", graph.Reported, "2020-05"),
		edge("p:y", "BRIEFED", "p:d", graph.Reported, "2022"),
	}
	// An explicit id, rebuilt from the map rather than the endpoints.
	ds.Edges[0].ID = "rel:ab"
	return ds
}

func TestPaths(t *testing.T) {
	ctx := context.Background()
	base, _ := project(t, smallGraph())
	for _, tc := range []struct {
		name   string
		filter graph.Filter
		q      analysis.PathQuery
		want   [][]string // node sequences, best first
		costs  []float64
	}{
		{name: "shortest", q: analysis.PathQuery{}, want: [][]string{{"p:a", "p:x", "p:d"}}, costs: []float64{12}},
		{name: "all shortest", q: analysis.PathQuery{Mode: analysis.All},
			want: [][]string{{"p:a", "p:x", "p:d"}, {"p:a", "p:y", "p:d"}}},
		{name: "only confirmed", filter: graph.Filter{Statuses: []graph.Status{graph.Confirmed}},
			want: [][]string{{"p:a", "p:b", "p:c", "p:d"}}, costs: []float64{3}},
		{name: "confirmed or reported", filter: graph.Filter{Statuses: []graph.Status{graph.Confirmed, graph.Reported}},
			q: analysis.PathQuery{Mode: analysis.All}, want: [][]string{{"p:a", "p:y", "p:d"}}},
		{name: "as of 2021-02", filter: graph.Filter{Window: graph.Window{Before: "2021-02"}},
			q: analysis.PathQuery{Mode: analysis.All}, want: [][]string{{"p:a", "p:x", "p:d"}}},
		{name: "dated only", filter: graph.Filter{Window: graph.Window{RequireDate: true}},
			want: [][]string{{"p:a", "p:y", "p:d"}}},
		{name: "types", filter: graph.Filter{Types: []string{"CONTACTED"}},
			q: analysis.PathQuery{Mode: analysis.All}, want: [][]string{{"p:a", "p:x", "p:d"}}},
		{name: "avoid", q: analysis.PathQuery{Avoid: []string{"p:x", "p:y"}}, want: [][]string{{"p:a", "p:b", "p:c", "p:d"}}},
		{name: "max hops", q: analysis.PathQuery{Mode: analysis.KShortest, K: 5, MaxHops: 2},
			want: [][]string{{"p:a", "p:x", "p:d"}, {"p:a", "p:y", "p:d"}}},
		{name: "max hops too short", q: analysis.PathQuery{MaxHops: 1}, want: nil},
		{name: "k shortest", q: analysis.PathQuery{Mode: analysis.KShortest, K: 5},
			want: [][]string{{"p:a", "p:x", "p:d"}, {"p:a", "p:y", "p:d"}, {"p:a", "p:b", "p:c", "p:d"}}},
		// confirmed chain 3 < reported pair 4 < alleged+disputed 12
		{name: "weighted", q: analysis.PathQuery{Mode: analysis.Weighted, K: 3},
			want:  [][]string{{"p:a", "p:b", "p:c", "p:d"}, {"p:a", "p:y", "p:d"}, {"p:a", "p:x", "p:d"}},
			costs: []float64{3, 4, 12}},
		{name: "weighted within 2 hops", q: analysis.PathQuery{Mode: analysis.Weighted, MaxHops: 2},
			want: [][]string{{"p:a", "p:y", "p:d"}}, costs: []float64{4}},
		{name: "directed", q: analysis.PathQuery{Directed: true, Mode: analysis.All},
			want: [][]string{{"p:a", "p:b", "p:c", "p:d"}, {"p:a", "p:y", "p:d"}}[1:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := base.Subgraph(tc.filter, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.Paths(ctx, "p:a", "p:d", tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var nodes [][]string
			for _, g := range got {
				nodes = append(nodes, g.Nodes)
				checkPath(t, p, g, "p:a", "p:d")
			}
			if !slices.EqualFunc(nodes, tc.want, slices.Equal) {
				t.Errorf("%+v with %+v: got %v, want %v", tc.q, tc.filter, nodes, tc.want)
			}
			for i, c := range tc.costs {
				if i < len(got) && got[i].Cost != c {
					t.Errorf("path %d: got cost %g, want %g", i, got[i].Cost, c)
				}
			}
		})
	}
	t.Run("explicit relationship id", func(t *testing.T) {
		got, err := base.Paths(ctx, "p:b", "p:a", analysis.PathQuery{})
		if err != nil || len(got) != 1 || got[0].Edges[0] != "rel:ab" {
			t.Errorf("got %+v, %v; want one hop over rel:ab", got, err)
		}
	})
	t.Run("same node", func(t *testing.T) {
		got, err := base.Paths(ctx, "p:a", "p:a", analysis.PathQuery{})
		if err != nil || len(got) != 1 || got[0].Hops != 0 {
			t.Errorf("got %+v, %v; want one empty path", got, err)
		}
	})
}

func TestBuildFilterMatchesSubgraph(t *testing.T) {
	ctx := context.Background()
	ds := smallGraph()
	base, st := project(t, ds)
	f := graph.Filter{Statuses: []graph.Status{graph.Confirmed, graph.Alleged}, Window: graph.Window{After: "2019"}}
	built, err := analysis.Build(ctx, st, analysis.BuildOptions{Filter: f, Avoid: []string{"p:b"}})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := base.Subgraph(f, []string{"p:b"})
	if err != nil {
		t.Fatal(err)
	}
	var want int
	for _, e := range ds.Edges {
		if f.Keep(&e) && e.Source != "p:b" && e.Target != "p:b" {
			want++
		}
	}
	if built.M() != want || sub.M() != want {
		t.Errorf("relationships: built %d, subgraph %d, want %d", built.M(), sub.M(), want)
	}
}

func TestPathErrors(t *testing.T) {
	ctx := context.Background()
	p, _ := project(t, smallGraph())
	for _, tc := range []struct {
		name     string
		from, to string
		q        analysis.PathQuery
		want     error
	}{
		{"unknown from", "p:nobody", "p:d", analysis.PathQuery{}, graph.ErrNotFound},
		{"unknown to", "p:a", "p:nobody", analysis.PathQuery{}, graph.ErrNotFound},
		{"bad mode", "p:a", "p:d", analysis.PathQuery{Mode: "fastest"}, graph.ErrInvalid},
		{"k too big", "p:a", "p:d", analysis.PathQuery{Mode: analysis.KShortest, K: 1000}, graph.ErrInvalid},
		{"negative hops", "p:a", "p:d", analysis.PathQuery{MaxHops: -1}, graph.ErrInvalid},
		{"avoid an end", "p:a", "p:d", analysis.PathQuery{Avoid: []string{"p:d"}}, graph.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.Paths(ctx, tc.from, tc.to, tc.q)
			if !errors.Is(err, tc.want) {
				t.Errorf("Paths(%s, %s, %+v): got %v, want %v", tc.from, tc.to, tc.q, err, tc.want)
			}
		})
	}
	if _, err := p.Subgraph(graph.Filter{Statuses: []graph.Status{"rumoured"}}, nil); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad status filter: got %v, want ErrInvalid", err)
	}
}

func TestDayRangeMatchesDates(t *testing.T) {
	for _, d := range []graph.Date{"1900", "1999-12", "2000-02", "2021-02-14", "2024-02-29", "2023-12-31", "1969-07-20"} {
		for _, w := range []graph.Window{{Before: d}, {After: d}, {After: "2020", Before: d}} {
			for _, e := range []graph.Date{"", "2021", "2021-02", "2021-02-28", "2021-03-01", "1999", "2079-06"} {
				ds := smallGraph()
				ds.Edges[0].Date = e
				p, _ := project(t, ds)
				sub, err := p.Subgraph(graph.Filter{Window: w}, nil)
				if err != nil {
					t.Fatal(err)
				}
				want := 0
				for _, ed := range ds.Edges {
					if w.Contains(ed.Date, ed.EndDate) {
						want++
					}
				}
				if sub.M() != want {
					t.Errorf("window %+v, first edge dated %q: kept %d, want %d", w, e, sub.M(), want)
				}
			}
		}
	}
}
