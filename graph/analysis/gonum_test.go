package analysis_test

import (
	"fmt"
	"math"
	"testing"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/testgraph"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
)

// builder projects testgraph's nodes and edges: node ids become
// "n:<id>", every edge a confirmed relationship (cost 1), and the nodes
// and edges are handed back renumbered to projection indices.
func builder(nodes []gonum.Node, edges []testgraph.WeightedLine, _, _ float64) (gonum.Graph, []gonum.Node, []testgraph.Edge, float64, float64, bool) {
	ds := &graph.Dataset{}
	seen := map[int64]bool{}
	addNode := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ds.Nodes = append(ds.Nodes, graph.Node{ID: fmt.Sprintf("n:%d", id), Type: graph.Person, Name: "x"})
		}
	}
	for _, n := range nodes {
		addNode(n.ID())
	}
	pairs := map[[2]int64]bool{}
	for _, e := range edges {
		f, t := e.From().ID(), e.To().ID()
		if f == t || pairs[[2]int64{f, t}] {
			continue
		}
		pairs[[2]int64{f, t}] = true
		addNode(f)
		addNode(t)
		ds.Edges = append(ds.Edges, edge(fmt.Sprintf("n:%d", f), "RELATED_TO", fmt.Sprintf("n:%d", t), graph.Confirmed, ""))
	}
	if len(pairs) == 0 && len(edges) != 0 {
		return nil, nil, nil, math.NaN(), math.NaN(), false
	}
	st := newScanner(ds)
	p, err := analysis.Build(ctxb, st, analysis.BuildOptions{})
	if err != nil {
		panic(err)
	}
	idx := func(id int64) simple.Node {
		v, _ := p.Index(fmt.Sprintf("n:%d", id))
		return simple.Node(v)
	}
	var ns []gonum.Node
	for id := range seen {
		ns = append(ns, idx(id))
	}
	var es []testgraph.Edge
	for pr := range pairs {
		es = append(es, simple.WeightedEdge{F: idx(pr[0]), T: idx(pr[1]), W: 1})
	}
	return p.Gonum(), ns, es, 0, math.Inf(1), true
}

func TestGonumView(t *testing.T) {
	t.Run("NodeExistence", func(t *testing.T) { testgraph.NodeExistence(t, builder) })
	t.Run("EdgeExistence", func(t *testing.T) { testgraph.EdgeExistence(t, builder, false) })
	t.Run("ReturnAllNodes", func(t *testing.T) { testgraph.ReturnAllNodes(t, builder, true) })
	t.Run("ReturnNodeSlice", func(t *testing.T) { testgraph.ReturnNodeSlice(t, builder, true) })
	t.Run("ReturnAdjacentNodes", func(t *testing.T) { testgraph.ReturnAdjacentNodes(t, builder, true, false) })
	t.Run("Weight", func(t *testing.T) { testgraph.Weight(t, builder) })
}
