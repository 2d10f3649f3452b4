package mem_test

import (
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/gen"
	"github.com/backchannel/backchannel/graph/mem"
)

// TestSearchIndexAgreesWithScan checks the word-index shortcut against
// ranking every node, on a generated graph whose names share syllables
// (so queries have many exact, prefix and fuzzy matches).
func TestSearchIndexAgreesWithScan(t *testing.T) {
	ds, _, err := gen.Generate(gen.Config{Nodes: 3000, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	st := mem.New()
	if err := st.Load(t.Context(), ds); err != nil {
		t.Fatal(err)
	}
	queries := []string{"k", "kov", "kovan", "an", "mar tao", "zed", "qu", "xx", "el", "the"}
	for _, n := range ds.Nodes[:20] {
		queries = append(queries, n.Name, n.Name[:min(4, len(n.Name))])
	}
	for _, q := range queries {
		for _, limit := range []int{1, 10, 100} {
			got, err := st.Search(t.Context(), q, limit)
			if err != nil {
				t.Fatal(err)
			}
			want := scan(ds, q, limit)
			if !slices.Equal(ids(got), ids(want)) {
				t.Errorf("Search(%q, %d):\n got %v\nwant %v", q, limit, ids(got), ids(want))
			}
		}
	}
}

func scan(ds *graph.Dataset, q string, limit int) []graph.Hit {
	nq := graph.Normalize(q)
	var hits []graph.Hit
	for i := range ds.Nodes {
		if h, ok := graph.RankNode(nq, &ds.Nodes[i]); ok {
			hits = append(hits, h)
		}
	}
	graph.SortHits(hits)
	return hits[:min(limit, len(hits))]
}

func ids(hits []graph.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}
