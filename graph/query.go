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
	// Window keeps only relationships dated inside it. Its Before is also
	// the date statuses are taken at: Statuses and Standing test each
	// relationship's status as of Before (see StatusAt), and views of the
	// relationship (View) show that status.
	Window Window
	// Standing drops claims that no longer stand: refuted and retracted
	// (as of Window.Before). Paths and centrality set it by default.
	Standing bool
}

// Check validates the filter's values.
func (f Filter) Check() error {
	for _, t := range f.Types {
		if _, ok := LookupEdgeType(t); !ok {
			return fmt.Errorf("%w: relationship type %q: want one of %s", ErrInvalid, t, EdgeTypeNames())
		}
	}
	for _, s := range f.Statuses {
		if _, err := ParseFilterStatus(string(s)); err != nil {
			return err
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
	if !f.Window.Contains(e.Date, e.EndDate) {
		return false
	}
	if len(f.Statuses) == 0 && !f.Standing {
		return true
	}
	st := StatusAt(e, f.Window.Before)
	if f.Standing && !st.Standing() {
		return false
	}
	return len(f.Statuses) == 0 || slices.Contains(f.Statuses, st)
}

// View returns e as the filter shows it: with its status as of
// Window.Before and its status timeline up to then (see Edge.AsOf).
func (f Filter) View(e Edge) Edge { return e.AsOf(f.Window.Before) }

// Claims says which claims a route keeps, in the form the API and the
// CLI take it (claims=standing|all).
type Claims string

// The claims settings.
const (
	// StandingClaims leaves out refuted and retracted claims; the default
	// of paths and centrality.
	StandingClaims Claims = "standing"
	// AllClaims keeps every claim, refuted and retracted ones too; the
	// default of neighbourhoods, search and exports, which draw refuted
	// claims distinctly rather than hide them.
	AllClaims Claims = "all"
)

// ParseClaims reads claims=standing|all; the empty string gives def.
func ParseClaims(s string, def Claims) (Claims, error) {
	switch Claims(s) {
	case "":
		return def, nil
	case StandingClaims, AllClaims:
		return Claims(s), nil
	}
	return "", fmt.Errorf("%w: claims=%q: want standing (leave out refuted and retracted claims) or all", ErrInvalid, s)
}

// Excluded lists the statuses a Standing filter leaves out, for responses
// that say what they did.
func (f Filter) Excluded() []Status {
	if f.Standing {
		return []Status{Refuted, Retracted}
	}
	return []Status{}
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
		st, err := ParseFilterStatus(s)
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
