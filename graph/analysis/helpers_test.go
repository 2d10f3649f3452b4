package analysis_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
)

// project builds the projection of ds.
func project(tb testing.TB, ds *graph.Dataset) (*analysis.Projection, *analysis.DatasetScanner) {
	tb.Helper()
	st := analysis.NewDatasetScanner(ds)
	p, err := analysis.Build(context.Background(), st, analysis.BuildOptions{})
	if err != nil {
		tb.Fatalf("build: %v", err)
	}
	return p, st
}

func ev(doc, who string, stance graph.Stance) graph.Evidence {
	return graph.Evidence{Document: doc, Quote: "q", AttributedTo: who, Stance: stance}
}

func edge(src, typ, dst string, status graph.Status, date graph.Date) graph.Edge {
	e := graph.Edge{ID: src + ">" + typ + ">" + dst, Source: src, Target: dst, Type: typ, Status: status, Date: date,
		Evidence: []graph.Evidence{ev("doc:d", "a source", graph.Supports)}}
	if status == graph.Disputed {
		e.Evidence = append(e.Evidence, ev("doc:d", "the party", graph.Denies))
	}
	return e
}

// readEdges reads a testdata edge list ("a b" per line, # comments) as
// an undirected graph: each line becomes relationships both ways, so that
// directed measures (PageRank) see what networkx sees on an nx.Graph.
func readEdges(tb testing.TB, name string) *graph.Dataset {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	ds := &graph.Dataset{}
	seen := map[string]bool{}
	addNode := func(id string) {
		if !seen[id] {
			seen[id] = true
			ds.Nodes = append(ds.Nodes, graph.Node{ID: id, Type: graph.Person, Name: id})
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		a, b, ok := strings.Cut(line, " ")
		if !ok {
			tb.Fatalf("%s: bad line %q", name, line)
		}
		a, b = "n:"+a, "n:"+b
		addNode(a)
		addNode(b)
		ds.Edges = append(ds.Edges, edge(a, "ASSOCIATE_OF", b, graph.Confirmed, ""), edge(b, "ASSOCIATE_OF", a, graph.Confirmed, ""))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return ds
}

// randomGraph has n nodes on a path (so it is connected) plus extra
// random relationships, with random statuses and evidence counts; no
// self-loops, no parallel or reciprocal relationships, so its simple
// undirected view has exactly one edge per relationship.
func randomGraph(n, extra int, seed uint64) *graph.Dataset {
	r := rand.New(rand.NewPCG(seed, 1))
	ds := &graph.Dataset{}
	for i := range n {
		ds.Nodes = append(ds.Nodes, graph.Node{ID: fmt.Sprintf("n:%04d", i), Type: graph.Person, Name: fmt.Sprint(i)})
	}
	pairs := map[[2]int]bool{}
	add := func(a, b int) {
		if a == b || pairs[[2]int{a, b}] || pairs[[2]int{b, a}] {
			return
		}
		pairs[[2]int{a, b}] = true
		st := graph.Statuses[r.IntN(4)]
		e := edge(ds.Nodes[a].ID, "CONTACTED", ds.Nodes[b].ID, st, "")
		for k := r.IntN(3); k > 0; k-- {
			e.Evidence = append(e.Evidence, ev("doc:d", fmt.Sprintf("source %d", k), graph.Supports))
		}
		ds.Edges = append(ds.Edges, e)
	}
	perm := r.Perm(n)
	for i := 1; i < n; i++ {
		add(perm[i-1], perm[i])
	}
	for range extra {
		add(r.IntN(n), r.IntN(n))
	}
	return ds
}

var ctxb = context.Background()

func newScanner(ds *graph.Dataset) *analysis.DatasetScanner {
	return analysis.NewDatasetScanner(ds)
}
