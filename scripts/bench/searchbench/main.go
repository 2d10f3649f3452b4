// Command searchbench times search on the embedded store and, given a
// Neo4j loaded with the same dataset, on Neo4j, side by side, with the
// same queries, and measures recall on typos: for each query made from a
// node's name (exact, a prefix, one or two typos, several words with a
// typo, a word from the middle), whether that node is among the first 10
// hits. The graph is generated in-process (-gen N, the same graph as
// `backchannel gen --nodes N --seed 1`), read from a directory (-data),
// or read from the snapshot that `backchannel serve` cached for a
// directory (-snapshot FILE, see cmd/backchannel/cache.go; fastest at a
// million nodes).
//
//	go run ./scripts/bench/searchbench -gen 1000000
//	backchannel gen --nodes 100000 --seed 1 --out /tmp/g100k
//	backchannel load --neo4j bolt://127.0.0.1:7687 /tmp/g100k
//	go run ./scripts/bench/searchbench -data /tmp/g100k -neo4j bolt://127.0.0.1:7687
package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/gen"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/neo4j"
)

func main() {
	nodes := flag.Int("gen", 0, "generate this many nodes (seed 1) in-process")
	data := flag.String("data", "", "or read this dataset directory")
	snap := flag.String("snapshot", "", "or read this snapshot (as cached by serve)")
	uri := flag.String("neo4j", "", "Neo4j bolt URI holding the same dataset (optional)")
	perKind := flag.Int("queries", 50, "queries per kind")
	reps := flag.Int("reps", 5, "timed repetitions of each query (the median is kept)")
	flag.Parse()
	if err := run(context.Background(), *nodes, *data, *snap, *uri, *perKind, *reps); err != nil {
		log.Fatal(err)
	}
}

type query struct {
	kind, q string
	want    string // the node it was made from; "" for the fixed queries
}

func run(ctx context.Context, n int, data, snap, uri string, perKind, reps int) error {
	st := mem.New()
	switch {
	case n > 0 || data != "":
		var ds *graph.Dataset
		if n > 0 {
			var err error
			if ds, _, err = gen.Generate(gen.Config{Nodes: n, Seed: 1}); err != nil {
				return err
			}
		} else {
			res, err := dataset.Load(ctx, data)
			if err != nil {
				return err
			}
			if len(res.Problems) > 0 {
				return fmt.Errorf("%s: %d problems, first %s", data, len(res.Problems), res.Problems[0])
			}
			ds = res.Dataset
		}
		if err := st.Load(ctx, ds); err != nil {
			return err
		}
	case snap != "":
		var err error
		if st, err = readCached(snap); err != nil {
			return err
		}
	default:
		return fmt.Errorf("give -gen N, -data DIR or -snapshot FILE")
	}
	runtime.GC()
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	nNodes, nEdges := stats.Nodes, stats.Edges
	var nodes []graph.Node
	if err := st.EachNode(ctx, func(n graph.Node) error { nodes = append(nodes, n); return nil }); err != nil {
		return err
	}
	queries := makeQueries(nodes, perKind)
	nodes = nil
	stores := []graph.Store{st}
	names := []string{"embedded"}
	if uri != "" {
		nst, err := neo4j.New(ctx, neo4j.Config{URI: uri, User: "neo4j", Password: os.Getenv("NEO4J_PASSWORD")})
		if err != nil {
			return err
		}
		defer nst.Close(ctx)
		stores = append(stores, nst)
		names = append(names, "neo4j")
	}
	fmt.Printf("%d nodes, %d relationships; %d queries; GOMAXPROCS %d\n\n", nNodes, nEdges, len(queries), runtime.GOMAXPROCS(0))
	type agg struct {
		times, cpu []time.Duration
		found, had int
	}
	res := make([]map[string]*agg, len(stores))
	var kinds []string
	for _, q := range queries {
		if !slices.Contains(kinds, q.kind) {
			kinds = append(kinds, q.kind)
		}
	}
	for si, s := range stores {
		res[si] = map[string]*agg{}
		for _, k := range kinds {
			res[si][k] = &agg{}
		}
		for _, q := range queries { // warm-up: one untimed pass
			if _, err := s.Search(ctx, q.q, 10); err != nil {
				return fmt.Errorf("%s: search %q: %w", names[si], q.q, err)
			}
		}
		for _, q := range queries {
			var ts, cs []time.Duration
			var hits []graph.Hit
			for range reps {
				t0, c0 := time.Now(), cpuTime()
				h, err := s.Search(ctx, q.q, 10)
				ts = append(ts, time.Since(t0))
				cs = append(cs, cpuTime()-c0)
				if err != nil {
					return err
				}
				hits = h
			}
			slices.Sort(ts)
			slices.Sort(cs)
			a := res[si][q.kind]
			a.times = append(a.times, ts[len(ts)/2])
			a.cpu = append(a.cpu, cs[len(cs)/2])
			if q.want != "" {
				a.had++
				if slices.ContainsFunc(hits, func(h graph.Hit) bool { return h.ID == q.want }) {
					a.found++
				}
			}
		}
	}
	fmt.Print("| query kind | example |")
	for _, nm := range names {
		fmt.Printf(" %s median ms | %s max ms | %s recall@10 |", nm, nm, nm)
		if nm == "embedded" {
			fmt.Print(" embedded CPU median ms |")
		}
	}
	fmt.Print("\n| --- | --- |")
	for range names {
		fmt.Print(" ---: | ---: | ---: |")
	}
	fmt.Print(" ---: |")
	fmt.Println()
	for _, k := range kinds {
		ex := ""
		for _, q := range queries {
			if q.kind == k {
				ex = q.q
				break
			}
		}
		fmt.Printf("| %s | %q |", k, ex)
		for si := range stores {
			a := res[si][k]
			slices.Sort(a.times)
			recall := "-"
			if a.had > 0 {
				recall = fmt.Sprintf("%d/%d", a.found, a.had)
			}
			fmt.Printf(" %.2f | %.2f | %s |", ms(a.times[len(a.times)/2]), ms(a.times[len(a.times)-1]), recall)
			if si == 0 {
				slices.Sort(a.cpu)
				fmt.Printf(" %.2f |", ms(a.cpu[len(a.cpu)/2]))
			}
		}
		fmt.Println()
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// cpuTime is the CPU this process has used (the embedded store's
// searches run in it; on a shared machine wall time also counts waiting
// for a core).
func cpuTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// makeQueries derives queries from seeded people (two-word names) plus
// the fixed ones of the issue.
func makeQueries(nodes []graph.Node, perKind int) []query {
	var out []query
	for _, q := range []string{"kovrig", "kovrik", "han dong", "kov"} {
		out = append(out, query{kind: "fixed: " + q, q: q})
	}
	r := rand.New(rand.NewPCG(7, 7))
	var people []graph.Node
	for _, n := range nodes {
		if n.Type == graph.Person && strings.Count(n.Name, " ") == 1 {
			people = append(people, n)
		}
	}
	if len(people) == 0 {
		return out
	}
	edit := func(w string) string { // one substitution, not at the first letter
		b := []byte(w)
		if len(b) < 3 {
			return w + "e"
		}
		i := 1 + r.IntN(len(b)-1)
		c := byte('a' + r.IntN(26))
		for c == b[i] {
			c = byte('a' + r.IntN(26))
		}
		b[i] = c
		return string(b)
	}
	swap := func(w string) string { // two neighbouring letters swapped (two edits)
		b := []byte(w)
		if len(b) < 4 {
			return w
		}
		i := 1 + r.IntN(len(b)-2)
		b[i], b[i+1] = b[i+1], b[i]
		return string(b)
	}
	for range perKind {
		p := people[r.IntN(len(people))]
		name := graph.Normalize(p.Name)
		first, last, _ := strings.Cut(name, " ")
		out = append(out,
			query{"exact name", name, p.ID},
			query{"prefix of the name", name[:len(first)+1+min(2, len(last))], p.ID},
			query{"one typo in the surname", edit(last), p.ID},
			query{"two typos (swap) in the surname", swap(last), p.ID},
			query{"two words, typo in the second", first + " " + edit(last), p.ID},
			query{"two words run together", first + last, p.ID},
			query{"middle of a word", last[1 : len(last)-1], p.ID},
		)
	}
	return out
}

// readCached reads a snapshot file, skipping the header serve's cache
// puts before it ("BCCACHE1", a uvarint length, the manifest).
func readCached(path string) (*mem.Store, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(f)
	if magic, err := br.Peek(8); err == nil && string(magic) == "BCCACHE1" {
		br.Discard(8)
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		if _, err := br.Discard(int(n)); err != nil {
			return nil, err
		}
	}
	return mem.ReadSnapshot(br, info.Size())
}
