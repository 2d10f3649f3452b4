package dataset

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// check applies the dataset's rules (graph.CheckDataset) to the records,
// reports each problem at its file and line, checks what needs the files
// (document texts, quotes in them), and builds the dataset.
func (r *records) check() *Result {
	res := &Result{Dataset: &graph.Dataset{}, DocumentFiles: map[string]string{}}
	all := &graph.Dataset{Nodes: make([]graph.Node, len(r.nodes)), Edges: make([]graph.Edge, len(r.edges))}
	for i := range r.nodes {
		all.Nodes[i] = r.nodes[i].Node
	}
	autoID := make([]bool, len(r.edges))
	for i := range r.edges {
		rec := &r.edges[i]
		if rec.ID == "" {
			rec.ID = graph.DefaultEdgeID(rec.Source, rec.Type, rec.Target)
			autoID[i] = true
		}
		all.Edges[i] = rec.Edge
	}
	var allIDs []string // computed only when a suggestion is needed
	suggest := func(id string) string {
		if allIDs == nil {
			allIDs = make([]string, 0, len(r.nodes))
			for i := range r.nodes {
				allIDs = append(allIDs, r.nodes[i].ID)
			}
			slices.Sort(allIDs)
			allIDs = slices.Compact(allIDs)
		}
		if s := nearest(id, allIDs); s != "" {
			return fmt.Sprintf(": did you mean %q?", s)
		}
		return ": define it in a nodes list, or fix the id"
	}
	dupNode := make([]bool, len(r.nodes))
	dupEdge := make([]bool, len(r.edges))
	for _, p := range graph.CheckDataset(all) {
		var w *where
		switch {
		case p.Node >= 0:
			w = &r.nodes[p.Node].where
		case p.Edge >= 0:
			w = &r.edges[p.Edge].where
		default: // a text without its node: texts come from the nodes' file fields here
			continue
		}
		line := w.lineOf(p.Field)
		switch p.Rule {
		case graph.RuleDuplicate:
			if p.Node >= 0 {
				first := &r.nodes[p.First]
				r.problem(w.file, line, "duplicate id %q: first defined at %s:%d; give this one another id", p.Ref, first.file, first.line)
				dupNode[p.Node] = true
				continue
			}
			first := &r.edges[p.First]
			hint := "give this one another id"
			if autoID[p.Edge] {
				hint = "two edges share source, type and target: give each an explicit id"
			}
			r.problem(w.file, w.line, "duplicate edge id %q: first defined at %s:%d; %s", p.Ref, first.file, first.line, hint)
			dupEdge[p.Edge] = true
		case graph.RuleUnknownNode:
			r.problem(w.file, line, "unknown node %q%s", p.Ref, suggest(p.Ref))
		case graph.RuleUnknownDocument:
			r.problem(w.file, line, "unknown document %q%s", p.Ref, suggest(p.Ref))
		default:
			r.problem(w.file, line, "%s", describe(p.Err))
		}
	}

	byID := make(map[string]*nodeRec, len(r.nodes))
	texts := map[string]string{} // document id -> normalised text
	fileCache := map[string]textOrErr{}
	for i := range r.nodes {
		rec := &r.nodes[i]
		if rec.ID == "" || dupNode[i] {
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
	for i := range r.edges {
		if dupEdge[i] {
			continue
		}
		rec := &r.edges[i]
		for k, ev := range rec.Evidence {
			r.checkQuote(rec, k, ev, byID, texts)
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

// checkQuote checks that evidence i of rec quotes its document verbatim,
// where the document is known (graph.CheckDataset reports the others).
func (r *records) checkQuote(rec *edgeRec, i int, ev graph.Evidence, byID map[string]*nodeRec, texts map[string]string) {
	field := fmt.Sprintf("evidence[%d].", i)
	doc, found := byID[ev.Document]
	if !found || doc.Type != graph.Document {
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
