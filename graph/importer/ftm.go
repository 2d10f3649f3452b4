package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/ftm"
)

// ftmEntity is one line of an FtM file. Other top-level keys (caption,
// referents, target, first_seen, ...) are ignored.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`

	file string
	line int
	raw  string
}

// ftmNodeTypes maps the FtM schemata that become nodes.
var ftmNodeTypes = map[string]struct {
	typ  graph.NodeType
	kind string
}{
	"Person":       {graph.Person, ""},
	"Organization": {graph.Organization, "organization"},
	"PublicBody":   {graph.Organization, "public body"},
	"Company":      {graph.Organization, "company"},
	"LegalEntity":  {graph.Organization, "legal entity"},
	"Position":     {graph.Office, ""},
	"Event":        {graph.Event, ""},
	"Document":     {graph.Document, "document"},
	"Article":      {graph.Document, "article"},
	"PlainText":    {graph.Document, "document"},
	"Pages":        {graph.Document, "document"},
	"HyperText":    {graph.Document, "document"},
}

// ftmEdgeTypes maps the FtM interval schemata that become relationships:
// the relationship type and the properties holding source and target.
var ftmEdgeTypes = map[string]struct{ typ, source, target string }{
	"Occupancy":      {"HOLDS_OFFICE", "holder", "post"},
	"Membership":     {"MEMBER_OF", "member", "organization"},
	"Directorship":   {"DIRECTOR_OF", "director", "organization"},
	"Employment":     {"EMPLOYED_BY", "employee", "employer"},
	"Ownership":      {"OWNS", "owner", "asset"},
	"Associate":      {"ASSOCIATE_OF", "person", "associate"},
	"Family":         {"FAMILY_OF", "person", "relative"},
	"UnknownLink":    {"RELATED_TO", "subject", "object"},
	"Representation": {"REPRESENTS", "agent", "client"},
	"Payment":        {"PAID", "payer", "beneficiary"},
}

// ftmNameProps become the node's name and aliases, in this order.
var ftmNameProps = []string{"name", "title", "alias", "weakAlias", "previousName"}

// FtM converts FollowTheMoney JSON lines files. Entities of the schemata
// in ftmNodeTypes become nodes, those in ftmEdgeTypes relationships;
// every other schema (Address, Sanction, Passport, ...) is counted in
// Result.Skipped. Each input file becomes a document node whose text is
// the file; each relationship's evidence quotes its entity's JSON line,
// attributed to the entity's dataset. Provenance stays in props: ftm_id,
// ftm_schema, ftm_dataset, and every other property under its FtM name
// (multiple values joined with "; "). References to Address entities
// are resolved to their full text.
func FtM(ctx context.Context, paths []string, opts Options) (*Result, error) {
	r := newResult()
	var ents []*ftmEntity
	byID := map[string]*ftmEntity{}
	docOf := map[string]string{} // file -> document id
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		docOf[p] = r.sourceDocument(p, data, "dataset", "FollowTheMoney file "+filepath.Base(p))
		lines := bytes.Split(data, []byte("\n"))
		for i, line := range lines {
			if i%progressEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("import %s: %w", p, err)
				}
				opts.progress("read "+filepath.Base(p), i, len(lines))
			}
			line = bytes.TrimSpace(line)
			if len(line) == 0 {
				continue
			}
			e := &ftmEntity{file: p, line: i + 1, raw: string(line)}
			if err := json.Unmarshal(line, e); err != nil {
				r.bad(p, i+1, "not an FtM entity (JSON object with id, schema, properties): %v", err)
				continue
			}
			switch {
			case e.ID == "" || e.Schema == "":
				r.bad(p, i+1, "entity has no id or no schema")
				continue
			case byID[e.ID] != nil:
				first := byID[e.ID]
				r.bad(p, i+1, "duplicate entity id %q (first at %s:%d); merge the two first", e.ID, first.file, first.line)
				continue
			}
			byID[e.ID] = e
			ents = append(ents, e)
		}
	}

	// Node ids: <type>:<ftm id as a slug>, unique.
	idOf := map[string]string{}
	taken := map[string]bool{}
	for id := range r.Texts {
		taken[id] = true
	}
	for _, e := range ents {
		nt, ok := ftmNodeTypes[e.Schema]
		if !ok {
			continue
		}
		// An id that backchannel wrote (prefix.slug) comes back as it
		// was; any other keeps the FtM id as its slug.
		id, ours := ftm.DecodeNodeID(e.ID, idPrefix[nt.typ])
		if !ours {
			id = idPrefix[nt.typ] + ":" + slug(e.ID)
		}
		for n := 2; taken[id]; n++ {
			id = fmt.Sprintf("%s:%s-%d", idPrefix[nt.typ], slug(e.ID), n)
		}
		taken[id] = true
		idOf[e.ID] = id
	}

	types := map[string]graph.NodeType{}
	for _, e := range ents {
		if nt, ok := ftmNodeTypes[e.Schema]; ok && idOf[e.ID] != "" {
			types[idOf[e.ID]] = nt.typ
		}
	}
	edgeIDs := map[string]bool{}
	for k, e := range ents {
		if k%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("import: %w", err)
			}
			opts.progress("convert", k, len(ents))
		}
		dataset := opts.Dataset
		if dataset == "" && len(e.Datasets) > 0 {
			dataset = strings.Join(e.Datasets, ", ")
		}
		if dataset == "" {
			dataset = strings.TrimSuffix(filepath.Base(e.file), filepath.Ext(e.file))
		}
		if nt, ok := ftmNodeTypes[e.Schema]; ok {
			n, err := ftmToNode(e, nt.typ, nt.kind, idOf[e.ID], dataset, byID)
			if err != nil {
				r.bad(e.file, e.line, "%s %s: %v", e.Schema, e.ID, err)
				continue
			}
			r.Dataset.Nodes = append(r.Dataset.Nodes, n)
			continue
		}
		et, ok := ftmEdgeTypes[e.Schema]
		if !ok {
			r.Skipped[e.Schema]++
			continue
		}
		srcs, tgts := e.Properties[et.source], e.Properties[et.target]
		typ := et.typ
		for _, role := range e.Properties["role"] {
			// backchannel writes its relationship type as a role (a
			// type without an FtM schema of its own is an UnknownLink).
			if vt, ok := graph.LookupEdgeType(role); ok {
				typ = vt.Name
				break
			}
		}
		status := opts.status()
		if st, ok := ftmStatus(e); ok && opts.Status == "" {
			status = st
		}
		if len(srcs) == 0 || len(tgts) == 0 {
			r.bad(e.file, e.line, "%s %s has no %s or no %s", e.Schema, e.ID, et.source, et.target)
			continue
		}
		ok = true
		for _, ref := range append(slices.Clone(srcs), tgts...) {
			if idOf[ref] != "" {
				continue
			}
			if other := byID[ref]; other != nil {
				// The end is an entity we do not import (a Vessel, an
				// Address): the link goes with it, counted.
				r.Skipped[e.Schema+" (to a skipped "+other.Schema+")"]++
			} else {
				r.bad(e.file, e.line, "%s %s: %s refers to entity %q, which is not in the imported files", e.Schema, e.ID, propOf(et, srcs, ref), ref)
			}
			ok = false
			break
		}
		if !ok {
			continue
		}
		quote := e.raw
		base := "ftm:" + e.ID
		rid := first(e.Properties["recordId"])
		if len(e.Properties["recordId"]) == 1 && ftm.EncodeID(rid) == e.ID {
			base = rid // an id that backchannel wrote comes back as it was
		}
		for _, s := range srcs {
			for _, t := range tgts {
				id := base
				if len(srcs)*len(tgts) > 1 {
					id += ":" + slug(s) + ":" + slug(t)
				}
				if edgeIDs[id] {
					continue
				}
				edgeIDs[id] = true
				if vt, _ := graph.LookupEdgeType(typ); typ != et.typ && !vt.Allows(types[idOf[s]], types[idOf[t]]) {
					typ = et.typ
				}
				edge := graph.Edge{
					ID: id, Source: idOf[s], Target: idOf[t], Type: typ, Status: status,
					Evidence: []graph.Evidence{{Document: docOf[e.file], Quote: quote,
						AttributedTo: "FollowTheMoney dataset " + dataset, Stance: graph.Supports}},
					Props: map[string]string{"ftm_id": e.ID, "ftm_schema": e.Schema, "ftm_dataset": dataset},
				}
				ftmEdgeDates(&edge, e)
				if d := e.Properties["description"]; len(d) == 1 {
					edge.Description = d[0]
				}
				for k, vs := range e.Properties {
					switch {
					case k == et.source || k == et.target || k == "startDate" || k == "endDate" || k == "date":
						continue
					case k == "description" && len(vs) == 1, k == "recordId" && base == rid:
						continue
					}
					edge.Props[k] = ftm.JoinValues(vs)
				}
				r.Dataset.Edges = append(r.Dataset.Edges, edge)
			}
		}
	}
	return r, r.finish(opts)
}

func propOf(et struct{ typ, source, target string }, srcs []string, ref string) string {
	if slices.Contains(srcs, ref) {
		return et.source
	}
	return et.target
}

func (o Options) status() graph.Status {
	if o.Status == "" {
		return graph.Reported
	}
	return o.Status
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// ftmDate takes the date part of an FtM date ("2021-02-03T10:00:00" ->
// "2021-02-03"), or "" if it is not a valid partial date.
func ftmDate(s string) graph.Date {
	if len(s) > 10 {
		s = s[:10]
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		return ""
	}
	return d
}

// ftmEdgeDates sets date and end_date from startDate or date and
// endDate, keeping the earliest start and latest end; dates that are not
// partial ISO dates stay in props.
func ftmEdgeDates(edge *graph.Edge, e *ftmEntity) {
	starts := append(slices.Clone(e.Properties["startDate"]), e.Properties["date"]...)
	sort.Strings(starts)
	for _, s := range starts {
		if d := ftmDate(s); d != "" {
			edge.Date = d
			break
		}
	}
	ends := slices.Clone(e.Properties["endDate"])
	sort.Sort(sort.Reverse(sort.StringSlice(ends)))
	for _, s := range ends {
		if d := ftmDate(s); d != "" && edge.Date != "" && !d.End().Before(edge.Date.Start()) {
			edge.EndDate = d
			break
		}
	}
	for _, k := range []string{"startDate", "endDate", "date"} {
		if vs := e.Properties[k]; len(vs) > 0 {
			edge.Props[k] = ftm.JoinValues(vs) // FtM's own dates, written back on export
		}
	}
}

func ftmToNode(e *ftmEntity, typ graph.NodeType, kind, id, dataset string, byID map[string]*ftmEntity) (graph.Node, error) {
	n := graph.Node{ID: id, Type: typ, Kind: kind,
		Props: map[string]string{"ftm_id": e.ID, "ftm_schema": e.Schema, "ftm_dataset": dataset}}
	var names []string
	for _, k := range ftmNameProps {
		for _, v := range e.Properties[k] {
			if v = strings.TrimSpace(v); v != "" && !slices.Contains(names, v) {
				names = append(names, v)
			}
		}
	}
	if len(names) == 0 {
		if fn := e.Properties["fileName"]; len(fn) > 0 {
			names = fn[:1]
		} else {
			return n, fmt.Errorf("has no name: give it a name property")
		}
	}
	n.Name, n.Aliases = names[0], names[1:]
	if d := e.Properties["description"]; len(d) == 1 {
		n.Description = d[0]
	}
	for _, k := range []string{"date", "publishedAt", "startDate", "incorporationDate", "birthDate"} {
		if d := ftmDate(first(e.Properties[k])); d != "" && (typ == graph.Event || typ == graph.Document) {
			n.Date = d
			break
		}
	}
	for _, u := range e.Properties["sourceUrl"] {
		if typ == graph.Document {
			n.URL = u
			break
		}
	}
	// Every property stays in props under its FtM name (several values
	// as a JSON list), so that an export writes the entity back as it
	// came: all but a single name and a single description, which are
	// the node's own.
	for k, vs := range e.Properties {
		if (k == "name" || k == "description") && len(vs) == 1 {
			continue
		}
		n.Props[k] = ftm.JoinValues(vs)
	}
	// Resolve addresses to their text where the file has them.
	var full []string
	for _, ref := range e.Properties["addressEntity"] {
		if a := byID[ref]; a != nil && a.Schema == "Address" {
			if t := first(append(slices.Clone(a.Properties["full"]), a.Properties["name"]...)); t != "" && !slices.Contains(e.Properties["address"], t) {
				full = append(full, t)
			}
		}
	}
	if len(full) > 0 {
		n.Props["address"] = ftm.JoinValues(append(slices.Clone(e.Properties["address"]), full...))
	}
	return n, nil
}

// ftmStatus reads a status that backchannel wrote: the status property,
// or a "status: X" summary line where the schema has none. Disputed is
// not taken: it needs a denial, and the entity is one supporting record.
func ftmStatus(e *ftmEntity) (graph.Status, bool) {
	vals := e.Properties["status"]
	for _, s := range e.Properties["summary"] {
		if v, ok := strings.CutPrefix(s, "status: "); ok {
			vals = append(vals, v)
		}
	}
	if len(vals) != 1 {
		return "", false
	}
	st, err := graph.ParseStatus(vals[0])
	if err != nil || st == graph.Disputed {
		return "", false
	}
	return st, true
}

// FtMSchemata lists the FtM schemata that an import turns into nodes or
// relationships, sorted; entities of any other schema are skipped.
func FtMSchemata() []string {
	var out []string
	for s := range ftmNodeTypes {
		out = append(out, s)
	}
	for s := range ftmEdgeTypes {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
