package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

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

// fewestHops is a bidirectional breadth-first search. Each round expands
// the whole next level of the side whose frontier has the smaller total
// degree; once a level produces a meeting, the best meeting of that level
// is a shortest path.
func (sr *search) fewestHops(src, dst int32) (ipath, bool) {
	p, s := sr.p, sr.s
	ep := sr.begin()
	if sr.blocked(src) || sr.blocked(dst) {
		return ipath{}, false
	}
	if src == dst {
		return ipath{nodes: []int32{src}}, true
	}
	s.seen[src][0], s.st[src].dist[0] = ep, 0
	s.seen[dst][1], s.st[dst].dist[1] = ep, 0
	fF := append(s.frontier[:0], src)
	fB := append(s.next[:0], dst)
	var nxt []int32
	costF, costB := p.degree(src), p.degree(dst)
	dF, dB := int32(0), int32(0)
	best, meet := int32(-1), int32(-1)
	for len(fF) > 0 && len(fB) > 0 {
		if sr.maxHops > 0 && int(dF+dB) >= sr.maxHops {
			break
		}
		forward := costF <= costB
		var cost int64
		if forward {
			nxt, cost, best, meet = sr.expand(fF, nxt[:0], dF, true, best, meet)
			fF, nxt = nxt, fF
			costF = cost
			dF++
		} else {
			nxt, cost, best, meet = sr.expand(fB, nxt[:0], dB, false, best, meet)
			fB, nxt = nxt, fB
			costB = cost
			dB++
		}
		if best >= 0 {
			break
		}
	}
	// keep the grown buffers for the next query
	s.frontier, s.next = fF[:0], fB[:0]
	if best < 0 || (sr.maxHops > 0 && int(best) > sr.maxHops) {
		return ipath{}, false
	}
	return sr.join(src, dst, meet), true
}

// expand grows one side by a level, and stops at the first meeting with
// the other side, which is a shortest path: a meeting at a node the other
// side reached before its latest level would have been found when that
// side expanded it. It returns the next frontier, its total degree and
// the meeting (best is the path length, -1 if none).
//
// On a large graph each node the search touches is a cache miss, so it
// touches little: a reached node records the row position it was reached
// through, not the relationship (whose index sits in another array, read
// only for the hops of the answer, in join), and the frontier's degree
// comes from a byte per node (see degree.go), not from two offset arrays.
func (sr *search) expand(frontier, next []int32, depth int32, forward bool, best, meet int32) ([]int32, int64, int32, int32) {
	p, s := sr.p, sr.s
	ep := s.epoch
	f, o := 0, 1
	if !forward {
		f, o = 1, 0
	}
	seen, st := s.seen, s.st
	var cost int64
	banned := sr.bannedEdges
	for _, v := range frontier {
		// Forward: follow v -> w (out-row); backward: w -> v (in-row).
		for pass := 0; pass < 2; pass++ {
			out := pass == 0
			if sr.directed && out != forward {
				continue
			}
			var adj, edges []int32
			var base int32
			if out {
				adj, edges = p.Out(v)
				base = p.outOff[v]
			} else {
				adj, edges = p.In(v)
				base = p.inOff[v]
			}
			for k, w := range adj {
				sn := &seen[w]
				if sn[f] == ep { // also blocked nodes
					continue
				}
				if banned != nil && banned[edges[k]] {
					continue
				}
				pos := base + int32(k)
				if !out {
					pos = ^pos
				}
				sn[f] = ep
				sw := &st[w]
				sw.dist[f], sw.par[f], sw.via[f] = depth+1, v, pos
				next = append(next, w)
				cost += p.degree(w)
				if sn[o] == ep {
					return next, cost, depth + 1 + sw.dist[o], w
				}
			}
		}
	}
	return next, cost, best, meet
}

// hop turns a row position recorded by expand on side f (0: forward)
// into a via: the relationship, complemented when it runs against the
// path's direction.
func (sr *search) hop(f int, pos int32) int32 {
	out := pos >= 0
	var e int32
	if out {
		e = sr.p.outEdge[pos]
	} else {
		e = sr.p.inEdge[^pos]
	}
	// forward side: an out-row runs parent -> child, along the path;
	// backward side: an in-row runs child -> parent, along the path
	if out != (f == 0) {
		return ^e
	}
	return e
}

// join builds the path src ... meet ... dst from both sides' parents.
func (sr *search) join(src, dst, meet int32) ipath {
	s := sr.s
	var ip ipath
	for v := meet; v != src; v = s.st[v].par[0] {
		ip.nodes = append(ip.nodes, v)
		ip.via = append(ip.via, sr.hop(0, s.st[v].via[0]))
	}
	ip.nodes = append(ip.nodes, src)
	slices.Reverse(ip.nodes)
	slices.Reverse(ip.via)
	for v := meet; v != dst; v = s.st[v].par[1] {
		ip.via = append(ip.via, sr.hop(1, s.st[v].via[1]))
		ip.nodes = append(ip.nodes, s.st[v].par[1])
	}
	ip.cost = float64(len(ip.via))
	return ip
}

// cheapest is Dijkstra's algorithm on evidence costs. With a hop bound it
// searches (node, hops) labels and keeps a label only if no settled label
// of its node has as few hops (settled labels are cheaper), which makes
// the bounded search exact; each node is settled at most MaxHops times.
func (sr *search) cheapest(src, dst int32) (ipath, bool) {
	p, s := sr.p, sr.s
	ep := sr.begin()
	if sr.blocked(src) || sr.blocked(dst) {
		return ipath{}, false
	}
	type label struct {
		node, hops, parent, via int32
		cost                    float64
	}
	labels := []label{{node: src, parent: -1}}
	h := &labelHeap{less: func(a, b int32) bool {
		la, lb := &labels[a], &labels[b]
		if la.cost != lb.cost {
			return la.cost < lb.cost
		}
		if la.hops != lb.hops {
			return la.hops < lb.hops
		}
		return a < b
	}}
	h.push(0)
	bounded := sr.maxHops > 0
	dominated := func(v, hops int32) bool {
		// blocked nodes look settled at distance -2
		return s.seen[v][0] == ep && (!bounded || s.st[v].dist[0] <= hops)
	}
	for h.len() > 0 {
		li := h.pop()
		l := labels[li]
		if dominated(l.node, l.hops) {
			continue
		}
		s.seen[l.node][0], s.st[l.node].dist[0] = ep, l.hops
		if l.node == dst {
			var ip ipath
			for i := li; i >= 0; i = labels[i].parent {
				ip.nodes = append(ip.nodes, labels[i].node)
				if labels[i].parent >= 0 {
					ip.via = append(ip.via, labels[i].via)
				}
			}
			slices.Reverse(ip.nodes)
			slices.Reverse(ip.via)
			ip.cost = l.cost
			return ip, true
		}
		if bounded && int(l.hops) >= sr.maxHops {
			continue
		}
		relax := func(w, via int32) {
			e := edgeOf(via)
			if dominated(w, l.hops+1) || (sr.bannedEdges != nil && sr.bannedEdges[e]) {
				return
			}
			labels = append(labels, label{node: w, hops: l.hops + 1, parent: li, via: via, cost: l.cost + p.EdgeCost(e)})
			h.push(int32(len(labels) - 1))
		}
		adj, edges := p.Out(l.node)
		for k, w := range adj {
			relax(w, edges[k])
		}
		if !sr.directed {
			adj, edges = p.In(l.node)
			for k, w := range adj {
				relax(w, ^edges[k])
			}
		}
	}
	return ipath{}, false
}

// labelHeap is a binary min-heap of label indices.
type labelHeap struct {
	items []int32
	less  func(a, b int32) bool
}

func (h *labelHeap) len() int { return len(h.items) }

func (h *labelHeap) push(x int32) {
	h.items = append(h.items, x)
	i := len(h.items) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !h.less(h.items[i], h.items[parent]) {
			break
		}
		h.items[i], h.items[parent] = h.items[parent], h.items[i]
		i = parent
	}
}

func (h *labelHeap) pop() int32 {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.less(h.items[l], h.items[m]) {
			m = l
		}
		if r < last && h.less(h.items[r], h.items[m]) {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
	return top
}

// allShortest enumerates the fewest-hop paths, at most limit, in a
// deterministic order. It finds the distance d, then runs a BFS from each
// end bounded by d; a hop u->w lies on a shortest path exactly when
// distS(u)+1+distT(w) == d. Parallel relationships give distinct paths.
func (sr *search) allShortest(src, dst int32, limit int) []ipath {
	first, ok := sr.fewestHops(src, dst)
	if !ok {
		return nil
	}
	d := int32(len(first.via))
	if d == 0 {
		return []ipath{first}
	}
	s := sr.s
	ep := sr.begin()
	sr.bfsLevels(src, d, true, ep)
	sr.bfsLevels(dst, d, false, ep)
	var out []ipath
	nodes := []int32{src}
	var vias []int32
	var walk func(v int32)
	walk = func(v int32) {
		if len(out) >= limit {
			return
		}
		if v == dst {
			out = append(out, ipath{nodes: slices.Clone(nodes), via: slices.Clone(vias), cost: float64(d)})
			return
		}
		step := func(w, via int32) {
			sw, sv := &s.st[w], &s.st[v]
			if s.seen[w] == [2]uint16{ep, ep} && sw.dist[0] == sv.dist[0]+1 && sw.dist[0]+sw.dist[1] == d {
				nodes, vias = append(nodes, w), append(vias, via)
				walk(w)
				nodes, vias = nodes[:len(nodes)-1], vias[:len(vias)-1]
			}
		}
		adj, edges := sr.p.Out(v)
		for k, w := range adj {
			step(w, edges[k])
		}
		if !sr.directed {
			adj, edges = sr.p.In(v)
			for k, w := range adj {
				step(w, ^edges[k])
			}
		}
	}
	walk(src)
	return out
}

// bfsLevels marks distances from root up to depth on one side: forward
// follows out-rows, backward in-rows (both ways when undirected).
func (sr *search) bfsLevels(root, depth int32, forward bool, ep uint16) {
	p, s := sr.p, sr.s
	f := 0
	if !forward {
		f = 1
	}
	s.seen[root][f], s.st[root].dist[f] = ep, 0
	frontier := []int32{root}
	for lvl := int32(0); lvl < depth && len(frontier) > 0; lvl++ {
		var next []int32
		visit := func(w int32) {
			if sn := &s.seen[w]; sn[f] != ep { // blocked nodes look seen
				sn[f], s.st[w].dist[f] = ep, lvl+1
				next = append(next, w)
			}
		}
		for _, v := range frontier {
			if forward || !sr.directed {
				adj, _ := p.Out(v)
				for _, w := range adj {
					visit(w)
				}
			}
			if !forward || !sr.directed {
				adj, _ := p.In(v)
				for _, w := range adj {
					visit(w)
				}
			}
		}
		frontier = next
	}
}

// yen returns the k best loopless paths (Yen 1971): each next path
// deviates from an accepted one at a spur node, with the accepted paths'
// next hops from the same root removed and the root's nodes blocked.
// Paths are ranked by hops then evidence cost, or (weighted) cost then
// hops; remaining ties by relationship indices, so the answer is
// deterministic. In hop mode the spur searches minimise hops only, so
// among paths of equal length the cheaper one wins only once both are
// candidates.
func (sr *search) yen(ctx context.Context, src, dst int32, k int) ([]ipath, error) {
	first, ok := sr.find(src, dst)
	if !ok {
		return nil, nil
	}
	accepted := []ipath{sr.costed(first)}
	var candidates []ipath
	seen := map[string]bool{pathKey(first): true}
	maxHops := sr.maxHops
	defer func() { sr.maxHops, sr.bannedNodes, sr.bannedEdges = maxHops, nil, nil }()
	for len(accepted) < k {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("k shortest paths: %w", err)
		}
		prev := accepted[len(accepted)-1]
		for i := 0; i < len(prev.via); i++ {
			spur := prev.nodes[i]
			banned := map[int32]bool{}
			for _, a := range accepted {
				if len(a.via) > i && slices.Equal(a.via[:i], prev.via[:i]) && slices.Equal(a.nodes[:i+1], prev.nodes[:i+1]) {
					banned[edgeOf(a.via[i])] = true
				}
			}
			sr.bannedEdges = banned
			sr.bannedNodes = prev.nodes[:i]
			sr.maxHops = 0
			if maxHops > 0 {
				if maxHops-i <= 0 {
					continue
				}
				sr.maxHops = maxHops - i
			}
			tail, ok := sr.find(spur, dst)
			if !ok {
				continue
			}
			cand := ipath{
				nodes: append(slices.Clone(prev.nodes[:i]), tail.nodes...),
				via:   append(slices.Clone(prev.via[:i]), tail.via...),
			}
			key := pathKey(cand)
			if seen[key] {
				continue
			}
			seen[key] = true
			candidates = append(candidates, sr.costed(cand))
		}
		if len(candidates) == 0 {
			break
		}
		best := 0
		for j := 1; j < len(candidates); j++ {
			if sr.better(candidates[j], candidates[best]) {
				best = j
			}
		}
		accepted = append(accepted, candidates[best])
		candidates = slices.Delete(candidates, best, best+1)
	}
	return accepted, nil
}

// costed sets ip.cost to the ranking cost: hops, or evidence cost.
func (sr *search) costed(ip ipath) ipath {
	if !sr.weighted {
		ip.cost = float64(len(ip.via))
		return ip
	}
	ip.cost = 0
	for _, via := range ip.via {
		ip.cost += sr.p.EdgeCost(edgeOf(via))
	}
	return ip
}

// better orders candidate paths; costs within 1e-9 count as equal.
func (sr *search) better(a, b ipath) bool {
	if d := a.cost - b.cost; d < -1e-9 || d > 1e-9 {
		return d < 0
	}
	if len(a.via) != len(b.via) {
		return len(a.via) < len(b.via)
	}
	// equal hops: the better established path first
	if ca, cb := sr.evidenceCost(a), sr.evidenceCost(b); ca != cb {
		return ca < cb
	}
	return pathKey(a) < pathKey(b)
}

func (sr *search) evidenceCost(ip ipath) float64 {
	var c float64
	for _, via := range ip.via {
		c += sr.p.EdgeCost(edgeOf(via))
	}
	return c
}

func pathKey(ip ipath) string {
	var b strings.Builder
	for _, v := range ip.via {
		fmt.Fprintf(&b, "%d,", v)
	}
	return b.String()
}
