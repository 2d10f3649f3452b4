package importer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/export"
	"github.com/backchannel/backchannel/graph/importer"
	"github.com/backchannel/backchannel/graph/mem"
)

// sharedSamples returns ../shared/samples/ftm beside the repository; it
// skips locally and fails in CI when missing.
func sharedSamples(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../../shared/samples/ftm")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("missing the FtM samples at %s (../shared beside the repository): %v", dir, err)
		}
		t.Skipf("missing the FtM samples at %s (../shared beside the repository): %v", dir, err)
	}
	return dir
}

// load validates a written dataset and serves it.
func load(t *testing.T, path string) *mem.Store {
	t.Helper()
	res, err := dataset.Load(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("%s", p)
	}
	st := mem.New()
	if err := st.Load(context.Background(), res.Dataset); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestFtMSamples(t *testing.T) {
	dir := sharedSamples(t)
	tests := []struct {
		file         string
		nodes, edges int
		edgeTypes    map[string]int
		skipped      map[string]int
	}{
		// 6 Person + 11 Company + the file's document; Ownership 14,
		// Family 4, Directorship 3.
		{"yente-zala.entities.ftm.json", 18, 21, map[string]int{"OWNS": 14, "FAMILY_OF": 4, "DIRECTOR_OF": 3},
			map[string]int{"Sanction": 41, "Address": 11, "Passport": 1}},
		// 22 Person + 56 Company + 17 Organization + the document; 290
		// payments.
		{"nomenklatura-donations.ijson", 96, 290, map[string]int{"PAID": 290}, map[string]int{"Address": 89}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			res, err := importer.FtM(context.Background(), []string{filepath.Join(dir, tc.file)}, importer.Options{})
			if err != nil {
				t.Fatalf("import: %v (%v)", err, res.Bad)
			}
			if len(res.Dataset.Nodes) != tc.nodes || len(res.Dataset.Edges) != tc.edges {
				t.Errorf("got %d nodes, %d edges; want %d, %d", len(res.Dataset.Nodes), len(res.Dataset.Edges), tc.nodes, tc.edges)
			}
			types := map[string]int{}
			for _, e := range res.Dataset.Edges {
				types[e.Type]++
				if e.Props["ftm_id"] == "" || e.Props["ftm_dataset"] == "" {
					t.Errorf("edge %s lost its provenance: %v", e.ID, e.Props)
				}
			}
			if !equalCounts(types, tc.edgeTypes) {
				t.Errorf("edge types %v, want %v", types, tc.edgeTypes)
			}
			if !equalCounts(res.Skipped, tc.skipped) {
				t.Errorf("skipped %v, want %v", res.Skipped, tc.skipped)
			}
			out, err := importer.Write(context.Background(), t.TempDir(), "sample", res, "")
			if err != nil {
				t.Fatal(err)
			}
			st := load(t, out)
			stats, err := st.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if stats.Nodes != tc.nodes || stats.Edges != tc.edges {
				t.Errorf("served %d nodes, %d edges; want %d, %d", stats.Nodes, stats.Edges, tc.nodes, tc.edges)
			}
		})
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestCSV(t *testing.T) {
	res, err := importer.CSV(context.Background(), []string{"testdata/nodes.csv", "testdata/edges.csv"}, importer.Options{})
	if err != nil {
		t.Fatalf("import: %v (%v)", err, res.Bad)
	}
	out, err := importer.Write(context.Background(), t.TempDir(), "people", res, "# test\n")
	if err != nil {
		t.Fatal(err)
	}
	st := load(t, out)
	ctx := context.Background()
	n, err := st.Node(ctx, "person:li-wei") // id made from type and name
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Aliases) != 1 || n.Aliases[0] != "Consul General Li" {
		t.Errorf("aliases %q, want [Consul General Li]", n.Aliases)
	}
	edges, err := st.Edges(ctx, []string{"adv", "person:jane-roe>CONTACTED>person:li-wei", "org:acme>PAID>person:jane-roe", "person:jane-roe>HOLDS_OFFICE>office:mp"})
	if err != nil || len(edges) != 4 {
		t.Fatalf("edges: %v, %d of 4", err, len(edges))
	}
	adv := edges[0]
	if adv.Status != graph.Disputed || len(adv.Evidence) != 2 || adv.Evidence[1].Stance != graph.Denies || adv.Evidence[1].AttributedTo != "Jane Roe" {
		t.Errorf("rows sharing id adv: got %+v, want one disputed edge with a supporting and a denying entry", adv)
	}
	if q := adv.Evidence[0].Quote; q != "two sources allege it" {
		t.Errorf("a quote the file holds verbatim is kept: got %q", q)
	}
	if q := adv.Evidence[1].Quote; q != `Roe ""denied"" it` {
		t.Errorf("a quote the file holds only CSV-escaped is quoted as the file writes it (not the whole row): got %q", q)
	}
	contact := edges[1]
	if contact.Status != graph.Confirmed || contact.Evidence[0].AttributedTo != "spreadsheet edges.csv" || contact.Evidence[0].Quote != "person:jane-roe,Li Wei,contacted,confirmed,2021-02,,,,,," {
		t.Errorf("defaults: got %+v", contact)
	}
	if paid := edges[2]; paid.Status != graph.Reported || paid.Props["amount"] != "5,000" {
		t.Errorf("default status and props: got %+v", paid)
	}
	if office := edges[3]; office.Date != "2019" || office.EndDate != "2021" {
		t.Errorf("dates: got %q to %q", office.Date, office.EndDate)
	}
}

func TestCSVBadRows(t *testing.T) {
	files := []string{"testdata/nodes.csv", "testdata/bad-edges.csv"}
	res, err := importer.CSV(context.Background(), files, importer.Options{})
	if !errors.Is(err, importer.ErrBadRecords) {
		t.Fatalf("err = %v, want ErrBadRecords", err)
	}
	var got []string
	for _, p := range res.Bad {
		got = append(got, p.String())
	}
	want := []string{
		`testdata/bad-edges.csv:2: target: unknown node "person:nobody": no row of the node tables has this id or name`,
		`testdata/bad-edges.csv:3: relationship type "WAVED_AT" is not in the vocabulary; map it with --map-type 'WAVED_AT=TYPE' (types: ` + graph.EdgeTypeNames() + ")",
		`testdata/bad-edges.csv:4: date "2021-13": want YYYY, YYYY-MM or YYYY-MM-DD (or 3 March 2021, March 2021, 2021/03/03, 03.03.2021 with a day over 12)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	res, err = importer.CSV(context.Background(), files, importer.Options{SkipBad: true})
	if err != nil || len(res.Bad) != 3 || len(res.Dataset.Edges) != 1 {
		t.Errorf("--skip-bad: err %v, %d bad, %d edges; want nil, 3, 1", err, len(res.Bad), len(res.Dataset.Edges))
	}
}

// TestFtMRoundTrip: FtM file -> import -> export ftm -> import gives the
// same nodes (type, name) and relationships (type, status). Evidence is
// regenerated by design: an import quotes the file it read.
func TestFtMRoundTrip(t *testing.T) {
	dir := sharedSamples(t)
	res, err := importer.FtM(context.Background(), []string{filepath.Join(dir, "yente-zala.entities.ftm.json")}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := res.Dataset // Write lets it go
	out, err := importer.Write(context.Background(), t.TempDir(), "zala", res, "")
	if err != nil {
		t.Fatal(err)
	}
	st := load(t, out)
	var ftm bytes.Buffer
	if err := export.Write(context.Background(), &ftm, "ftm", st); err != nil {
		t.Fatal(err)
	}
	// Export the import as FtM and import that again: the same graph
	// (ids, types, names, statuses), up to the generated document.
	file := filepath.Join(t.TempDir(), "zala-again.ftm.json")
	if err := os.WriteFile(file, ftm.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := importer.FtM(context.Background(), []string{file}, importer.Options{})
	if err != nil {
		t.Fatalf("re-import: %v %v", err, again.Bad)
	}
	count := func(ds graph.Dataset) map[string]int {
		m := map[string]int{}
		for _, n := range ds.Nodes {
			if n.Kind != "dataset" {
				m["node "+string(n.Type)+" "+n.Name]++
			}
		}
		for _, e := range ds.Edges {
			m["edge "+e.Type+" "+string(e.Status)]++
		}
		return m
	}
	// The first import's document comes back as a Document node.
	a, b := count(first), count(again.Dataset)
	delete(b, "node document FollowTheMoney file yente-zala.entities.ftm.json")
	if !equalCounts(a, b) {
		t.Errorf("FtM -> import -> export ftm -> import changed the graph:\n got %v\nwant %v", b, a)
	}
}

// TestCSVEdgeList: an edge list with names and no node table, as a
// spreadsheet user writes it: nodes are created (and reported) with the
// type the relationship or --node-type gives, dates in other forms are
// converted (and counted), relationship names are mapped, an unknown one
// is refused with a suggestion, and the url column is who asserts it.
func TestCSVEdgeList(t *testing.T) {
	res, err := importer.CSV(context.Background(), []string{"testdata/edgelist.csv"}, importer.Options{NodeType: graph.Person, SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Created, " "); got != "person:jane-roe org:acme-holdings person:li-wei" {
		t.Errorf("created %q", got)
	}
	if len(res.Bad) != 1 || !strings.Contains(res.Bad[0].String(), `edgelist.csv:5: relationship type "waved at" is not in the vocabulary`) {
		t.Errorf("bad rows %v, want line 5 refused", res.Bad)
	}
	if res.DatesConverted != 2 || !strings.Contains(res.DateExample, `"3 March 2021" read as 2021-03-03`) {
		t.Errorf("dates converted %d (%s), want 2", res.DatesConverted, res.DateExample)
	}
	out, err := importer.Write(context.Background(), t.TempDir(), "sheet", res, "")
	if err != nil {
		t.Fatal(err)
	}
	st := load(t, out)
	ctx := context.Background()
	edges, err := st.Edges(ctx, []string{"person:jane-roe>DIRECTOR_OF>org:acme-holdings", "person:jane-roe>ASSOCIATE_OF>person:li-wei", "person:li-wei>OWNS>org:acme-holdings"})
	if err != nil || len(edges) != 3 {
		t.Fatalf("edges: %v %v", edges, err)
	}
	if e := edges[0]; e.Date != "2021-03-03" || e.Evidence[0].AttributedTo != "https://example.org/a" || e.Props["source_url"] != "https://example.org/a" {
		t.Errorf("director row: %+v", e)
	}
	if e := edges[1]; e.Date != "2021-03" || e.Evidence[0].AttributedTo != "spreadsheet edgelist.csv" {
		t.Errorf("knows row: %+v", e)
	}
}

// TestCancelled: a cancelled import stops and leaves nothing behind, not
// even the folder it would have made.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := importer.CSV(ctx, []string{"testdata/nodes.csv", "testdata/edges.csv"}, importer.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("CSV: %v, want context.Canceled", err)
	}
	res, err := importer.CSV(context.Background(), []string{"testdata/nodes.csv", "testdata/edges.csv"}, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := importer.Write(ctx, dir, "sheet", res, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("Write: %v, want context.Canceled", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s is there after a cancelled import: %v", dir, err)
	}
}
