package importer_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/importer"
)

// TestOffshore imports a small file set in ICIJ's Offshore Leaks layout:
// node kinds mapped, addresses folded into props, relationship types
// mapped from rel_type and link, each row's evidence quoting it and citing
// the database and the leak, ICIJ's dates converted, and a row naming an
// unknown node reported with its line.
func TestOffshore(t *testing.T) {
	ctx := context.Background()
	files, err := filepath.Glob("testdata/offshore/*.csv")
	if err != nil || len(files) != 6 {
		t.Fatalf("testdata: %v %v", files, err)
	}
	_, err = importer.Offshore(ctx, files, importer.Options{})
	if err == nil {
		t.Fatal("no error for the row naming node 99999999")
	}
	res, err := importer.Offshore(ctx, files, importer.Options{SkipBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Bad) != 1 || !strings.Contains(res.Bad[0].String(), "relationships.csv:9: node_id_end 99999999 is in no node file") {
		t.Errorf("bad: %v", res.Bad)
	}
	out, err := importer.Write(ctx, t.TempDir(), "offshore", res, "")
	if err != nil {
		t.Fatal(err)
	}
	st := load(t, out)
	ent, err := st.Node(ctx, "org:icij-10000001")
	if err != nil {
		t.Fatal(err)
	}
	if ent.Kind != "offshore entity" || ent.Props["jurisdiction"] != "BVI" || ent.Props["address"] != "Portcullis Chambers; P.O. Box 1; Road Town, Tortola" || ent.Props["sourceID"] != "Panama Papers" {
		t.Errorf("entity: %+v", ent)
	}
	if n, err := st.Node(ctx, "person:icij-12000001"); err != nil || n.Name != "Jane Example" || n.Props["icij_kind"] != "officer" {
		t.Errorf("officer: %+v %v", n, err)
	}
	if n, err := st.Node(ctx, "org:icij-10000002"); err != nil || len(n.Aliases) != 1 || n.Aliases[0] != "RIVERDALE VENTURES S.A." {
		t.Errorf("entity with an original name: %+v %v", n, err)
	}
	want := map[string]string{
		"icij:12000001-officer_of-10000001":      "OWNS",
		"icij:12000001-officer_of-10000002":      "DIRECTOR_OF",
		"icij:12000002-officer_of-10000001":      "RELATED_TO",
		"icij:11000001-intermediary_of-10000001": "REPRESENTS",
		"icij:10000001-similar-10000002":         "RELATED_TO",
		"icij:85000001-connected_to-10000002":    "RELATED_TO",
	}
	stats, _ := st.Stats(ctx)
	if stats.Nodes != 7 || stats.Edges != len(want) { // 6 nodes and the relationships file
		t.Errorf("%d nodes, %d edges; want 7 and %d", stats.Nodes, stats.Edges, len(want))
	}
	for id, typ := range want {
		es, err := st.Edges(ctx, []string{id})
		if err != nil || len(es) != 1 {
			t.Errorf("%s: %v", id, err)
			continue
		}
		e := es[0]
		if e.Type != typ {
			t.Errorf("%s: type %s, want %s", id, e.Type, typ)
		}
		ev := e.Evidence[0]
		if !strings.HasPrefix(ev.AttributedTo, "ICIJ Offshore Leaks Database: ") || ev.Document != "doc:import-relationships.csv" {
			t.Errorf("%s: evidence %+v", id, ev)
		}
	}
	own, _ := st.Edges(ctx, []string{"icij:12000001-officer_of-10000001"})
	if e := own[0]; e.Date != "1998-01-02" || e.EndDate != "2002-08-31" || e.Props["link"] != "shareholder of" ||
		e.Evidence[0].AttributedTo != "ICIJ Offshore Leaks Database: Panama Papers" ||
		e.Evidence[0].Quote != "12000001,10000001,officer_of,shareholder of,,02-JAN-1998,31-AUG-2002,Panama Papers" {
		t.Errorf("shareholder row: %+v", e)
	}
	if doc, err := st.Node(ctx, "doc:import-relationships.csv"); err != nil || doc.URL != importer.OffshoreDatabaseURL || doc.Type != graph.Document {
		t.Errorf("the relationships file's document: %+v %v", doc, err)
	}
	if res.DatesConverted != 4 {
		t.Errorf("%d dates converted, want 4", res.DatesConverted)
	}
}
