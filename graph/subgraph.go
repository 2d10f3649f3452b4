package graph

import (
	"context"
	"fmt"
)

// ReadSubgraph reads the nodes and relationships with the given ids from
// r, with their evidence, in the order given, skipping unknown ids: the
// native-JSON subgraph that path answers carry (see analysis.PathIDs).
func ReadSubgraph(ctx context.Context, r Reader, nodeIDs, edgeIDs []string) (Subgraph, error) {
	nodes, err := r.Nodes(ctx, nodeIDs)
	if err != nil {
		return Subgraph{}, fmt.Errorf("read subgraph: nodes: %w", err)
	}
	edges, err := r.Edges(ctx, edgeIDs)
	if err != nil {
		return Subgraph{}, fmt.Errorf("read subgraph: relationships: %w", err)
	}
	if nodes == nil {
		nodes = []Node{}
	}
	if edges == nil {
		edges = []Edge{}
	}
	return Subgraph{Nodes: nodes, Edges: edges}, nil
}
