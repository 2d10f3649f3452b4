package analysis

import (
	"context"
	"fmt"

	"github.com/backchannel/backchannel/graph"
)

// Mode chooses what a path query returns.
type Mode string

// The path modes.
const (
	// Shortest: one path with the fewest hops (bidirectional BFS).
	Shortest Mode = "shortest"
	// All: every path with the fewest hops, up to Limit.
	All Mode = "all"
	// KShortest: the K loopless paths with the fewest hops (Yen).
	KShortest Mode = "k"
	// Weighted: the K cheapest loopless paths when each relationship
	// costs what its evidence is worth (see EdgeCost); K defaults to 1.
	Weighted Mode = "weighted"
)

// Limits on path queries.
const (
	MaxK             = 50
	DefaultK         = 3
	DefaultPathLimit = 100
	MaxPathLimit     = 1000
	MaxHopsLimit     = 32
)

// PathQuery asks how two nodes are connected.
type PathQuery struct {
	Mode Mode
	// K is the number of paths for KShortest (default 3) and Weighted
	// (default 1).
	K int
	// MaxHops bounds the length of every path; 0 means no bound.
	MaxHops int
	// Avoid lists nodes no path may pass through.
	Avoid []string
	// Directed follows relationships only from source to target. By
	// default they are traversed both ways: an analyst asking how A is
	// connected to B cares that A contacted C and C briefed B, whoever
	// initiated each contact.
	Directed bool
	// Limit caps the paths of mode All (default 100).
	Limit int
}

// Normalize fills defaults and checks ranges (graph.ErrInvalid).
func (q PathQuery) Normalize() (PathQuery, error) {
	if q.Mode == "" {
		q.Mode = Shortest
	}
	switch q.Mode {
	case Shortest, All:
		q.K = 1
	case KShortest:
		if q.K == 0 {
			q.K = DefaultK
		}
	case Weighted:
		if q.K == 0 {
			q.K = 1
		}
	default:
		return q, fmt.Errorf("%w: path mode %q: want shortest, all, k or weighted", graph.ErrInvalid, q.Mode)
	}
	if q.K < 1 || q.K > MaxK {
		return q, fmt.Errorf("%w: k %d: want 1 to %d", graph.ErrInvalid, q.K, MaxK)
	}
	if q.MaxHops < 0 || q.MaxHops > MaxHopsLimit {
		return q, fmt.Errorf("%w: maxHops %d: want 0 (no bound) to %d", graph.ErrInvalid, q.MaxHops, MaxHopsLimit)
	}
	if q.Limit == 0 {
		q.Limit = DefaultPathLimit
	}
	if q.Limit < 1 || q.Limit > MaxPathLimit {
		return q, fmt.Errorf("%w: limit %d: want 1 to %d", graph.ErrInvalid, q.Limit, MaxPathLimit)
	}
	return q, nil
}

// Path is one way from one node to another.
type Path struct {
	Nodes []string `json:"nodes"`
	// Edges are the relationship ids, one per hop; a relationship may
	// point either way along the path unless the query was directed.
	Edges []string `json:"edges"`
	Hops  int      `json:"hops"`
	// Cost is the sum of EdgeCost over the hops, whatever the mode.
	Cost float64 `json:"cost"`
}

// statusPenalty is the extra cost of a relationship by status rank.
// Refuted and retracted claims, when a query keeps them, cost most;
// a claim not yet reported as of the query's date costs what an alleged
// one does.
var statusPenalty = [8]float64{0, 1, 3, 7, 15, 15, 3}

// EdgeCost is what a hop over relationship e costs in Weighted mode:
//
//	cost = 1 + penalty(status) / k
//
// where penalty is 0 for confirmed, 1 for reported, 3 for alleged (and
// for a claim not yet reported as of the query's date), 7 for disputed
// and 15 for refuted or retracted (status as of the query's date), and k is the number of independent sources (distinct
// attributed_to) among its supporting evidence, capped at 4. A confirmed
// hop always costs 1; a reported hop 2 (one source) down to 1.25; an
// alleged one 4 down to 1.75; a disputed one 8 down to 2.75. Every hop
// costs at least 1, so a path's cost is never below its hop count, and a
// weakly sourced shortcut loses to a somewhat longer, better established
// chain.
func (p *Projection) EdgeCost(e int32) float64 {
	return 1 + statusPenalty[p.meta.statusAt(e, asOfDay(p.filter.Window))]/float64(min(p.meta.support[e], 4))
}

// ipath is a path in node indices. via[i] is the relationship between
// nodes[i] and nodes[i+1]: e if it runs nodes[i] -> nodes[i+1], ^e if it
// runs the other way.
type ipath struct {
	nodes []int32
	via   []int32
	cost  float64
}

func edgeOf(via int32) int32 {
	if via < 0 {
		return ^via
	}
	return via
}

// Paths answers q between the nodes with ids from and to. It returns
// graph.ErrNotFound for an unknown id and graph.ErrInvalid for a bad query
// or an endpoint in Avoid; no path is an empty result, not an error.
// Paths come best first: fewest hops (then cheapest) or, for Weighted,
// cheapest (then fewest hops).
//
// Costs, with N nodes and M relationships: Shortest is a bidirectional
// BFS, O(N+M) at worst and usually a small fraction of it; All adds a BFS
// from each end bounded by the distance; KShortest and Weighted run Yen's
// algorithm, K x (path length) searches.
func (p *Projection) Paths(ctx context.Context, from, to string, q PathQuery) ([]Path, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, err
	}
	src, ok := p.Index(from)
	if !ok {
		return nil, fmt.Errorf("%w: node %q", graph.ErrNotFound, from)
	}
	dst, ok := p.Index(to)
	if !ok {
		return nil, fmt.Errorf("%w: node %q", graph.ErrNotFound, to)
	}
	var avoid []int32
	for _, id := range q.Avoid {
		if id == from || id == to {
			return nil, fmt.Errorf("%w: avoid %q: cannot avoid an end of the path", graph.ErrInvalid, id)
		}
		if v, ok := p.Index(id); ok {
			avoid = append(avoid, v)
		}
	}
	s := p.pool.get()
	defer p.pool.put(s)
	srch := &search{p: p, s: s, directed: q.Directed, weighted: q.Mode == Weighted, maxHops: q.MaxHops, avoid: avoid}
	var found []ipath
	switch q.Mode {
	case Shortest:
		if ip, ok := srch.find(src, dst); ok {
			found = []ipath{ip}
		}
	case All:
		found = srch.allShortest(src, dst, q.Limit)
	case KShortest, Weighted:
		found, err = srch.yen(ctx, src, dst, q.K)
		if err != nil {
			return nil, err
		}
	}
	out := make([]Path, len(found))
	for i, ip := range found {
		out[i] = p.named(ip)
	}
	return out, nil
}

// named turns an ipath into ids and fills its cost.
func (p *Projection) named(ip ipath) Path {
	path := Path{Nodes: make([]string, len(ip.nodes)), Edges: make([]string, len(ip.via)), Hops: len(ip.via)}
	for i, v := range ip.nodes {
		path.Nodes[i] = p.ids[v]
	}
	for i, via := range ip.via {
		a, b := ip.nodes[i], ip.nodes[i+1]
		if via < 0 {
			a, b = b, a
		}
		e := edgeOf(via)
		path.Edges[i] = p.EdgeID(a, b, e)
		path.Cost += p.EdgeCost(e)
	}
	return path
}

// search runs the path searches of one query on one scratch.
type search struct {
	p        *Projection
	s        *scratch
	directed bool
	weighted bool
	maxHops  int // 0: unbounded
	avoid    []int32
	// set per Yen spur search
	bannedNodes []int32
	bannedEdges map[int32]bool
}

// begin starts a search: a fresh epoch, with avoided and banned nodes
// blocked.
func (sr *search) begin() uint16 {
	s := sr.s
	s.epoch++
	if s.epoch == 0 {
		clear(s.seen)
		s.epoch = 1
	}
	for _, vs := range [][]int32{sr.avoid, sr.bannedNodes} {
		for _, v := range vs {
			s.seen[v] = [2]uint16{s.epoch, s.epoch}
			s.st[v].dist = [2]int32{blockedDist, blockedDist}
		}
	}
	return s.epoch
}

// blocked reports whether the current query may not enter v.
func (sr *search) blocked(v int32) bool {
	return sr.s.seen[v][0] == sr.s.epoch && sr.s.st[v].dist[0] == blockedDist
}

func (sr *search) find(src, dst int32) (ipath, bool) {
	if sr.weighted {
		return sr.cheapest(src, dst)
	}
	return sr.fewestHops(src, dst)
}
