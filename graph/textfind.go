package graph

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Offsets into a document's text are counted in Unicode code points (not
// bytes), so that a client in any language can cut the text at them.

// folded is a text folded for matching as Normalize folds names (lower
// case, plain quotes, accents dropped, punctuation and runs of spaces as
// one space), with, for each folded rune, the code point offset in the
// original text it came from.
type folded struct {
	runes []rune
	at    []int
}

func fold(s string) folded {
	f := folded{runes: make([]rune, 0, len(s)), at: make([]int, 0, len(s))}
	space := true
	i := 0
	for _, r := range s {
		r = unicode.ToLower(r)
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		}
		if a, ok := foldAccents[r]; ok {
			r = a
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' {
			f.runes = append(f.runes, r)
			f.at = append(f.at, i)
			space = false
		} else if !space {
			f.runes = append(f.runes, ' ')
			f.at = append(f.at, i)
			space = true
		}
		i++
	}
	if n := len(f.runes); n > 0 && f.runes[n-1] == ' ' {
		f.runes, f.at = f.runes[:n-1], f.at[:n-1]
	}
	return f
}

// index finds q (folded, without leading or trailing space) in f from
// rune from on; -1 if absent.
func (f folded) index(q []rune, from int) int {
	if len(q) == 0 {
		return -1
	}
outer:
	for i := from; i+len(q) <= len(f.runes); i++ {
		for k, r := range q {
			if f.runes[i+k] != r {
				continue outer
			}
		}
		return i
	}
	return -1
}

// span maps folded runes [i, i+n) back to code point offsets in the
// original text.
func (f folded) span(i, n int) (start, end int) {
	return f.at[i], f.at[i+n-1] + 1
}

// LocateQuote finds quote in text, as the dataset's quote rule allows it
// to differ (white space, typographic quotes; case and punctuation are
// folded too), and returns its code point offsets in text. ok is false
// when the quote is not there.
func LocateQuote(text, quote string) (start, end int, ok bool) {
	q := fold(quote).runes
	f := fold(text)
	i := f.index(q, 0)
	if i < 0 {
		return 0, 0, false
	}
	start, end = f.span(i, len(q))
	return start, end, true
}

// Passage is a quote placed in its document: the evidence it comes from
// and its code point offsets in the text (Found false when the quote is
// not in the text).
type Passage struct {
	Edge         string `json:"edge"`
	Source       string `json:"source"`
	Target       string `json:"target"`
	Type         string `json:"type"`
	Status       Status `json:"status"`
	Index        int    `json:"index"` // the evidence's position in the edge's list
	Quote        string `json:"quote"`
	AttributedTo string `json:"attributed_to"`
	Stance       Stance `json:"stance"`
	Start        int    `json:"start"`
	End          int    `json:"end"`
	Found        bool   `json:"found"`
}

// Passages lists the evidence that cites document id, each placed in its
// text (if it has one), in text order; quotes that are not found follow,
// in edge order. It scans every edge: O(E + T·Q) for T the text's length
// and Q the quotes' total length.
func Passages(ctx context.Context, sc Scanner, id, text string) ([]Passage, error) {
	var out []Passage
	f := fold(text)
	err := sc.EachEdge(ctx, func(e Edge) error {
		for i, ev := range e.Evidence {
			if ev.Document != id {
				continue
			}
			p := Passage{Edge: e.ID, Source: e.Source, Target: e.Target, Type: e.Type, Status: e.Status, Index: i,
				Quote: ev.Quote, AttributedTo: ev.AttributedTo, Stance: ev.Stance}
			if q := fold(ev.Quote).runes; text != "" && len(q) > 0 {
				if k := f.index(q, 0); k >= 0 {
					p.Start, p.End = f.span(k, len(q))
					p.Found = true
				}
			}
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("passages of %s: %w", id, err)
	}
	sortPassages(out)
	return out, nil
}

func sortPassages(ps []Passage) {
	key := func(p Passage) (int, int, string, int) {
		if !p.Found {
			return 1, 0, p.Edge, p.Index
		}
		return 0, p.Start, p.Edge, p.Index
	}
	for i := 1; i < len(ps); i++ { // insertion sort: stable, lists are short
		for j := i; j > 0; j-- {
			a1, a2, a3, a4 := key(ps[j-1])
			b1, b2, b3, b4 := key(ps[j])
			if a1 < b1 || (a1 == b1 && (a2 < b2 || (a2 == b2 && (a3 < b3 || (a3 == b3 && a4 <= b4))))) {
				break
			}
			ps[j-1], ps[j] = ps[j], ps[j-1]
		}
	}
}

// TextHit is a match of a text search: a quote (Kind "quote": the
// evidence of Edge) or a passage of a document's text (Kind "text").
// Snippet is the words around the match, with the match at
// [SnippetStart, SnippetEnd) in code points; Start and End place the
// match in the document's text (for "text" hits).
type TextHit struct {
	Kind         string `json:"kind"`
	Document     string `json:"document"`
	Edge         string `json:"edge,omitempty"`
	Index        int    `json:"index,omitempty"`
	Status       Status `json:"status,omitempty"`
	AttributedTo string `json:"attributed_to,omitempty"`
	Stance       Stance `json:"stance,omitempty"`
	Snippet      string `json:"snippet"`
	SnippetStart int    `json:"snippet_start"`
	SnippetEnd   int    `json:"snippet_end"`
	Start        int    `json:"start"`
	End          int    `json:"end"`
}

// snippetContext is how many code points of context a snippet keeps on
// each side of its match.
const snippetContext = 70

// SearchText finds q in the quotes of every edge (first) and in the text
// of every document, folded as names are (so "back channel" finds
// "back-channel"): at most limit hits, quotes in edge order, then text
// passages in document order, every occurrence. ErrInvalid for an empty
// query or a limit outside 1..MaxSearchLimit. It scans the graph: O(E·Q
// + total text).
func SearchText(ctx context.Context, sc Scanner, q string, limit int) ([]TextHit, error) {
	if len(q) > MaxSearchQuery {
		return nil, fmt.Errorf("%w: search query of %d bytes: the limit is %d; search for a few words of a passage", ErrInvalid, len(q), MaxSearchQuery)
	}
	query := fold(q).runes
	if len(query) == 0 {
		return nil, fmt.Errorf("%w: empty search query: give q=", ErrInvalid)
	}
	if limit == 0 {
		limit = DefaultSearchLimit
	}
	if limit < 1 || limit > MaxSearchLimit {
		return nil, fmt.Errorf("%w: limit %d: want 1..%d", ErrInvalid, limit, MaxSearchLimit)
	}
	var hits []TextHit
	full := fmt.Errorf("full")
	err := sc.EachEdge(ctx, func(e Edge) error {
		for i, ev := range e.Evidence {
			f := fold(ev.Quote)
			k := f.index(query, 0)
			if k < 0 {
				continue
			}
			s, end := f.span(k, len(query))
			snip, ss, se := snippet(ev.Quote, s, end)
			hits = append(hits, TextHit{Kind: "quote", Document: ev.Document, Edge: e.ID, Index: i, Status: e.Status,
				AttributedTo: ev.AttributedTo, Stance: ev.Stance, Snippet: snip, SnippetStart: ss, SnippetEnd: se, Start: s, End: end})
			if len(hits) >= limit {
				return full
			}
		}
		return nil
	})
	if err == nil {
		err = sc.EachText(ctx, func(id, text string) error {
			f := fold(text)
			for k := f.index(query, 0); k >= 0; k = f.index(query, k+len(query)) {
				s, end := f.span(k, len(query))
				snip, ss, se := snippet(text, s, end)
				hits = append(hits, TextHit{Kind: "text", Document: id, Snippet: snip, SnippetStart: ss, SnippetEnd: se, Start: s, End: end})
				if len(hits) >= limit {
					return full
				}
			}
			return nil
		})
	}
	if err != nil && err != full {
		return nil, fmt.Errorf("search text %q: %w", q, err)
	}
	return hits, nil
}

// snippet cuts text around code points [start, end) at word boundaries,
// with an ellipsis where it cuts, and gives the match's offsets in it.
func snippet(text string, start, end int) (string, int, int) {
	runes := []rune(text)
	lo := max(0, start-snippetContext)
	hi := min(len(runes), end+snippetContext)
	for lo > 0 && lo < start && !unicode.IsSpace(runes[lo-1]) {
		lo++
	}
	for hi < len(runes) && hi > end && !unicode.IsSpace(runes[hi]) {
		hi--
	}
	var b strings.Builder
	pre := 0
	if lo > 0 {
		b.WriteString("…")
		pre = 1
	}
	mid := strings.Join(strings.Fields(string(runes[lo:hi])), " ")
	// Collapsing spaces moves the match: find it again in the cut.
	head := strings.Join(strings.Fields(string(runes[lo:start])), " ")
	if start > lo && unicode.IsSpace(runes[start-1]) {
		head += " "
	}
	match := strings.Join(strings.Fields(string(runes[start:end])), " ")
	b.WriteString(mid)
	if hi < len(runes) {
		b.WriteString("…")
	}
	s := pre + utf8.RuneCountInString(head)
	return b.String(), s, s + utf8.RuneCountInString(match)
}
