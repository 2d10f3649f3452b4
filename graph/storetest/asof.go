package storetest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph"
)

// StoryFixture is the advice claim's life in miniature, for the as-of
// statuses: alleged by sources and denied by Dong (both 2023-03), found
// false by a special rapporteur (2023-05-23, a paraphrase of a cited
// report), and the conversation itself confirmed by Dong. One more claim
// is withdrawn by its source in 2024.
func StoryFixture() *graph.Dataset {
	article, finding := "doc:article", "doc:finding"
	return &graph.Dataset{
		Nodes: []graph.Node{
			{ID: article, Type: graph.Document, Name: "MP advised diplomat", Aliases: []string{}, Kind: "article", Date: "2023-03-22", URL: "https://example.org/a"},
			{ID: finding, Type: graph.Document, Name: "Rapporteur: the allegation is false", Aliases: []string{}, Kind: "article", Date: "2023-05-23",
				URL: "https://example.org/finding", Props: map[string]string{"outlet": "Example News"}},
			{ID: "person:han-dong", Type: graph.Person, Name: "Han Dong", Aliases: []string{"Dong"}},
			{ID: "person:han-tao", Type: graph.Person, Name: "Han Tao", Aliases: []string{}},
			{ID: "person:source", Type: graph.Person, Name: "A source", Aliases: []string{}},
		},
		Edges: []graph.Edge{
			{ID: "advice", Source: "person:han-dong", Target: "person:han-tao", Type: "ADVISED", Status: graph.Refuted, Date: "2021-02",
				Evidence: []graph.Evidence{
					{Document: article, Kind: graph.Quote, Quote: "Beijing ought to maintain off", Date: "2023-03-22", AttributedTo: "two national security sources", Stance: graph.Supports},
					{Document: article, Kind: graph.Quote, Quote: "denies that he suggested", Date: "2023-03-21", AttributedTo: "Han Dong, emailed statement", Stance: graph.Denies},
					{Document: finding, Kind: graph.Paraphrase, Paraphrase: "The rapporteur found the allegation false.", Date: "2023-05-23", AttributedTo: "special rapporteur", Stance: graph.Refutes},
				}},
			{ID: "conversation", Source: "person:han-dong", Target: "person:han-tao", Type: "CONTACTED", Status: graph.Confirmed, Date: "2021-02",
				Evidence: []graph.Evidence{
					{Document: article, Kind: graph.Quote, Quote: "Dong confirmed", Date: "2023-03-21", AttributedTo: "Han Dong, emailed statement", Stance: graph.Supports},
					{Document: finding, Kind: graph.Paraphrase, Paraphrase: "The rapporteur says they discussed the detainees.", Date: "2023-05-23", AttributedTo: "special rapporteur", Stance: graph.Supports, Grade: graph.Confirmed},
				}},
			{ID: "withdrawn", Source: "person:source", Target: "person:han-dong", Type: "ACCUSED", Status: graph.Retracted, Date: "2023",
				Evidence: []graph.Evidence{
					{Document: article, Kind: graph.Quote, Quote: "a claim", Date: "2023-03-22", AttributedTo: "a source", Stance: graph.Supports, Grade: graph.Alleged},
					{Document: finding, Kind: graph.Paraphrase, Paraphrase: "The source withdrew the claim.", Date: "2023-05", AttributedTo: "a source", Stance: graph.Retracts},
				}},
		},
	}
}

// testAsOf checks that neighbourhoods take statuses as of the filter's
// date, carry each relationship's timeline up to then, and that standing
// filters drop refuted and retracted claims; and that dated evidence of
// both kinds round-trips.
func testAsOf(t *testing.T, open Opener) {
	ds := StoryFixture()
	st := open(t, ds)
	status := func(sub graph.Subgraph) map[string]graph.Status {
		out := map[string]graph.Status{}
		for _, e := range sub.Edges {
			out[e.ID] = e.Status
		}
		return out
	}
	tests := []struct {
		name string
		f    graph.Filter
		want map[string]graph.Status
	}{
		{"today", graph.Filter{}, map[string]graph.Status{"advice": graph.Refuted, "conversation": graph.Confirmed, "withdrawn": graph.Retracted}},
		{"as of 2023-04", graph.Filter{Window: graph.Window{Before: "2023-04"}}, map[string]graph.Status{"advice": graph.Disputed, "conversation": graph.Confirmed, "withdrawn": graph.Alleged}},
		{"as of 2023-06", graph.Filter{Window: graph.Window{Before: "2023-06"}}, map[string]graph.Status{"advice": graph.Refuted, "conversation": graph.Confirmed, "withdrawn": graph.Retracted}},
		{"as of 2022", graph.Filter{Window: graph.Window{Before: "2022"}}, map[string]graph.Status{"advice": graph.Unreported, "conversation": graph.Unreported}},
		{"standing as of 2023-04", graph.Filter{Standing: true, Window: graph.Window{Before: "2023-04"}}, map[string]graph.Status{"advice": graph.Disputed, "conversation": graph.Confirmed, "withdrawn": graph.Alleged}},
		{"standing as of 2023-06", graph.Filter{Standing: true, Window: graph.Window{Before: "2023-06"}}, map[string]graph.Status{"conversation": graph.Confirmed}},
		{"standing today", graph.Filter{Standing: true}, map[string]graph.Status{"conversation": graph.Confirmed}},
		{"refuted as of 2023-06", graph.Filter{Statuses: []graph.Status{graph.Refuted}, Window: graph.Window{Before: "2023-06"}}, map[string]graph.Status{"advice": graph.Refuted}},
		{"disputed as of 2023-06", graph.Filter{Statuses: []graph.Status{graph.Disputed}, Window: graph.Window{Before: "2023-06"}}, map[string]graph.Status{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := st.Neighborhood(ctx(t), "person:han-dong", graph.NeighborQuery{Filter: tt.f})
			if err != nil {
				t.Fatalf("Neighborhood(%+v): %v", tt.f, err)
			}
			if got := status(sub); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("statuses: got %v, want %v", got, tt.want)
			}
		})
	}
	sub, err := st.Neighborhood(ctx(t), "person:han-dong", graph.NeighborQuery{Filter: graph.Filter{Window: graph.Window{Before: "2023-06"}}})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(sub.Edges, func(e graph.Edge) bool { return e.ID == "advice" })
	if i < 0 {
		t.Fatalf("as of 2023-06: no advice edge in %v", edgeIDs(sub.Edges))
	}
	want := []graph.StatusStep{{Date: "2023-03-22", Status: graph.Disputed, Evidence: []int{0}}, {Date: "2023-05-23", Status: graph.Refuted, Evidence: []int{2}}}
	if got := sub.Edges[i].Timeline; !reflect.DeepEqual(got, want) {
		t.Errorf("advice timeline as of 2023-06:\n got %+v\nwant %+v", got, want)
	}
	es, err := st.Edges(ctx(t), []string{"advice", "conversation", "withdrawn"})
	if err != nil {
		t.Fatal(err)
	}
	for k, e := range es {
		if got, want := canonEdge(e), canonEdge(ds.Edges[k]); !reflect.DeepEqual(got.Evidence, want.Evidence) {
			t.Errorf("%s: evidence did not round-trip:\n got %+v\nwant %+v", e.ID, got.Evidence, want.Evidence)
		}
	}
}
