package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/ftm"
)

func init() {
	register(Format{
		Name:      "ftm",
		MediaType: "application/x-ndjson",
		Ext:       ".ftm.json",
		Summary:   "FollowTheMoney entities as JSON lines, for Aleph, OpenSanctions tools and the ftm command",
		Write:     WriteFtM,
	})
}

// FtMEntity is one FollowTheMoney entity: {"id","schema","properties"},
// every property a list of strings.
type FtMEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func (e *FtMEntity) add(prop string, values ...string) {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(e.Properties[prop], v) {
			e.Properties[prop] = append(e.Properties[prop], v)
		}
	}
}

// ftmNodeSchema maps a node to its FtM schema: people to Person, offices
// to Position, events to Event, documents to Article (kind article) or
// Document, organisations to Company (kind company), PublicBody (state
// bodies) or Organization.
func ftmNodeSchema(n *graph.Node) string {
	if s := n.Props["ftm_schema"]; s != "" && ftmSchemaFits(s, n.Type) {
		return s // an import keeps the schema it came with
	}
	switch n.Type {
	case graph.Person:
		return "Person"
	case graph.Office:
		return "Position"
	case graph.Event:
		return "Event"
	case graph.Document:
		if n.Kind == "article" {
			return "Article"
		}
		return "Document"
	case graph.Organization:
		switch n.Kind {
		case "company", "media", "firm", "business":
			return "Company"
		case "government", "agency", "consulate", "embassy", "legislature", "ministry", "court", "police", "military", "public body":
			return "PublicBody"
		}
	}
	return "Organization"
}

// ftmSchemaFits reports whether an imported schema name still fits the
// node's type (an edit may have changed it).
func ftmSchemaFits(schema string, t graph.NodeType) bool {
	switch schema {
	case "Person":
		return t == graph.Person
	case "Organization", "PublicBody", "Company", "LegalEntity":
		return t == graph.Organization
	case "Position":
		return t == graph.Office
	case "Document", "Article", "PlainText", "Pages", "HyperText":
		return t == graph.Document
	case "Event":
		return t == graph.Event
	}
	return false
}

// ftmEdge is the FtM schema for one relationship type: the interval
// schema and the properties naming its source and target, with the
// schemata each end may have.
type ftmEdge struct {
	schema, source, target string
	sources, targets       []string
	status                 bool // the schema has a status property
	role                   bool // the schema has a role property
}

var (
	legalEntities = []string{"Person", "Organization", "PublicBody", "Company"}
	organizations = []string{"Organization", "PublicBody", "Company"}
	persons       = []string{"Person"}
	unknownLink   = ftmEdge{schema: "UnknownLink", source: "subject", target: "object", status: true, role: true}
)

var ftmEdges = map[string]ftmEdge{
	"HOLDS_OFFICE": {schema: "Occupancy", source: "holder", target: "post", sources: persons, targets: []string{"Position"}, status: true},
	"MEMBER_OF":    {schema: "Membership", source: "member", target: "organization", sources: legalEntities, targets: organizations, status: true, role: true},
	"DIRECTOR_OF":  {schema: "Directorship", source: "director", target: "organization", sources: legalEntities, targets: organizations, status: true, role: true},
	"EMPLOYED_BY":  {schema: "Employment", source: "employee", target: "employer", sources: persons, targets: organizations, status: true, role: true},
	"OWNS":         {schema: "Ownership", source: "owner", target: "asset", sources: legalEntities, targets: []string{"Company"}, status: true, role: true},
	"FAMILY_OF":    {schema: "Family", source: "person", target: "relative", sources: persons, targets: persons},
	"ASSOCIATE_OF": {schema: "Associate", source: "person", target: "associate", sources: persons, targets: persons},
	"REPRESENTS":   {schema: "Representation", source: "agent", target: "client", sources: legalEntities, targets: legalEntities, status: true, role: true},
	"PAID":         {schema: "Payment", source: "payer", target: "beneficiary", sources: legalEntities, targets: legalEntities},
}

// WriteFtM streams src as FollowTheMoney entities, one JSON object per
// line: nodes first (Person, Organization/PublicBody/Company, Position,
// Event, Article/Document), then one interval entity per relationship
// (Occupancy, Membership, Directorship, Employment, Ownership, Family,
// Associate, Representation, Payment, and UnknownLink with the type as
// role for the rest, or where the ends do not fit the specific schema).
//
// Evidence becomes what FtM has for it: the relationship's status in
// status (or summary where the schema has none), each piece of evidence as
// a summary line `supports: "quote" (attributed_to; doc:id)`, the
// sources as publisher, the evidence documents' URLs as sourceUrl. Entity
// ids are backchannel's ids; an imported entity's FtM id is kept in
// props (ftm_id) and written as notes.
//
// Choosing an edge's schema needs its ends' schemata, so the writer keeps
// an index of node id to schema (and of document id to URL) while
// streaming: ids only, not a copy of the graph.
func WriteFtM(ctx context.Context, w io.Writer, src Source) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	je := newJSONElems(bw)
	ix := &ftmIndex{schemaOf: map[string]string{}, idOf: map[string]string{}, docURL: map[string]string{}, taken: map[string]bool{}}
	err := src.EachNode(ctx, func(n graph.Node) error {
		if n.Type == graph.Document && n.Props["import_file"] != "" {
			// The file an import read: its records are the entities
			// themselves, so FtM gets them, not the file (and another
			// import/export cycle adds no document).
			ix.idOf[n.ID] = ftm.NodeID(n.ID)
			return nil
		}
		e := ftmNode(&n, ix)
		ix.schemaOf[n.ID] = e.Schema
		if n.Type == graph.Document && n.URL != "" {
			ix.docURL[n.ID] = n.URL
		}
		return je.writeLine(e)
	})
	if err != nil {
		return fmt.Errorf("export ftm: nodes: %w", err)
	}
	err = src.EachEdge(ctx, func(ge graph.Edge) error {
		return je.writeLine(ftmRelationship(&ge, ix))
	})
	if err != nil {
		return fmt.Errorf("export ftm: edges: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export ftm: %w", err)
	}
	return nil
}

// ftmIndex is what the writer remembers while streaming: each node's
// schema and FtM id, documents' URLs, and the FtM ids given out.
type ftmIndex struct {
	schemaOf, idOf, docURL map[string]string
	taken                  map[string]bool
}

// entityID picks the FtM id of a node or edge: the original FtM id of an
// imported one (props.ftm_id), else the id derived from backchannel's,
// never one given out already.
func (ix *ftmIndex) entityID(id string, props map[string]string, derived func(string) string) string {
	fid := props["ftm_id"]
	if !ftm.ValidID(fid) || ix.taken[fid] {
		fid = derived(id)
	}
	if ix.taken[fid] {
		fid = ftm.EncodeID(id)
	}
	ix.taken[fid] = true
	return fid
}

// ftmCarried are props that describe the import, not the entity.
var ftmCarried = []string{"ftm_id", "ftm_schema", "ftm_dataset"}

// addProps writes the props that are properties of the schema (their
// values split back into FtM's lists), and the others as "key: value"
// lines of other (notes or summary). A value that FtM would not accept
// for the property's type (a date that is not ISO, an id that is not
// valid) goes to other too, so that nothing is dropped by validation.
func (e *FtMEntity) addProps(props map[string]string, other string) {
	for _, k := range sortedKeys(props) {
		if slices.Contains(ftmCarried, k) {
			continue
		}
		vs := ftm.SplitValues(props[k])
		typ, ok := ftm.HasProp(e.Schema, k)
		for _, v := range vs {
			if ok && ftm.ValidValue(typ, v) {
				e.add(k, v)
			} else {
				e.add(other, k+": "+v)
			}
		}
	}
}

// derive adds values the model holds outside props, unless props already
// carry the property (an imported entity's own values win).
func (e *FtMEntity) derive(props map[string]string, prop string, values ...string) {
	if _, own := props[prop]; own {
		return
	}
	e.add(prop, values...)
}

func ftmNode(n *graph.Node, ix *ftmIndex) *FtMEntity {
	schema := ftmNodeSchema(n)
	id := ix.entityID(n.ID, n.Props, ftm.NodeID)
	ix.idOf[n.ID] = id
	e := &FtMEntity{ID: id, Schema: schema, Properties: map[string][]string{}}
	e.addProps(n.Props, "notes")
	if schema == "Document" || schema == "Article" {
		e.derive(n.Props, "title", n.Name)
		_, slug, _ := strings.Cut(n.ID, ":")
		e.derive(n.Props, "fileName", slug)
		e.derive(n.Props, "publishedAt", string(n.Date))
		e.derive(n.Props, "sourceUrl", n.URL)
	} else {
		e.derive(n.Props, "name", n.Name)
		e.derive(n.Props, "sourceUrl", n.URL)
		if schema == "Event" {
			e.derive(n.Props, "date", string(n.Date))
		} else if n.Date != "" {
			e.add("notes", "date: "+string(n.Date))
		}
	}
	// Aliases go to alias, but for those an imported entity had as a
	// name, weak alias or previous name: they stay where they were.
	named := map[string]bool{n.Name: true}
	for _, k := range []string{"name", "title", "alias", "weakAlias", "previousName"} {
		for _, v := range ftm.SplitValues(n.Props[k]) {
			named[v] = true
		}
	}
	for _, a := range n.Aliases {
		if !named[a] {
			e.add("alias", a)
		}
	}
	e.derive(n.Props, "description", n.Description)
	if n.Kind != "" {
		e.derive(n.Props, "keywords", n.Kind)
	}
	return e
}

func ftmRelationship(ge *graph.Edge, ix *ftmIndex) *FtMEntity {
	m, ok := ftmEdges[ge.Type]
	src, tgt := ix.schemaOf[ge.Source], ix.schemaOf[ge.Target]
	if !ok || !slices.Contains(m.sources, src) || !slices.Contains(m.targets, tgt) {
		m = unknownLink
	}
	id := ix.entityID(ge.ID, ge.Props, ftm.EncodeID)
	e := &FtMEntity{ID: id, Schema: m.schema, Properties: map[string][]string{}}
	props := maps.Clone(ge.Props)
	delete(props, m.source) // the ends are the edge's, whatever props say
	delete(props, m.target)
	e.add(m.source, ix.idOf[ge.Source])
	e.add(m.target, ix.idOf[ge.Target])
	e.addProps(props, "summary")
	if m.role && ge.Props["ftm_id"] == "" {
		e.add("role", ge.Type) // beside a role of its own: the importer finds the type
	} else if m.role {
		e.derive(props, "role", ge.Type)
	}
	_, start := props["startDate"]
	_, end := props["endDate"]
	_, date := props["date"]
	if !start && !end && !date { // an import keeps its own dates in props
		if ge.EndDate != "" {
			e.add("startDate", string(ge.Date))
			e.add("endDate", string(ge.EndDate))
		} else {
			e.add("date", string(ge.Date))
		}
	}
	e.derive(props, "description", ge.Description)
	if id == ftm.EncodeID(ge.ID) {
		e.add("recordId", ge.ID) // the importer restores the id from it
	}
	if ge.Props["ftm_id"] == "" {
		// backchannel's own status and evidence; an imported record
		// keeps its own properties and is its own evidence.
		if m.status {
			e.derive(props, "status", string(ge.Status))
		} else {
			e.add("summary", "status: "+string(ge.Status))
		}
		for _, ev := range ge.Evidence {
			e.add("summary", fmt.Sprintf("%s: %q (%s; %s)", ev.Stance, ev.Quote, ev.AttributedTo, ev.Document))
			e.add("publisher", ev.AttributedTo)
			e.add("sourceUrl", ix.docURL[ev.Document])
		}
	}
	return e
}
