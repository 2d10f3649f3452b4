package dataset

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// check cross-validates the records (references, duplicates, quotes) and
// builds the dataset.
func (r *records) check() *Result {
	res := &Result{Dataset: &graph.Dataset{}, DocumentFiles: map[string]string{}}
	byID := make(map[string]*nodeRec, len(r.nodes))
	texts := map[string]string{} // document id -> normalised text
	fileCache := map[string]textOrErr{}

	for i := range r.nodes {
		rec := &r.nodes[i]
		for _, fe := range rec.Validate() {
			r.problem(rec.file, rec.lineOf(fe.Field), "%s", describe(fe.Err))
		}
		if rec.ID == "" {
			continue
		}
		if first, dup := byID[rec.ID]; dup {
			r.problem(rec.file, rec.lineOf("id"), "duplicate id %q: first defined at %s:%d; give this one another id", rec.ID, first.file, first.line)
			continue
		}
		byID[rec.ID] = rec
		if rec.text != "" {
			if rec.Type != graph.Document {
				r.problem(rec.file, rec.lineOf("file"), "file is only for documents, and %q is a %s", rec.ID, rec.Type)
			} else {
				p, err := insideRoot(r.roots[rec.file], rec.file, rec.text)
				t, ok := fileCache[p]
				if err != nil {
					t, ok = textOrErr{err: err}, true
				} else if !ok {
					data, err := os.ReadFile(p)
					t = textOrErr{raw: string(data), text: normalizeText(string(data)), err: err}
					fileCache[p] = t
				}
				if t.err != nil {
					if p == "" {
						r.problem(rec.file, rec.lineOf("file"), "document %q: %v", rec.ID, t.err)
					} else {
						r.problem(rec.file, rec.lineOf("file"), "document %q: cannot read its text %s: %v", rec.ID, p, unwrapPath(t.err))
					}
				} else {
					texts[rec.ID] = t.text
					res.DocumentFiles[rec.ID] = p
					if res.Dataset.Texts == nil {
						res.Dataset.Texts = map[string]string{}
					}
					res.Dataset.Texts[rec.ID] = t.raw
				}
			}
		}
		res.Dataset.Nodes = append(res.Dataset.Nodes, rec.Node)
	}

	ids := func() []string { // computed only when a suggestion is needed
		out := make([]string, 0, len(byID))
		for id := range byID {
			out = append(out, id)
		}
		slices.Sort(out)
		return out
	}
	var allIDs []string
	suggest := func(id string) string {
		if allIDs == nil {
			allIDs = ids()
		}
		if s := nearest(id, allIDs); s != "" {
			return fmt.Sprintf(": did you mean %q?", s)
		}
		return ": define it in a nodes list, or fix the id"
	}

	edgeAt := make(map[string]*edgeRec, len(r.edges))
	for i := range r.edges {
		rec := &r.edges[i]
		auto := rec.ID == ""
		if auto {
			rec.ID = graph.DefaultEdgeID(rec.Source, rec.Type, rec.Target)
		}
		for _, fe := range rec.Validate() {
			r.problem(rec.file, rec.lineOf(fe.Field), "%s", describe(fe.Err))
		}
		if first, dup := edgeAt[rec.ID]; dup {
			hint := "give this one another id"
			if auto {
				hint = "two edges share source, type and target: give each an explicit id"
			}
			r.problem(rec.file, rec.line, "duplicate edge id %q: first defined at %s:%d; %s", rec.ID, first.file, first.line, hint)
			continue
		}
		edgeAt[rec.ID] = rec
		ok := true
		var ends [2]graph.NodeType
		for k, end := range []struct{ field, id string }{{"source", rec.Source}, {"target", rec.Target}} {
			n, found := byID[end.id]
			switch {
			case end.id == "":
				r.problem(rec.file, rec.line, "edge %q has no %s", rec.ID, end.field)
				ok = false
			case !found:
				r.problem(rec.file, rec.lineOf(end.field), "unknown node %q%s", end.id, suggest(end.id))
				ok = false
			default:
				ends[k] = n.Type
			}
		}
		if t, known := graph.LookupEdgeType(rec.Type); ok && known && !t.Allows(ends[0], ends[1]) {
			r.problem(rec.file, rec.lineOf("type"), "%s does not link a %s to a %s (%s): pick another type or check source and target", rec.Type, ends[0], ends[1], allowedEnds(t))
		}
		if t, known := graph.LookupEdgeType(rec.Type); ok && known && rec.Source == rec.Target && !t.SelfLoops {
			r.problem(rec.file, rec.lineOf("target"), "%s links %q to itself: check source and target (only %s may link a node to itself)", rec.Type, rec.Source, strings.Join(graph.SelfLoopTypes(), ", "))
		}
		for i, ev := range rec.Evidence {
			r.checkEvidence(rec, i, ev, byID, texts, suggest)
		}
		res.Dataset.Edges = append(res.Dataset.Edges, rec.Edge)
	}
	r.checkQuotes(texts)
	slices.SortFunc(res.Dataset.Nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(res.Dataset.Edges, func(a, b graph.Edge) int { return strings.Compare(a.ID, b.ID) })
	res.Problems = r.problems
	return res
}

type textOrErr struct {
	raw  string // as read: what the dataset keeps and the explorer shows
	text string // normalised: what quotes are checked against
	err  error
}

func (r *records) checkEvidence(rec *edgeRec, i int, ev graph.Evidence, byID map[string]*nodeRec, texts map[string]string, suggest func(string) string) {
	field := fmt.Sprintf("evidence[%d].", i)
	if ev.Document == "" {
		return // reported by Validate
	}
	doc, found := byID[ev.Document]
	switch {
	case !found:
		r.problem(rec.file, rec.lineOf(field+"document"), "unknown document %q%s", ev.Document, suggest(ev.Document))
		return
	case doc.Type != graph.Document:
		r.problem(rec.file, rec.lineOf(field+"document"), "evidence document %q is a %s, not a document", ev.Document, doc.Type)
		return
	}
	if _, has := texts[ev.Document]; !has {
		if doc.text == "" {
			r.problem(rec.file, rec.lineOf(field+"document"), "document %q has no text (no file: field), so nothing can be quoted from it: quote the document that describes it", ev.Document)
		}
		return
	}
	r.quotes = append(r.quotes, pendingQuote{file: rec.file, line: rec.lineOf(field + "quote"), doc: ev.Document, quote: normalizeText(ev.Quote)})
}

// pendingQuote is a quote to look for once every edge is read: the quotes
// of each document are then located in one pass over its text.
type pendingQuote struct {
	file       string
	line       int
	doc, quote string
}

// maxNearest bounds how many missing quotes of one document get a
// "closest passage" hint (each costs a pass over the text).
const maxNearest = 20

// checkQuotes reports the pending quotes their documents do not hold.
func (r *records) checkQuotes(texts map[string]string) {
	byDoc := map[string][]int{}
	var docs []string
	for i, q := range r.quotes {
		if _, seen := byDoc[q.doc]; !seen {
			docs = append(docs, q.doc)
		}
		byDoc[q.doc] = append(byDoc[q.doc], i)
	}
	for _, doc := range docs {
		idx := byDoc[doc]
		qs := make([]string, len(idx))
		for k, i := range idx {
			qs[k] = r.quotes[i].quote
		}
		text := texts[doc]
		found := findQuotes(text, qs)
		hinted := 0
		for k, i := range idx {
			if found[k] {
				continue
			}
			q := r.quotes[i]
			msg := fmt.Sprintf("quote not found in %s: copy it verbatim, odd wording and all", doc)
			if hinted < maxNearest {
				hinted++
				if near := closestPassage(text, q.quote); near != "" {
					msg += fmt.Sprintf("; the closest passage is %q", near)
				}
			}
			r.problem(q.file, q.line, "%s", msg)
		}
	}
	r.quotes = nil
}

// describe drops the error kind prefix ("invalid: ") that means nothing
// to someone editing a file.
func describe(err error) string {
	return strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": ")
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func allowedEnds(t graph.EdgeType) string {
	side := func(ts []graph.NodeType) string {
		if len(ts) == 0 {
			return "any"
		}
		s := make([]string, len(ts))
		for i, v := range ts {
			s[i] = string(v)
		}
		return strings.Join(s, " or ")
	}
	return side(t.Sources) + " -> " + side(t.Targets)
}

// nearest returns the id closest to id: the same slug under another
// prefix, or the smallest edit distance within a third of its length.
func nearest(id string, ids []string) string {
	if _, slug, ok := strings.Cut(id, ":"); ok {
		for _, c := range ids {
			if _, s, _ := strings.Cut(c, ":"); s == slug {
				return c
			}
		}
	}
	budget := max(2, len(id)/3)
	best, bestD := "", budget+1
	for _, c := range ids {
		if d := graph.EditDistance(id, c, budget); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
