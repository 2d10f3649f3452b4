package analysis_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
)

// TestDateWindowTable holds the projection's date filter (built in, and
// applied by Subgraph) to graph/testdata/date-window.json, the table
// graph.Window.Contains and the UI pass too.
func TestDateWindowTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "date-window.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tab struct {
		Windows []struct {
			Name        string     `json:"name"`
			Date        graph.Date `json:"date"`
			EndDate     graph.Date `json:"end_date"`
			After       graph.Date `json:"after"`
			Before      graph.Date `json:"before"`
			RequireDate bool       `json:"require_date"`
			Want        bool       `json:"want"`
		} `json:"windows"`
	}
	if err := json.Unmarshal(data, &tab); err != nil {
		t.Fatalf("date-window.json: %v", err)
	}
	if len(tab.Windows) == 0 {
		t.Fatal("date-window.json: no window cases")
	}
	for _, c := range tab.Windows {
		e := edge("p:a", "CONTACTED", "p:b", graph.Confirmed, c.Date)
		e.EndDate = c.EndDate
		ds := &graph.Dataset{
			Nodes: []graph.Node{{ID: "p:a", Type: graph.Person, Name: "A"}, {ID: "p:b", Type: graph.Person, Name: "B"}},
			Edges: []graph.Edge{e},
		}
		f := graph.Filter{Window: graph.Window{After: c.After, Before: c.Before, RequireDate: c.RequireDate}}
		want := 0
		if c.Want {
			want = 1
		}
		built, err := analysis.Build(ctxb, analysis.NewDatasetScanner(ds), analysis.BuildOptions{Filter: f})
		if err != nil {
			t.Fatalf("%s: Build: %v", c.Name, err)
		}
		base, _ := project(t, ds)
		sub, err := base.Subgraph(f, nil)
		if err != nil {
			t.Fatalf("%s: Subgraph: %v", c.Name, err)
		}
		if built.M() != want || sub.M() != want {
			t.Errorf("%s: relationship dated [%q, %q] in window %+v: Build kept %d, Subgraph kept %d, want %d",
				c.Name, c.Date, c.EndDate, f.Window, built.M(), sub.M(), want)
		}
	}
}
