package neo4j_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
	"github.com/backchannel/backchannel/graph/storetest"
)

// TestFulltextIndex checks the one full-text index a load leaves, after
// the two of the earlier schema, and the queries docs/neo4j.md shows.
func TestFulltextIndex(t *testing.T) {
	cfg := config(t)
	neo4jtest.Wipe(t, cfg)
	// The earlier schema's indexes, as a database loaded before the change
	// has them (dropped first: this database has the current ones).
	for _, stmt := range []string{
		"DROP INDEX entity_names IF EXISTS",
		"DROP INDEX entity_search_terms IF EXISTS",
		"CREATE FULLTEXT INDEX entity_search_terms FOR (n:Entity) ON EACH [n.search_terms] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
		"CREATE FULLTEXT INDEX entity_names FOR (n:Entity) ON EACH [n.name, n.aliases] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
	} {
		neo4jtest.Run(t, cfg, stmt)
	}
	st := mustLoad(t, storetest.Fixture())
	ctx := context.Background()

	// SHOW is refused by the store's console; ask the server directly.
	// Only this store's: a database may have others of its users'.
	rows := neo4jtest.Run(t, cfg, "SHOW FULLTEXT INDEXES YIELD name, properties WHERE name IN ['entity_names', 'entity_search_terms'] RETURN name, properties ORDER BY name")
	if got, want := fmt.Sprint(rows), "[[entity_names [search_terms]]]"; got != want {
		t.Errorf("full-text indexes after a load: got %s, want %s", got, want)
	}

	tests := []struct {
		query string
		want  string // a node id among the hits
	}{
		{"dong", "person:han-dong"},              // a word
		{"han_dong", "person:han-dong"},          // a whole name
		{"han_dnog~1", "person:han-dong"},        // a whole name, one transposition away
		{"kovrik~", "person:michael-kovrig"},     // docs/neo4j.md's example
		{"consul_general_han", "person:han-tao"}, // an alias
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			res, err := st.Query(ctx, graph.Query{
				Cypher: "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id",
				Params: map[string]any{"q": tc.query},
			})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range res.Rows {
				ids = append(ids, fmt.Sprint(r[0]))
			}
			if !slices.Contains(ids, tc.want) {
				t.Errorf("queryNodes('entity_names', %q): got %v, want %s among them", tc.query, ids, tc.want)
			}
		})
	}
}

// TestCheckSchema: a loaded database has nothing to report; a missing
// index and one of the earlier schema are named; the next load repairs
// both.
func TestCheckSchema(t *testing.T) {
	cfg := config(t)
	st := mustLoad(t, storetest.Fixture())
	ctx := context.Background()
	check := func(want ...string) {
		t.Helper()
		got, err := st.CheckSchema(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("CheckSchema = %q, want %q", got, want)
		}
	}
	check()
	neo4jtest.Run(t, cfg, "DROP INDEX entity_search")
	neo4jtest.Run(t, cfg, "DROP INDEX entity_names")
	neo4jtest.Run(t, cfg, "CREATE FULLTEXT INDEX entity_names FOR (n:Entity) ON EACH [n.name, n.aliases]")
	neo4jtest.Run(t, cfg, "CALL db.awaitIndexes(60)")
	check("entity_search is missing", "entity_names is of an earlier schema (on name, aliases)")
	if err := st.Load(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	check()
}
