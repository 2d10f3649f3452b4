package neo4j

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/storetest"
)

// importFixture is storetest's fixture plus what CSV gets wrong: a
// description over several lines with quotes, commas and ";", and node
// props that only some nodes have. (No "\r\n": encoding/csv's reader
// turns it into "\n"; the round trip through neo4j-admin checks it.)
func importFixture() *graph.Dataset {
	ds := storetest.Fixture()
	ds.Nodes[1].Description = "MP for Don Valley North;\n\"resigned from caucus\", 2023\nsat as an independent"
	ds.Nodes[2].Props = map[string]string{"posting": "Toronto, 2018-2021"}
	return ds
}

// readImportCSV reads one written file: its header and rows.
func readImportCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: empty", path)
	}
	return recs[0], recs[1:]
}

// importRowProps turns a row back into properties the way neo4j-admin
// reads it: the header's type suffix says which cells are lists; empty
// cells set nothing. Columns up to skip are the ID, LABEL and TYPE ones.
func importRowProps(t *testing.T, header, row []string, skip int) map[string]any {
	t.Helper()
	p := map[string]any{}
	for i := skip; i < len(header); i++ {
		name, kind, _ := strings.Cut(header[i], ":")
		if row[i] == "" {
			continue
		}
		switch kind {
		case "":
			p[name] = row[i]
		case "string[]":
			p[name] = strings.Split(row[i], ImportArrayDelimiter)
		default:
			t.Fatalf("column %q: unexpected type %q", header[i], kind)
		}
	}
	return p
}

// withoutEmptyLists drops empty lists: Load writes aliases: [], the
// importer sets nothing for an empty cell, and reads give nil for both.
func withoutEmptyLists(p map[string]any) map[string]any {
	for k, v := range p {
		if l, ok := v.([]string); ok && len(l) == 0 {
			delete(p, k)
		}
	}
	return p
}

// TestWriteImportFiles reads the files back and checks that every row
// carries the labels and properties Load writes for the same node or
// relationship.
func TestWriteImportFiles(t *testing.T) {
	ds := importFixture()
	dir := t.TempDir()
	got, err := WriteImportFiles(context.Background(), dir, ds)
	if err != nil {
		t.Fatal(err)
	}
	version, err := datasetVersion(ds)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != version || got.Nodes != len(ds.Nodes) || got.Edges != len(ds.Edges) {
		t.Errorf("WriteImportFiles = %+v, want version %s, %d nodes, %d edges", got, version, len(ds.Nodes), len(ds.Edges))
	}
	if want := []string{"dataset.csv", "nodes.csv", "relationships.csv", "import.sh"}; !reflect.DeepEqual(got.Files, want) {
		t.Errorf("files %v, want %v", got.Files, want)
	}
	script, err := os.ReadFile(filepath.Join(dir, "import.sh"))
	if err != nil || !strings.Contains(string(script), ImportCommand) {
		t.Errorf("import.sh does not run ImportCommand (%v):\n%s", err, script)
	}

	header, rows := readImportCSV(t, filepath.Join(dir, "dataset.csv"))
	if len(rows) != 1 {
		t.Fatalf("dataset.csv: %d rows, want 1", len(rows))
	}
	dataset := map[string]string{}
	for i, h := range header {
		dataset[h] = rows[0][i]
	}
	for k, want := range map[string]string{"version:ID(Dataset)": version, ":LABEL": "Dataset", "active:boolean": "true", "state": "active", "nodes:long": "11", "relationships:long": "9"} {
		if dataset[k] != want {
			t.Errorf("dataset.csv %s = %q, want %q", k, dataset[k], want)
		}
	}

	header, rows = readImportCSV(t, filepath.Join(dir, "nodes.csv"))
	if header[0] != "id:ID(Entity)" || header[1] != ":LABEL" {
		t.Fatalf("nodes.csv header starts %q, want the id and label columns", header[:2])
	}
	if len(rows) != len(ds.Nodes) {
		t.Fatalf("nodes.csv: %d rows, want %d", len(rows), len(ds.Nodes))
	}
	for i, row := range rows {
		n := &ds.Nodes[i]
		want := withoutEmptyLists(nodeProps(n))
		want["v"] = version
		got := importRowProps(t, header, row, 2)
		got["id"] = row[0] // the ID column is the id property
		if !reflect.DeepEqual(got, want) {
			t.Errorf("node %s: imported properties\n%v\nwant (as Load writes them)\n%v", n.ID, got, want)
		}
		if labels := strings.Split(row[1], ImportArrayDelimiter); !reflect.DeepEqual(labels, []string{labelEntity, typeLabels[n.Type]}) {
			t.Errorf("node %s: labels %q", n.ID, labels)
		}
	}

	header, rows = readImportCSV(t, filepath.Join(dir, "relationships.csv"))
	if want := []string{":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"}; !reflect.DeepEqual(header[:3], want) {
		t.Fatalf("relationships.csv header starts %q, want %q", header[:3], want)
	}
	if len(rows) != len(ds.Edges) {
		t.Fatalf("relationships.csv: %d rows, want %d", len(rows), len(ds.Edges))
	}
	for i, row := range rows {
		e := &ds.Edges[i]
		if row[0] != e.Source || row[1] != e.Target || row[2] != e.Type {
			t.Errorf("edge %s: %q, want %s -%s-> %s", e.ID, row[:3], e.Source, e.Type, e.Target)
		}
		want := edgeProps(e)
		want["v"] = version
		if got := importRowProps(t, header, row, 3); !reflect.DeepEqual(got, want) {
			t.Errorf("edge %s: imported properties\n%v\nwant (as Load writes them)\n%v", e.ID, got, want)
		}
	}
}

func TestWriteImportFilesRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(ds *graph.Dataset)
		want   string
	}{
		{"array delimiter in an alias", func(ds *graph.Dataset) { ds.Nodes[1].Aliases = []string{"Dong\x1fHan"} }, "U+001F"},
		{"array delimiter in a quote", func(ds *graph.Dataset) { ds.Edges[0].Evidence[0].Quote = "a\x1fb" }, "U+001F"},
		{"unknown endpoint", func(ds *graph.Dataset) { ds.Edges[0].Target = "person:nobody" }, "unknown node"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := importFixture()
			tc.change(ds)
			_, err := WriteImportFiles(context.Background(), t.TempDir(), ds)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one that says %q", err, tc.want)
			}
			if tc.want == "unknown node" && !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}
