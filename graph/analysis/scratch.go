package analysis

import "sync"

// scratch is the per-query working memory of the path searches. Marks are
// epoch-stamped so that a query clears nothing: a mark counts only when
// its stamp equals the current epoch. Each node's marks for both search
// sides share one 32-byte record, so visiting a node costs one cache
// miss. One scratch costs 32 bytes per node; scratches are kept for
// reuse, so a query allocates only its result.
type scratch struct {
	epoch    uint32
	st       []slot
	frontier []int32
	next     []int32
}

// slot is one node's marks; index 0 is the forward side (from the
// source), 1 the backward side (from the target). A node a query may not
// enter is marked seen by both sides with distance -2.
type slot struct {
	seen [2]uint32
	dist [2]int32
	par  [2]int32 // parent node on that side
	via  [2]int32 // relationship to the parent, in path direction: e or ^e
}

const blockedDist = -2

// scratchPool keeps scratches between queries. Unlike a sync.Pool it does
// not drop them at garbage collection: re-allocating 32 MB for a query on
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
	return &scratch{st: make([]slot, sp.n)}
}

func (sp *scratchPool) put(s *scratch) {
	sp.mu.Lock()
	if len(sp.free) < maxFreeScratch {
		sp.free = append(sp.free, s)
	}
	sp.mu.Unlock()
}
