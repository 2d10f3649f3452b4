package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
)

// The graph formats (backchannel's JSON, node-link, Cytoscape JSON,
// GraphML, GEXF) are read into elements, then converted by one set of
// rules: backchannel's own attributes (type, name, aliases, evidence,
// props, ...) come back as they were exported; any other attribute
// becomes a prop; an edge without evidence gets the file as its source,
// quoting the element's text in it, as spreadsheets do.

// element is one node or edge of a graph file.
type element struct {
	id             string
	source, target string // edges
	attrs          map[string]any
	line           int
	raw            string // the element's text in the file
}

type graphFile struct {
	path         string
	data         []byte
	nodes, edges []element
}

// lineCounter turns byte offsets into line numbers in one forward pass.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func (c *lineCounter) at(off int) int {
	if c.line == 0 {
		c.line = 1
	}
	if off < c.off { // not forward: count from the start
		c.off, c.line = 0, 1
	}
	for ; c.off < off && c.off < len(c.data); c.off++ {
		if c.data[c.off] == '\n' {
			c.line++
		}
	}
	return c.line
}

// str returns an attribute as text: strings as they are, numbers and
// booleans formatted, lists and objects as JSON.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// strList reads a list attribute: a JSON list, or JSON text holding one.
func strList(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, it := range x {
			if s := str(it); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	case string:
		if strings.TrimSpace(x) == "" {
			return nil, nil
		}
		var out []string
		if err := json.Unmarshal([]byte(x), &out); err != nil {
			return []string{x}, nil // a single name
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a list, got %s", str(v))
}

// strMap reads a props attribute: an object, or JSON text holding one.
func strMap(v any) (map[string]string, error) {
	var m map[string]any
	switch x := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		m = x
	case string:
		if strings.TrimSpace(x) == "" {
			return nil, nil
		}
		if err := json.Unmarshal([]byte(x), &m); err != nil {
			return nil, fmt.Errorf("props: want a JSON object: %v", err)
		}
	default:
		return nil, fmt.Errorf("props: want an object, got %s", str(v))
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = str(v)
	}
	return out, nil
}

// evidenceList reads an evidence attribute: a list of objects, or JSON
// text holding one.
func evidenceList(v any) ([]graph.Evidence, error) {
	var raw []byte
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if strings.TrimSpace(x) == "" {
			return nil, nil
		}
		raw = []byte(x)
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return nil, err
		}
		raw = b
	}
	var out []graph.Evidence
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("evidence: want a list of {document, quote, attributed_to, stance}: %v", err)
	}
	return out, nil
}

// first returns the first non-empty attribute of names.
func (e *element) first(names ...string) (string, string) {
	for _, n := range names {
		if s := strings.TrimSpace(str(e.attrs[n])); s != "" {
			return s, n
		}
	}
	return "", ""
}

// Attributes that are the model's fields, or derived from them by an
// export; the rest become props.
var (
	nodeAttrs = map[string]bool{"id": true, "type": true, "node_type": true, "category": true, "name": true, "label": true,
		"aliases": true, "description": true, "kind": true, "date": true, "url": true, "props": true}
	edgeAttrs = map[string]bool{"id": true, "key": true, "source": true, "target": true, "type": true, "relationship": true,
		"label": true, "edge_type": true, "status": true, "date": true, "end_date": true, "description": true, "props": true,
		"evidence": true, "evidence_count": true, "evidence_supports": true, "evidence_denies": true, "evidence_documents": true,
		"evidence_quotes": true, "evidence_attributed_to": true, "evidence_stances": true, "interaction": true}
)

// loadTexts reads the texts of the documents in a dataset folder (its
// YAML's file: fields), and every *.txt or *.md under it by base name.
func loadTexts(ctx context.Context, dir string) (byDoc, byName map[string]string, err error) {
	byDoc, byName = map[string]string{}, map[string]string{}
	if dir == "" {
		return byDoc, byName, nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, nil, fmt.Errorf("--texts %s: want a folder (a dataset's, or one of document texts)", dir)
	}
	if res, err := dataset.Load(ctx, dir); err == nil {
		for id, p := range res.DocumentFiles {
			if b, err := os.ReadFile(p); err == nil {
				byDoc[id] = string(b)
			}
		}
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := filepath.Ext(p); ext == ".txt" || ext == ".md" {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			byName[strings.TrimSuffix(filepath.Base(p), ext)] = string(b)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("--texts %s: %w", dir, err)
	}
	return byDoc, byName, nil
}

// Graph converts graph files of a format (json, node-link, cytoscape,
// graphml, gexf) into a dataset.
func Graph(ctx context.Context, format string, paths []string, opts Options) (*Result, error) {
	read, ok := graphReaders[format]
	if !ok {
		return nil, fmt.Errorf("import: unknown graph format %q", format)
	}
	byDoc, byName, err := loadTexts(ctx, opts.Texts)
	if err != nil {
		return nil, err
	}
	r := newResult()
	c := &graphConv{r: r, opts: opts, byDoc: byDoc, byName: byName, idOf: map[string]string{}, types: map[string]graph.NodeType{},
		byNodeName: map[string][]string{}, edgeAt: map[string]int{}}
	var files []*graphFile
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		g := &graphFile{path: p, data: data}
		if err := read(g); err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		files = append(files, g)
	}
	for _, g := range files {
		for i := range g.nodes {
			c.node(g, &g.nodes[i])
		}
	}
	for _, g := range files {
		for i := range g.edges {
			if i%progressEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("import %s: %w", g.path, err)
				}
				opts.progress("convert "+filepath.Base(g.path), i, len(g.edges))
			}
			c.edge(g, &g.edges[i])
		}
	}
	c.finishDocs()
	return r, r.finish(opts)
}

var graphReaders = map[string]func(*graphFile) error{
	"json": readJSONGraph, "node-link": readJSONGraph, "cytoscape": readJSONGraph,
	"graphml": readGraphML, "gexf": readGEXF,
}

// GraphFormats lists the graph formats Graph reads.
func GraphFormats() []string {
	out := make([]string, 0, len(graphReaders))
	for f := range graphReaders {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

type graphConv struct {
	r          *Result
	opts       Options
	byDoc      map[string]string // document id -> text (from --texts)
	byName     map[string]string // text file base name -> text
	idOf       map[string]string // id in the file -> node id
	types      map[string]graph.NodeType
	byNodeName map[string][]string
	edgeAt     map[string]int
	fileDoc    map[*graphFile]string
}

func (c *graphConv) node(g *graphFile, el *element) {
	bad := func(format string, a ...any) { c.r.bad(g.path, el.line, format, a...) }
	orig := el.id
	if s, _ := el.first("id"); s != "" {
		orig = s
	}
	if orig == "" {
		bad("node without an id")
		return
	}
	n := graph.Node{}
	tn, _ := el.first("type", "node_type", "category")
	if tn == "" && c.opts.NodeType == "" {
		bad("node %q has no type attribute: give one (person, organization, office, event, document) or --node-type", orig)
		return
	}
	if tn == "" {
		n.Type = c.opts.NodeType
	} else if t, ok := nodeTypeNames[strings.ToLower(tn)]; ok {
		n.Type = t
	} else {
		bad("node %q: type %q: want person, organization, office, event or document", orig, tn)
		return
	}
	n.ID = orig
	if !graph.ValidID(n.ID) {
		n.ID = idPrefix[n.Type] + ":" + slug(orig)
	}
	if _, dup := c.types[n.ID]; dup {
		bad("duplicate node id %q", n.ID)
		return
	}
	n.Name, _ = el.first("name", "label")
	if n.Name == "" {
		n.Name = orig
	}
	var err error
	if n.Aliases, err = strList(el.attrs["aliases"]); err != nil {
		bad("node %q: aliases: %v", orig, err)
		return
	}
	n.Description = str(el.attrs["description"])
	n.Kind = str(el.attrs["kind"])
	n.URL = str(el.attrs["url"])
	if n.Date, err = c.r.date(g.path, el.line, str(el.attrs["date"])); err != nil {
		bad("node %q: %v", orig, err)
		return
	}
	if n.Props, err = strMap(el.attrs["props"]); err != nil {
		bad("node %q: %v", orig, err)
		return
	}
	for k, v := range el.attrs {
		if nodeAttrs[k] && !(k == "label" && str(v) != n.Name && str(v) != orig) {
			continue
		}
		if s := str(v); s != "" {
			if n.Props == nil {
				n.Props = map[string]string{}
			}
			n.Props[k] = s
		}
	}
	if n.Type == graph.Document {
		if t, ok := c.byDoc[n.ID]; ok {
			c.setText(n.ID, t)
		} else if _, s, _ := strings.Cut(n.ID, ":"); c.byName[s] != "" {
			c.setText(n.ID, c.byName[s])
		}
	}
	c.idOf[orig] = n.ID
	c.idOf[n.ID] = n.ID
	c.types[n.ID] = n.Type
	c.byNodeName[strings.ToLower(n.Name)] = append(c.byNodeName[strings.ToLower(n.Name)], n.ID)
	c.r.Dataset.Nodes = append(c.r.Dataset.Nodes, n)
}

func (c *graphConv) setText(id, text string) {
	c.r.Texts[id] = text
	c.r.Files[id] = "docs/" + lowerSlug(strings.ReplaceAll(id, ":", "-")) + ".txt"
}

// resolve finds the node an edge end names: an id of the file or a name
// that one node has.
func (c *graphConv) resolve(ref string) (string, error) {
	if id, ok := c.idOf[ref]; ok {
		return id, nil
	}
	switch ids := c.byNodeName[strings.ToLower(ref)]; len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return "", fmt.Errorf("unknown node %q: no node has this id or name", ref)
	default:
		return "", fmt.Errorf("%q names %d nodes (%s): use the id", ref, len(ids), strings.Join(ids, ", "))
	}
}

func (c *graphConv) edge(g *graphFile, el *element) {
	bad := func(format string, a ...any) { c.r.bad(g.path, el.line, format, a...) }
	var e graph.Edge
	var err error
	src, tgt := el.source, el.target
	if src == "" {
		src = str(el.attrs["source"])
	}
	if tgt == "" {
		tgt = str(el.attrs["target"])
	}
	if e.Source, err = c.resolve(src); err != nil {
		bad("edge source: %v", err)
		return
	}
	if e.Target, err = c.resolve(tgt); err != nil {
		bad("edge target: %v", err)
		return
	}
	tn, _ := el.first("type", "relationship", "label", "edge_type")
	if strings.EqualFold(tn, "directed") || strings.EqualFold(tn, "undirected") {
		// Gephi's Type column says Directed or Undirected, and its
		// label is the relationship; DIRECTED is also a type of ours.
		if l, _ := el.first("label", "relationship", "edge_type"); l != "" {
			tn = l
		}
	}
	if tn == "" {
		tn = c.opts.EdgeType
	}
	if tn == "" {
		bad("edge %s -> %s has no relationship type (attribute type, relationship or label): give one or --edge-type", src, tgt)
		return
	}
	if e.Type, err = edgeType(tn, c.opts.TypeMap); err != nil {
		bad("%v", err)
		return
	}
	if et, _ := graph.LookupEdgeType(e.Type); !et.Allows(c.types[e.Source], c.types[e.Target]) {
		bad("%s does not link a %s to a %s", e.Type, c.types[e.Source], c.types[e.Target])
		return
	}
	e.ID, _ = el.first("id", "key")
	if e.ID == "" {
		e.ID = el.id
	}
	if e.ID == "" {
		e.ID = graph.DefaultEdgeID(e.Source, e.Type, e.Target)
	}
	e.Status = c.opts.status()
	if s := str(el.attrs["status"]); s != "" {
		if e.Status, err = graph.ParseStatus(strings.ToLower(s)); err != nil {
			bad("edge %q: status %q: want confirmed, reported, alleged or disputed", e.ID, s)
			return
		}
	}
	for _, f := range []struct {
		name string
		dst  *graph.Date
	}{{"date", &e.Date}, {"end_date", &e.EndDate}} {
		if *f.dst, err = c.r.date(g.path, el.line, str(el.attrs[f.name])); err != nil {
			bad("edge %q: %s: %v", e.ID, f.name, err)
			return
		}
	}
	e.Description = str(el.attrs["description"])
	if e.Props, err = strMap(el.attrs["props"]); err != nil {
		bad("edge %q: %v", e.ID, err)
		return
	}
	for k, v := range el.attrs {
		if edgeAttrs[k] && !(k == "label" && normType(str(v)) != e.Type) || (k == "kind" && normType(str(v)) == e.Type) {
			continue
		}
		if s := str(v); s != "" {
			if e.Props == nil {
				e.Props = map[string]string{}
			}
			e.Props[k] = s
		}
	}
	if e.Evidence, err = evidenceList(el.attrs["evidence"]); err != nil {
		bad("edge %q: %v", e.ID, err)
		return
	}
	for _, ev := range e.Evidence {
		if _, ok := c.r.Texts[ev.Document]; !ok && c.types[ev.Document] == graph.Document {
			bad("edge %q: its evidence quotes %s, whose text is not on file: give --texts DIR, a dataset folder (or a folder of .txt files) holding it", e.ID, ev.Document)
			return
		}
	}
	if len(e.Evidence) == 0 {
		// The file is the source: quote the element's text in it.
		if c.fileDoc == nil {
			c.fileDoc = map[*graphFile]string{}
		}
		doc, ok := c.fileDoc[g]
		if !ok {
			doc = c.r.sourceDocument(g.path, g.data, "dataset", "Graph file "+filepath.Base(g.path))
			c.fileDoc[g] = doc
		}
		e.Evidence = []graph.Evidence{{Document: doc, Quote: el.raw, AttributedTo: "graph file " + filepath.Base(g.path), Stance: graph.Supports}}
	}
	if i, dup := c.edgeAt[e.ID]; dup {
		prev := &c.r.Dataset.Edges[i]
		if prev.Source != e.Source || prev.Target != e.Target || prev.Type != e.Type {
			bad("edge id %q is already %s %s %s", e.ID, prev.Source, prev.Type, prev.Target)
			return
		}
		prev.Evidence = append(prev.Evidence, e.Evidence...)
		return
	}
	for _, fe := range e.Validate() {
		bad("edge %q: %s", e.ID, strings.TrimPrefix(fe.Err.Error(), graph.ErrInvalid.Error()+": "))
		return
	}
	c.edgeAt[e.ID] = len(c.r.Dataset.Edges)
	c.r.Dataset.Edges = append(c.r.Dataset.Edges, e)
}

// finishDocs drops texts no evidence quotes (a --texts folder may hold
// more), so the import writes only what it needs.
func (c *graphConv) finishDocs() {
	quoted := map[string]bool{}
	for _, e := range c.r.Dataset.Edges {
		for _, ev := range e.Evidence {
			quoted[ev.Document] = true
		}
	}
	for id := range c.r.Texts {
		if !quoted[id] {
			delete(c.r.Texts, id)
			delete(c.r.Files, id)
		}
	}
}
