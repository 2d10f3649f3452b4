package mem

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/backchannel/backchannel/graph"
)

// Search ranks nodes by name and alias (see graph.MatchName) and returns
// exactly what ranking every node would, without looking at every node:
//
//   - exact and prefix matches are the word index's entries that start
//     with the query; when they are at least limit nodes, only the best
//     of them are ranked, chosen by a score computed from the entry
//     alone (see prefixCandidates);
//   - otherwise fuzzy matches are added, found through the vocabulary
//     (the distinct words of all names, see fuzzyCandidates) rather than
//     by scanning the names.
//
// Every candidate is then ranked with graph.RankNormalized, as Neo4j's
// results are, so both stores return the same hits in the same order.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]graph.Hit, error) {
	nq, limit, err := graph.CheckSearch(q, limit)
	if err != nil {
		return nil, err
	}
	g := s.snap.Load()
	cands, enough := g.prefixCandidates(nq, limit)
	if !enough {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		cands = append(cands, g.fuzzyCandidates(nq)...)
	}
	slices.Sort(cands)
	cands = slices.Compact(cands)
	best := graph.BestHits{Limit: limit}
	for k, i := range cands {
		if k%65536 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("search: %w", ctx.Err())
		}
		if h, ok := graph.RankNormalized(nq, &g.nodes[i], g.norm[i]); ok {
			best.Add(h)
		}
	}
	return best.Hits(), nil
}

// wordRange returns the word index entries whose text starts with q.
func (g *snapshot) wordRange(q string) (lo, hi int) {
	lo, _ = slices.BinarySearchFunc(g.words, q, func(w wordStart, q string) int { return strings.Compare(g.text(w), q) })
	// The entries starting with q are contiguous; the first after them
	// is the first whose text cut to len(q) sorts above q.
	hi = lo + sort.Search(len(g.words)-lo, func(i int) bool {
		t := g.text(g.words[lo+i])
		return t[:min(len(t), len(q))] > q
	})
	return lo, hi
}

// prefixCandidates returns the nodes with an exact or prefix match for q.
// When they are at least limit nodes (enough is true), it returns only
// those that can be among the best limit: each entry's score is known
// from the entry alone (graph.MatchName gives an exact match 1, a name
// that starts with q 0.5 plus half of len(q)/len(name), a later word
// 0.25 plus the same, an alias 0.95 of that), so whole score groups are
// taken, best first, until they hold limit nodes. A node left out has
// every entry below the last group taken, so it ranks below limit nodes.
func (g *snapshot) prefixCandidates(q string, limit int) (cands []int32, enough bool) {
	lo, hi := g.wordRange(q)
	if hi == lo {
		return nil, false
	}
	// Entries alike in name length, place and alias-ness share a rank and
	// often come in runs: count runs, not entries, into the map.
	groups := map[float64]int{} // entries per rank
	run, runRank := 0, 0.0
	for _, w := range g.words[lo:hi] {
		r := prefixRank(w, len(q))
		if run > 0 && r != runRank {
			groups[runRank] += run
			run = 0
		}
		run, runRank = run+1, r
	}
	groups[runRank] += run
	order := slices.Sorted(maps.Keys(groups))
	slices.Reverse(order)
	// Take groups, best first, until they hold limit entries; a node can
	// have several entries, so if they hold fewer than limit nodes, take
	// the next group too.
	taken, entries := 0, 0
	for taken < len(order) {
		for taken < len(order) && entries < limit {
			entries += groups[order[taken]]
			taken++
		}
		cands = cands[:0]
		floor := order[taken-1]
		for _, w := range g.words[lo:hi] {
			if prefixRank(w, len(q)) >= floor {
				cands = append(cands, w.node)
			}
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
		if len(cands) >= limit {
			return cands, true
		}
		entries = len(cands) // count nodes from here on
	}
	return cands, false
}

// prefixRank orders a word index entry that starts with a query of
// qlen bytes as graph.MatchName's tier and score do (see
// prefixCandidates), from the entry alone.
func prefixRank(w wordStart, qlen int) float64 {
	nlen := w.nameLen()
	var rank float64
	switch {
	case w.pos == 0 && nlen == qlen:
		rank = 2 + 1 // the exact tier above every prefix score
	case w.pos == 0:
		rank = 0.5 + float64(qlen)/float64(nlen)/2
	default:
		rank = 0.25 + float64(qlen)/float64(nlen)/2
	}
	if w.name > 0 {
		rank *= 0.95
	}
	return rank
}

// fuzzyCandidates returns every node that can have a fuzzy match for q
// (and some that cannot; Search ranks them all). graph.MatchName's fuzzy
// match of q against a name n is one of:
//
//	(a) n contains q: then every space-separated piece of q lies inside
//	    one word of n, so n has a word containing q's longest piece;
//	(b) q is within the edit budget of n itself. If n is one word, that
//	    is (c). If not, n's first word is within budget of some prefix
//	    of q (the part of q the alignment gives it, perhaps empty);
//	(c) q is within the edit budget of a word of n.
//
// Each test runs on the vocabulary (every distinct word once), and the
// matching words' entries in the word index give the nodes.
func (g *snapshot) fuzzyCandidates(q string) []int32 {
	budget := graph.FuzzyBudget(q)
	qRunes := utf8.RuneCountInString(q)
	piece := ""
	for p := range strings.SplitSeq(q, " ") {
		if len(p) > len(piece) {
			piece = p
		}
	}
	var cands []int32
	bits := newBitQuery(q)
	add := func(v int, onlyNames bool) {
		for _, e := range g.words[g.vocabStart[v]:g.vocabStart[v+1]] {
			if !onlyNames {
				cands = append(cands, e.node)
				continue
			}
			// (b): whole names of about q's length whose first word is w.
			if e.pos != 0 {
				continue
			}
			// The name's length in runes must be within budget of q's:
			// an ASCII name's is its byte length; otherwise a rune is 1
			// to 4 bytes. Single-word names are (c)'s.
			nlen := e.nameLen()
			if e.ascii() && abs(nlen-qRunes) > budget || nlen < qRunes-budget || nlen > 4*(qRunes+budget) {
				continue
			}
			n := g.norm[e.node][e.name]
			if strings.IndexByte(n, ' ') < 0 {
				continue
			}
			// Only a name within budget ranks as (b): test it here, one
			// bit-parallel pass, rather than rank every near-length name.
			if bits != nil && e.ascii() {
				if full, _ := bits.distances(n); full <= budget {
					cands = append(cands, e.node)
				}
			} else if abs(utf8.RuneCountInString(n)-qRunes) <= budget {
				cands = append(cands, e.node)
			}
		}
	}
	for v, w := range g.vocab {
		if len(w) >= len(piece) && strings.Contains(w, piece) { // (a)
			add(v, false)
			continue
		}
		var full, prefix int
		if bits != nil && g.vocabASCII[v] {
			full, prefix = bits.distances(w)
		} else {
			full = graph.EditDistance(q, w, budget)
			prefix = prefixDistance(q, w, budget)
		}
		switch {
		case full <= budget: // (c)
			add(v, false)
		case prefix <= budget: // (b)
			add(v, true)
		}
	}
	return cands
}

// bitQuery computes edit distances against one ASCII query of at most
// 64 bytes with Myers' bit-vector algorithm in Hyyrö's form for global
// distance: a word costs a dozen word-sized operations per letter, which
// is what lets search test every distinct word of a large graph.
type bitQuery struct {
	peq [128]uint64 // positions of each byte in the query
	m   int
}

func newBitQuery(q string) *bitQuery {
	if len(q) == 0 || len(q) > 64 || !isASCII(q) {
		return nil
	}
	b := &bitQuery{m: len(q)}
	for i := 0; i < len(q); i++ {
		b.peq[q[i]] |= 1 << i
	}
	return b
}

// distances returns the edit distance between the query and w (ASCII),
// and the smallest between w and a prefix of the query, the empty one
// included. Columns are w's letters, rows the query's; the vertical
// deltas of the last column give the distance of every query prefix.
func (b *bitQuery) distances(w string) (full, prefix int) {
	top := uint64(1) << (b.m - 1)
	pv, mv := ^uint64(0), uint64(0)
	if b.m < 64 {
		pv = top<<1 - 1
	}
	score := b.m
	for i := 0; i < len(w); i++ {
		eq := b.peq[w[i]&0x7f]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&top != 0 {
			score++
		} else if mh&top != 0 {
			score--
		}
		ph = ph<<1 | 1 // global: the empty query prefix costs one more per letter
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	// D[0] = len(w), then D[i] = D[i-1] + the vertical delta of row i.
	d, prefix := len(w), len(w)
	for i := 0; i < b.m; i++ {
		switch {
		case pv>>i&1 != 0:
			d++
		case mv>>i&1 != 0:
			d--
		}
		prefix = min(prefix, d)
	}
	return score, prefix
}

// prefixDistance is the smallest edit distance between w and a prefix of
// q (the empty one included), or budget+1 once it must exceed budget.
func prefixDistance(q, w string, budget int) int {
	if isASCII(q) && isASCII(w) {
		return prefixDist([]byte(q), []byte(w), budget)
	}
	return prefixDist([]rune(q), []rune(w), budget)
}

func prefixDist[T byte | rune](q, w []T, budget int) int {
	// Rows over w, columns over q: row[j] is the distance between the
	// first i runes of w and the first j of q.
	var buf [2][64]int
	prev, cur := buf[0][:0], buf[1][:0]
	if len(q)+1 > len(buf[0]) {
		prev, cur = make([]int, 0, len(q)+1), make([]int, 0, len(q)+1)
	}
	prev, cur = prev[:len(q)+1], cur[:len(q)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(w); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(q); j++ {
			cost := 1
			if w[i-1] == q[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > budget {
			return budget + 1
		}
		prev, cur = cur, prev
	}
	return min(slices.Min(prev), budget+1)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// vocabulary lists the distinct words of the word index with where each
// one's entries start: the entries of a word are contiguous, since a
// word's entries are those whose text is the word or starts with the
// word and a space, and a space sorts before every other character a
// normalised name holds.
func (g *snapshot) vocabulary() {
	g.vocab, g.vocabStart, g.vocabASCII = nil, nil, nil
	prev := ""
	for i, e := range g.words {
		t := g.text(e)
		w, _, _ := strings.Cut(t, " ")
		if i == 0 || w != prev {
			g.vocab = append(g.vocab, w)
			g.vocabASCII = append(g.vocabASCII, isASCII(w))
			g.vocabStart = append(g.vocabStart, int32(i))
			prev = w
		}
	}
	g.vocabStart = append(g.vocabStart, int32(len(g.words)))
}
