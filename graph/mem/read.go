package mem

import (
	"context"
	"maps"
	"slices"

	"github.com/backchannel/backchannel/graph"
)

// Node returns one node; ErrNotFound if id is unknown.
func (s *Store) Node(_ context.Context, id string) (graph.Node, error) {
	g := s.snap.Load()
	i, ok := g.nodeIdx[id]
	if !ok {
		return graph.Node{}, graph.NodeNotFound(id)
	}
	return g.nodes[i], nil
}

// Nodes returns the known nodes among ids, in the order given.
func (s *Store) Nodes(_ context.Context, ids []string) ([]graph.Node, error) {
	g := s.snap.Load()
	out := make([]graph.Node, 0, len(ids))
	for _, id := range ids {
		if i, ok := g.nodeIdx[id]; ok {
			out = append(out, g.nodes[i])
		}
	}
	return out, nil
}

// Edges returns the known edges among ids, in the order given.
func (s *Store) Edges(_ context.Context, ids []string) ([]graph.Edge, error) {
	g := s.snap.Load()
	out := make([]graph.Edge, 0, len(ids))
	for _, id := range ids {
		if i, ok := g.edgeIndex(id); ok {
			out = append(out, g.edges[i])
		}
	}
	return out, nil
}

// NodeEdges returns the edges touching id in edge id order.
func (s *Store) NodeEdges(_ context.Context, id string) ([]graph.Edge, error) {
	g := s.snap.Load()
	i, ok := g.nodeIdx[id]
	if !ok {
		return nil, graph.NodeNotFound(id)
	}
	return g.incident(nil, i), nil
}

func (g *snapshot) incident(dst []graph.Edge, i int32) []graph.Edge {
	for _, e := range g.adj[g.adjOff[i]:g.adjOff[i+1]] {
		dst = append(dst, g.edges[e])
	}
	return dst
}

// Neighborhood returns the k-hop neighbourhood (see graph.Expand).
func (s *Store) Neighborhood(ctx context.Context, id string, q graph.NeighborQuery) (graph.Subgraph, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.Subgraph{}, err
	}
	g := s.snap.Load()
	if _, ok := g.nodeIdx[id]; !ok {
		return graph.Subgraph{}, graph.NodeNotFound(id)
	}
	edgesOf := func(_ context.Context, ids []string) ([]graph.Edge, error) {
		var out []graph.Edge
		for _, id := range ids {
			out = g.incident(out, g.nodeIdx[id])
		}
		return out, nil
	}
	nodes := func(_ context.Context, ids []string) ([]graph.Node, error) {
		out := make([]graph.Node, len(ids))
		for i, id := range ids {
			out[i] = g.nodes[g.nodeIdx[id]]
		}
		return out, nil
	}
	return graph.Expand(ctx, id, q, edgesOf, nodes)
}

// Stats counts the graph.
func (s *Store) Stats(context.Context) (graph.Stats, error) {
	st := s.snap.Load().stats
	st.NodeTypes, st.EdgeTypes, st.Statuses = maps.Clone(st.NodeTypes), maps.Clone(st.EdgeTypes), maps.Clone(st.Statuses)
	return st, nil
}

// EachNode calls fn for every node in id order.
func (s *Store) EachNode(ctx context.Context, fn func(graph.Node) error) error {
	g := s.snap.Load()
	for i := range g.nodes {
		if i%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := fn(g.nodes[i]); err != nil {
			return err
		}
	}
	return nil
}

// EachEdge calls fn for every edge in id order.
func (s *Store) EachEdge(ctx context.Context, fn func(graph.Edge) error) error {
	g := s.snap.Load()
	for i := range g.edges {
		if i%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := fn(g.edges[i]); err != nil {
			return err
		}
	}
	return nil
}

// Version changes with every Load.
func (s *Store) Version(context.Context) (string, error) { return s.snap.Load().version, nil }

// DocumentText returns the text on file of document id; ErrNotFound if id
// is unknown.
func (s *Store) DocumentText(_ context.Context, id string) (string, bool, error) {
	g := s.snap.Load()
	if _, ok := g.nodeIdx[id]; !ok {
		return "", false, graph.NodeNotFound(id)
	}
	t, ok := g.texts[id]
	return t, ok, nil
}

// EachText calls fn with every document that has a text, in id order.
func (s *Store) EachText(ctx context.Context, fn func(id, text string) error) error {
	g := s.snap.Load()
	for _, id := range slices.Sorted(maps.Keys(g.texts)) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(id, g.texts[id]); err != nil {
			return err
		}
	}
	return nil
}
