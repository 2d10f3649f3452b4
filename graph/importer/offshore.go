package importer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/backchannel/backchannel/graph"
)

// ICIJ's Offshore Leaks database is published as CSV files, one per node
// kind (nodes-entities.csv, nodes-officers.csv, nodes-intermediaries.csv,
// nodes-addresses.csv, nodes-others.csv) and one of relationships
// (relationships.csv: node_id_start, node_id_end, rel_type, link, status,
// start_date, end_date, sourceID). Every node file has node_id, name
// (addresses: address), countries, country_codes, sourceID (the leak:
// "Panama Papers", "Paradise Papers - Appleby", ...), valid_until and
// note; entities add jurisdiction, company_type, incorporation_date and
// more. Columns are found by their header names.
//
// The mapping (docs/interop.md):
//   - entities, intermediaries and others become organizations (kind
//     offshore entity, intermediary, other); officers become people (ICIJ
//     does not tell people from companies among officers: props.icij_kind
//     says officer); addresses are not nodes: a registered_address
//     relationship puts the address into the node's props.address;
//   - officer_of becomes OWNS when the link says shareholder, owner or
//     beneficiary, DIRECTOR_OF when it says director, else RELATED_TO;
//     intermediary_of becomes REPRESENTS; every other type RELATED_TO;
//     rel_type and link are kept in props;
//   - each relationship's evidence quotes its row of relationships.csv
//     (the file is the document, citing the database), attributed to
//     "ICIJ Offshore Leaks Database: <sourceID>", the leak it comes from;
//   - dates (31-DEC-1969) become ISO dates, counted as conversions.

// offshoreKinds maps a node file (by the word in its name) to the model.
var offshoreKinds = []struct {
	word string
	typ  graph.NodeType
	kind string
}{
	{"entities", graph.Organization, "offshore entity"},
	{"officers", graph.Person, ""},
	{"intermediaries", graph.Organization, "intermediary"},
	{"others", graph.Organization, "other"},
	{"addresses", "", "address"},
}

// OffshoreDatabaseURL is where ICIJ publishes the database.
const OffshoreDatabaseURL = "https://offshoreleaks.icij.org/pages/database"

// Offshore converts the Offshore Leaks CSV files (the node files and
// relationships.csv, recognised by name). It streams each file once.
func Offshore(ctx context.Context, paths []string, opts Options) (*Result, error) {
	r := newResult()
	var relFiles []string
	nodeFiles := map[string]int{} // path -> index in offshoreKinds
	for _, p := range paths {
		base := strings.ToLower(filepath.Base(p))
		if strings.Contains(base, "relationship") {
			relFiles = append(relFiles, p)
			continue
		}
		found := false
		for i, k := range offshoreKinds {
			if strings.Contains(base, k.word) {
				nodeFiles[p], found = i, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("import %s: not an Offshore Leaks file: want nodes-entities.csv, nodes-officers.csv, nodes-intermediaries.csv, nodes-addresses.csv, nodes-others.csv or relationships.csv", p)
		}
	}
	if len(relFiles) == 0 {
		return nil, errors.New("import: no relationships.csv among the files: the Offshore Leaks layout needs it")
	}
	nodeID := map[string]string{}  // ICIJ node_id -> node id
	address := map[string]string{} // address node_id -> its text
	for _, p := range paths {
		i, ok := nodeFiles[p]
		if !ok {
			continue
		}
		k := offshoreKinds[i]
		err := readOffshoreCSV(ctx, p, opts, func(c *offshoreRow) error {
			id := c.get("node_id")
			if id == "" {
				r.bad(p, c.line, "no node_id")
				return nil
			}
			if k.typ == "" { // an address
				text := c.get("address")
				if text == "" {
					text = c.get("name")
				}
				address[id] = text
				return nil
			}
			if _, dup := nodeID[id]; dup {
				r.bad(p, c.line, "duplicate node_id %s", id)
				return nil
			}
			n := graph.Node{ID: idPrefix[k.typ] + ":icij-" + slug(id), Type: k.typ, Kind: k.kind, Name: c.get("name"),
				Props: map[string]string{"icij_node_id": id, "icij_kind": strings.TrimSuffix(k.word, "s")}}
			if k.word == "entities" {
				n.Props["icij_kind"] = "entity"
			} else if k.word == "intermediaries" {
				n.Props["icij_kind"] = "intermediary"
			}
			if n.Name == "" {
				n.Name = "(unnamed " + n.Props["icij_kind"] + " " + id + ")"
			}
			for col, v := range c.all() {
				switch col {
				case "node_id", "name":
				case "original_name", "former_name":
					if v != n.Name {
						n.Aliases = append(n.Aliases, v)
					}
					n.Props[col] = v
				default:
					n.Props[col] = v
				}
			}
			nodeID[id] = n.ID
			r.Dataset.Nodes = append(r.Dataset.Nodes, n)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	at := map[string]int{} // node id -> index, for addresses
	for i, n := range r.Dataset.Nodes {
		at[n.ID] = i
	}
	edgeIDs := map[string]bool{}
	for _, p := range relFiles {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		doc := r.sourceDocument(p, data, "dataset", "ICIJ Offshore Leaks Database: "+filepath.Base(p))
		data = nil
		r.Dataset.Nodes[len(r.Dataset.Nodes)-1].URL = OffshoreDatabaseURL
		text := r.Texts[doc]
		err = readOffshoreText(ctx, p, text, opts, func(c *offshoreRow) error {
			start, end, rel := c.get("node_id_start"), c.get("node_id_end"), strings.ToLower(c.get("rel_type"))
			src, ok := nodeID[start]
			if !ok {
				r.bad(p, c.line, "node_id_start %s is in no node file", start)
				return nil
			}
			if rel == "registered_address" {
				a, ok := address[end]
				if !ok {
					r.bad(p, c.line, "registered_address: node_id_end %s is in no addresses file", end)
					return nil
				}
				n := &r.Dataset.Nodes[at[src]]
				if old := n.Props["address"]; old != "" && !strings.Contains(old, a) {
					n.Props["address"] = old + "\n" + a
				} else if old == "" {
					n.Props["address"] = a
				}
				return nil
			}
			tgt, ok := nodeID[end]
			if !ok {
				if _, isAddr := address[end]; isAddr {
					r.Skipped[rel+" (to an address)"]++
					return nil
				}
				r.bad(p, c.line, "node_id_end %s is in no node file", end)
				return nil
			}
			if tgt == src {
				r.Skipped[rel+" (a node to itself)"]++
				return nil
			}
			link := strings.ToLower(c.get("link"))
			typ := offshoreType(rel, link)
			if et, _ := graph.LookupEdgeType(typ); !et.Allows(r.Dataset.Nodes[at[src]].Type, r.Dataset.Nodes[at[tgt]].Type) {
				typ = "RELATED_TO"
			}
			e := graph.Edge{ID: "icij:" + slug(start) + "-" + slug(rel) + "-" + slug(end), Source: src, Target: tgt, Type: typ,
				Status: opts.status(), Props: map[string]string{"rel_type": rel}}
			for n := 2; edgeIDs[e.ID]; n++ {
				e.ID = fmt.Sprintf("icij:%s-%s-%s-%d", slug(start), slug(rel), slug(end), n)
			}
			edgeIDs[e.ID] = true
			if link != "" {
				e.Props["link"] = c.get("link")
			}
			if s := c.get("status"); s != "" {
				e.Props["icij_status"] = s
			}
			for _, f := range []struct {
				col string
				dst *graph.Date
			}{{"start_date", &e.Date}, {"end_date", &e.EndDate}} {
				v := c.get(f.col)
				if v == "" {
					continue
				}
				e.Props[f.col] = v
				d, err := r.offshoreDate(p, c.line, v)
				if err != nil {
					r.bad(p, c.line, "%s: %v", f.col, err)
					return nil
				}
				*f.dst = d
			}
			if e.EndDate != "" && (e.Date == "" || e.EndDate.End().Before(e.Date.Start())) {
				e.EndDate = "" // kept in props; the model needs a start before the end
			}
			source := c.get("sourceID")
			if source == "" {
				source = "source not given"
			}
			e.Evidence = []graph.Evidence{{Document: doc, Quote: c.raw, AttributedTo: "ICIJ Offshore Leaks Database: " + source, Stance: graph.Supports}}
			r.Dataset.Edges = append(r.Dataset.Edges, e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return r, r.finish(opts)
}

// offshoreType maps ICIJ's rel_type and link to the vocabulary.
func offshoreType(rel, link string) string {
	switch rel {
	case "officer_of":
		switch {
		case strings.Contains(link, "shareholder"), strings.Contains(link, "owner"), strings.Contains(link, "beneficiar"):
			return "OWNS"
		case strings.Contains(link, "director"):
			return "DIRECTOR_OF"
		}
		return "RELATED_TO"
	case "intermediary_of":
		return "REPRESENTS"
	}
	return "RELATED_TO"
}

// offshoreDate reads ICIJ's dates (31-DEC-1969, also 1969-12-31 and the
// other common forms), counting each as a conversion.
func (r *Result) offshoreDate(file string, line int, s string) (graph.Date, error) {
	if t, err := time.Parse("02-Jan-2006", s); err == nil {
		d := graph.Date(t.Format("2006-01-02"))
		if r.DatesConverted == 0 {
			r.DateExample = fmt.Sprintf("%s:%d: %q read as %s", file, line, s, d)
		}
		r.DatesConverted++
		return d, nil
	}
	return r.date(file, line, s)
}

// offshoreRow is one CSV record with its header, line and text.
type offshoreRow struct {
	header []string
	cols   map[string]int
	fields []string
	line   int
	raw    string
}

func (c *offshoreRow) get(col string) string {
	if i, ok := c.cols[col]; ok && i < len(c.fields) {
		return strings.TrimSpace(c.fields[i])
	}
	return ""
}

// all returns the non-empty fields by column name.
func (c *offshoreRow) all() map[string]string {
	out := make(map[string]string, len(c.fields))
	for i, v := range c.fields {
		if v = strings.TrimSpace(v); v != "" && i < len(c.header) && c.header[i] != "" {
			out[c.header[i]] = v
		}
	}
	return out
}

func readOffshoreCSV(ctx context.Context, path string, opts Options, fn func(*offshoreRow) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	return readOffshoreText(ctx, path, string(data), opts, fn)
}

// readOffshoreText streams the records of a CSV text, each with its
// line and its text in the file (a substring: no copy).
func readOffshoreText(ctx context.Context, path, text string, opts Options, fn func(*offshoreRow) error) error {
	text = strings.TrimPrefix(text, "\ufeff")
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.LazyQuotes = false
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("import %s: header: %w", path, err)
	}
	c := &offshoreRow{cols: map[string]int{}}
	for i, h := range header {
		h = strings.TrimSpace(h)
		c.header = append(c.header, h)
		c.cols[h] = i
	}
	prev := int(cr.InputOffset())
	for n := 0; ; n++ {
		if n%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("import %s: %w", path, err)
			}
			opts.progress("read "+filepath.Base(path), prev, len(text))
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("import %s:%d: %v: is this a CSV file?", path, pe.Line, pe.Err)
			}
			return fmt.Errorf("import %s: %w", path, err)
		}
		c.line, _ = cr.FieldPos(0)
		off := int(cr.InputOffset())
		c.raw = strings.TrimRight(text[prev:off], "\r\n")
		prev = off
		c.fields = rec
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if err := fn(c); err != nil {
			return err
		}
	}
}
