package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// CSV column names, after lower-casing and turning spaces into
// underscores, with the synonyms Gephi's and Kumu's tables use.
var (
	csvNodeCols = map[string][]string{
		"id": {"id"}, "name": {"name", "label"}, "type": {"type", "node_type", "category"},
		"aliases": {"aliases", "alias"}, "description": {"description"}, "kind": {"kind"},
		"date": {"date"}, "url": {"url"}, "file": {"file"},
	}
	csvEdgeCols = map[string][]string{
		"id": {"id"}, "source": {"source", "from"}, "target": {"target", "to"},
		"type": {"relationship", "type", "label", "edge_type"}, "status": {"status"},
		"date": {"date", "start", "start_date"}, "end_date": {"end_date", "end"},
		"description": {"description"}, "quote": {"quote"}, "document": {"document"},
		"attributed_to": {"attributed_to"}, "stance": {"stance"}, "url": {"url", "source_url", "link"},
		"source_type": {"source_type", "from_type"}, "target_type": {"target_type", "to_type"},
	}
	// csvIgnored are Gephi columns that mean nothing here.
	csvIgnored = []string{"weight", "direction", "timeset", "interval"}
)

// table is one parsed CSV file.
type table struct {
	path   string
	data   []byte
	header []string
	cols   map[string]int // field -> column index
	rows   []row
}

type row struct {
	line   int
	fields []string
	raw    string // the record's text in the file, for evidence
}

func (t *table) get(r row, field string) string {
	if i, ok := t.cols[field]; ok && i < len(r.fields) {
		return strings.TrimSpace(r.fields[i])
	}
	return ""
}

// props returns the columns that are not fields, by header name.
func (t *table) props(r row) map[string]string {
	p := map[string]string{}
	for i, h := range t.header {
		if slices.Contains(csvIgnored, h) || slices.ContainsFunc(mapValues(t.cols), func(j int) bool { return j == i }) {
			continue
		}
		if i < len(r.fields) && strings.TrimSpace(r.fields[i]) != "" && h != "" {
			p[h] = strings.TrimSpace(r.fields[i])
		}
	}
	if len(p) == 0 {
		return nil
	}
	return p
}

func mapValues(m map[string]int) []int {
	out := make([]int, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// readTable parses a CSV (or, for .tsv, tab-separated) file with a header
// row. A header with semicolons and no commas is read as
// semicolon-separated, as spreadsheets in many locales save it.
func readTable(path string) (*table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a spreadsheet's BOM
	cr := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	switch {
	case strings.EqualFold(filepath.Ext(path), ".tsv"):
		cr.Comma = '\t'
	case bytes.Count(first, []byte(";")) > 0 && bytes.Count(first, []byte(",")) == 0:
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	t := &table{path: path, data: data, cols: map[string]int{}}
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("import %s: header: %w", path, err)
	}
	for _, h := range header {
		t.header = append(t.header, strings.ReplaceAll(strings.ToLower(strings.TrimSpace(h)), " ", "_"))
	}
	prev := cr.InputOffset()
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("import %s:%d: %v: is this a CSV file? Fields with commas, quotes or line breaks must be in double quotes, with inner quotes doubled", path, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
		line, _ := cr.FieldPos(0) // a record read without error has a field
		off := cr.InputOffset()
		raw := strings.TrimRight(string(data[prev:off]), "\r\n")
		prev = off
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		t.rows = append(t.rows, row{line: line, fields: rec, raw: raw})
	}
	return t, nil
}

// bind maps the fields to columns; the first synonym present wins.
func (t *table) bind(fields map[string][]string) {
	for field, names := range fields {
		for _, n := range names {
			if i := slices.Index(t.header, n); i >= 0 {
				t.cols[field] = i
				break
			}
		}
	}
}

func (t *table) isEdges() bool {
	return slices.ContainsFunc(t.header, func(h string) bool { return h == "source" || h == "from" }) &&
		slices.ContainsFunc(t.header, func(h string) bool { return h == "target" || h == "to" })
}

var nodeTypeNames = map[string]graph.NodeType{
	"person": graph.Person, "people": graph.Person, "organization": graph.Organization, "organisation": graph.Organization,
	"org": graph.Organization, "office": graph.Office, "position": graph.Office, "event": graph.Event,
	"document": graph.Document, "doc": graph.Document, "source": graph.Document,
}

// CSV converts spreadsheet tables: node files (columns id, name or label,
// type, aliases, description, kind, date, url, file) and edge files (a
// file is an edge file when it has source and target, or from and to,
// columns: id, relationship or type or label, status, date, end_date,
// description, quote, document, attributed_to, stance). Any other column
// becomes a prop. See docs/interop.md for the defaults.
func CSV(ctx context.Context, paths []string, opts Options) (*Result, error) {
	r := newResult()
	var nodeTables, edgeTables []*table
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		t, err := readTable(p)
		if err != nil {
			return nil, err
		}
		if t.isEdges() {
			t.bind(csvEdgeCols)
			edgeTables = append(edgeTables, t)
		} else {
			t.bind(csvNodeCols)
			if _, ok := t.cols["name"]; !ok {
				return nil, fmt.Errorf("import %s: header %q has neither source and target columns (an edge table) nor a name or label column (a node table)", p, strings.Join(t.header, ","))
			}
			nodeTables = append(nodeTables, t)
		}
	}

	byID := map[string]*graph.Node{}
	byName := map[string][]string{}
	for _, t := range nodeTables {
		for _, rw := range t.rows {
			n, err := csvNode(r, t, rw)
			if err != nil {
				r.bad(t.path, rw.line, "%v", err)
				continue
			}
			if byID[n.ID] != nil {
				r.bad(t.path, rw.line, "duplicate node id %q: give each row its own id", n.ID)
				continue
			}
			if f := t.get(rw, "file"); f != "" {
				if n.Type != graph.Document {
					r.bad(t.path, rw.line, "file is only for documents, and %q is a %s", n.ID, n.Type)
					continue
				}
				if !filepath.IsAbs(f) {
					f = filepath.Join(filepath.Dir(t.path), f)
				}
				text, err := os.ReadFile(f)
				if err != nil {
					r.bad(t.path, rw.line, "document %q: cannot read its text: %v", n.ID, err)
					continue
				}
				r.Texts[n.ID] = string(text)
				r.Files[n.ID] = "docs/" + lowerSlug(strings.TrimPrefix(n.ID, "doc:")) + filepath.Ext(f)
			}
			r.Dataset.Nodes = append(r.Dataset.Nodes, n)
			byID[n.ID] = &r.Dataset.Nodes[len(r.Dataset.Nodes)-1]
			byName[strings.ToLower(n.Name)] = append(byName[strings.ToLower(n.Name)], n.ID)
		}
	}
	types := map[string]graph.NodeType{}
	for _, n := range r.Dataset.Nodes {
		types[n.ID] = n.Type
	}
	// resolve finds the node an edge end names, by id or by a name one
	// node has; a name no node has makes a node of the type the row, the
	// relationship type or --node-type gives (reported in Result.Created).
	resolve := func(ref string, want graph.NodeType) (string, error) {
		if _, ok := types[ref]; ok {
			return ref, nil
		}
		switch ids := byName[strings.ToLower(ref)]; len(ids) {
		case 1:
			return ids[0], nil
		case 0:
		default:
			return "", fmt.Errorf("%q names %d nodes (%s): use the id", ref, len(ids), strings.Join(ids, ", "))
		}
		if ref == "" {
			return "", fmt.Errorf("empty: give a node id or name")
		}
		if graph.ValidID(ref) {
			return "", fmt.Errorf("unknown node %q: no row of the node tables has this id or name", ref)
		}
		if want == "" {
			return "", fmt.Errorf("unknown node %q: no row of the node tables has this id or name, and nothing says its type: add a node table, a source_type/target_type column, or --node-type", ref)
		}
		id := idPrefix[want] + ":" + lowerSlug(ref)
		for n := 2; types[id] != ""; n++ {
			id = fmt.Sprintf("%s:%s-%d", idPrefix[want], lowerSlug(ref), n)
		}
		r.Dataset.Nodes = append(r.Dataset.Nodes, graph.Node{ID: id, Type: want, Name: ref})
		types[id] = want
		byName[strings.ToLower(ref)] = []string{id}
		r.Created = append(r.Created, id)
		return id, nil
	}

	edgeAt := map[string]int{} // id -> index in r.Dataset.Edges
	lineOf := map[string]Problem{}
	for _, t := range edgeTables {
		doc := r.sourceDocument(t.path, t.data, "spreadsheet", "Spreadsheet "+filepath.Base(t.path))
		for k, rw := range t.rows {
			if k%progressEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("import %s: %w", t.path, err)
				}
				opts.progress("convert "+filepath.Base(t.path), k, len(t.rows))
			}
			e, err := csvEdge(r, t, rw, resolve, types, doc, opts)
			if err != nil {
				r.bad(t.path, rw.line, "%v", err)
				continue
			}
			if i, dup := edgeAt[e.ID]; dup {
				prev := &r.Dataset.Edges[i]
				if prev.Source != e.Source || prev.Target != e.Target || prev.Type != e.Type {
					r.bad(t.path, rw.line, "edge id %q is already %s %s %s (%s:%d): rows sharing an id add evidence to one relationship", e.ID, prev.Source, prev.Type, prev.Target, lineOf[e.ID].File, lineOf[e.ID].Line)
					continue
				}
				prev.Evidence = append(prev.Evidence, e.Evidence...)
				if t.get(rw, "status") != "" {
					prev.Status = e.Status
				}
				continue
			}
			edgeAt[e.ID] = len(r.Dataset.Edges)
			lineOf[e.ID] = Problem{File: t.path, Line: rw.line}
			r.Dataset.Edges = append(r.Dataset.Edges, e)
		}
	}
	// Whole-relationship checks, now that rows sharing an id are merged.
	kept := r.Dataset.Edges[:0]
	for _, e := range r.Dataset.Edges {
		var msgs []string
		for _, fe := range e.Validate() {
			msgs = append(msgs, strings.TrimPrefix(fe.Err.Error(), graph.ErrInvalid.Error()+": "))
		}
		if len(msgs) > 0 {
			at := lineOf[e.ID]
			r.bad(at.File, at.Line, "relationship %q: %s", e.ID, strings.Join(msgs, "; "))
			continue
		}
		kept = append(kept, e)
	}
	r.Dataset.Edges = kept
	return r, r.finish(opts)
}

func csvNode(r *Result, t *table, rw row) (graph.Node, error) {
	n := graph.Node{Name: t.get(rw, "name"), Description: t.get(rw, "description"), Kind: t.get(rw, "kind"),
		URL: t.get(rw, "url"), Props: t.props(rw)}
	if n.Name == "" {
		return n, fmt.Errorf("no name: fill the name (or label) column")
	}
	tn := strings.ToLower(t.get(rw, "type"))
	typ, ok := nodeTypeNames[tn]
	switch {
	case tn == "":
		return n, fmt.Errorf("no type: want person, organization, office, event or document")
	case !ok:
		return n, fmt.Errorf("type %q: want person, organization, office, event or document", t.get(rw, "type"))
	}
	n.Type = typ
	n.ID = t.get(rw, "id")
	if n.ID == "" {
		n.ID = idPrefix[typ] + ":" + lowerSlug(n.Name)
	} else if !graph.ValidID(n.ID) {
		n.ID = idPrefix[typ] + ":" + slug(n.ID)
	}
	d, err := r.date(t.path, rw.line, t.get(rw, "date"))
	if err != nil {
		return n, err
	}
	n.Date = d
	if a := t.get(rw, "aliases"); a != "" {
		for _, s := range strings.FieldsFunc(a, func(r rune) bool { return r == ';' || r == '|' }) {
			if s = strings.TrimSpace(s); s != "" {
				n.Aliases = append(n.Aliases, s)
			}
		}
	}
	return n, nil
}

func csvEdge(r *Result, t *table, rw row, resolve func(string, graph.NodeType) (string, error), types map[string]graph.NodeType, doc string, opts Options) (graph.Edge, error) {
	var e graph.Edge
	var err error
	name := t.get(rw, "type")
	if n := strings.ToUpper(name); n == "DIRECTED" || n == "UNDIRECTED" { // Gephi's edge Type column
		if i, ok := t.cols["type"]; ok && t.header[i] == "type" && slices.Contains(t.header, "label") {
			name = strings.TrimSpace(rw.fields[slices.Index(t.header, "label")])
		}
	}
	if name == "" {
		name = opts.EdgeType
	}
	if name == "" {
		return e, fmt.Errorf("no relationship type: fill the relationship (or type) column, or give --edge-type")
	}
	typ, err := edgeType(name, opts.TypeMap)
	if err != nil {
		return e, err
	}
	et, _ := graph.LookupEdgeType(typ)
	endType := func(col string, allowed []graph.NodeType) (graph.NodeType, error) {
		if v := t.get(rw, col); v != "" {
			nt, ok := nodeTypeNames[strings.ToLower(v)]
			if !ok {
				return "", fmt.Errorf("%s %q: want person, organization, office, event or document", col, v)
			}
			return nt, nil
		}
		if len(allowed) == 1 {
			return allowed[0], nil
		}
		return opts.NodeType, nil
	}
	st, err := endType("source_type", et.Sources)
	if err != nil {
		return e, err
	}
	tt, err := endType("target_type", et.Targets)
	if err != nil {
		return e, err
	}
	if e.Source, err = resolve(t.get(rw, "source"), st); err != nil {
		return e, fmt.Errorf("source: %v", err)
	}
	if e.Target, err = resolve(t.get(rw, "target"), tt); err != nil {
		return e, fmt.Errorf("target: %v", err)
	}
	if !et.Allows(types[e.Source], types[e.Target]) {
		return e, fmt.Errorf("%s does not link a %s to a %s", typ, types[e.Source], types[e.Target])
	}
	e.Type = typ
	e.ID = t.get(rw, "id")
	if e.ID == "" {
		e.ID = graph.DefaultEdgeID(e.Source, e.Type, e.Target)
	}
	e.Status = opts.status()
	if s := t.get(rw, "status"); s != "" {
		if e.Status, err = graph.ParseStatus(strings.ToLower(s)); err != nil {
			return e, fmt.Errorf("status %q: want confirmed, reported, alleged or disputed", s)
		}
	}
	for _, f := range []struct {
		col string
		dst *graph.Date
	}{{"date", &e.Date}, {"end_date", &e.EndDate}} {
		if *f.dst, err = r.date(t.path, rw.line, t.get(rw, f.col)); err != nil {
			if f.col == "end_date" {
				err = fmt.Errorf("end_date: %w", err)
			}
			return e, err
		}
	}
	e.Description = t.get(rw, "description")
	e.Props = t.props(rw)
	ev := graph.Evidence{Document: t.get(rw, "document"), Quote: t.get(rw, "quote"),
		AttributedTo: t.get(rw, "attributed_to"), Stance: graph.Stance(strings.ToLower(t.get(rw, "stance")))}
	if ev.Stance == "" {
		ev.Stance = graph.Supports
	}
	if !ev.Stance.Valid() {
		return e, fmt.Errorf("stance %q: want supports or denies", ev.Stance)
	}
	if u := t.get(rw, "url"); u != "" {
		// The row cites a source: it is who asserts the relationship
		// (the row, quoted, holds the URL too).
		if e.Props == nil {
			e.Props = map[string]string{}
		}
		e.Props["source_url"] = u
		delete(e.Props, "url")
		if ev.AttributedTo == "" {
			ev.AttributedTo = u
		}
	}
	if ev.AttributedTo == "" {
		ev.AttributedTo = "spreadsheet " + filepath.Base(t.path)
	}
	if ev.Document == "" {
		// The spreadsheet is the source: quote the given quote as the
		// row holds it, else the whole row.
		ev.Document = doc
		ev.Quote = rowQuote(rw.raw, ev.Quote)
	} else if ev.Quote == "" {
		return e, fmt.Errorf("document %q given without a quote: add the passage it supports in the quote column", ev.Document)
	}
	e.Evidence = []graph.Evidence{ev}
	return e, nil
}

// rowQuote returns the passage of a spreadsheet row that evidence can
// quote for the quote column's text q: q itself when the row holds it
// verbatim, q as the CSV writes it (inner quotes doubled) when that is how
// the row holds it, else the whole row. Only the row is searched, so an
// import stays linear in the size of the file.
func rowQuote(raw, q string) string {
	switch {
	case q == "":
		return raw
	case strings.Contains(raw, q):
		return q
	}
	if esc := strings.ReplaceAll(q, `"`, `""`); strings.Contains(raw, esc) {
		return esc
	}
	return raw
}
