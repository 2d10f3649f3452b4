package neo4j

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The graph in Neo4j (see docs/neo4j.md, "Graph schema in Neo4j"):
//
//   - every node of the dataset has the label Entity and one label for its
//     type (Person, Organization, Office, Event, Document), and the
//     properties id, type, name, aliases, description, kind, date, url,
//     one "props.KEY" property per entry of Node.Props, and v, the
//     dataset version it belongs to;
//   - every relationship has the type of its vocabulary entry (CONTACTED,
//     HOLDS_OFFICE, ...) and the properties id, status, date, end_date,
//     description, "props.KEY", v, its evidence as parallel lists:
//     evidence_documents, evidence_kinds, evidence_quotes,
//     evidence_paraphrases, evidence_dates, evidence_attributed_to,
//     evidence_stances, evidence_grades (entry i of each list is one
//     Evidence), and its status timeline as status_timeline and
//     status_known_by (see edgeProps);
//   - one (:Dataset {version, active, state, stats, ...}) node per loaded
//     or loading version; readers use the one with active = true.
//
// search and search_terms are derived from name and aliases for the
// store's own search (see Search).
const (
	labelEntity  = "Entity"
	labelDataset = "Dataset"

	// indexNames is the one full-text index, over search_terms (see
	// Search); people writing Cypher use it too. Until 2026-11 there were
	// two: this name on name and aliases, and entity_search_terms.
	// ensureSchema replaces them (see replacedIndexes).
	indexNames = "entity_names"
)

var typeLabels = map[graph.NodeType]string{
	graph.Person:       "Person",
	graph.Organization: "Organization",
	graph.Office:       "Office",
	graph.Event:        "Event",
	graph.Document:     "Document",
}

var relTypePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// relTypes lists the vocabulary; only these types are written, and reads
// by relationship id look in each of them.
func relTypes() []string {
	var ts []string
	for _, t := range graph.EdgeTypes {
		if relTypePattern.MatchString(t.Name) {
			ts = append(ts, t.Name)
		}
	}
	sort.Strings(ts)
	return ts
}

// schemaStatements creates what the store needs; every statement is
// idempotent (IF NOT EXISTS).
func schemaStatements() []string {
	st := []string{
		// Ids are unique within a dataset version; two versions coexist
		// while a load runs (see Load).
		"CREATE CONSTRAINT entity_id_version IF NOT EXISTS FOR (n:Entity) REQUIRE (n.id, n.v) IS UNIQUE",
		"CREATE CONSTRAINT dataset_version IF NOT EXISTS FOR (d:Dataset) REQUIRE d.version IS UNIQUE",
		"CREATE INDEX entity_version IF NOT EXISTS FOR (n:Entity) ON (n.v)",
		"CREATE TEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON (n.search)",
		// Whitespace-separated normalised words and whole names (spaces
		// as underscores), for the store's own search and for people
		// writing Cypher: db.index.fulltext.queryNodes('entity_names',
		// 'kovrig~'). One index, not one for each: every full-text index
		// is a Lucene index the load keeps up to date, and a second one
		// on name and aliases cost about a quarter of the node write rate
		// (docs/benchmarks.md, "Loading into Neo4j").
		"CREATE FULLTEXT INDEX " + indexNames + " IF NOT EXISTS FOR (n:Entity) ON EACH [n.search_terms] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: true}}",
	}
	for _, t := range relTypes() {
		st = append(st, fmt.Sprintf("CREATE INDEX rel_%s_id IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id, r.v)", strings.ToLower(t), t))
	}
	return st
}

// replacedIndexes are full-text indexes of earlier versions of the
// schema, by name, with the properties they covered: ensureSchema drops an
// index of that name that still covers them, before creating the current
// ones (IF NOT EXISTS would keep the old definition under the same name).
var replacedIndexes = []struct {
	name       string
	properties []string
}{
	{"entity_search_terms", []string{"search_terms"}},
	{indexNames, []string{"name", "aliases"}},
}

// schemaIndex is an index as SHOW INDEXES lists it.
type schemaIndex struct {
	state      string
	properties []string
}

// listIndexes reads the database's indexes (constraints have theirs), by
// name.
func (s *Store) listIndexes(ctx context.Context) (map[string]schemaIndex, error) {
	have, err := readTx(ctx, s, func(tx driver.ManagedTransaction) (map[string]schemaIndex, error) {
		recs, err := collect(ctx, tx, "SHOW INDEXES YIELD name, state, properties RETURN name, state, properties", nil)
		if err != nil {
			return nil, err
		}
		out := map[string]schemaIndex{}
		for _, r := range recs {
			name, _, err := driver.GetRecordValue[string](r, "name")
			if err != nil {
				return nil, fmt.Errorf("index name: %w", err)
			}
			state, _, err := driver.GetRecordValue[string](r, "state")
			if err != nil {
				return nil, fmt.Errorf("index %s: state: %w", name, err)
			}
			// Token lookup indexes have none (null: nil, no error).
			props, _, err := driver.GetRecordValue[[]any](r, "properties")
			if err != nil {
				return nil, fmt.Errorf("index %s: properties: %w", name, err)
			}
			ix := schemaIndex{state: state}
			for _, p := range props {
				if ps, ok := p.(string); ok {
					ix.properties = append(ix.properties, ps)
				}
			}
			out[name] = ix
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j schema: list indexes: %w", err)
	}
	return have, nil
}

// isReplaced reports whether the index name, with these properties, is
// one of replacedIndexes.
func isReplaced(name string, ix schemaIndex) (old []string, ok bool) {
	for _, r := range replacedIndexes {
		if r.name == name && slices.Equal(ix.properties, r.properties) {
			return r.properties, true
		}
	}
	return nil, false
}

// dropReplacedIndexes drops the indexes in replacedIndexes that the
// database still has.
func (s *Store) dropReplacedIndexes(ctx context.Context) error {
	have, err := s.listIndexes(ctx)
	if err != nil {
		return err
	}
	for name, ix := range have {
		if _, ok := isReplaced(name, ix); !ok {
			continue
		}
		if _, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
			return consume(ctx, tx, "DROP INDEX "+name+" IF EXISTS", nil)
		}); err != nil {
			return fmt.Errorf("neo4j schema: drop the replaced index %s: %w", name, err)
		}
	}
	return nil
}

// ensureSchema creates the constraints and indexes and waits for them to
// come online.
func (s *Store) ensureSchema(ctx context.Context) error {
	if err := s.dropReplacedIndexes(ctx); err != nil {
		return err
	}
	for _, stmt := range schemaStatements() {
		if _, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
			return consume(ctx, tx, stmt, nil)
		}); err != nil {
			return fmt.Errorf("neo4j schema %q: %w", stmt, err)
		}
	}
	sess := s.session(ctx, driver.AccessModeRead)
	res, err := sess.Run(ctx, "CALL db.awaitIndexes(300)", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err = closeSession(ctx, sess, mapError(err)); err != nil {
		return fmt.Errorf("neo4j schema: await indexes: %w", err)
	}
	return nil
}

// nodeProps encodes a node as the properties written to Neo4j.
func nodeProps(n *graph.Node) map[string]any {
	p := map[string]any{
		"id":           n.ID,
		"type":         string(n.Type),
		"name":         n.Name,
		"aliases":      aliasesOrEmpty(n.Aliases),
		"search":       searchText(n),
		"search_terms": searchTerms(n),
	}
	setString(p, "description", n.Description)
	setString(p, "kind", n.Kind)
	setString(p, "date", string(n.Date))
	setString(p, "url", n.URL)
	for k, v := range n.Props {
		p["props."+k] = v
	}
	return p
}

func aliasesOrEmpty(a []string) []string {
	if a == nil {
		return []string{}
	}
	return a
}

// undatedKnownBy is status_known_by for a step of undated evidence,
// which holds at every date: the earliest day, so that "known_by <= day"
// needs no special case in Cypher.
const undatedKnownBy = "0001-01-01"

// edgeProps encodes an edge's properties (not its endpoints or type).
// Evidence is parallel lists, entry i of each being one Evidence; the
// status timeline is two parallel lists, status_timeline (the statuses)
// and status_known_by (the last day of each step's date, YYYY-MM-DD, from
// which on the step holds; 0001-01-01 for undated evidence), so that Cypher can
// ask for a status as of a date (docs/neo4j.md).
func edgeProps(e *graph.Edge) map[string]any {
	n := len(e.Evidence)
	docs, kinds, quotes, paras := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	dates, attr, stances, grades := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, ev := range e.Evidence {
		docs[i], kinds[i], quotes[i], paras[i] = ev.Document, string(ev.KindOf()), ev.Quote, ev.Paraphrase
		dates[i], attr[i], stances[i], grades[i] = string(ev.Date), ev.AttributedTo, string(ev.Stance), string(ev.Grade)
	}
	tl := graph.Timeline(e)
	statuses, knownBy := make([]string, len(tl)), make([]string, len(tl))
	for i, st := range tl {
		statuses[i] = string(st.Status)
		knownBy[i] = undatedKnownBy
		if !st.Date.IsZero() {
			knownBy[i] = st.Date.End().AddDate(0, 0, -1).Format("2006-01-02")
		}
	}
	p := map[string]any{
		"id":                     e.ID,
		"status":                 string(e.Status),
		"evidence_documents":     docs,
		"evidence_kinds":         kinds,
		"evidence_attributed_to": attr,
		"evidence_stances":       stances,
		"status_timeline":        statuses,
		"status_known_by":        knownBy,
	}
	// A list of empty strings is left out: neo4j-admin import cannot tell
	// it from no list (both are an empty cell), and readers take a missing
	// list as all empty.
	for k, l := range map[string][]string{"evidence_quotes": quotes, "evidence_paraphrases": paras, "evidence_dates": dates, "evidence_grades": grades} {
		if slices.ContainsFunc(l, func(s string) bool { return s != "" }) {
			p[k] = l
		}
	}
	setString(p, "date", string(e.Date))
	setString(p, "end_date", string(e.EndDate))
	setString(p, "description", e.Description)
	for k, v := range e.Props {
		p["props."+k] = v
	}
	return p
}

func setString(p map[string]any, k, v string) {
	if v != "" {
		p[k] = v
	}
}

// searchText is the node's normalised names joined by "|", which no
// normalised query contains: "q CONTAINS" on it finds exact, prefix and
// substring matches of any one name.
func searchText(n *graph.Node) string {
	names := []string{graph.Normalize(n.Name)}
	for _, a := range n.Aliases {
		names = append(names, graph.Normalize(a))
	}
	return strings.Join(names, "|")
}

// searchTerms is every word of every normalised name, and every whole
// name with its spaces as underscores, separated by spaces, for Lucene
// fuzzy matching with the whitespace analyzer (see Search).
func searchTerms(n *graph.Node) string {
	seen := map[string]bool{}
	var terms []string
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	for _, name := range append([]string{n.Name}, n.Aliases...) {
		nn := graph.Normalize(name)
		add(strings.ReplaceAll(nn, " ", "_"))
		for _, w := range strings.Fields(nn) {
			add(w)
		}
	}
	return strings.Join(terms, " ")
}

// decodeNode reads a graph.Node from a driver node.
func decodeNode(n driver.Node) (graph.Node, error) {
	var out graph.Node
	var err error
	if out.ID, err = driver.GetProperty[string](n, "id"); err != nil {
		return out, fmt.Errorf("node %s: id: %w", n.ElementId, err)
	}
	typ, err := driver.GetProperty[string](n, "type")
	if err != nil {
		return out, fmt.Errorf("node %s: type: %w", out.ID, err)
	}
	out.Type = graph.NodeType(typ)
	if out.Name, err = driver.GetProperty[string](n, "name"); err != nil {
		return out, fmt.Errorf("node %s: name: %w", out.ID, err)
	}
	if out.Aliases, err = stringList(n, "aliases"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	if out.Description, err = optString(n, "description"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	if out.Kind, err = optString(n, "kind"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	date, err := optString(n, "date")
	if err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	out.Date = graph.Date(date)
	if out.URL, err = optString(n, "url"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	if out.Props, err = propsOf(n); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	return out, nil
}

// decodeEdge reads a graph.Edge from a driver relationship and the ids of
// its endpoints.
func decodeEdge(r driver.Relationship, source, target string) (graph.Edge, error) {
	out := graph.Edge{Source: source, Target: target, Type: r.Type}
	var err error
	if out.ID, err = driver.GetProperty[string](r, "id"); err != nil {
		return out, fmt.Errorf("relationship %s: id: %w", r.ElementId, err)
	}
	status, err := driver.GetProperty[string](r, "status")
	if err != nil {
		return out, fmt.Errorf("relationship %s: status: %w", out.ID, err)
	}
	out.Status = graph.Status(status)
	var date, end string
	if date, err = optString(r, "date"); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	if end, err = optString(r, "end_date"); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	out.Date, out.EndDate = graph.Date(date), graph.Date(end)
	if out.Description, err = optString(r, "description"); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	lists := map[string][]string{}
	for _, k := range []string{"evidence_documents", "evidence_attributed_to", "evidence_stances"} {
		if lists[k], err = stringList(r, k); err != nil {
			return out, fmt.Errorf("relationship %s: %w", out.ID, err)
		}
	}
	// left out when all empty (see edgeProps); kinds, paraphrases, dates
	// and grades are written since dated evidence (2026-12): a database
	// loaded before has undated quotes only
	for _, k := range []string{"evidence_quotes", "evidence_kinds", "evidence_paraphrases", "evidence_dates", "evidence_grades"} {
		if _, ok := r.Props[k]; !ok {
			continue
		}
		if lists[k], err = stringList(r, k); err != nil {
			return out, fmt.Errorf("relationship %s: %w", out.ID, err)
		}
	}
	n := len(lists["evidence_documents"])
	for k, l := range lists {
		if len(l) != n {
			return out, fmt.Errorf("relationship %s: %s has %d entries, evidence_documents %d", out.ID, k, len(l), n)
		}
	}
	at := func(k string, i int) string {
		if l := lists[k]; l != nil {
			return l[i]
		}
		return ""
	}
	out.Evidence = make([]graph.Evidence, n)
	for i := range n {
		out.Evidence[i] = graph.Evidence{
			Document:     lists["evidence_documents"][i],
			Kind:         graph.EvidenceKind(at("evidence_kinds", i)),
			Quote:        at("evidence_quotes", i),
			Paraphrase:   at("evidence_paraphrases", i),
			Date:         graph.Date(at("evidence_dates", i)),
			AttributedTo: lists["evidence_attributed_to"][i],
			Stance:       graph.Stance(lists["evidence_stances"][i]),
			Grade:        graph.Status(at("evidence_grades", i)),
		}
		out.Evidence[i].Kind = out.Evidence[i].KindOf()
	}
	if out.Props, err = propsOf(r); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	return out, nil
}

func optString(e driver.Entity, key string) (string, error) {
	if _, ok := e.GetProperties()[key]; !ok {
		return "", nil
	}
	v, err := driver.GetProperty[string](e, key)
	if err != nil {
		return "", fmt.Errorf("%s: %w", key, err)
	}
	return v, nil
}

// stringList reads a list of strings; a missing or empty list is nil.
func stringList(e driver.Entity, key string) ([]string, error) {
	if _, ok := e.GetProperties()[key]; !ok {
		return nil, nil
	}
	l, err := driver.GetProperty[[]any](e, key)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	if len(l) == 0 {
		return nil, nil
	}
	out := make([]string, len(l))
	for i, v := range l {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s[%d]: expected string, found %T", key, i, v)
		}
		out[i] = s
	}
	return out, nil
}

func propsOf(e driver.Entity) (map[string]string, error) {
	var out map[string]string
	for k, v := range e.GetProperties() {
		key, ok := strings.CutPrefix(k, "props.")
		if !ok {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s: expected string, found %T", k, v)
		}
		if out == nil {
			out = map[string]string{}
		}
		out[key] = s
	}
	return out, nil
}

// schemaObjectName is the name a schema statement creates.
var schemaObjectName = regexp.MustCompile(`^CREATE (?:\w+ )?(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS`)

// CheckSchema lists what is wrong with the database's schema for this
// store: indexes or constraints that are missing (a database that the
// offline importer wrote and no load has run on), not online, or of an
// earlier version of the schema. Search and id lookups need them; Load
// creates or replaces them. Empty means the schema is complete. It reads
// only, so that a server started with a read-only user can still warn.
func (s *Store) CheckSchema(ctx context.Context) ([]string, error) {
	have, err := s.listIndexes(ctx)
	if err != nil {
		return nil, err
	}
	var problems []string
	for _, st := range schemaStatements() {
		m := schemaObjectName.FindStringSubmatch(st)
		if m == nil {
			return nil, fmt.Errorf("neo4j schema: no name in %q", st)
		}
		ix, ok := have[m[1]]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s is missing", m[1]))
		case ix.state != "ONLINE":
			problems = append(problems, fmt.Sprintf("%s is %s", m[1], ix.state))
		}
		if old, replaced := isReplaced(m[1], ix); ok && replaced {
			problems = append(problems, fmt.Sprintf("%s is of an earlier schema (on %s)", m[1], strings.Join(old, ", ")))
		}
	}
	return problems, nil
}
