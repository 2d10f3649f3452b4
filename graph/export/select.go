package export

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// Selection says what part of a graph to export. The zero Selection is
// the whole graph.
type Selection struct {
	// Node, if set, selects its neighbourhood: Neighbor.Depth hops (default
	// 1) along edges passing Neighbor.Filter, capped at Neighbor.Limit.
	Node     string
	Neighbor graph.NeighborQuery
	// NodeIDs and EdgeIDs select exactly these elements (a path result, a
	// Cypher result). The endpoints of the selected edges are added, so
	// that every exported edge has its nodes.
	NodeIDs []string
	EdgeIDs []string
}

// IsWhole reports whether s selects the whole graph.
func (s Selection) IsWhole() bool {
	return s.Node == "" && len(s.NodeIDs) == 0 && len(s.EdgeIDs) == 0
}

// Store is what Select reads: the questions for a part, the scan for the
// whole.
type Store interface {
	graph.Reader
	Source
}

// Select returns the Source for sel over st. The whole graph streams from
// st itself; a part is fetched into memory first (it is bounded by the
// neighbourhood cap or by the ids given). Errors: graph.ErrInvalid when
// sel mixes a neighbourhood with ids or is out of range, graph.ErrNotFound
// naming the first unknown id.
func Select(ctx context.Context, st Store, sel Selection) (Source, error) {
	switch {
	case sel.IsWhole():
		return st, nil
	case sel.Node != "" && (len(sel.NodeIDs) > 0 || len(sel.EdgeIDs) > 0):
		return nil, fmt.Errorf("%w: export either a node's neighbourhood or a list of node and edge ids, not both", graph.ErrInvalid)
	case sel.Node != "":
		q := sel.Neighbor
		if q.Depth == 0 {
			q.Depth = 1
		}
		sub, err := st.Neighborhood(ctx, sel.Node, q)
		if err != nil {
			return nil, fmt.Errorf("export neighbourhood of %s: %w", sel.Node, err)
		}
		return FromSubgraph(sub), nil
	}
	edges, err := st.Edges(ctx, sel.EdgeIDs)
	if err != nil {
		return nil, fmt.Errorf("export edges: %w", err)
	}
	if err := missing("edge", sel.EdgeIDs, len(edges), func(i int) string { return edges[i].ID }); err != nil {
		return nil, err
	}
	ids := slices.Clone(sel.NodeIDs)
	for _, e := range edges {
		ids = append(ids, e.Source, e.Target)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	nodes, err := st.Nodes(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("export nodes: %w", err)
	}
	if err := missing("node", ids, len(nodes), func(i int) string { return nodes[i].ID }); err != nil {
		return nil, err
	}
	return FromSubgraph(graph.Subgraph{Nodes: nodes, Edges: edges}), nil
}

// missing returns ErrNotFound naming the ids that Reader.Nodes or
// Reader.Edges skipped.
func missing(kind string, want []string, n int, got func(int) string) error {
	found := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		found[got(i)] = true
	}
	var unknown []string
	for _, id := range want {
		if !found[id] && !slices.Contains(unknown, id) {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s %s", graph.ErrNotFound, kind, strings.Join(quoteAll(unknown), ", "))
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}
