package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// EdgesOfFunc returns every edge touching any of ids (duplicates allowed).
type EdgesOfFunc func(ctx context.Context, ids []string) ([]Edge, error)

// NodesFunc returns the nodes with the given ids.
type NodesFunc func(ctx context.Context, ids []string) ([]Node, error)

// Expand computes a neighbourhood level by level, so that every backend
// answers a NeighborQuery identically: a breadth-first search from start
// over edges passing q.Filter in either direction. Within a level, nodes
// are taken in id order, and once q.Limit nodes are in, the rest are cut
// and Truncated is set. The subgraph holds the included nodes (sorted by
// id, start first) and every filtered edge among them (sorted by id).
//
// It costs one edgesOf call per level. q must be normalized; start must
// exist.
func Expand(ctx context.Context, start string, q NeighborQuery, edgesOf EdgesOfFunc, nodes NodesFunc) (Subgraph, error) {
	included := map[string]bool{start: true}
	order := []string{start}
	frontier := []string{start}
	edgeSet := map[string]Edge{}
	truncated := false
	for depth := 0; depth <= q.Depth && len(frontier) > 0; depth++ {
		// The last round only collects edges among included nodes.
		edges, err := edgesOf(ctx, frontier)
		if err != nil {
			return Subgraph{}, fmt.Errorf("expand %s: %w", start, err)
		}
		var next []string
		seen := map[string]bool{}
		for _, e := range edges {
			if !q.Filter.Keep(&e) {
				continue
			}
			edgeSet[e.ID] = q.Filter.View(e)
			for _, id := range []string{e.Source, e.Target} {
				if !included[id] && !seen[id] {
					seen[id] = true
					next = append(next, id)
				}
			}
		}
		if depth == q.Depth {
			break
		}
		sort.Strings(next)
		if room := q.Limit - len(order); len(next) > room {
			next, truncated = next[:room], true
		}
		for _, id := range next {
			included[id] = true
		}
		order = append(order, next...)
		frontier = next
	}
	var sub Subgraph
	for _, e := range edgeSet {
		if included[e.Source] && included[e.Target] {
			sub.Edges = append(sub.Edges, e)
		}
	}
	slices.SortFunc(sub.Edges, func(a, b Edge) int { return strings.Compare(a.ID, b.ID) })
	ids := append([]string(nil), order[1:]...)
	sort.Strings(ids)
	ns, err := nodes(ctx, append([]string{start}, ids...))
	if err != nil {
		return Subgraph{}, fmt.Errorf("expand %s: %w", start, err)
	}
	sub.Nodes = ns
	sub.Truncated = truncated
	if sub.Edges == nil {
		sub.Edges = []Edge{}
	}
	return sub, nil
}
