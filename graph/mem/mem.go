// Package mem is the embedded store: the whole graph in memory, loaded
// from files, with zero setup. It is the default backend.
//
// Layout: nodes and edges sit in slices sorted by id, with one id index
// each, and every node's incident edges in one compressed adjacency
// array (offsets plus edge indices). There are no per-edge maps, so a
// million nodes and five million relationships fit in a few GiB.
package mem

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/backchannel/backchannel/graph"
)

// Store is the embedded store. It is safe for concurrent use: Load builds
// a new snapshot and swaps it in, so readers see the old graph or the new
// one, never a mix.
type Store struct {
	snap  atomic.Pointer[snapshot]
	loads atomic.Int64
}

var _ graph.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	s := &Store{}
	s.snap.Store(&snapshot{version: "embedded-0", nodeIdx: map[string]int32{}, adjOff: []int32{0}})
	return s
}

// wordStart is where a word starts in a node's normalised name or alias:
// norm[node][name][pos:]. Sixteen bytes, no pointers: the index of a
// million-node graph is millions of them. meta holds the name's length
// in bytes (shifted left by one) and whether it is all ASCII (low bit
// clear), so that search can score and filter entries without reading
// the names, which are scattered over memory.
type wordStart struct {
	node, name, pos int32
	meta            uint32
}

func newWordStart(node, name, pos int32, n string) wordStart {
	m := uint32(min(len(n), 1<<31-1)) << 1
	if !isASCII(n) {
		m |= 1
	}
	return wordStart{node: node, name: name, pos: pos, meta: m}
}

// nameLen is the byte length of the entry's name; ascii whether it is
// all ASCII (then its length in runes too).
func (w wordStart) nameLen() int { return int(w.meta >> 1) }
func (w wordStart) ascii() bool  { return w.meta&1 == 0 }

// text is the normalised name from this word start on.
func (g *snapshot) text(w wordStart) string { return g.norm[w.node][w.name][w.pos:] }

type snapshot struct {
	version string
	nodes   []graph.Node // sorted by id
	norm    [][]string   // normalised name and aliases per node, for search
	// words holds, for every normalised name and alias, the suffix that
	// starts at each of its words, sorted: the exact and prefix matches
	// of a query are one binary search away.
	words []wordStart
	// vocab holds every distinct word of the normalised names, sorted;
	// the word index entries of vocab[i] are words[vocabStart[i]:vocabStart[i+1]].
	vocab      []string
	vocabStart []int32
	vocabASCII []bool
	nodeIdx    map[string]int32
	edges      []graph.Edge // sorted by id: edgeIndex finds one by binary search
	// adj[adjOff[i]:adjOff[i+1]] are the indices of the edges touching
	// node i, ascending (so in edge id order).
	adjOff []int32
	adj    []int32
	stats  graph.Stats
	// texts holds the text on file of documents, by id.
	texts map[string]string
}

// Backend names the store.
func (s *Store) Backend() string { return "embedded" }

// Close releases nothing: the store is memory only.
func (s *Store) Close(context.Context) error { return nil }

// Load replaces the graph with ds. A dataset that breaks the rules
// (graph.ValidateDataset) is refused with a *graph.DatasetError:
// ErrConflict for a duplicate id, ErrInvalid for anything else. On error
// the old graph stays.
func (s *Store) Load(ctx context.Context, ds *graph.Dataset) error {
	if err := graph.ValidateDataset(ds); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	snap, err := build(ctx, ds)
	if err != nil {
		return err
	}
	snap.version = fmt.Sprintf("embedded-%d", s.loads.Add(1))
	s.snap.Store(snap)
	return nil
}

// build indexes a dataset that passed graph.ValidateDataset.
func build(ctx context.Context, ds *graph.Dataset) (*snapshot, error) {
	g := &snapshot{
		texts: maps.Clone(ds.Texts),
		nodes: slices.Clone(ds.Nodes),
		edges: slices.Clone(ds.Edges),
		stats: graph.CountStats(ds),
	}
	slices.SortFunc(g.nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.edges, func(a, b graph.Edge) int { return strings.Compare(a.ID, b.ID) })
	compact(g.nodes, g.edges)
	g.nodeIdx = make(map[string]int32, len(g.nodes))
	g.norm = make([][]string, len(g.nodes))
	for i := range g.nodes {
		n := &g.nodes[i]
		g.nodeIdx[n.ID] = int32(i)
		g.norm[i] = graph.NormalizedNames(n)
	}
	g.words = g.wordIndex()
	g.vocabulary()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	degree := make([]int32, len(g.nodes)+1)
	ends := make([][2]int32, len(g.edges))
	for i := range g.edges {
		e := &g.edges[i]
		src, dst := g.nodeIdx[e.Source], g.nodeIdx[e.Target]
		ends[i] = [2]int32{src, dst}
		degree[src+1]++
		if dst != src {
			degree[dst+1]++
		}
	}
	for i := 1; i < len(degree); i++ {
		degree[i] += degree[i-1]
	}
	g.adjOff = degree
	g.adj = make([]int32, degree[len(degree)-1])
	fill := slices.Clone(degree[:len(degree)-1])
	for i, se := range ends {
		g.adj[fill[se[0]]] = int32(i)
		fill[se[0]]++
		if se[1] != se[0] {
			g.adj[fill[se[1]]] = int32(i)
			fill[se[1]]++
		}
	}
	return g, nil
}

// wordIndex lists every word start of every normalised name, sorted by
// text (then node, name and position, so that the order is the same on
// every build).
func (g *snapshot) wordIndex() []wordStart {
	var out []wordStart
	for i, names := range g.norm {
		for k, n := range names {
			for pos := 0; pos < len(n); {
				out = append(out, newWordStart(int32(i), int32(k), int32(pos), n))
				next := strings.IndexByte(n[pos:], ' ')
				if next < 0 {
					break
				}
				pos += next + 1
			}
		}
	}
	slices.SortFunc(out, func(a, b wordStart) int {
		if c := strings.Compare(g.text(a), g.text(b)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.node, b.node), cmp.Compare(a.name, b.name), cmp.Compare(a.pos, b.pos))
	})
	return out
}

// edgeIndex finds an edge by id.
func (g *snapshot) edgeIndex(id string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(g.edges, id, func(e graph.Edge, id string) int { return strings.Compare(e.ID, id) })
	return int32(i), ok
}

// compact stores each repeated string once: types, kinds, statuses,
// dates, and the evidence's documents, quotes, attributions and stances
// (a quote is cited by many relationships, but a file decoder gives each
// its own copy). The evidence moves to one array owned by the store
// (the caller's is left alone); each edge's slice of it ends at its
// length, so an append by a reader cannot reach the next edge's. At a
// million nodes and five million relationships this holds about a
// gigabyte less than the decoded dataset.
func compact(nodes []graph.Node, edges []graph.Edge) {
	seen := map[string]string{}
	in := func(s string) string {
		if t, ok := seen[s]; ok {
			return t
		}
		seen[s] = s
		return s
	}
	for i := range nodes {
		n := &nodes[i]
		n.Type = graph.NodeType(in(string(n.Type)))
		n.Kind = in(n.Kind)
		n.Date = graph.Date(in(string(n.Date)))
	}
	total := 0
	for i := range edges {
		total += len(edges[i].Evidence)
	}
	pool := make([]graph.Evidence, 0, total)
	for i := range edges {
		e := &edges[i]
		e.Type = in(e.Type)
		e.Status = graph.Status(in(string(e.Status)))
		e.Date = graph.Date(in(string(e.Date)))
		e.EndDate = graph.Date(in(string(e.EndDate)))
		if e.Evidence == nil {
			continue
		}
		start := len(pool)
		for _, ev := range e.Evidence {
			pool = append(pool, graph.Evidence{Document: in(ev.Document), Quote: in(ev.Quote), AttributedTo: in(ev.AttributedTo), Stance: graph.Stance(in(string(ev.Stance)))})
		}
		e.Evidence = pool[start:len(pool):len(pool)]
	}
}
