package graph_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/gen"
)

func smallDataset() *graph.Dataset {
	sup := graph.Evidence{Document: "doc:a", Quote: "q", AttributedTo: "two sources", Stance: graph.Supports}
	return &graph.Dataset{
		Nodes: []graph.Node{
			{ID: "doc:a", Type: graph.Document, Name: "An article"},
			{ID: "person:a", Type: graph.Person, Name: "A"},
			{ID: "person:b", Type: graph.Person, Name: "B"},
		},
		Edges: []graph.Edge{
			{ID: "e", Source: "person:a", Target: "person:b", Type: "CONTACTED", Status: graph.Alleged, Evidence: []graph.Evidence{sup}},
		},
	}
}

// TestDatasetErrorKinds: the kinds a refused load reports are those of
// its problems, so the server's table maps a duplicate to 409 and
// anything else to 400.
func TestDatasetErrorKinds(t *testing.T) {
	tests := []struct {
		name             string
		change           func(ds *graph.Dataset)
		conflict, invald bool
		msg              string
	}{
		{"valid", func(*graph.Dataset) {}, false, false, ""},
		{"duplicate only", func(ds *graph.Dataset) { ds.Nodes = append(ds.Nodes, ds.Nodes[1]) }, true, false,
			`node "person:a": id: conflict: duplicate node id "person:a": give one of the two nodes another id`},
		{"invalid only", func(ds *graph.Dataset) { ds.Edges[0].Target = "person:c" }, false, true,
			`edge "e": target: invalid: unknown node "person:c"`},
		{"both", func(ds *graph.Dataset) {
			ds.Edges = append(ds.Edges, ds.Edges[0])
			ds.Edges[0].Status = "rumoured"
		}, true, true, `edge "e": status: invalid: status "rumoured": want one of confirmed, reported, alleged, disputed (and 1 more problems)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds := smallDataset()
			tc.change(ds)
			err := graph.ValidateDataset(ds)
			if got := errors.Is(err, graph.ErrConflict); got != tc.conflict {
				t.Errorf("errors.Is(%v, ErrConflict): got %v, want %v", err, got, tc.conflict)
			}
			if got := errors.Is(err, graph.ErrInvalid); got != tc.invald {
				t.Errorf("errors.Is(%v, ErrInvalid): got %v, want %v", err, got, tc.invald)
			}
			if tc.msg == "" {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			if err == nil || err.Error() != tc.msg {
				t.Errorf("error text:\n got %v\nwant %s", err, tc.msg)
			}
		})
	}
	if err := graph.ValidateDataset(nil); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("ValidateDataset(nil): got %v, want ErrInvalid", err)
	}
}

// A duplicate's other rules are not checked, and each problem names its
// record by index, so that a file loader can point at the line.
func TestCheckDatasetPointsAtRecords(t *testing.T) {
	ds := smallDataset()
	ds.Nodes = append(ds.Nodes, graph.Node{ID: "person:b", Type: "human"})
	ds.Edges = append(ds.Edges, graph.Edge{ID: "f", Source: "person:a", Target: "doc:a", Type: "CONTACTED", Status: graph.Alleged,
		Evidence: []graph.Evidence{{Document: "person:b", Quote: "q", AttributedTo: "x", Stance: graph.Supports}}})
	var got []string
	for _, p := range graph.CheckDataset(ds) {
		got = append(got, fmt.Sprintf("%s node=%d edge=%d first=%d %s %s", p.Rule, p.Node, p.Edge, p.First, p.Field, p.Ref))
	}
	want := []string{
		"record node=3 edge=-1 first=-1 type ",
		"record node=3 edge=-1 first=-1 name ",
		"duplicate node=3 edge=-1 first=2 id person:b",
		"endpoints node=-1 edge=1 first=-1 type ",
		"not-document node=-1 edge=1 first=-1 evidence[0].document person:b",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CheckDataset:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// Generated datasets (any size) keep the rules.
func TestGeneratedDatasetsKeepTheRules(t *testing.T) {
	for _, n := range []int{1, 2, 10, 1000} {
		ds, _, err := gen.Generate(gen.Config{Nodes: n, Seed: 3})
		if err != nil {
			t.Fatalf("Generate(%d): %v", n, err)
		}
		if err := graph.ValidateDataset(ds); err != nil {
			t.Errorf("Generate(%d): %v", n, err)
		}
	}
}

func ExampleValidateDataset() {
	ds := &graph.Dataset{
		Nodes: []graph.Node{{ID: "person:han-dong", Type: graph.Person, Name: "Han Dong"}},
		Edges: []graph.Edge{{ID: "advice", Source: "person:han-dong", Target: "person:han-do", Type: "ADVISED", Status: graph.Alleged,
			Evidence: []graph.Evidence{{Document: "doc:article", Quote: "Beijing ought to maintain off", AttributedTo: "two sources", Stance: graph.Supports}}}},
	}
	err := graph.ValidateDataset(ds)
	fmt.Println(errors.Is(err, graph.ErrInvalid))
	var de *graph.DatasetError
	if errors.As(err, &de) {
		for _, p := range de.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// true
	// edge "advice": target: invalid: unknown node "person:han-do"
	// edge "advice": evidence[0].document: invalid: unknown document "doc:article"
}

// BenchmarkValidateDataset checks a generated dataset (100k nodes, about
// 500k relationships).
func BenchmarkValidateDataset(b *testing.B) {
	ds, _, err := gen.Generate(gen.Config{Nodes: 100_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := graph.ValidateDataset(ds); err != nil {
			b.Fatal(err)
		}
	}
}
