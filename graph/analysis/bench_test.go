package analysis_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/topo"
	"gonum.org/v1/gonum/graph/traverse"

	"github.com/backchannel/backchannel/graph/analysis"
	"github.com/backchannel/backchannel/graph/gen"
	"github.com/backchannel/backchannel/graph/mem"
)

// The benchmarks run natively and through gonum on the same generated
// graph, side by side, so that ratios come from one run:
//
//	go test ./graph/analysis -run '^$' -bench . -benchtime 3x
//
// BACKCHANNEL_BENCH_NODES sets the size (default 10000; gonum's
// map-based algorithms become slow beyond 100000). The comparison with
// igraph and networkx is scripts/bench/run.sh.

var (
	benchOnce sync.Once
	benchP    *analysis.Projection
	benchSt   *mem.Store
)

func benchGraph(b *testing.B) *analysis.Projection {
	b.Helper()
	benchOnce.Do(func() {
		n, err := gen.BenchNodes(10000)
		if err != nil {
			b.Fatal(err)
		}
		ds, _, err := gen.Generate(gen.Config{Nodes: n, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		benchSt = mem.New()
		if err := benchSt.Load(context.Background(), ds); err != nil {
			b.Fatal(err)
		}
		benchP, err = analysis.Build(context.Background(), benchSt, analysis.BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
	})
	if benchP == nil {
		b.Fatal("no benchmark graph")
	}
	return benchP
}

func BenchmarkBuild(b *testing.B) {
	p := benchGraph(b)
	for b.Loop() {
		if _, err := analysis.Build(context.Background(), benchSt, analysis.BuildOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(p.Bytes())/float64(p.M()), "bytes/rel")
}

func BenchmarkPageRank(b *testing.B) {
	p := benchGraph(b)
	b.Run("native", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := p.PageRank(context.Background(), 0.85, 1e-10, 10000); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gonum", func(b *testing.B) {
		for b.Loop() {
			network.PageRankSparse(unweighted{p.Gonum()}, 0.85, 1e-10)
		}
	})
}

func BenchmarkBFS(b *testing.B) {
	p := benchGraph(b)
	dist := make([]int32, p.N())
	b.Run("native", func(b *testing.B) {
		for b.Loop() {
			for i := range dist {
				dist[i] = -1
			}
			p.BFS(0, dist)
		}
	})
	b.Run("gonum", func(b *testing.B) {
		u := gonum.Undirect{G: unweighted{p.Gonum()}}
		for b.Loop() {
			var bf traverse.BreadthFirst
			bf.Walk(u, p.Gonum().Node(0), nil)
		}
	})
}

func BenchmarkShortestPath(b *testing.B) {
	p := benchGraph(b)
	r := rand.New(rand.NewPCG(1, 77))
	pairs := make([][2]int32, 100)
	for i := range pairs {
		pairs[i] = [2]int32{int32(r.IntN(p.N())), int32(r.IntN(p.N()))}
	}
	b.Run("native", func(b *testing.B) {
		i := 0
		for b.Loop() {
			pr := pairs[i%len(pairs)]
			i++
			if _, err := p.Paths(context.Background(), p.ID(pr[0]), p.ID(pr[1]), analysis.PathQuery{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gonum", func(b *testing.B) {
		u := gonum.Undirect{G: unweighted{p.Gonum()}}
		i := 0
		for b.Loop() {
			pr := pairs[i%len(pairs)]
			i++
			path.DijkstraFromTo(p.Gonum().Node(int64(pr[0])), p.Gonum().Node(int64(pr[1])), u)
		}
	})
}

func BenchmarkComponents(b *testing.B) {
	p := benchGraph(b)
	b.Run("native", func(b *testing.B) {
		for b.Loop() {
			p.Components()
		}
	})
	b.Run("gonum", func(b *testing.B) {
		u := gonum.Undirect{G: unweighted{p.Gonum()}}
		for b.Loop() {
			topo.ConnectedComponents(u)
		}
	})
}

func BenchmarkBetweenness64(b *testing.B) {
	p := benchGraph(b)
	for b.Loop() {
		if _, err := p.Betweenness(context.Background(), 64, 1); err != nil {
			b.Fatal(err)
		}
	}
}
