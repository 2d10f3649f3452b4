package importer_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/export"
	"github.com/backchannel/backchannel/graph/importer"
	"github.com/backchannel/backchannel/graph/mem"
)

// TestGraphRoundTrip: the seeds exported as json, graphml, gexf,
// node-link and cytoscape, then imported (with the seeds' folder for the
// document texts), give the same graph: the same native JSON, byte for
// byte, documents and evidence included.
func TestGraphRoundTrip(t *testing.T) {
	ctx := context.Background()
	res, err := dataset.Load(ctx, "../../seeds")
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("seeds: %v %v", err, res.Problems)
	}
	seeds := mem.New()
	if err := seeds.Load(ctx, res.Dataset); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := export.Write(ctx, &want, "json", seeds); err != nil {
		t.Fatal(err)
	}
	for _, format := range importer.GraphFormats() {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := export.Write(ctx, &b, format, seeds); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "seeds."+format)
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := importer.Graph(ctx, format, []string{file}, importer.Options{Texts: "../../seeds"})
			if err != nil {
				t.Fatalf("import: %v %v", err, got.Bad)
			}
			out, err := importer.Write(ctx, t.TempDir(), "seeds", got, "")
			if err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := export.Write(ctx, &again, "json", load(t, out)); err != nil {
				t.Fatal(err)
			}
			if again.String() != want.String() {
				t.Errorf("%s export -> import -> json differs from the seeds' json export", format)
			}
		})
	}
}

// TestGraphNeedsTexts: evidence quoting a document whose text is not on
// file is a bad record that says how to give the texts.
func TestGraphNeedsTexts(t *testing.T) {
	ctx := context.Background()
	_, err := importer.Graph(ctx, "json", []string{"../export/testdata/small.json"}, importer.Options{})
	if err == nil {
		t.Fatal("no error without --texts")
	}
	res, _ := importer.Graph(ctx, "json", []string{"../export/testdata/small.json"}, importer.Options{SkipBad: true})
	if len(res.Bad) == 0 || !strings.Contains(res.Bad[0].Msg, "--texts") {
		t.Errorf("bad records %v, want one naming --texts", res.Bad)
	}
}

// TestNetworkxFiles: a GraphML and a GEXF written by networkx import with
// their attributes: types and names, other attributes as props, a date in
// another form converted and counted, a relationship name mapped.
func TestNetworkxFiles(t *testing.T) {
	py := os.Getenv("PYTHON")
	if py == "" {
		py = "python3"
	}
	dir := t.TempDir()
	if out, err := exec.Command(py, "testdata/networkx_graphs.py", dir).CombinedOutput(); err != nil {
		msg := "python3 with networkx: " + strings.TrimSpace(string(out))
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx := context.Background()
	for _, format := range []string{"graphml", "gexf"} {
		t.Run(format, func(t *testing.T) {
			res, err := importer.Graph(ctx, format, []string{filepath.Join(dir, "networkx."+format)}, importer.Options{})
			if err != nil {
				t.Fatalf("import: %v %v", err, res.Bad)
			}
			out, err := importer.Write(ctx, t.TempDir(), "nx", res, "")
			if err != nil {
				t.Fatal(err)
			}
			st := load(t, out)
			alice, err := st.Node(ctx, "person:alice")
			if err != nil {
				t.Fatal(err)
			}
			if alice.Name != "Alice Example" || alice.Props["party"] != "Green" || alice.Props["age"] != "41" {
				t.Errorf("alice: %+v, want name Alice Example, props party Green and age 41", alice)
			}
			acme, err := st.Node(ctx, "org:acme")
			if err != nil || acme.Type != graph.Organization || acme.Props["founded"] != "1999" {
				t.Errorf("acme: %+v %v", acme, err)
			}
			// GraphML edges have no id here; GEXF's are networkx's "0", "1".
			edges := edgesBetween(t, st, "person:alice", "DIRECTOR_OF", "org:acme")
			if e := edges[0]; e.Date != "2021-03-03" || e.Props["weight"] != "2.5" || e.Evidence[0].AttributedTo != "graph file networkx."+format {
				t.Errorf("edge %+v: want date 2021-03-03, weight 2.5, the file as source", e)
			}
			if res.DatesConverted != 1 {
				t.Errorf("%d dates converted, want 1 (reported)", res.DatesConverted)
			}
			if knows := edgesBetween(t, st, "person:bob", "ASSOCIATE_OF", "person:alice"); knows[0].Status != graph.Alleged {
				t.Errorf("bob knows alice: %+v, want ASSOCIATE_OF alleged", knows)
			}
			if _, ok := alice.Props["label"]; ok {
				t.Errorf("networkx's label (the node id) kept as a prop: %v", alice.Props)
			}
		})
	}
}

// edgesBetween returns the edges of a type from source to target, failing
// when there is none.
func edgesBetween(t *testing.T, st *mem.Store, source, typ, target string) []graph.Edge {
	t.Helper()
	all, err := st.NodeEdges(context.Background(), source)
	if err != nil {
		t.Fatal(err)
	}
	var out []graph.Edge
	for _, e := range all {
		if e.Source == source && e.Type == typ && e.Target == target {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s %s %s", source, typ, target)
	}
	return out
}
