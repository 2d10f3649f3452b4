package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Limits on user queries, shared by every backend so that they answer
// alike.
const (
	MaxDepth           = 3
	DefaultNeighborCap = 500
	MaxNeighborCap     = 5000
	DefaultSearchLimit = 10
	MaxSearchLimit     = 100
)

// Filter selects edges by type, status and date. The zero Filter keeps
// every edge. Paths, neighbourhoods and centrality all take the same
// filter, so "only confirmed and reported" means the same everywhere.
type Filter struct {
	// Types keeps only these relationship types (empty: all).
	Types []string
	// Statuses keeps only these statuses (empty: all).
	Statuses []Status
	// Window keeps only relationships dated inside it.
	Window Window
}

// Check validates the filter's values.
func (f Filter) Check() error {
	for _, t := range f.Types {
		if _, ok := LookupEdgeType(t); !ok {
			return fmt.Errorf("%w: relationship type %q: want one of %s", ErrInvalid, t, EdgeTypeNames())
		}
	}
	for _, s := range f.Statuses {
		if !s.Valid() {
			return fmt.Errorf("%w: status %q: want one of confirmed, reported, alleged, disputed", ErrInvalid, s)
		}
	}
	for _, d := range []Date{f.Window.After, f.Window.Before} {
		if _, err := ParseDate(string(d)); err != nil {
			return err
		}
	}
	return nil
}

// Keep reports whether e passes the filter.
func (f Filter) Keep(e *Edge) bool {
	if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, e.Status) {
		return false
	}
	return f.Window.Contains(e.Date, e.EndDate)
}

// NeighborQuery asks for the neighbourhood of a node: every node within
// Depth hops along edges that pass Filter, in either direction, and the
// filtered edges among them, capped at Limit nodes.
type NeighborQuery struct {
	Depth  int
	Limit  int
	Filter Filter
}

// Normalize fills defaults (depth 1, limit DefaultNeighborCap) and checks
// ranges.
func (q NeighborQuery) Normalize() (NeighborQuery, error) {
	if q.Depth == 0 {
		q.Depth = 1
	}
	if q.Limit == 0 {
		q.Limit = DefaultNeighborCap
	}
	if q.Depth < 1 || q.Depth > MaxDepth {
		return q, fmt.Errorf("%w: depth %d: want 1 to %d", ErrInvalid, q.Depth, MaxDepth)
	}
	if q.Limit < 1 || q.Limit > MaxNeighborCap {
		return q, fmt.Errorf("%w: limit %d: want 1 to %d", ErrInvalid, q.Limit, MaxNeighborCap)
	}
	return q, q.Filter.Check()
}

// ParseFilter builds a checked Filter from its text form, as the CLI's
// flags and the API's query parameters give it: comma-separated
// relationship types and statuses, and partial dates. Errors are
// ErrInvalid and name the bad value.
func ParseFilter(types, statuses, after, before string) (Filter, error) {
	f := Filter{Types: SplitList(types), Window: Window{After: Date(after), Before: Date(before)}}
	for _, s := range SplitList(statuses) {
		st, err := ParseStatus(s)
		if err != nil {
			return f, err
		}
		f.Statuses = append(f.Statuses, st)
	}
	return f, f.Check()
}

// SplitList splits a comma-separated list, as flags and query parameters
// give ids, types and statuses, dropping empty items.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
