package analysis

import "hash/maphash"

// idIndex finds a node's index by id: an open-addressing hash table of
// node indices (-1: empty), at most half full, with linear probing. A
// path query starts with two lookups; a binary search over a million
// sorted ids costs some twenty dependent cache misses each, the table
// one or two, for 4 to 8 bytes per node.
type idIndex struct {
	seed  maphash.Seed
	mask  uint64
	slots []int32
}

func newIDIndex(ids []string) idIndex {
	size := 16
	for size < 2*len(ids) {
		size *= 2
	}
	x := idIndex{seed: maphash.MakeSeed(), mask: uint64(size - 1), slots: make([]int32, size)}
	for i := range x.slots {
		x.slots[i] = -1
	}
	for v, id := range ids {
		h := maphash.String(x.seed, id) & x.mask
		for x.slots[h] >= 0 {
			h = (h + 1) & x.mask
		}
		x.slots[h] = int32(v)
	}
	return x
}

// find returns the index of id among ids (the slice the index was built
// from).
func (x *idIndex) find(ids []string, id string) (int32, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	h := maphash.String(x.seed, id) & x.mask
	for {
		v := x.slots[h]
		if v < 0 {
			return 0, false
		}
		if ids[v] == id {
			return v, true
		}
		h = (h + 1) & x.mask
	}
}
