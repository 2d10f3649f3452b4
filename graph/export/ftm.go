package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
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

// ftmProps are node props that are FtM properties of the schemata we
// write (checked against shared/schemas/ftm in the tests); the importer
// keeps them under these names. Others go to notes as "key: value".
var ftmProps = map[string][]string{
	"Thing":        {"country", "alias", "previousName", "weakAlias", "wikidataId", "wikipediaUrl", "keywords", "topics", "address", "notes", "summary", "sourceUrl", "publisher"},
	"LegalEntity":  {"email", "phone", "website", "legalForm", "incorporationDate", "dissolutionDate", "status", "sector", "classification", "registrationNumber", "idNumber", "taxNumber", "jurisdiction", "mainCountry", "leiCode", "innCode", "ogrnCode", "opencorporatesUrl", "icijId", "okpoCode", "vatCode", "swiftBic"},
	"Person":       {"title", "firstName", "secondName", "middleName", "fatherName", "motherName", "lastName", "nameSuffix", "birthDate", "birthPlace", "deathDate", "position", "nationality", "citizenship", "gender", "political", "education", "religion"},
	"Position":     {"inceptionDate", "dissolutionDate", "subnationalArea", "numberOfSeats"},
	"Event":        {"location", "important", "startDate", "endDate"},
	"Document":     {"author", "publishedAt", "language", "mimeType", "fileName", "title"},
	"Organization": {},
}

// ftmAncestors lists the parts of ftmProps a schema may use.
var ftmAncestors = map[string][]string{
	"Person":       {"Thing", "LegalEntity", "Person"},
	"Organization": {"Thing", "LegalEntity", "Organization"},
	"PublicBody":   {"Thing", "LegalEntity", "Organization"},
	"Company":      {"Thing", "LegalEntity", "Organization"},
	"Position":     {"Thing", "Position"},
	"Event":        {"Thing", "Event"},
	"Document":     {"Thing", "Document"},
	"Article":      {"Thing", "Document"},
}

func ftmAllows(schema, prop string) bool {
	for _, a := range ftmAncestors[schema] {
		if slices.Contains(ftmProps[a], prop) {
			return true
		}
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

// ftmEdgeProps are edge props carried over by name, per schema.
var ftmEdgeProps = map[string][]string{
	"Payment":    {"amount", "currency", "amountEur", "amountUsd", "purpose", "programme", "transactionNumber"},
	"Ownership":  {"percentage", "sharesCount", "sharesValue", "sharesCurrency", "sharesType", "ownershipType"},
	"Family":     {"relationship"},
	"Associate":  {"relationship"},
	"Occupancy":  {"declarationDate"},
	"Membership": {},
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
	schemaOf := map[string]string{}
	docURL := map[string]string{}
	write := func(e *FtMEntity) error {
		if err := je.writeLine(e); err != nil {
			return err
		}
		return nil
	}
	err := src.EachNode(ctx, func(n graph.Node) error {
		e := ftmNode(&n)
		schemaOf[n.ID] = e.Schema
		if n.Type == graph.Document && n.URL != "" {
			docURL[n.ID] = n.URL
		}
		return write(e)
	})
	if err != nil {
		return fmt.Errorf("export ftm: nodes: %w", err)
	}
	err = src.EachEdge(ctx, func(ge graph.Edge) error {
		return write(ftmRelationship(&ge, schemaOf, docURL))
	})
	if err != nil {
		return fmt.Errorf("export ftm: edges: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export ftm: %w", err)
	}
	return nil
}

func ftmNode(n *graph.Node) *FtMEntity {
	schema := ftmNodeSchema(n)
	e := &FtMEntity{ID: n.ID, Schema: schema, Properties: map[string][]string{}}
	if schema == "Document" || schema == "Article" {
		e.add("title", n.Name)
		_, slug, _ := strings.Cut(n.ID, ":")
		e.add("fileName", slug)
		e.add("publishedAt", string(n.Date))
		e.add("sourceUrl", n.URL)
	} else {
		e.add("name", n.Name)
		e.add("sourceUrl", n.URL)
		if schema == "Event" {
			e.add("date", string(n.Date))
		} else if n.Date != "" {
			e.add("notes", "date: "+string(n.Date))
		}
	}
	e.add("alias", n.Aliases...)
	e.add("description", n.Description)
	if n.Kind != "" {
		e.add("keywords", n.Kind)
	}
	for _, k := range sortedKeys(n.Props) {
		v := n.Props[k]
		switch {
		case k == "ftm_schema":
		case k == "ftm_id" || k == "ftm_dataset":
			e.add("notes", k+": "+v)
		case ftmAllows(schema, k):
			e.add(k, v)
		default:
			e.add("notes", k+": "+v)
		}
	}
	return e
}

func ftmRelationship(ge *graph.Edge, schemaOf, docURL map[string]string) *FtMEntity {
	m, ok := ftmEdges[ge.Type]
	src, tgt := schemaOf[ge.Source], schemaOf[ge.Target]
	if !ok || !slices.Contains(m.sources, src) || !slices.Contains(m.targets, tgt) {
		m = unknownLink
	}
	e := &FtMEntity{ID: ge.ID, Schema: m.schema, Properties: map[string][]string{}}
	e.add(m.source, ge.Source)
	e.add(m.target, ge.Target)
	if m.role {
		e.add("role", ge.Type)
	}
	if ge.EndDate != "" {
		e.add("startDate", string(ge.Date))
		e.add("endDate", string(ge.EndDate))
	} else {
		e.add("date", string(ge.Date))
	}
	e.add("description", ge.Description)
	if m.status {
		e.add("status", string(ge.Status))
	} else {
		e.add("summary", "status: "+string(ge.Status))
	}
	e.add("recordId", ge.ID)
	for _, ev := range ge.Evidence {
		e.add("summary", fmt.Sprintf("%s: %q (%s; %s)", ev.Stance, ev.Quote, ev.AttributedTo, ev.Document))
		e.add("publisher", ev.AttributedTo)
		e.add("sourceUrl", docURL[ev.Document])
	}
	for _, k := range sortedKeys(ge.Props) {
		if slices.Contains(ftmEdgeProps[m.schema], k) {
			e.add(k, ge.Props[k])
		} else if k != "ftm_schema" {
			e.add("summary", k+": "+ge.Props[k])
		}
	}
	return e
}
