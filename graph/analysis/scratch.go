package analysis

import "sync"

// scratch is the per-query working memory of the path searches. Marks are
// epoch-stamped so that a query clears nothing: a slot counts only when
// its stamp equals the current epoch. One scratch costs 28 bytes per node
// and is reused through a pool, so a query allocates only its result.
type scratch struct {
	epoch    uint32
	seenF    []uint32 // forward side reached this epoch
	seenB    []uint32 // backward side reached this epoch
	blocked  []uint32 // nodes a query may not enter
	distF    []int32
	distB    []int32
	parF     []int32 // parent node on the forward side
	parB     []int32
	viaF     []int32 // relationship to the parent: e (parent->v) or ^e (v->parent)
	viaB     []int32
	frontier []int32
	next     []int32
}

type scratchPool struct {
	n    int
	pool sync.Pool
}

func newScratchPool(n int) *scratchPool {
	sp := &scratchPool{n: n}
	sp.pool.New = func() any {
		return &scratch{
			seenF: make([]uint32, n), seenB: make([]uint32, n), blocked: make([]uint32, n),
			distF: make([]int32, n), distB: make([]int32, n),
			parF: make([]int32, n), parB: make([]int32, n),
			viaF: make([]int32, n), viaB: make([]int32, n),
		}
	}
	return sp
}

// get returns a scratch with a fresh epoch.
func (sp *scratchPool) get() *scratch {
	s := sp.pool.Get().(*scratch)
	s.epoch++
	if s.epoch == 0 { // wrapped: clear once every 2^32 queries
		clear(s.seenF)
		clear(s.seenB)
		clear(s.blocked)
		s.epoch = 1
	}
	return s
}

func (sp *scratchPool) put(s *scratch) { sp.pool.Put(s) }
