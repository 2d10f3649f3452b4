package mem_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/gen"
	"github.com/backchannel/backchannel/graph/mem"
)

// benchNodes is the generated graph's size: BACKCHANNEL_BENCH_NODES, or
// 100,000 (five relationships per node).
func benchNodes(b *testing.B) int {
	b.Helper()
	n, err := gen.BenchNodes(100_000)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// loadGenerated returns a store loaded with a generated graph and the
// heap it holds, everything included (strings, evidence, indexes).
func loadGenerated(b *testing.B, nodes int) (*mem.Store, uint64, int) {
	b.Helper()
	before := heapInUse()
	ds, _, err := gen.Generate(gen.Config{Nodes: nodes, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	edges := len(ds.Edges)
	st := mem.New()
	if err := st.Load(b.Context(), ds); err != nil {
		b.Fatal(err)
	}
	ds = nil // the store keeps what it needs
	return st, heapInUse() - before, edges
}

// BenchmarkFootprint reports what the embedded store holds for a
// generated graph: run with BACKCHANNEL_BENCH_NODES=1000000 for the
// million-node figure.
//
//	go test ./graph/mem -run XXX -bench Footprint -benchtime 1x
func BenchmarkFootprint(b *testing.B) {
	n := benchNodes(b)
	for b.Loop() {
		st, bytes, edges := loadGenerated(b, n)
		b.ReportMetric(float64(bytes)/(1<<20), "MiB")
		b.ReportMetric(float64(bytes)/float64(edges), "B/relationship")
		runtime.KeepAlive(st)
	}
}

// BenchmarkReads times the API's reads on a generated graph: a search
// (every node scanned) and a two-hop neighbourhood of a hub.
func BenchmarkReads(b *testing.B) {
	st, _, _ := loadGenerated(b, benchNodes(b))
	hits, err := st.Search(b.Context(), "kov", 1)
	if err != nil || len(hits) == 0 {
		b.Fatalf("search: %v, %d hits", err, len(hits))
	}
	id := hits[0].ID
	// "kov" has plenty of prefix matches (the word index answers);
	// "kovrig" has few, so every name is scanned for fuzzy ones.
	for _, q := range []string{"kov", "kovrig"} {
		b.Run("search-"+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := st.Search(b.Context(), q, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("neighborhood-depth2", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Neighborhood(b.Context(), id, graph.NeighborQuery{Depth: 2}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearch times each kind of query on a generated graph (run
// with BACKCHANNEL_BENCH_NODES=1000000 for the million-node figures;
// scripts/bench/searchbench compares with Neo4j and measures recall).
func BenchmarkSearch(b *testing.B) {
	st, _, _ := loadGenerated(b, benchNodes(b))
	var name string
	if err := st.EachNode(b.Context(), func(n graph.Node) error {
		if name == "" && n.Type == graph.Person {
			name = graph.Normalize(n.Name)
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	first, last, _ := strings.Cut(name, " ")
	typo := last[:2] + "x" + last[3:]
	for _, q := range []struct{ kind, q string }{
		{"exact", name}, {"prefix", first + " " + last[:2]}, {"typo", typo}, {"multi-word-typo", first + " " + typo},
		{"run-together", first + last}, {"kovrig", "kovrig"}, {"kovrik", "kovrik"}, {"han-dong", "han dong"}, {"kov", "kov"},
	} {
		b.Run(q.kind, func(b *testing.B) {
			for b.Loop() {
				if _, err := st.Search(b.Context(), q.q, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
