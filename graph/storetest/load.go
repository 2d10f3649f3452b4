package storetest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/backchannel/backchannel/graph"
)

// problem is what a store must say about one broken rule.
type problem struct {
	Rule  graph.Rule
	ID    string
	Field string
	Ref   string
}

// loadCases are datasets each store must answer identically: the error
// kind, and every problem (rule, record, field, reference) that
// graph.ValidateDataset finds. Each case changes a fresh Fixture.
var loadCases = []struct {
	name   string
	change func(ds *graph.Dataset)
	kind   error // nil: the load succeeds
	want   []problem
}{
	{
		name: "good: a node and a relationship more",
		change: func(ds *graph.Dataset) {
			ds.Nodes = append(ds.Nodes, graph.Node{ID: "person:jenny-kwan", Type: graph.Person, Name: "Jenny Kwan"})
			ds.Edges = append(ds.Edges, graph.Edge{ID: "kwan-csis", Source: "org:csis", Target: "person:jenny-kwan", Type: "BRIEFED", Status: graph.Reported,
				Evidence: []graph.Evidence{ev("CSIS briefed her", graph.Supports)}})
		},
	},
	{
		// The embedded store said ErrConflict, Neo4j ErrInvalid (issue 14).
		name: "duplicate node id is ErrConflict on every store",
		change: func(ds *graph.Dataset) {
			ds.Nodes = append(ds.Nodes, graph.Node{ID: "person:han-dong", Type: graph.Person, Name: "Han Dong (again)"})
		},
		kind: graph.ErrConflict,
		want: []problem{{graph.RuleDuplicate, "person:han-dong", "id", "person:han-dong"}},
	},
	{
		name: "duplicate edge id is ErrConflict",
		change: func(ds *graph.Dataset) {
			e := ds.Edges[0]
			e.Target = "org:prc"
			ds.Edges = append(ds.Edges, e)
		},
		kind: graph.ErrConflict,
		want: []problem{{graph.RuleDuplicate, "conversation", "id", "conversation"}},
	},
	{
		name: "dangling: an edge to an unknown node",
		change: func(ds *graph.Dataset) {
			ds.Edges = append(ds.Edges, graph.Edge{ID: "dangling", Source: "person:han-dong", Target: "person:ghost", Type: "CONTACTED", Status: graph.Reported,
				Evidence: []graph.Evidence{ev("x", graph.Supports)}})
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleUnknownNode, "dangling", "target", "person:ghost"}},
	},
	{
		name: "dangling: evidence citing an unknown document",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Evidence[0].Document = "doc:ghost"
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleUnknownDocument, "conversation", "evidence[0].document", "doc:ghost"}},
	},
	{
		name: "bad status",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Status = "rumoured"
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleRecord, "conversation", "status", ""}},
	},
	{
		// The embedded store accepted it, Neo4j refused it (issue 14).
		name: "bad status and no evidence is refused by every store",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Status = "rumoured"
			ds.Edges[0].Evidence = nil
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleRecord, "conversation", "status", ""}, {graph.RuleRecord, "conversation", "evidence", ""}},
	},
	{
		name: "bad evidence: no quote, an unknown stance, no attribution",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Evidence = append(ds.Edges[0].Evidence, graph.Evidence{Document: "doc:article", Stance: "maybe"})
		},
		kind: graph.ErrInvalid,
		want: []problem{
			{graph.RuleRecord, "conversation", "evidence[1].stance", ""},
			{graph.RuleRecord, "conversation", "evidence[1].quote", ""},
			{graph.RuleRecord, "conversation", "evidence[1].attributed_to", ""},
		},
	},
	{
		name: "bad evidence: citing a node that is not a document",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Evidence[0].Document = "person:han-tao"
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleNotDocument, "conversation", "evidence[0].document", "person:han-tao"}},
	},
	{
		name: "conflict: a confirmed status that evidence denies",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Evidence = append(ds.Edges[0].Evidence, ev("never spoke", graph.Denies))
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleRecord, "conversation", "status", ""}},
	},
	{
		name: "conflict: disputed without a denial",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Status = graph.Disputed
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleRecord, "conversation", "status", ""}},
	},
	{
		name: "an edge type that does not link these node types",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].Type = "HOLDS_OFFICE"
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleEndpoints, "conversation", "type", ""}},
	},
	{
		name: "bad node: id, type, name and date",
		change: func(ds *graph.Dataset) {
			ds.Nodes = append(ds.Nodes, graph.Node{ID: "Han Dong", Type: "human", Date: "2021-13"})
		},
		kind: graph.ErrInvalid,
		want: []problem{
			{graph.RuleRecord, "Han Dong", "id", ""},
			{graph.RuleRecord, "Han Dong", "type", ""},
			{graph.RuleRecord, "Han Dong", "name", ""},
			{graph.RuleRecord, "Han Dong", "date", ""},
		},
	},
	{
		name: "texts only for document nodes",
		change: func(ds *graph.Dataset) {
			ds.Texts = map[string]string{"person:han-dong": "a text", "doc:ghost": "another"}
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleText, "doc:ghost", "text", "doc:ghost"}, {graph.RuleText, "person:han-dong", "text", "person:han-dong"}},
	},
	{
		name: "dates out of order",
		change: func(ds *graph.Dataset) {
			ds.Edges[0].EndDate = "2020"
		},
		kind: graph.ErrInvalid,
		want: []problem{{graph.RuleRecord, "conversation", "end_date", ""}},
	},
}

func ev(quote string, stance graph.Stance) graph.Evidence {
	return graph.Evidence{Document: "doc:article", Quote: quote, AttributedTo: "Global News", Stance: stance}
}

// testLoad loads each of loadCases over the Fixture. A dataset that breaks
// a rule is refused with the documented kind and problems, and leaves the
// graph as it was; a good one replaces it.
func testLoad(t *testing.T, open Opener) {
	st := open(t, Fixture())
	before, err := st.Stats(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	version, err := st.Version(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range loadCases {
		if tc.kind == nil {
			continue // good cases last: they change the graph
		}
		t.Run(tc.name, func(t *testing.T) {
			ds := Fixture()
			tc.change(ds)
			err := st.Load(ctx(t), ds)
			wantErr(t, "Load", err, tc.kind)
			for _, other := range []error{graph.ErrInvalid, graph.ErrConflict} {
				if other != tc.kind && errors.Is(err, other) {
					t.Errorf("Load: got %v, which is also %v; want only %v", err, other, tc.kind)
				}
			}
			var de *graph.DatasetError
			if !errors.As(err, &de) {
				t.Fatalf("Load: got %v (%T), want a *graph.DatasetError", err, err)
			}
			var got []problem
			for _, p := range de.Problems {
				got = append(got, problem{p.Rule, p.ID, p.Field, p.Ref})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Load: problems\n got %+v\nwant %+v", got, tc.want)
			}
			after, err := st.Stats(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(after, before) {
				t.Errorf("after a refused load, Stats: got %+v, want the previous %+v", after, before)
			}
			if v, err := st.Version(ctx(t)); err != nil || v != version {
				t.Errorf("after a refused load, Version: got %q, %v; want the previous %q", v, err, version)
			}
		})
	}
	t.Run("nil dataset", func(t *testing.T) {
		wantErr(t, "Load(nil)", st.Load(ctx(t), nil), graph.ErrInvalid)
	})
	for _, tc := range loadCases {
		if tc.kind != nil {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			ds := Fixture()
			tc.change(ds)
			if err := st.Load(ctx(t), ds); err != nil {
				t.Fatalf("Load: %v", err)
			}
			got, err := st.Stats(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			if want := graph.CountStats(ds); !reflect.DeepEqual(got, want) {
				t.Errorf("Stats: got %+v, want %+v", got, want)
			}
			if v, err := st.Version(ctx(t)); err != nil || v == version {
				t.Errorf("Version after a good load: got %q, %v; want a new one (was %q)", v, err, version)
			}
		})
	}
}
