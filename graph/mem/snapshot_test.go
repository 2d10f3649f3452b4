package mem_test

import (
	"bytes"
	"reflect"
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/gen"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
)

// roundTrip loads ds, writes a snapshot and reads it back.
func roundTrip(t testing.TB, ds *graph.Dataset) (loaded, read *mem.Store, snap []byte) {
	t.Helper()
	loaded = mem.New()
	if err := loaded.Load(t.Context(), ds); err != nil {
		t.Fatalf("load: %v", err)
	}
	var buf bytes.Buffer
	if err := loaded.WriteSnapshot(t.Context(), &buf, t.TempDir()); err != nil {
		t.Fatalf("write snapshot: %v", err)
	}
	read, err := mem.ReadSnapshot(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("read snapshot: %v", err)
	}
	return loaded, read, buf.Bytes()
}

// TestConformanceFromSnapshot runs the store suite on stores read back
// from a snapshot of the fixture.
func TestConformanceFromSnapshot(t *testing.T) {
	storetest.Run(t, func(t *testing.T, ds *graph.Dataset) graph.Store {
		t.Helper()
		_, st, _ := roundTrip(t, ds)
		return st
	})
}

func allNodes(t testing.TB, st *mem.Store) []graph.Node {
	t.Helper()
	var out []graph.Node
	if err := st.EachNode(t.Context(), func(n graph.Node) error { out = append(out, n); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func allEdges(t testing.TB, st *mem.Store) []graph.Edge {
	t.Helper()
	var out []graph.Edge
	if err := st.EachEdge(t.Context(), func(e graph.Edge) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSnapshotSameGraph: a store read from a snapshot holds exactly the
// loaded one's nodes and edges (nil and empty lists and maps kept apart,
// since JSON tells them apart), counts, neighbours and search answers.
func TestSnapshotSameGraph(t *testing.T) {
	ds, _, err := gen.Generate(gen.Config{Nodes: 2000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ds.Nodes[5].Props = map[string]string{"country": "ca", "born": "1970"}
	ds.Nodes[6].Props = map[string]string{}
	ds.Nodes[7].Aliases = nil
	ds.Nodes[8].Aliases = []string{"Dong", "Consul General Han", "Dong"}
	ds.Nodes[9].Description = "Ünïcode — and “quotes”"
	ds.Edges[3].Props = map[string]string{"amount": "100"}
	// Relationships need evidence (graph.ValidateDataset): nil and empty
	// are told apart on props instead.
	ds.Edges[4].Props = nil
	ds.Edges[5].Props = map[string]string{}
	ds.Edges[6].EndDate = "2030"
	loaded, read, _ := roundTrip(t, ds)

	if got, want := allNodes(t, read), allNodes(t, loaded); !reflect.DeepEqual(got, want) {
		t.Fatalf("nodes differ after the snapshot (%d vs %d)", len(got), len(want))
	}
	if got, want := allEdges(t, read), allEdges(t, loaded); !reflect.DeepEqual(got, want) {
		t.Fatalf("edges differ after the snapshot (%d vs %d)", len(got), len(want))
	}
	gs, _ := read.Stats(t.Context())
	ws, _ := loaded.Stats(t.Context())
	if !reflect.DeepEqual(gs, ws) {
		t.Errorf("stats: got %+v, want %+v", gs, ws)
	}
	for _, n := range ds.Nodes[:50] {
		got, err := read.NodeEdges(t.Context(), n.ID)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := loaded.NodeEdges(t.Context(), n.ID)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("NodeEdges(%s) differ", n.ID)
		}
	}
	ids := []string{ds.Edges[0].ID, "nope", ds.Edges[len(ds.Edges)-1].ID}
	got, _ := read.Edges(t.Context(), ids)
	want, _ := loaded.Edges(t.Context(), ids)
	if len(got) != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("Edges(%v): got %d, want the same 2 as the loaded store", ids, len(got))
	}
	for _, q := range []string{"kov", "kovrig", "han dong", ds.Nodes[10].Name, "zz", "dong"} {
		got, err := read.Search(t.Context(), q, 20)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := loaded.Search(t.Context(), q, 20)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Search(%q) differs after the snapshot", q)
		}
	}
	// An alias list read from a snapshot shares one array; appending to
	// one node's must not change another's.
	n8, _ := read.Node(t.Context(), ds.Nodes[8].ID)
	_ = append(n8.Aliases, "extra")
	n9, _ := read.Node(t.Context(), ds.Nodes[9].ID)
	if !slices.Equal(n9.Aliases, ds.Nodes[9].Aliases) {
		t.Errorf("aliases of %s changed by an append to another node's: %v", n9.ID, n9.Aliases)
	}
}

// TestSnapshotDamaged: every truncation and a sweep of flipped bytes are
// errors or a consistent graph, never a panic.
func TestSnapshotDamaged(t *testing.T) {
	_, _, snap := roundTrip(t, storetest.Fixture())
	for n := range len(snap) {
		if _, err := mem.ReadSnapshot(bytes.NewReader(snap[:n]), int64(n)); err == nil {
			t.Fatalf("a snapshot cut at %d of %d bytes read without error", n, len(snap))
		}
	}
	for i := range snap {
		bad := slices.Clone(snap)
		bad[i] ^= 0x5a
		if st, err := mem.ReadSnapshot(bytes.NewReader(bad), int64(len(bad))); err == nil {
			// A flipped character inside a string can still be a valid
			// snapshot; it must still be usable.
			allEdges(t, st)
		}
	}
}

func FuzzReadSnapshot(f *testing.F) {
	_, _, snap := roundTrip(f, storetest.Fixture())
	f.Add(snap)
	f.Add([]byte("BCMEMSN3"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := mem.ReadSnapshot(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		for _, e := range allEdges(t, st) {
			if _, err := st.Node(t.Context(), e.Source); err != nil {
				t.Fatalf("edge %s: source: %v", e.ID, err)
			}
		}
		if _, err := st.Search(t.Context(), "a", 5); err != nil {
			t.Fatal(err)
		}
	})
}
