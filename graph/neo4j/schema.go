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
//     description, "props.KEY", v, and its evidence as four parallel
//     lists: evidence_documents, evidence_quotes, evidence_attributed_to,
//     evidence_stances (entry i of each list is one Evidence);
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

// awaitFulltext waits until the eventually consistent full-text indexes
// hold every committed write.
func (s *Store) awaitFulltext(ctx context.Context) error {
	sess := s.session(ctx, driver.AccessModeWrite)
	res, err := sess.Run(ctx, "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err = closeSession(ctx, sess, mapError(err)); err != nil {
		return fmt.Errorf("load: wait for the full-text indexes: %w", err)
	}
	return nil
}
