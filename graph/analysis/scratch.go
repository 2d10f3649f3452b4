package analysis

import "sync"

// scratch is the per-query working memory of the path searches. Marks are
// epoch-stamped so that a query clears nothing: a mark counts only when
// its stamp equals the current epoch, and the stamps are cleared once
// every 65,535 queries, when the epoch wraps.
//
// On a large graph the search costs about one cache miss per neighbour it
// tests, so the test reads only seen, 4 bytes a node for both sides: the
// hubs that most searches touch (numbered first) share cache lines, 16 to
// a line. The rest of a node's marks, 24 bytes, are written when it is
// reached and read at the meeting and to rebuild the path. One scratch
// costs 28 bytes per node; scratches are kept for reuse, so a query
// allocates only its result.
type scratch struct {
	epoch    uint16
	seen     [][2]uint16 // per node, the epoch at which each side reached it
	st       []slot
	frontier []int32
	next     []int32
}

// slot is one node's marks, valid on a side when seen says the current
// epoch; index 0 is the forward side (from the source), 1 the backward
// side (from the target). A node a query may not enter is marked seen by
// both sides with distance -2.
type slot struct {
	dist [2]int32
	par  [2]int32 // parent node on that side
	via  [2]int32 // how it was reached: position in the parent's out-row (p), or in-row (^p)
}

const blockedDist = -2

// scratchPool keeps scratches between queries. Unlike a sync.Pool it does
// not drop them at garbage collection: re-allocating 28 MB for a query on
// a million-node graph would cost more than the query.
type scratchPool struct {
	n    int
	mu   sync.Mutex
	free []*scratch
}

// maxFreeScratch bounds the scratches kept; more concurrent queries
// allocate and drop theirs.
const maxFreeScratch = 4

func newScratchPool(n int) *scratchPool { return &scratchPool{n: n} }

func (sp *scratchPool) get() *scratch {
	sp.mu.Lock()
	if k := len(sp.free); k > 0 {
		s := sp.free[k-1]
		sp.free = sp.free[:k-1]
		sp.mu.Unlock()
		return s
	}
	sp.mu.Unlock()
	return &scratch{seen: make([][2]uint16, sp.n), st: make([]slot, sp.n)}
}

func (sp *scratchPool) put(s *scratch) {
	sp.mu.Lock()
	if len(sp.free) < maxFreeScratch {
		sp.free = append(sp.free, s)
	}
	sp.mu.Unlock()
}
