// Package storetest is the conformance suite for graph.Store: every
// behaviour of the interface as table-driven tests that any
// implementation runs against itself, the way gonum's testgraph checks
// graph implementations. The embedded store and Neo4j both call Run, so
// both answer alike.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/backchannel/backchannel/graph"
)

// Opener returns a store loaded with ds. It is called once per subtest
// that needs a fresh store; it should fail the test (not skip) when the
// backend is unreachable.
type Opener func(t *testing.T, ds *graph.Dataset) graph.Store

// Run runs the whole suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	ds := Fixture()
	st := open(t, ds)
	t.Run("Node", func(t *testing.T) { testNode(t, st) })
	t.Run("NodesAndEdges", func(t *testing.T) { testNodesAndEdges(t, st) })
	t.Run("NodeEdges", func(t *testing.T) { testNodeEdges(t, st, ds) })
	t.Run("Search", func(t *testing.T) { testSearch(t, st) })
	t.Run("Neighborhood", func(t *testing.T) { testNeighborhood(t, st) })
	t.Run("Stats", func(t *testing.T) { testStats(t, st) })
	t.Run("Scan", func(t *testing.T) { testScan(t, st, ds) })
	t.Run("Texts", func(t *testing.T) { testTexts(t, st) })
	t.Run("Reload", func(t *testing.T) { testReload(t, open) })
	t.Run("Load", func(t *testing.T) { testLoad(t, open) })
}

func ctx(t *testing.T) context.Context {
	t.Helper()
	return t.Context()
}

// canon makes nil and empty lists and maps compare equal, since a
// backend may not keep the difference.
func canonNode(n graph.Node) graph.Node {
	if n.Aliases == nil {
		n.Aliases = []string{}
	}
	if len(n.Props) == 0 {
		n.Props = nil
	}
	return n
}

func canonEdge(e graph.Edge) graph.Edge {
	if e.Evidence == nil {
		e.Evidence = []graph.Evidence{}
	}
	if len(e.Props) == 0 {
		e.Props = nil
	}
	return e
}

func nodeByID(ds *graph.Dataset, id string) graph.Node {
	for _, n := range ds.Nodes {
		if n.ID == id {
			return n
		}
	}
	panic("storetest: fixture has no node " + id)
}

func edgeIDs(es []graph.Edge) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func nodeIDs(ns []graph.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func wantErr(t *testing.T, what string, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Errorf("%s: got error %v, want %v", what, err, kind)
	}
}

func testNode(t *testing.T, st graph.Store) {
	ds := Fixture()
	for _, id := range []string{"person:han-dong", "person:erin-otoole", "person:xss", "doc:article", "event:trial-kovrig"} {
		got, err := st.Node(ctx(t), id)
		if err != nil {
			t.Fatalf("Node(%q): %v", id, err)
		}
		if want := canonNode(nodeByID(ds, id)); !reflect.DeepEqual(canonNode(got), want) {
			t.Errorf("Node(%q):\n got %#v\nwant %#v", id, canonNode(got), want)
		}
	}
	_, err := st.Node(ctx(t), "person:nobody")
	wantErr(t, `Node("person:nobody")`, err, graph.ErrNotFound)
	// Stores say what is missing; advice (a search URL) is the server's.
	var nf *graph.NotFoundError
	if !errors.As(err, &nf) || nf.What != "node" || nf.ID != "person:nobody" {
		t.Errorf(`Node("person:nobody"): got %v (%T), want a *graph.NotFoundError for node "person:nobody"`, err, err)
	}
	_, err = st.NodeEdges(ctx(t), "person:nobody")
	if !errors.As(err, &nf) || nf.ID != "person:nobody" {
		t.Errorf(`NodeEdges("person:nobody"): got %v (%T), want a *graph.NotFoundError for node "person:nobody"`, err, err)
	}
}

func testNodesAndEdges(t *testing.T, st graph.Store) {
	ns, err := st.Nodes(ctx(t), []string{"person:han-tao", "person:nobody", "person:han-dong"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := nodeIDs(ns), []string{"person:han-tao", "person:han-dong"}; !slices.Equal(got, want) {
		t.Errorf("Nodes: got %v, want %v (order given, unknown skipped)", got, want)
	}
	es, err := st.Edges(ctx(t), []string{"kovrig-trial", "nope", "advice-delay"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := edgeIDs(es), []string{"kovrig-trial", "advice-delay"}; !slices.Equal(got, want) {
		t.Errorf("Edges: got %v, want %v", got, want)
	}
	if len(es) == 2 && len(es[1].Evidence) != 2 {
		t.Errorf("Edges: advice-delay has %d evidence entries, want 2", len(es[1].Evidence))
	}
}

func testNodeEdges(t *testing.T, st graph.Store, ds *graph.Dataset) {
	tests := []struct {
		id   string
		want []string
	}{
		{"person:han-dong", []string{"advice-delay", "conversation", "csis-dong"}},
		{"person:han-tao", []string{"advice-delay", "conversation", "han-tao-office"}},
		{"person:xss", []string{}},
		{"doc:article", []string{"otoole-mentioned"}},
	}
	for _, tt := range tests {
		got, err := st.NodeEdges(ctx(t), tt.id)
		if err != nil {
			t.Fatalf("NodeEdges(%q): %v", tt.id, err)
		}
		if ids := edgeIDs(got); !slices.Equal(ids, tt.want) {
			t.Errorf("NodeEdges(%q): got %v, want %v", tt.id, ids, tt.want)
		}
		for _, e := range got {
			for _, w := range ds.Edges {
				if w.ID == e.ID && !reflect.DeepEqual(canonEdge(e), canonEdge(w)) {
					t.Errorf("NodeEdges(%q): edge %s:\n got %#v\nwant %#v", tt.id, e.ID, canonEdge(e), canonEdge(w))
				}
			}
		}
	}
	_, err := st.NodeEdges(ctx(t), "person:nobody")
	wantErr(t, "NodeEdges(unknown)", err, graph.ErrNotFound)
}

func testSearch(t *testing.T, st graph.Store) {
	tests := []struct {
		q         string
		limit     int
		wantFirst string
		wantMatch graph.Match
		wantIDs   []string // when set, the whole result
	}{
		{q: "kovrig", wantFirst: "person:michael-kovrig", wantMatch: graph.MatchExact},
		{q: "Michael Kovrig", wantFirst: "person:michael-kovrig", wantMatch: graph.MatchExact},
		{q: "kov", wantFirst: "person:michael-kovrig", wantMatch: graph.MatchPrefix},
		{q: "consul general han", wantFirst: "person:han-tao", wantMatch: graph.MatchExact},
		{q: "o'toole", wantFirst: "person:erin-otoole", wantMatch: graph.MatchExact},
		{q: "kovrik", wantFirst: "person:michael-kovrig", wantMatch: graph.MatchFuzzy},
		{q: "han", wantIDs: []string{"person:han-tao", "person:han-dong"}}, // shorter names first
		{q: "michael", limit: 1, wantIDs: []string{"person:michael-kovrig"}},
		{q: "<img", wantFirst: "person:xss", wantMatch: graph.MatchPrefix},
		{q: "zzzzzz", wantIDs: []string{}},
	}
	for _, tt := range tests {
		hits, err := st.Search(ctx(t), tt.q, tt.limit)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.q, err)
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
		}
		if tt.wantIDs != nil && !slices.Equal(ids, tt.wantIDs) {
			t.Errorf("Search(%q, %d): got %v, want %v", tt.q, tt.limit, ids, tt.wantIDs)
		}
		if tt.wantFirst != "" {
			if len(hits) == 0 || hits[0].ID != tt.wantFirst || hits[0].Match != tt.wantMatch {
				t.Errorf("Search(%q): got %+v, want first %s (%s)", tt.q, hits, tt.wantFirst, tt.wantMatch)
			}
		}
	}
	for _, bad := range []struct {
		q     string
		limit int
	}{{"", 0}, {"  ", 0}, {"han", -1}, {"han", graph.MaxSearchLimit + 1}} {
		_, err := st.Search(ctx(t), bad.q, bad.limit)
		wantErr(t, "Search(bad input)", err, graph.ErrInvalid)
	}
	// A query too long for any name: refused before any work, with the
	// cap in the message and the query not echoed.
	for _, n := range []int{graph.MaxSearchQuery + 1, 100_000, 1 << 20} {
		q := strings.Repeat("kovrig ", n/7+1)[:n]
		start := time.Now()
		_, err := st.Search(ctx(t), q, 0)
		wantErr(t, fmt.Sprintf("Search(%d bytes)", n), err, graph.ErrInvalid)
		if err != nil && (!strings.Contains(err.Error(), fmt.Sprint(graph.MaxSearchQuery)) || len(err.Error()) > 300) {
			t.Errorf("Search(%d bytes): the error should give the limit and not echo the query: %.400s", n, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Search(%d bytes): refused after %v; want at once", n, d)
		}
	}
	if _, err := st.Search(ctx(t), strings.Repeat("a", graph.MaxSearchQuery), 0); err != nil {
		t.Errorf("Search(%d bytes, the limit): %v", graph.MaxSearchQuery, err)
	}
}

func testNeighborhood(t *testing.T, st graph.Store) {
	tests := []struct {
		name      string
		id        string
		q         graph.NeighborQuery
		wantNodes []string
		wantEdges []string
		truncated bool
	}{
		{name: "depth 1", id: "person:han-dong",
			wantNodes: []string{"person:han-dong", "org:csis", "person:han-tao"},
			wantEdges: []string{"advice-delay", "conversation", "csis-dong"}},
		{name: "depth 2", id: "person:han-dong", q: graph.NeighborQuery{Depth: 2},
			wantNodes: []string{"person:han-dong", "office:consul-general-toronto", "org:csis", "person:han-tao"},
			wantEdges: []string{"advice-delay", "conversation", "csis-dong", "han-tao-office"}},
		{name: "only confirmed", id: "person:han-dong", q: graph.NeighborQuery{Depth: 2, Filter: graph.Filter{Statuses: []graph.Status{graph.Confirmed}}},
			wantNodes: []string{"person:han-dong", "person:han-tao"},
			wantEdges: []string{"conversation"}},
		{name: "by type", id: "person:han-dong", q: graph.NeighborQuery{Filter: graph.Filter{Types: []string{"ADVISED", "INVESTIGATED"}}},
			wantNodes: []string{"person:han-dong", "org:csis", "person:han-tao"},
			wantEdges: []string{"advice-delay", "csis-dong"}},
		{name: "as of 2020", id: "person:han-dong", q: graph.NeighborQuery{Filter: graph.Filter{Window: graph.Window{Before: "2020"}}},
			wantNodes: []string{"person:han-dong", "org:csis"},
			wantEdges: []string{"csis-dong"}},
		{name: "cap", id: "org:prc", q: graph.NeighborQuery{Depth: 3, Limit: 3},
			wantNodes: []string{"org:prc", "office:consul-general-toronto", "person:michael-kovrig"},
			wantEdges: []string{"detained-kovrig", "office-prc"}, truncated: true},
		{name: "isolated", id: "person:xss", wantNodes: []string{"person:xss"}, wantEdges: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := st.Neighborhood(ctx(t), tt.id, tt.q)
			if err != nil {
				t.Fatalf("Neighborhood(%q, %+v): %v", tt.id, tt.q, err)
			}
			if got := nodeIDs(sub.Nodes); !slices.Equal(got, tt.wantNodes) {
				t.Errorf("nodes: got %v, want %v", got, tt.wantNodes)
			}
			if got := edgeIDs(sub.Edges); !slices.Equal(got, tt.wantEdges) {
				t.Errorf("edges: got %v, want %v", got, tt.wantEdges)
			}
			if sub.Truncated != tt.truncated {
				t.Errorf("truncated: got %v, want %v", sub.Truncated, tt.truncated)
			}
		})
	}
	_, err := st.Neighborhood(ctx(t), "person:nobody", graph.NeighborQuery{})
	wantErr(t, "Neighborhood(unknown)", err, graph.ErrNotFound)
	for _, q := range []graph.NeighborQuery{{Depth: graph.MaxDepth + 1}, {Limit: -1}, {Filter: graph.Filter{Statuses: []graph.Status{"rumoured"}}}, {Filter: graph.Filter{Types: []string{"KNOWS"}}}} {
		_, err := st.Neighborhood(ctx(t), "person:han-dong", q)
		wantErr(t, "Neighborhood(bad query)", err, graph.ErrInvalid)
	}
}

func testStats(t *testing.T, st graph.Store) {
	got, err := st.Stats(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Stats{
		Nodes: 11, Edges: 9,
		NodeTypes: map[string]int{"document": 1, "person": 6, "organization": 2, "office": 1, "event": 1},
		EdgeTypes: map[string]int{"CONTACTED": 1, "ADVISED": 1, "HOLDS_OFFICE": 1, "PART_OF": 1, "DETAINED": 2, "PARTICIPATED_IN": 1, "INVESTIGATED": 1, "MENTIONED_IN": 1},
		Statuses:  map[string]int{"confirmed": 3, "reported": 4, "alleged": 1, "disputed": 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
	}
}

func testScan(t *testing.T, st graph.Store, ds *graph.Dataset) {
	var nodes []graph.Node
	if err := st.EachNode(ctx(t), func(n graph.Node) error { nodes = append(nodes, canonNode(n)); return nil }); err != nil {
		t.Fatal(err)
	}
	var edges []graph.Edge
	if err := st.EachEdge(ctx(t), func(e graph.Edge) error { edges = append(edges, canonEdge(e)); return nil }); err != nil {
		t.Fatal(err)
	}
	wantNodes := make([]graph.Node, len(ds.Nodes))
	for i, n := range ds.Nodes {
		wantNodes[i] = canonNode(n)
	}
	slices.SortFunc(wantNodes, func(a, b graph.Node) int { return cmpStr(a.ID, b.ID) })
	wantEdges := make([]graph.Edge, len(ds.Edges))
	for i, e := range ds.Edges {
		wantEdges[i] = canonEdge(e)
	}
	slices.SortFunc(wantEdges, func(a, b graph.Edge) int { return cmpStr(a.ID, b.ID) })
	if !reflect.DeepEqual(nodes, wantNodes) {
		t.Errorf("EachNode: got %v, want %v (all nodes, in id order, unchanged)", nodeIDs(nodes), nodeIDs(wantNodes))
	}
	if !reflect.DeepEqual(edges, wantEdges) {
		t.Errorf("EachEdge: got %v, want %v (all edges, in id order, unchanged)", edgeIDs(edges), edgeIDs(wantEdges))
		for i := range min(len(edges), len(wantEdges)) {
			if !reflect.DeepEqual(edges[i], wantEdges[i]) {
				t.Errorf("first difference:\n got %#v\nwant %#v", edges[i], wantEdges[i])
				break
			}
		}
	}
	stop := errors.New("stop")
	calls := 0
	err := st.EachNode(ctx(t), func(graph.Node) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachNode with a failing callback: got %v after %d calls, want the callback's error after 1", err, calls)
	}
}

func cmpStr(a, b string) int { return strings.Compare(a, b) }

// testTexts: a document's text comes back verbatim, nodes without one say
// so, and quotes are placed in it alike on every store.
func testTexts(t *testing.T, st graph.Store) {
	text, ok, err := st.DocumentText(ctx(t), "doc:article")
	if err != nil || !ok || text != FixtureText {
		t.Errorf("DocumentText(doc:article) = %d runes, %v, %v; want the fixture's text verbatim, true, nil", len([]rune(text)), ok, err)
	}
	if text, ok, err := st.DocumentText(ctx(t), "person:han-dong"); err != nil || ok || text != "" {
		t.Errorf("DocumentText(person:han-dong) = %q, %v, %v; want \"\", false, nil", text, ok, err)
	}
	_, _, err = st.DocumentText(ctx(t), "doc:nope")
	wantErr(t, "DocumentText(doc:nope)", err, graph.ErrNotFound)
	var ids []string
	if err := st.EachText(ctx(t), func(id, text string) error {
		ids = append(ids, id)
		if text != FixtureText {
			t.Errorf("EachText: %s's text differs from the fixture's", id)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []string{"doc:article"}) {
		t.Errorf("EachText: got %v, want [doc:article]", ids)
	}
	ps, err := graph.Passages(ctx(t), st, "doc:article", FixtureText)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(FixtureText)
	found := map[string]string{}
	missing := 0
	for _, p := range ps {
		if p.Found {
			found[p.Edge+"/"+p.Quote] = string(runes[p.Start:p.End])
		} else {
			missing++
		}
	}
	// Every quote of doc:article but the CSIS probe's is in the text.
	if missing != 1 || len(ps) != 10 {
		t.Errorf("Passages: %d quotes, %d not found; want 10 and 1", len(ps), missing)
	}
	if got := found["advice-delay/Beijing ought to maintain off liberating Michael Kovrig and Michael Spavor"]; got != "Beijing ought to maintain off\nliberating Michael Kovrig and Michael Spavor" {
		t.Errorf("the advice's quote is placed at %q", got)
	}
	if got := found["otoole-mentioned/then-Conservative chief Erin O’Toole"]; got != "then-Conservative chief Erin O’Toole" {
		t.Errorf("O’Toole's mention is placed at %q", got)
	}
	hits, err := graph.SearchText(ctx(t), st, "back channel", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Kind != "text" || string(runes[hits[0].Start:hits[0].End]) != "back-channel" {
		t.Errorf("SearchText(back channel) = %+v; want the one passage of the text", hits)
	}
}

// testReload loads a second dataset over the first: the old graph is
// gone, and the version changes. A dataset that cannot load leaves the
// previous graph intact.
func testReload(t *testing.T, open Opener) {
	st := open(t, Fixture())
	v1, err := st.Version(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	small := Fixture()
	small.Nodes = small.Nodes[:3] // doc, han-dong, han-tao
	small.Edges = small.Edges[:2] // conversation, advice-delay
	if err := st.Load(ctx(t), small); err != nil {
		t.Fatalf("Load(small): %v", err)
	}
	v2, err := st.Version(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if v1 == v2 {
		t.Errorf("Version did not change across Load: %q", v1)
	}
	if _, err := st.Node(ctx(t), "person:michael-kovrig"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("after reload, a node of the old graph: got %v, want ErrNotFound", err)
	}
	bad := Fixture()
	bad.Edges = append(bad.Edges, graph.Edge{ID: "dangling", Source: "person:han-dong", Target: "person:ghost", Type: "CONTACTED", Status: graph.Reported,
		Evidence: []graph.Evidence{{Document: "doc:article", Quote: "x", AttributedTo: "y", Stance: graph.Supports}}})
	if err := st.Load(ctx(t), bad); err == nil {
		t.Errorf("Load(dataset with an edge to an unknown node): no error")
	}
	stats, err := st.Stats(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Nodes != 3 || stats.Edges != 2 {
		t.Errorf("after a failed load: %d nodes, %d edges; want the previous 3 and 2", stats.Nodes, stats.Edges)
	}
}
