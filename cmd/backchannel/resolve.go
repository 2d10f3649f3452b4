package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// resolveNode turns what was typed where a node id is expected into the
// id: an id as it is; else a name or alias that exactly one node has (any
// case). Several nodes with the name, or none, is an error that lists them
// or the nearest names.
func resolveNode(ctx context.Context, store graph.Store, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	_, err := store.Node(ctx, ref)
	if err == nil {
		return ref, nil
	}
	if graph.ValidID(ref) || (!errors.Is(err, graph.ErrNotFound) && !errors.Is(err, graph.ErrInvalid)) {
		return "", err // an id (or a failure) speaks for itself
	}
	hits, serr := store.Search(ctx, ref, 20)
	if serr != nil {
		return "", fmt.Errorf("node %q: %w", ref, serr)
	}
	var exact, near []string
	for _, h := range hits {
		if h.Match == graph.MatchExact && (strings.EqualFold(h.Matched, ref) || strings.EqualFold(h.Name, ref)) {
			exact = append(exact, fmt.Sprintf("%s (%s)", h.ID, h.Name))
		} else if len(near) < 3 {
			near = append(near, fmt.Sprintf("%s (%s)", h.ID, h.Name))
		}
	}
	switch len(exact) {
	case 1:
		return hits[indexOfExact(hits, ref)].ID, nil
	case 0:
		if len(near) > 0 {
			return "", fmt.Errorf("%w: no node has the id or name %q; nearest: %s", graph.ErrNotFound, ref, strings.Join(near, ", "))
		}
		return "", fmt.Errorf("%w: no node has the id or name %q", graph.ErrNotFound, ref)
	}
	return "", fmt.Errorf("%w: %q names %d nodes: %s; give the id", graph.ErrInvalid, ref, len(exact), strings.Join(exact, ", "))
}

func indexOfExact(hits []graph.Hit, ref string) int {
	for i, h := range hits {
		if h.Match == graph.MatchExact && (strings.EqualFold(h.Matched, ref) || strings.EqualFold(h.Name, ref)) {
			return i
		}
	}
	return -1
}

// resolveNodes resolves each of a list.
func resolveNodes(ctx context.Context, store graph.Store, refs []string) ([]string, error) {
	out := make([]string, len(refs))
	for i, r := range refs {
		id, err := resolveNode(ctx, store, r)
		if err != nil {
			return nil, err
		}
		out[i] = id
	}
	return out, nil
}
