package mem_test

import (
	"reflect"
	"slices"
	"strings"
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

// TestSearchTyposAgreeWithScan checks every query kind against ranking
// every node: names with one or two edits (inside a word, across the
// space, the space dropped), pieces from the middle of names, several
// words, names in other scripts, whole hits compared (match, score and
// matched name too).
func TestSearchTyposAgreeWithScan(t *testing.T) {
	ds, _, err := gen.Generate(gen.Config{Nodes: 3000, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	extra := []graph.Node{
		{ID: "person:dong-han", Type: graph.Person, Name: "Han Dong", Aliases: []string{"Dong", "韩东"}},
		{ID: "person:kovrig", Type: graph.Person, Name: "Michael Kovrig", Aliases: []string{}},
		{ID: "person:zoe", Type: graph.Person, Name: "Zoë Ménard-Łukasz", Aliases: []string{"Z. M."}},
		{ID: "org:a", Type: graph.Organization, Name: "A B", Aliases: []string{}},
	}
	ds.Nodes = append(ds.Nodes, extra...)
	st := mem.New()
	if err := st.Load(t.Context(), ds); err != nil {
		t.Fatal(err)
	}
	queries := []string{"kovrig", "kovrik", "han dong", "handong", "han dongg", "hna dong", "kov", "michael kovrik",
		"韩东", "韩", "menard", "łukasz", "lukas", "zoe menard lukasz", "a b", "ab", "a", "b c", "dong han", "ong", "an d",
		"group", "grop", "parliment", "meeting at", "xyzzy", "qu", "z m"}
	mutate := func(s string, i int) []string {
		r := []rune(s)
		if len(r) < 3 {
			return nil
		}
		k := i % (len(r) - 1)
		del := string(r[:k]) + string(r[k+1:])
		sub := string(r[:k]) + "x" + string(r[k+1:])
		ins := string(r[:k]) + "q" + string(r[k:])
		swap := string(r[:k]) + string(r[k+1]) + string(r[k]) + string(r[k+2:])
		mid := string(r[len(r)/3 : 2*len(r)/3+1])
		two := string(r[:k]) + "zz" + string(r[k+1:])
		return []string{del, sub, ins, swap, mid, two, strings.ReplaceAll(s, " ", "")}
	}
	for i, n := range ds.Nodes[:50] {
		queries = append(queries, mutate(graph.Normalize(n.Name), i)...)
		for _, a := range n.Aliases {
			queries = append(queries, mutate(graph.Normalize(a), i+1)...)
		}
	}
	for _, n := range extra {
		queries = append(queries, mutate(graph.Normalize(n.Name), 3)...)
	}
	for _, q := range queries {
		if graph.Normalize(q) == "" {
			continue
		}
		all := scan(ds, q, graph.MaxSearchLimit) // the order is total: the top k are its first k
		for _, limit := range []int{1, 5, 20, graph.MaxSearchLimit} {
			got, err := st.Search(t.Context(), q, limit)
			if err != nil {
				t.Fatal(err)
			}
			if want := all[:min(limit, len(all))]; !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
				t.Errorf("Search(%q, %d):\n got %v\nwant %v", q, limit, ids(got), ids(want))
			}
		}
	}
}
