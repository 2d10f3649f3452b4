package dataset

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestLoadValid(t *testing.T) {
	res, err := Load(t.Context(), "testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("problems in a valid dataset: %v", res.Problems)
	}
	ds := res.Dataset
	tests := []struct {
		what      string
		got, want any
	}{
		{"nodes", len(ds.Nodes), 3},
		{"edges", len(ds.Edges), 2},
		{"default edge id", ds.Edges[1].ID, "person:han-dong>CONTACTED>person:han-tao"},
		{"single alias", fmt.Sprint(ds.Nodes[2].Aliases), "[Consul General Han]"},
		{"date kept as written", string(ds.Edges[0].Date), "2021-02"},
		{"document text", res.DocumentFiles["doc:article"], filepath.Join("testdata", "valid", "article.txt")},
		{"disputed evidence", len(ds.Edges[0].Evidence), 2},
	}
	for _, tt := range tests {
		if fmt.Sprint(tt.got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.what, tt.got, tt.want)
		}
	}
}

// TestLoadBroken checks every problem the validator reports, as a golden
// file (go test ./graph/dataset -update rewrites it).
func TestLoadBroken(t *testing.T) {
	res, err := Load(t.Context(), "testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, p := range res.Problems {
		fmt.Fprintln(&buf, p)
	}
	golden := filepath.Join("testdata", "broken.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got := buf.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s line %d:\n got %s\nwant %s", golden, i+1, g, w)
			}
		}
	}
}

func TestLoadMissingPath(t *testing.T) {
	if _, err := Load(t.Context(), "testdata/does-not-exist"); err == nil {
		t.Error("Load(missing path): no error")
	}
}

// TestSeeds holds the shipped dataset to the bar: it validates,
// has the expected size, and models the advice claim with the
// allegation, the denial and the special rapporteur's refutation (it was
// disputed as of 2023-03-22 and is refuted since 2023-05-23); every
// paraphrase cites a document with a URL.
func TestSeeds(t *testing.T) {
	res, err := Load(t.Context(), "../../seeds")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Error(p)
	}
	ds := res.Dataset
	if n, e := len(ds.Nodes), len(ds.Edges); n < 40 || e < 60 {
		t.Errorf("seeds: %d nodes, %d relationships; want at least 40 and 60", n, e)
	}
	var advice *graph.Edge
	for i, e := range ds.Edges {
		if e.Source == "person:han-dong" && e.Target == "person:han-tao" && e.Type == "ADVISED" && e.Status == graph.Refuted {
			advice = &ds.Edges[i]
		}
	}
	if advice == nil {
		t.Fatal("seeds: no refuted ADVISED edge from person:han-dong to person:han-tao")
	}
	stances := map[graph.Stance]int{}
	for _, ev := range advice.Evidence {
		stances[ev.Stance]++
	}
	if stances[graph.Supports] == 0 || stances[graph.Denies] == 0 || stances[graph.Refutes] == 0 {
		t.Errorf("refuted advice %s: stances %v, want supports, denies and refutes", advice.ID, stances)
	}
	if got := graph.StatusAt(advice, "2023-04"); got != graph.Disputed {
		t.Errorf("advice as of 2023-04: %s, want disputed", got)
	}
	docs := map[string]graph.Node{}
	for _, n := range ds.Nodes {
		docs[n.ID] = n
	}
	paraphrases := 0
	for _, e := range ds.Edges {
		for _, ev := range e.Evidence {
			if ev.KindOf() != graph.Paraphrase {
				continue
			}
			paraphrases++
			if d := docs[ev.Document]; d.URL == "" || d.Props["outlet"] == "" || d.Date == "" || d.Name == "" {
				t.Errorf("%s: a paraphrase of %s, which lacks a full citation: %+v", e.ID, ev.Document, d)
			}
		}
	}
	if paraphrases == 0 {
		t.Error("seeds: no paraphrase of the later reporting")
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"China’s  consul\n normal", "China's consul normal"},
		{"“hedging”", `"hedging"`},
		{"  lead and trail  ", "lead and trail"},
	}
	for _, tt := range tests {
		if got := normalizeText(tt.in); got != tt.want {
			t.Errorf("normalizeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The parsers must never panic, whatever the input. Seeds come from
// testdata; the fuzzer's own corpus lives in testdata/fuzz.
func FuzzYAML(f *testing.F) {
	for _, p := range []string{"testdata/valid/graph.yaml", "testdata/broken/nodes.yaml", "testdata/broken/syntax.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("nodes: {a: 1}\nedges: [1, [2]]"))
	f.Add([]byte("edges:\n  - evidence: [1, {quote: [x]}]\n    props: [1]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r records
		r.parseYAML("fuzz.yaml", data)
		r.check()
	})
}

func FuzzJSON(f *testing.F) {
	data, err := os.ReadFile("testdata/broken/graph.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"nodes":[{"id":1}],"edges":{}}`))
	f.Add([]byte(`{"x":[1,2],"nodes":[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r records
		r.parseJSON("fuzz.json", &lineCounter{r: bytes.NewReader(data)})
		r.check()
	})
}
