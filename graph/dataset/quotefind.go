package dataset

// Locating many quotes in one document in time linear in the document.
//
// Checking each quote with strings.Contains costs a scan of the document
// per quote, so an import whose evidence quotes every record of one big
// file took time quadratic in the file. Instead, the quotes of a document
// are indexed by a hash of their first anchorLen bytes, and one
// Rabin-Karp pass over the document looks each window's hash up in that
// index, confirming a candidate with a byte comparison at that place. A
// quote found once leaves the index, so a pass costs the document's
// length plus the quotes' lengths (plus a comparison for each place where
// an unfound quote's anchor recurs). Quotes shorter than anchorLen get a
// pass of their own length; there are at most anchorLen such passes.

const (
	anchorLen  = 32
	hashBase   = 1099511628211 // the FNV-64 prime: any odd multiplier works
	filterBits = 1 << 20
)

// QuotesIn reports, for each quote, whether text holds it once both are
// normalised as evidence quotes are (white space runs and typographic
// quotes folded; see normalizeText). An empty quote is found.
func QuotesIn(text string, quotes []string) []bool {
	norm := make([]string, len(quotes))
	for i, q := range quotes {
		norm[i] = normalizeText(q)
	}
	return findQuotes(normalizeText(text), norm)
}

// findQuotes reports, for each quote, whether text contains it verbatim.
func findQuotes(text string, quotes []string) []bool {
	found := make([]bool, len(quotes))
	byLen := map[int]map[uint64][]int32{} // anchor length -> anchor hash -> quotes
	for i, q := range quotes {
		switch {
		case q == "":
			found[i] = true
			continue
		case len(q) > len(text):
			continue
		}
		w := min(len(q), anchorLen)
		m := byLen[w]
		if m == nil {
			m = map[uint64][]int32{}
			byLen[w] = m
		}
		h := hashOf(q[:w])
		m[h] = append(m[h], int32(i))
	}
	for w, m := range byLen {
		scan(text, w, m, quotes, found)
	}
	return found
}

func hashOf(s string) uint64 {
	var h uint64
	for i := 0; i < len(s); i++ {
		h = h*hashBase + uint64(s[i])
	}
	return h
}

// scan runs one rolling-hash pass of window w over text, marking the
// quotes of index m found where their anchor hash matches and the text
// there starts with them. It stops early once every quote is found.
func scan(text string, w int, m map[uint64][]int32, quotes []string, found []bool) {
	if len(text) < w {
		return
	}
	// filter is a one-hash Bloom filter of the anchors: most windows
	// miss it, which is cheaper than a map lookup.
	filter := make([]uint64, filterBits/64)
	for h := range m {
		b := h >> 44 // filterBits = 2^20
		filter[b/64] |= 1 << (b % 64)
	}
	var pow uint64 = 1 // hashBase^w, to drop the byte leaving the window
	for range w {
		pow *= hashBase
	}
	var h uint64
	for i := 0; i < len(text); i++ {
		h = h*hashBase + uint64(text[i])
		if i >= w {
			h -= uint64(text[i-w]) * pow
		}
		if i < w-1 {
			continue
		}
		if b := h >> 44; filter[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		idx, ok := m[h]
		if !ok {
			continue
		}
		start := i - w + 1
		kept := idx[:0]
		for _, j := range idx {
			q := quotes[j]
			if len(text)-start >= len(q) && text[start:start+len(q)] == q {
				found[j] = true
				continue
			}
			kept = append(kept, j)
		}
		if len(kept) == 0 {
			delete(m, h)
			if len(m) == 0 {
				return
			}
		} else {
			m[h] = kept
		}
	}
}
