package analysis

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/backchannel/backchannel/graph"
)

// Engine answers path and centrality queries for a store. It builds the
// projection from the store's Scanner on first use, rebuilds it when the
// store's Version changes, and caches filtered projections and centrality
// results for the current version. It is safe for concurrent use;
// concurrent queries share one build.
type Engine struct {
	sc graph.Scanner

	mu      sync.Mutex
	base    *Projection
	subs    map[string]*Projection
	results map[string]Result
}

// NewEngine returns an engine over sc; nothing is built yet.
func NewEngine(sc graph.Scanner) *Engine { return &Engine{sc: sc} }

// maxCachedFilters bounds the filtered projections kept per version.
const maxCachedFilters = 8

// Projection returns the projection of the relationships passing f, for
// the store's current version. graph.ErrInvalid for a bad filter.
func (en *Engine) Projection(ctx context.Context, f graph.Filter) (*Projection, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	version, err := en.sc.Version(ctx)
	if err != nil {
		return nil, fmt.Errorf("analysis: store version: %w", err)
	}
	en.mu.Lock()
	defer en.mu.Unlock()
	if en.base == nil || en.base.version != version {
		base, err := Build(ctx, en.sc, BuildOptions{})
		if err != nil {
			return nil, err
		}
		en.base, en.subs, en.results = base, map[string]*Projection{}, map[string]Result{}
	}
	key := filterKey(f)
	if key == "" {
		return en.base, nil
	}
	if p, ok := en.subs[key]; ok {
		return p, nil
	}
	p, err := en.base.Subgraph(f, nil)
	if err != nil {
		return nil, err
	}
	if len(en.subs) >= maxCachedFilters {
		clear(en.subs)
	}
	en.subs[key] = p
	return p, nil
}

// filterKey is a canonical string for f; "" for the zero filter.
func filterKey(f graph.Filter) string {
	if len(f.Types) == 0 && len(f.Statuses) == 0 && f.Window.IsZero() && !f.Standing {
		return ""
	}
	types := slices.Sorted(slices.Values(f.Types))
	var statuses []string
	for _, s := range f.Statuses {
		statuses = append(statuses, string(s))
	}
	slices.Sort(statuses)
	return fmt.Sprintf("t=%s|s=%s|a=%s|b=%s|r=%t|standing=%t", strings.Join(slices.Compact(types), ","), strings.Join(slices.Compact(statuses), ","),
		f.Window.After, f.Window.Before, f.Window.RequireDate, f.Standing)
}

// Paths answers q between from and to on the relationships passing f
// (see Projection.Paths).
func (en *Engine) Paths(ctx context.Context, from, to string, f graph.Filter, q PathQuery) ([]Path, error) {
	p, err := en.Projection(ctx, f)
	if err != nil {
		return nil, err
	}
	return p.Paths(ctx, from, to, q)
}

// The centrality metrics.
const (
	MetricDegree      = "degree"
	MetricInDegree    = "in_degree"
	MetricOutDegree   = "out_degree"
	MetricBetweenness = "betweenness"
	MetricCloseness   = "closeness"
	MetricHarmonic    = "harmonic"
	MetricPageRank    = "pagerank"
	MetricEigenvector = "eigenvector"
	MetricComponents  = "components"
	MetricCommunities = "communities"
)

// Metrics lists the metric names Centrality accepts.
var Metrics = []string{MetricDegree, MetricInDegree, MetricOutDegree, MetricBetweenness, MetricCloseness,
	MetricHarmonic, MetricPageRank, MetricEigenvector, MetricComponents, MetricCommunities}

// Limits and defaults of centrality queries.
const (
	DefaultTop = 20
	MaxTop     = 10000
	// AutoSamples is the number of sources betweenness samples when the
	// exact computation would exceed MaxExactWork.
	AutoSamples = 256
	// PageRankTolerance is the L1 change at which PageRank stops.
	PageRankTolerance = 1e-10
)

// CentralityQuery asks for one metric on the relationships passing
// Filter.
type CentralityQuery struct {
	Metric string
	Filter graph.Filter
	// Top is how many scores to return, best first (default 20).
	Top int
	// Samples > 0 samples that many betweenness sources with Seed.
	Samples int
	Seed    uint64
}

// Score is one node's value.
type Score struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

// Group is a component or community: its size and up to 20 members
// (highest degree first).
type Group struct {
	Size    int      `json:"size"`
	Members []string `json:"members"`
}

// Result is a metric's answer. For components and communities a node's
// score is the size of its group, and Groups lists the groups, largest
// first.
type Result struct {
	Metric        string  `json:"metric"`
	Scores        []Score `json:"scores"`
	Nodes         int     `json:"nodes"`
	Relationships int     `json:"relationships"`
	Groups        []Group `json:"groups,omitempty"`
	// Modularity is Q of the communities.
	Modularity float64 `json:"modularity,omitempty"`
	// Note states how the values were computed where it matters
	// (sampling, iterations).
	Note string `json:"note,omitempty"`
}

// Centrality computes (or returns from the cache) a metric. It returns
// graph.ErrInvalid for an unknown metric, a bad filter, Top out of range,
// or a computation too large for the graph (see MaxExactWork).
func (en *Engine) Centrality(ctx context.Context, q CentralityQuery) (Result, error) {
	if !slices.Contains(Metrics, q.Metric) {
		return Result{}, fmt.Errorf("%w: metric %q: want one of %s", graph.ErrInvalid, q.Metric, strings.Join(Metrics, ", "))
	}
	if q.Top == 0 {
		q.Top = DefaultTop
	}
	if q.Top < 1 || q.Top > MaxTop {
		return Result{}, fmt.Errorf("%w: top %d: want 1 to %d", graph.ErrInvalid, q.Top, MaxTop)
	}
	if q.Samples < 0 {
		return Result{}, fmt.Errorf("%w: samples %d: want 0 (exact) or more", graph.ErrInvalid, q.Samples)
	}
	p, err := en.Projection(ctx, q.Filter)
	if err != nil {
		return Result{}, err
	}
	key := fmt.Sprintf("%s|%s|%d|%d|%d", p.version, filterKey(q.Filter), q.Samples, q.Seed, q.Top)
	key = q.Metric + "|" + key
	en.mu.Lock()
	r, ok := en.results[key]
	en.mu.Unlock()
	if ok {
		return r, nil
	}
	r, err = compute(ctx, p, q)
	if err != nil {
		return Result{}, err
	}
	en.mu.Lock()
	if en.base != nil && en.base.version == p.version {
		en.results[key] = r
	}
	en.mu.Unlock()
	return r, nil
}

func compute(ctx context.Context, p *Projection, q CentralityQuery) (Result, error) {
	r := Result{Metric: q.Metric, Nodes: p.N(), Relationships: p.M()}
	var scores []float64
	var err error
	switch q.Metric {
	case MetricDegree:
		scores = p.Degree(DegreeTotal)
	case MetricInDegree:
		scores = p.Degree(DegreeIn)
	case MetricOutDegree:
		scores = p.Degree(DegreeOut)
	case MetricBetweenness:
		samples := q.Samples
		if samples == 0 && float64(p.N())*float64(p.N()+p.M()) > MaxExactWork {
			samples = AutoSamples
		}
		scores, err = p.Betweenness(ctx, samples, q.Seed)
		if samples > 0 && samples < p.N() {
			r.Note = fmt.Sprintf("estimated from %d of %d sources (seed %d), scaled by N/%d; unbiased, with error shrinking as 1/sqrt(sources)", samples, p.N(), q.Seed, samples)
		}
	case MetricCloseness:
		scores, err = p.Closeness(ctx)
	case MetricHarmonic:
		scores, err = p.Harmonic(ctx)
	case MetricPageRank:
		var iters int
		scores, iters, err = p.PageRank(ctx, 0.85, PageRankTolerance, 10000)
		r.Note = fmt.Sprintf("damping 0.85, stopped after %d iterations at L1 change < %g", iters, PageRankTolerance)
	case MetricEigenvector:
		scores, err = p.Eigenvector(ctx, 1e-9, 10000)
	case MetricComponents, MetricCommunities:
		var labels, sizes []int32
		if q.Metric == MetricComponents {
			labels, sizes = p.Components()
		} else {
			labels, sizes, r.Modularity, err = p.Communities(ctx, q.Seed)
		}
		if err != nil {
			return Result{}, err
		}
		scores = make([]float64, p.N())
		groups := make([]Group, len(sizes))
		for v, l := range labels {
			scores[v] = float64(sizes[l])
			// node indices run by degree, highest first
			if len(groups[l].Members) < 20 {
				groups[l].Members = append(groups[l].Members, p.ids[v])
			}
		}
		for i, s := range sizes {
			groups[i].Size = int(s)
		}
		r.Groups = groups[:min(len(groups), q.Top)]
	}
	if err != nil {
		return Result{}, err
	}
	r.Scores = p.top(scores, q.Top)
	return r, nil
}

// top returns the k best scores, ties by id.
func (p *Projection) top(scores []float64, k int) []Score {
	idx := make([]int32, len(scores))
	for i := range idx {
		idx[i] = int32(i)
	}
	better := func(a, b int32) int {
		if c := cmp.Compare(scores[b], scores[a]); c != 0 {
			return c
		}
		return strings.Compare(p.ids[a], p.ids[b])
	}
	if k < len(idx) {
		// partial selection: keep a sorted window of the best k
		best := slices.Clone(idx[:k])
		slices.SortFunc(best, better)
		for _, v := range idx[k:] {
			if better(v, best[k-1]) < 0 {
				i, _ := slices.BinarySearchFunc(best, v, better)
				copy(best[i+1:], best[i:k-1])
				best[i] = v
			}
		}
		idx = best
	} else {
		slices.SortFunc(idx, better)
	}
	out := make([]Score, len(idx))
	for i, v := range idx {
		out[i] = Score{ID: p.ids[v], Score: scores[v]}
	}
	return out
}

// PathIDs lists, sorted, the ids of the nodes and relationships the
// paths pass through: what a caller reads from the store
// (graph.ReadSubgraph) to give a path answer its evidence.
func PathIDs(paths []Path) (nodes, edges []string) {
	nodeSet, edgeSet := map[string]bool{}, map[string]bool{}
	for _, p := range paths {
		for _, id := range p.Nodes {
			nodeSet[id] = true
		}
		for _, id := range p.Edges {
			edgeSet[id] = true
		}
	}
	return slices.Sorted(maps.Keys(nodeSet)), slices.Sorted(maps.Keys(edgeSet))
}
