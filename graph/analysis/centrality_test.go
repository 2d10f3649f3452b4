package analysis_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/backchannel/backchannel/graph/analysis"
)

// reference.json holds networkx 3.6.1's values on the classic networks;
// testdata/reference.py says how it was made.
type reference map[string]json.RawMessage

func loadReference(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

func TestClassicNetworksMatchNetworkx(t *testing.T) {
	ctx := context.Background()
	ref := loadReference(t)
	metrics := []struct {
		name string
		tol  float64
		run  func(p *analysis.Projection) ([]float64, error)
	}{
		// The fixtures hold each tie both ways, so out-degree is
		// networkx's degree on the undirected graph.
		{"degree", 1e-12, func(p *analysis.Projection) ([]float64, error) { return p.Degree(analysis.DegreeOut), nil }},
		{"betweenness", 1e-12, func(p *analysis.Projection) ([]float64, error) { return p.Betweenness(ctx, 0, 0) }},
		{"closeness", 1e-12, func(p *analysis.Projection) ([]float64, error) { return p.Closeness(ctx) }},
		{"harmonic", 1e-12, func(p *analysis.Projection) ([]float64, error) { return p.Harmonic(ctx) }},
		{"pagerank", 1e-10, func(p *analysis.Projection) ([]float64, error) {
			x, _, err := p.PageRank(ctx, 0.85, 1e-14, 10000)
			return x, err
		}},
		{"eigenvector", 1e-10, func(p *analysis.Projection) ([]float64, error) { return p.Eigenvector(ctx, 1e-15, 10000) }},
	}
	for _, fixture := range []string{"karate", "florentine"} {
		var want map[string]map[string]float64
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(ref[fixture], &raw); err != nil {
			t.Fatal(err)
		}
		want = map[string]map[string]float64{}
		for k, v := range raw {
			if k == "components" {
				continue
			}
			m := map[string]float64{}
			if err := json.Unmarshal(v, &m); err != nil {
				t.Fatal(err)
			}
			want[k] = m
		}
		p, _ := project(t, readEdges(t, fixture+".edges"))
		for _, m := range metrics {
			t.Run(fixture+"/"+m.name, func(t *testing.T) {
				got, err := m.run(p)
				if err != nil {
					t.Fatal(err)
				}
				if len(want[m.name]) != p.N() {
					t.Fatalf("reference has %d nodes, projection %d", len(want[m.name]), p.N())
				}
				for id, w := range want[m.name] {
					v, ok := p.Index("n:" + id)
					if !ok {
						t.Fatalf("node %s missing", id)
					}
					if !scalar.EqualWithinAbsOrRel(got[v], w, m.tol, m.tol) {
						t.Errorf("%s %s(%s): got %.15g, want %.15g (networkx)", fixture, m.name, id, got[v], w)
					}
				}
			})
		}
	}
}

func TestComponentsAndCommunities(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		fixture    string
		components int
		minQ       float64
	}{
		// Florentine: the edge list leaves out the Pucci family, who
		// married no one in the data.
		{"florentine", 1, 0.3},
		// Karate: Louvain's best partitions reach Q ~ 0.42.
		{"karate", 1, 0.37},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			p, _ := project(t, readEdges(t, tc.fixture+".edges"))
			labels, sizes := p.Components()
			if len(sizes) != tc.components {
				t.Errorf("components: got %d, want %d", len(sizes), tc.components)
			}
			var total int32
			for c, s := range sizes {
				total += s
				if c > 0 && s > sizes[c-1] {
					t.Errorf("sizes not descending: %v", sizes)
				}
			}
			if int(total) != p.N() || len(labels) != p.N() {
				t.Errorf("sizes sum to %d, labels %d, want %d", total, len(labels), p.N())
			}
			_, csizes, q, err := p.Communities(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if q < tc.minQ || len(csizes) < 2 {
				t.Errorf("communities: got Q=%.4f over %d communities, want Q >= %.2f", q, len(csizes), tc.minQ)
			}
		})
	}
}

// TestAgainstGonum runs the same random graphs natively and through
// gonum's implementations on the projection's gonum view.
func TestAgainstGonum(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		n, extra int
		seed     uint64
	}{{30, 40, 1}, {120, 300, 2}, {400, 1200, 3}} {
		p, _ := project(t, randomGraph(tc.n, tc.extra, tc.seed))
		d := p.Gonum()
		u := gonum.Undirect{G: d}
		n := float64(p.N())
		const tol = 1e-9

		t.Run("betweenness", func(t *testing.T) {
			got, err := p.Betweenness(ctx, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := network.Betweenness(u) // ordered pairs, unnormalised
			for v := range got {
				w := want[int64(v)] / ((n - 1) * (n - 2))
				if !scalar.EqualWithinAbsOrRel(got[v], w, tol, tol) {
					t.Errorf("n=%d node %d: got %g, want %g", tc.n, v, got[v], w)
				}
			}
		})
		t.Run("closeness", func(t *testing.T) {
			all := path.DijkstraAllPaths(u)
			clo, err := p.Closeness(ctx)
			if err != nil {
				t.Fatal(err)
			}
			har, err := p.Harmonic(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wantC, wantH := network.Closeness(u, all), network.Harmonic(u, all)
			for v := range clo {
				// connected: wf_improved closeness is (N-1)/sum d
				if w := wantC[int64(v)] * (n - 1); !scalar.EqualWithinAbsOrRel(clo[v], w, tol, tol) {
					t.Errorf("closeness n=%d node %d: got %g, want %g", tc.n, v, clo[v], w)
				}
				if w := wantH[int64(v)]; !scalar.EqualWithinAbsOrRel(har[v], w, tol, tol) {
					t.Errorf("harmonic n=%d node %d: got %g, want %g", tc.n, v, har[v], w)
				}
			}
		})
		t.Run("pagerank", func(t *testing.T) {
			got, _, err := p.PageRank(ctx, 0.85, 1e-15, 100000)
			if err != nil {
				t.Fatal(err)
			}
			want := network.PageRankSparse(unweighted{d}, 0.85, 1e-15)
			var sum float64
			for _, w := range want {
				sum += w
			}
			for v := range got {
				if w := want[int64(v)] / sum; !scalar.EqualWithinAbsOrRel(got[v], w, tol, tol) {
					t.Errorf("n=%d node %d: got %g, want %g", tc.n, v, got[v], w)
				}
			}
		})
		t.Run("components", func(t *testing.T) {
			_, sizes := p.Components()
			var want []int32
			for _, c := range topo.ConnectedComponents(u) {
				want = append(want, int32(len(c)))
			}
			slices.Sort(want)
			slices.Reverse(want)
			if !slices.Equal(sizes, want) {
				t.Errorf("got sizes %v, want %v", sizes, want)
			}
		})
		t.Run("paths", func(t *testing.T) {
			checkPathsAgainstGonum(t, p, tc.seed)
		})
	}
}

// unweighted hides the view's weights, for gonum's unweighted PageRank.
type unweighted struct{ analysis.Directed }

func (unweighted) Weight() {}

func checkPathsAgainstGonum(t *testing.T, p *analysis.Projection, seed uint64) {
	t.Helper()
	ctx := context.Background()
	d := p.Gonum()
	hops := gonum.Undirect{G: unweighted{d}}
	costs := gonum.UndirectWeighted{G: d, Absent: math.Inf(1), Merge: func(x, y float64, _, _ gonum.Edge) float64 { return min(x, y) }}
	n := p.N()
	for i := range 25 {
		s, tgt := int32((i*7+int(seed))%n), int32((i*13+5)%n)
		from, to := p.ID(s), p.ID(tgt)
		fromHops := path.DijkstraFrom(d.Node(int64(s)), hops)
		fromCost := path.DijkstraFrom(d.Node(int64(s)), costs)

		got, err := p.Paths(ctx, from, to, analysis.PathQuery{Mode: analysis.Shortest})
		if err != nil || len(got) != 1 {
			t.Fatalf("shortest %s-%s: %v %v", from, to, got, err)
		}
		checkPath(t, p, got[0], from, to)
		if w := fromHops.WeightTo(int64(tgt)); float64(got[0].Hops) != w {
			t.Errorf("shortest %s-%s: got %d hops, want %g", from, to, got[0].Hops, w)
		}

		got, err = p.Paths(ctx, from, to, analysis.PathQuery{Mode: analysis.Weighted})
		if err != nil || len(got) != 1 {
			t.Fatalf("weighted %s-%s: %v %v", from, to, got, err)
		}
		checkPath(t, p, got[0], from, to)
		if w := fromCost.WeightTo(int64(tgt)); !scalar.EqualWithinAbsOrRel(got[0].Cost, w, 1e-9, 1e-9) {
			t.Errorf("weighted %s-%s: got cost %g, want %g", from, to, got[0].Cost, w)
		}

		alts := path.DijkstraAllFrom(d.Node(int64(s)), hops)
		wantAll, _ := alts.AllTo(int64(tgt))
		got, err = p.Paths(ctx, from, to, analysis.PathQuery{Mode: analysis.All, Limit: analysis.MaxPathLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(wantAll) <= analysis.MaxPathLimit && len(got) != len(wantAll) {
			t.Errorf("all %s-%s: got %d paths, want %d", from, to, len(got), len(wantAll))
		}
		for _, g := range got {
			checkPath(t, p, g, from, to)
		}

		if s == tgt {
			continue
		}
		for _, tc := range []struct {
			mode analysis.Mode
			g    gonum.Graph
		}{{analysis.KShortest, hops}, {analysis.Weighted, costs}} {
			const k = 5
			got, err = p.Paths(ctx, from, to, analysis.PathQuery{Mode: tc.mode, K: k})
			if err != nil {
				t.Fatal(err)
			}
			want := path.YenKShortestPaths(tc.g, k, math.Inf(1), d.Node(int64(s)), d.Node(int64(tgt)))
			if len(got) != len(want) {
				t.Fatalf("%s %s-%s: got %d paths, want %d", tc.mode, from, to, len(got), len(want))
			}
			for j := range got {
				checkPath(t, p, got[j], from, to)
				gw := float64(got[j].Hops)
				if tc.mode == analysis.Weighted {
					gw = got[j].Cost
				}
				ww := pathWeight(tc.g, want[j])
				if !scalar.EqualWithinAbsOrRel(gw, ww, 1e-9, 1e-9) {
					t.Errorf("%s %s-%s path %d: got weight %g, want %g", tc.mode, from, to, j, gw, ww)
				}
			}
		}
	}
}

func pathWeight(g gonum.Graph, nodes []gonum.Node) float64 {
	w := 0.0
	for i := 1; i < len(nodes); i++ {
		if wg, ok := g.(gonum.Weighted); ok {
			x, _ := wg.Weight(nodes[i-1].ID(), nodes[i].ID())
			w += x
		} else {
			w++
		}
	}
	return w
}

// checkPath checks that a path joins from and to, hop by hop, over
// relationships that exist between its consecutive nodes.
func checkPath(t *testing.T, p *analysis.Projection, got analysis.Path, from, to string) {
	t.Helper()
	if got.Nodes[0] != from || got.Nodes[len(got.Nodes)-1] != to || len(got.Edges) != len(got.Nodes)-1 || got.Hops != len(got.Edges) {
		t.Fatalf("malformed path %+v from %s to %s", got, from, to)
	}
	seen := map[string]bool{}
	for i, e := range got.Edges {
		a, b := got.Nodes[i], got.Nodes[i+1]
		if seen[a] {
			t.Errorf("path %v repeats %s", got.Nodes, a)
		}
		seen[a] = true
		// default ids name their ends; explicit ones are checked elsewhere
		parts := strings.Split(e, ">")
		if len(parts) == 3 && !((parts[0] == a && parts[2] == b) || (parts[0] == b && parts[2] == a)) {
			t.Errorf("hop %d of %v: relationship %s does not join %s and %s", i, got.Nodes, e, a, b)
		}
	}
}

func TestBFSAgainstGonum(t *testing.T) {
	// dense enough that the bottom-up steps run
	for _, seed := range []uint64{1, 2} {
		p, _ := project(t, randomGraph(analysis.Scaled(3000), analysis.Scaled(30000), seed))
		u := gonum.Undirect{G: unweighted{p.Gonum()}}
		for _, s := range []int32{0, 17, int32(p.N() - 1)} {
			dist := make([]int32, p.N())
			for i := range dist {
				dist[i] = -1
			}
			reached := p.BFS(s, dist)
			want := path.DijkstraFrom(p.Gonum().Node(int64(s)), u)
			n := 0
			for v := range dist {
				w := want.WeightTo(int64(v))
				if math.IsInf(w, 1) {
					w = -1
				} else {
					n++
				}
				if float64(dist[v]) != w {
					t.Fatalf("seed %d from %d: dist[%d] = %d, want %g", seed, s, v, dist[v], w)
				}
			}
			if reached != n {
				t.Errorf("reached %d, want %d", reached, n)
			}
		}
	}
}
