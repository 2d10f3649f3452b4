package analysis

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// Projection is a compact, read-only, in-memory copy of a graph's topology
// for the analysis algorithms: compressed sparse rows (CSR) in both
// directions, with the index of the relationship behind every slot so that
// paths can name relationship ids, and a few bytes of evidence metadata per
// relationship (type, status, number of independent supporting sources,
// dates) so that filters and evidence weights need no trip to the store.
//
// Node indices are dense, 0..N-1, in cache-friendly order: nodes are
// relabelled by total degree, highest first, so the hubs that most
// traversals touch share cache lines. Rows are sorted by neighbour index.
//
// Memory: per relationship 16 bytes of CSR (out and in: neighbour and
// relationship index, int32 each) and 7 bytes of metadata, 23 bytes in
// all; per node two int32 offsets, a degree byte, 4 to 8 bytes of id
// hash table and the id string itself. Relationship ids are not stored when they have the
// default form "source>TYPE>target" (they are rebuilt from the
// endpoints); other ids are kept in a map.
//
// A Projection is safe for concurrent use.
type Projection struct {
	version string
	filter  graph.Filter

	ids  []string // by node index
	byID *idIndex // node index by id

	outOff, outAdj, outEdge []int32
	inOff, inAdj, inEdge    []int32

	meta *edgeMeta
	deg8 []uint8 // degree by node, saturated at 255 (see degree.go)

	pool *scratchPool
}

// edgeMeta describes relationships by index; filtered projections derived
// from a base share it.
type edgeMeta struct {
	typ     []uint8
	status  []uint8
	support []uint8
	// start and last are days since 1900-01-01 plus one (0: undated):
	// start is the first day the relationship's date can mean, last the
	// day after the last one its end date (or date) can mean.
	start, last []uint16
	types       []string         // type names by typ
	explicit    map[int32]string // ids not of the form source>TYPE>target
	// steps holds the status timelines of relationships whose status
	// changes with the as-of date (see graph.Timeline): status rank from
	// the day each step's evidence has certainly passed. Relationships
	// whose evidence is all undated have none: their status never
	// changes.
	steps map[int32][]statusStep
}

// statusStep: from the as-of day known on, the relationship's status has
// rank status (known 0: undated evidence, at every date).
type statusStep struct {
	known  uint16
	status uint8
}

// statusAt returns the rank of e's status as of the day asOf (the day
// after the as-of date; 0: today), by the rule of graph.StatusAt.
func (m *edgeMeta) statusAt(e int32, asOf uint16) uint8 {
	if asOf == 0 {
		return m.status[e]
	}
	steps, ok := m.steps[e]
	if !ok {
		return m.status[e]
	}
	st := uint8(graph.Unreported.Rank())
	for _, s := range steps {
		if s.known > asOf {
			break
		}
		st = s.status
	}
	return st
}

// timelineSteps compacts e's timeline, nil when it never changes.
func timelineSteps(e *graph.Edge) []statusStep {
	tl := graph.Timeline(e)
	if len(tl) == 0 || (len(tl) == 1 && tl[0].Date.IsZero()) {
		return nil
	}
	out := make([]statusStep, len(tl))
	for i, s := range tl {
		var known uint16
		if _, end, ok := s.Date.Days(); ok {
			known = clampDay(end)
		}
		out[i] = statusStep{known: known, status: uint8(s.Status.Rank())}
	}
	return out
}

// BuildOptions selects what the projection keeps.
type BuildOptions struct {
	// Filter keeps only relationships that pass it (see graph.Filter).
	Filter graph.Filter
	// Avoid drops every relationship touching these node ids; the nodes
	// stay, isolated. Unknown ids are ignored.
	Avoid []string
}

// Build streams sc into a Projection: one pass over the nodes, one over
// the relationships, then three counting passes to lay out the rows.
// It is O(N log N + M) time and, while building, holds about 12 bytes per
// relationship on top of the result.
//
// It returns graph.ErrInvalid (wrapped) if the filter is invalid or a
// relationship names an unknown node, and the scanner's errors wrapped
// with what failed.
func Build(ctx context.Context, sc graph.Scanner, opts BuildOptions) (*Projection, error) {
	if err := opts.Filter.Check(); err != nil {
		return nil, fmt.Errorf("build projection: %w", err)
	}
	version, err := sc.Version(ctx)
	if err != nil {
		return nil, fmt.Errorf("build projection: version: %w", err)
	}
	var ids []string
	if err := sc.EachNode(ctx, func(n graph.Node) error {
		ids = append(ids, n.ID)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("build projection: scan nodes: %w", err)
	}
	if !slices.IsSorted(ids) {
		slices.Sort(ids)
	}
	rank := make(map[string]int32, len(ids))
	for i, id := range ids {
		if _, dup := rank[id]; dup {
			return nil, fmt.Errorf("build projection: %w: duplicate node id %q", graph.ErrInvalid, id)
		}
		rank[id] = int32(i)
	}
	avoid := make(map[string]bool, len(opts.Avoid))
	for _, id := range opts.Avoid {
		avoid[id] = true
	}
	meta := &edgeMeta{explicit: map[int32]string{}, steps: map[int32][]statusStep{}}
	typeIndex := map[string]uint8{}
	var src, dst []int32
	// Size the arrays once when the store can count its relationships:
	// growing them would make the garbage collector rescan the store's
	// heap at every doubling, which dominates the build on large graphs.
	if c, ok := sc.(interface {
		Stats(context.Context) (graph.Stats, error)
	}); ok {
		if st, err := c.Stats(ctx); err == nil && st.Edges > 0 {
			m := st.Edges
			src, dst = make([]int32, 0, m), make([]int32, 0, m)
			meta.typ, meta.status, meta.support = make([]uint8, 0, m), make([]uint8, 0, m), make([]uint8, 0, m)
			meta.start, meta.last = make([]uint16, 0, m), make([]uint16, 0, m)
		}
	}
	var lastSource string
	var lastRank int32
	if err := sc.EachEdge(ctx, func(e graph.Edge) error {
		if !opts.Filter.Keep(&e) || avoid[e.Source] || avoid[e.Target] {
			return nil
		}
		// edges come in id order, and default ids start with the
		// source: consecutive edges mostly share it
		s, ok := lastRank, e.Source == lastSource && lastSource != ""
		if !ok {
			s, ok = rank[e.Source]
			lastSource, lastRank = e.Source, s
		}
		if !ok {
			return fmt.Errorf("%w: relationship %q: unknown source node %q", graph.ErrInvalid, e.ID, e.Source)
		}
		t, ok := rank[e.Target]
		if !ok {
			return fmt.Errorf("%w: relationship %q: unknown target node %q", graph.ErrInvalid, e.ID, e.Target)
		}
		ti, ok := typeIndex[e.Type]
		if !ok {
			if len(meta.types) == 256 {
				return fmt.Errorf("%w: more than 256 relationship types", graph.ErrInvalid)
			}
			ti = uint8(len(meta.types))
			typeIndex[e.Type] = ti
			meta.types = append(meta.types, e.Type)
		}
		idx := int32(len(src))
		if int64(idx) != int64(len(src)) || len(src) == 1<<31-1 {
			return fmt.Errorf("%w: more than 2^31 relationships", graph.ErrInvalid)
		}
		if !isDefaultID(e.ID, e.Source, e.Type, e.Target) {
			meta.explicit[idx] = e.ID
		}
		src = append(src, s)
		dst = append(dst, t)
		meta.typ = append(meta.typ, ti)
		meta.status = append(meta.status, uint8(max(e.Status.Rank(), 0)))
		if steps := timelineSteps(&e); steps != nil {
			meta.steps[idx] = steps
		}
		meta.support = append(meta.support, uint8(independentSupport(e.Evidence)))
		st, la := dayRange(e.Date, e.EndDate)
		meta.start = append(meta.start, st)
		meta.last = append(meta.last, la)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("build projection: scan relationships: %w", err)
	}
	rank = nil

	// Relabel: by total degree, highest first; ties keep id order.
	n := len(ids)
	deg := make([]int32, n)
	for i := range src {
		deg[src[i]]++
		deg[dst[i]]++
	}
	order := make([]int32, n) // new index -> id rank
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return int(deg[b]) - int(deg[a]) })
	newIndex := deg // reuse: id rank -> new index
	for ni, r := range order {
		newIndex[r] = int32(ni)
	}
	for i := range src {
		src[i], dst[i] = newIndex[src[i]], newIndex[dst[i]]
	}
	p := &Projection{version: version, filter: opts.Filter, meta: meta}
	p.ids = make([]string, n)
	for r, id := range ids {
		p.ids[newIndex[r]] = id
	}
	x := newIDIndex(p.ids)
	p.byID = &x
	p.layout(n, src, dst)
	p.pool = newScratchPool(n)
	return p, nil
}

// layout builds both CSRs with sorted rows from an edge list whose
// relationship indices are the list positions.
func (p *Projection) layout(n int, src, dst []int32) {
	m := len(src)
	// 1. in-rows from the list (rows in list order).
	inOff := countOffsets(n, dst)
	inAdj, inEdge := make([]int32, m), make([]int32, m)
	fill := slices.Clone(inOff[:n])
	for e := range m {
		k := fill[dst[e]]
		fill[dst[e]]++
		inAdj[k], inEdge[k] = src[e], int32(e)
	}
	// 2. out-rows by walking in-rows in target order: sorted by target.
	p.outOff = countOffsets(n, src)
	p.outAdj, p.outEdge = make([]int32, m), make([]int32, m)
	copy(fill, p.outOff[:n])
	for v := range n {
		for k := inOff[v]; k < inOff[v+1]; k++ {
			u := inAdj[k]
			j := fill[u]
			fill[u]++
			p.outAdj[j], p.outEdge[j] = int32(v), inEdge[k]
		}
	}
	// 3. in-rows again, by walking out-rows in source order: sorted.
	p.inOff = inOff
	copy(fill, inOff[:n])
	for u := range n {
		for k := p.outOff[u]; k < p.outOff[u+1]; k++ {
			v := p.outAdj[k]
			j := fill[v]
			fill[v]++
			inAdj[j], inEdge[j] = int32(u), p.outEdge[k]
		}
	}
	p.inAdj, p.inEdge = inAdj, inEdge
	p.buildDeg8()
}

func countOffsets(n int, keys []int32) []int32 {
	off := make([]int32, n+1)
	for _, k := range keys {
		off[k+1]++
	}
	for i := 1; i <= n; i++ {
		off[i] += off[i-1]
	}
	return off
}

// Subgraph derives the projection of the relationships that pass f and
// touch no node in avoid, sharing node indices and relationship indices
// with p. It costs one pass over p's rows and no store access. f narrows
// p's own filter; it cannot widen it.
func (p *Projection) Subgraph(f graph.Filter, avoid []string) (*Projection, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	keep, err := p.edgeFilter(f)
	if err != nil {
		return nil, err
	}
	blocked := make([]bool, p.N())
	for _, id := range avoid {
		if v, ok := p.Index(id); ok {
			blocked[v] = true
		}
	}
	q := &Projection{version: p.version, filter: f, ids: p.ids, byID: p.byID, meta: p.meta, pool: p.pool}
	sub := func(off, adj, edge []int32) (o, a, e []int32) {
		n := p.N()
		o = make([]int32, n+1)
		for u := range n {
			for k := off[u]; k < off[u+1]; k++ {
				if !blocked[u] && !blocked[adj[k]] && keep(edge[k]) {
					a = append(a, adj[k])
					e = append(e, edge[k])
				}
			}
			o[u+1] = int32(len(a))
		}
		return o, slices.Clip(a), slices.Clip(e)
	}
	q.outOff, q.outAdj, q.outEdge = sub(p.outOff, p.outAdj, p.outEdge)
	q.inOff, q.inAdj, q.inEdge = sub(p.inOff, p.inAdj, p.inEdge)
	q.buildDeg8()
	return q, nil
}

// edgeFilter compiles f against the relationship metadata.
func (p *Projection) edgeFilter(f graph.Filter) (func(e int32) bool, error) {
	var typeOK [256]bool
	allTypes := len(f.Types) == 0
	for _, t := range f.Types {
		if i := slices.Index(p.meta.types, t); i >= 0 {
			typeOK[i] = true
		}
	}
	var statusOK [8]bool
	for _, s := range f.Statuses {
		statusOK[s.Rank()] = true
	}
	allStatuses := len(f.Statuses) == 0 && !f.Standing
	if len(f.Statuses) == 0 {
		for i, s := range graph.AllStatuses {
			statusOK[i] = !f.Standing || s.Standing()
		}
	} else if f.Standing {
		statusOK[graph.Refuted.Rank()], statusOK[graph.Retracted.Rank()] = false, false
	}
	asOf := asOfDay(f.Window)
	w := f.Window
	var before, after uint16
	if _, end, ok := w.Before.Days(); ok {
		before = clampDay(end)
	}
	if start, _, ok := w.After.Days(); ok {
		after = clampDay(start)
	}
	m := p.meta
	return func(e int32) bool {
		if !allTypes && !typeOK[m.typ[e]] {
			return false
		}
		if !allStatuses && !statusOK[m.statusAt(e, asOf)] {
			return false
		}
		if m.start[e] == 0 {
			return !w.RequireDate
		}
		if before != 0 && m.start[e] >= before {
			return false
		}
		if after != 0 && m.last[e] <= after {
			return false
		}
		return true
	}, nil
}

// N is the number of nodes.
func (p *Projection) N() int { return len(p.ids) }

// M is the number of relationships.
func (p *Projection) M() int { return len(p.outAdj) }

// Version is the store version the projection was built from.
func (p *Projection) Version() string { return p.version }

// ID returns the node id at index v.
func (p *Projection) ID(v int32) string { return p.ids[v] }

// Index returns the index of the node with the given id.
func (p *Projection) Index(id string) (int32, bool) { return p.byID.find(p.ids, id) }

// Out and In return the rows of v: neighbour indices and relationship
// indices, sorted by neighbour.
func (p *Projection) Out(v int32) (adj, edges []int32) {
	a, b := p.outOff[v], p.outOff[v+1]
	return p.outAdj[a:b], p.outEdge[a:b]
}

// In: see Out.
func (p *Projection) In(v int32) (adj, edges []int32) {
	a, b := p.inOff[v], p.inOff[v+1]
	return p.inAdj[a:b], p.inEdge[a:b]
}

// EdgeID names relationship e, which runs from node src to node dst.
func (p *Projection) EdgeID(src, dst, e int32) string {
	if id, ok := p.meta.explicit[e]; ok {
		return id
	}
	return p.ids[src] + ">" + p.meta.types[p.meta.typ[e]] + ">" + p.ids[dst]
}

// EdgeStatus returns the status of relationship e as of the projection's
// filter's Window.Before (see graph.StatusAt).
func (p *Projection) EdgeStatus(e int32) graph.Status {
	return graph.AllStatuses[p.meta.statusAt(e, asOfDay(p.filter.Window))]
}

// asOfDay is the day statuses are taken at for w: the day after
// w.Before ends (0: today).
func asOfDay(w graph.Window) uint16 {
	_, end, ok := w.Before.Days()
	if !ok {
		return 0
	}
	return clampDay(end)
}

// Bytes estimates the memory the projection holds: its arrays and id
// strings (a filtered projection shares the ids and metadata of its base;
// they are counted in both).
func (p *Projection) Bytes() int64 {
	b := int64(4*(len(p.outOff)+len(p.outAdj)+len(p.outEdge)+len(p.inOff)+len(p.inAdj)+len(p.inEdge)+len(p.byID.slots)) + len(p.deg8))
	m := p.meta
	b += int64(len(m.typ) + len(m.status) + len(m.support) + 2*len(m.start) + 2*len(m.last))
	b += int64(len(m.explicit)) * 48
	for _, st := range m.steps {
		b += 48 + 4*int64(len(st))
	}
	for _, id := range p.ids {
		b += 16 + int64(len(id))
	}
	return b
}

// isDefaultID reports whether id == source+">"+typ+">"+target without
// building the string.
func isDefaultID(id, source, typ, target string) bool {
	if len(id) != len(source)+len(typ)+len(target)+2 {
		return false
	}
	return strings.HasPrefix(id, source) && id[len(source)] == '>' &&
		strings.HasPrefix(id[len(source)+1:], typ) && id[len(source)+1+len(typ)] == '>' &&
		strings.HasSuffix(id, target)
}

// independentSupport counts the distinct sources (AttributedTo) of the
// supporting evidence, at least 1 and at most 255. It does not allocate
// for up to 8 sources (it runs once per relationship).
func independentSupport(ev []graph.Evidence) int {
	var buf [8]string
	seen := buf[:0]
	for _, e := range ev {
		if e.Stance == graph.Supports && !slices.Contains(seen, e.AttributedTo) {
			seen = append(seen, e.AttributedTo)
		}
	}
	return min(max(len(seen), 1), 255)
}

// The projection keeps each relationship's dates as days since
// 1900-01-01 plus one, in a uint16 (0: undated), clamped to 1..65535
// (1900 to 2079; dates outside are clamped, which only matters for
// windows bounded outside that range). graph.Date.Days reads the dates,
// so the filter and graph.Window.Contains agree (testdata
// graph/testdata/date-window.json holds both to one table).
const dayOffset = 25567 + 1 // graph.Date.Days counts from 1970-01-01, 25567 days after 1900-01-01

func clampDay(d int) uint16 { return uint16(min(max(d+dayOffset, 1), 65535)) }

func dayRange(date, end graph.Date) (start, last uint16) {
	s, e, ok := date.Days()
	if !ok {
		return 0, 0
	}
	if _, ee, ok := end.Days(); ok {
		return clampDay(s), clampDay(ee)
	}
	return clampDay(s), clampDay(e)
}
