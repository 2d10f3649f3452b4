package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/mem"
)

// openSeeds opens the embedded store the way every command does, on the
// dataset at dir, and returns it with what it printed.
func openSeeds(t *testing.T, dir string) (*sourceFlags, *mem.Store, string) {
	t.Helper()
	var errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &errOut}
	src := &sourceFlags{data: dir}
	st, err := src.open(t.Context(), m)
	if err != nil {
		t.Fatalf("open %s: %v\n%s", dir, err, errOut.String())
	}
	return src, st.(*mem.Store), errOut.String()
}

func dump(t *testing.T, st *mem.Store) ([]graph.Node, []graph.Edge) {
	t.Helper()
	var ns []graph.Node
	var es []graph.Edge
	if err := st.EachNode(t.Context(), func(n graph.Node) error { ns = append(ns, n); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := st.EachEdge(t.Context(), func(e graph.Edge) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return ns, es
}

// TestSnapshotCache: a snapshot written after a load from files is read
// on the next start, with the same graph; a changed document text, an
// added data file or a damaged snapshot sends the next start back to the
// files.
func TestSnapshotCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("BACKCHANNEL_CACHE", cache)
	defer func(n int) { cacheMinElements = n }(cacheMinElements)
	cacheMinElements = 1
	dir := filepath.Join(t.TempDir(), "seeds")
	if err := os.CopyFS(dir, os.DirFS("../../seeds")); err != nil {
		t.Fatal(err)
	}

	src, fromFiles, _ := openSeeds(t, dir)
	if src.saveSnapshot == nil {
		t.Fatal("a load from files offers no snapshot")
	}
	path, err := src.saveSnapshot(t.Context())
	if err != nil || path == "" {
		t.Fatalf("save snapshot: %q, %v", path, err)
	}
	src, cached, msg := openSeeds(t, dir)
	if !strings.Contains(msg, "loaded the snapshot") || src.saveSnapshot != nil {
		t.Fatalf("second start did not read the snapshot:\n%s", msg)
	}
	wantN, wantE := dump(t, fromFiles)
	gotN, gotE := dump(t, cached)
	if !reflect.DeepEqual(gotN, wantN) || !reflect.DeepEqual(gotE, wantE) {
		t.Fatal("the graph read from the snapshot differs from the one read from the files")
	}

	// A damaged snapshot is reported and the files are read.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	if src, _, msg = openSeeds(t, dir); !strings.Contains(msg, "ignoring the snapshot") || src.saveSnapshot == nil {
		t.Errorf("half a snapshot: want it ignored, got:\n%s", msg)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	// A document text that changed (its quotes must be checked again).
	doc := filepath.Join(dir, "2023-03-22-han-dong-two-michaels.txt")
	text, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, append(text, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, msg = openSeeds(t, dir); !strings.Contains(msg, "out of date") || !strings.Contains(msg, "changed") {
		t.Errorf("changed document text: want the snapshot out of date, got:\n%s", msg)
	}
	if err := os.WriteFile(doc, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, msg = openSeeds(t, dir); !strings.Contains(msg, "loaded the snapshot") {
		t.Errorf("document text restored: want the snapshot used again, got:\n%s", msg)
	}

	// A data file added under the same path.
	extra := "nodes:\n  - id: person:extra-person\n    type: person\n    name: Extra Person\n"
	if err := os.WriteFile(filepath.Join(dir, "han-dong", "extra.yaml"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	_, st, msg := openSeeds(t, dir)
	if !strings.Contains(msg, "added or removed") {
		t.Errorf("added data file: want the snapshot out of date, got:\n%s", msg)
	}
	if _, err := st.Node(t.Context(), "person:extra-person"); err != nil {
		t.Errorf("added data file not read: %v", err)
	}

	// Turned off: nothing read, nothing offered.
	t.Setenv("BACKCHANNEL_CACHE", "off")
	if path, err := src.saveSnapshot(t.Context()); err != nil || path != "" {
		t.Errorf("cache off: saveSnapshot wrote %q, %v", path, err)
	}
}
