package neo4j_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/storetest"
)

// TestQueryRefusesWrites sends every kind of forbidden statement through
// the console: each must be refused with ErrReadOnly and change nothing.
func TestQueryRefusesWrites(t *testing.T) {
	st := mustLoad(t, storetest.Fixture())
	before, version := exportAll(t, st), mustVersion(t, st)
	counts := countAll(t, st)
	tests := []struct{ name, cypher string }{
		{"create", "CREATE (:Person {id: 'person:mallory', name: 'Mallory'})"},
		{"create returning", "CREATE (n:Entity {id: 'x'}) RETURN n"},
		{"merge", "MERGE (n:Person {id: 'person:han-dong'}) ON MATCH SET n.name = 'X' RETURN n"},
		{"set", "MATCH (n:Person) SET n.name = 'X'"},
		{"remove", "MATCH (n:Person) REMOVE n.name"},
		{"delete", "MATCH (n) DETACH DELETE n"},
		{"delete relationship", "MATCH ()-[r]->() DELETE r"},
		{"load csv", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"},
		{"load csv lower case", "load   csv with headers from 'https://example.org/x.csv' as l return l"},
		{"create index", "CREATE INDEX mallory FOR (n:Person) ON (n.email)"},
		{"drop constraint", "DROP CONSTRAINT entity_id_version"},
		{"create constraint", "CREATE CONSTRAINT m FOR (n:X) REQUIRE n.id IS UNIQUE"},
		{"dbms procedure", "CALL dbms.listConfig()"},
		{"dbms procedure quoted", "CALL `dbms`.`listConfig`() YIELD name RETURN name"},
		{"dbms kill", "CALL dbms.killConnections(['x'])"},
		{"db write procedure", "CALL db.createLabel('Mallory')"},
		{"db clear caches", "CALL db.clearQueryCaches()"},
		{"terminate", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"},
		{"show users", "SHOW USERS"},
		{"create user", "CREATE USER mallory SET PASSWORD 'secret123'"},
		{"use system", "USE system SHOW DATABASES"},
		{"in transactions", "MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS RETURN count(*)"},
		{"write in subquery", "MATCH (n:Person) CALL (n) { SET n.pwned = true } RETURN count(*)"},
		{"foreach", "MATCH (n:Person) WITH collect(n) AS ns FOREACH (x IN ns | SET x.pwned = true)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := st.Query(context.Background(), graph.Query{Cypher: tt.cypher})
			if !errors.Is(err, graph.ErrReadOnly) {
				t.Errorf("Query(%q): got %v, %v; want ErrReadOnly", tt.cypher, res, err)
			}
		})
	}
	if after := exportAll(t, st); !bytes.Equal(before, after) {
		t.Errorf("refused queries changed the graph")
	}
	if v := mustVersion(t, st); v != version {
		t.Errorf("version changed: %s -> %s", version, v)
	}
	if c := countAll(t, st); c != counts {
		t.Errorf("counts changed: %s -> %s", counts, c)
	}
}

func TestQuery(t *testing.T) {
	st := mustLoad(t, storetest.Fixture())
	ctx := context.Background()

	t.Run("graph", func(t *testing.T) {
		res, err := st.Query(ctx, graph.Query{Cypher: "MATCH (a:Person {id: $id})-[r:ADVISED]->(b) RETURN a.name AS who, r, b", Params: map[string]any{"id": "person:han-dong"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 || res.Rows[0][0] != "Han Dong" {
			t.Fatalf("rows: got %v", res.Rows)
		}
		e, ok := res.Rows[0][1].(graph.Edge)
		if !ok || e.Source != "person:han-dong" || len(e.Evidence) != 2 {
			t.Errorf("row edge: got %#v, want the native edge with its two evidence entries", res.Rows[0][1])
		}
		if len(res.Graph.Nodes) != 2 || len(res.Graph.Edges) != 1 {
			t.Errorf("graph: got %d nodes %d edges, want 2 and 1 (endpoints resolved)", len(res.Graph.Nodes), len(res.Graph.Edges))
		}
	})
	t.Run("relationship without its nodes", func(t *testing.T) {
		res, err := st.Query(ctx, graph.Query{Cypher: "MATCH ()-[r {id: 'conversation'}]->() RETURN r"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Graph.Edges) != 1 || len(res.Graph.Nodes) != 2 {
			t.Errorf("graph: got %+v, want the edge and both endpoints", res.Graph)
		}
	})
	t.Run("path", func(t *testing.T) {
		res, err := st.Query(ctx, graph.Query{Cypher: "MATCH p = shortestPath((a {id: 'person:han-dong'})-[*..4]-(b {id: 'person:michael-kovrig'})) RETURN p"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 || len(res.Graph.Edges) == 0 {
			t.Errorf("path: got %v rows, graph %+v", res.Rows, res.Graph)
		}
	})
	t.Run("row cap", func(t *testing.T) {
		res, err := st.Query(ctx, graph.Query{Cypher: "UNWIND range(1, 100) AS i RETURN i", MaxRows: 7})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 7 || !res.Truncated {
			t.Errorf("got %d rows, truncated %t; want 7, true", len(res.Rows), res.Truncated)
		}
		res, err = st.Query(ctx, graph.Query{Cypher: "UNWIND range(1, 7) AS i RETURN i", MaxRows: 7})
		if err != nil || len(res.Rows) != 7 || res.Truncated {
			t.Errorf("exactly the cap: got %d rows, truncated %t, %v; want 7, false", len(res.Rows), res.Truncated, err)
		}
	})
	t.Run("json numbers as parameters", func(t *testing.T) {
		res, err := st.Query(ctx, graph.Query{Cypher: "MATCH (n:Person) RETURN n.id AS id ORDER BY id LIMIT $n", Params: map[string]any{"n": float64(2)}})
		if err != nil || len(res.Rows) != 2 {
			t.Errorf("LIMIT $n with n = 2.0: got %v, %v", res.Rows, err)
		}
	})
	t.Run("values", func(t *testing.T) {
		res, err := st.Query(ctx, graph.Query{Cypher: "RETURN date('2021-02-14') AS d, 0.0/0.0 AS nan, {a: [1, 'x']} AS m, point({x: 1, y: 2}) AS p"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Rows[0][0] != "2021-02-14" || res.Rows[0][1] != "NaN" {
			t.Errorf("values: got %v", res.Rows[0])
		}
	})
	t.Run("syntax error", func(t *testing.T) {
		_, err := st.Query(ctx, graph.Query{Cypher: "MATCH (n RETURN n"})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("got %v, want ErrInvalid", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		_, err := st.Query(ctx, graph.Query{Cypher: "UNWIND range(1, 100000000) AS i WITH i WHERE i = -1 RETURN count(*)", TimeoutMillis: 200})
		if !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("got %v, want ErrUnavailable (timeout)", err)
		}
	})
	t.Run("allowed procedures", func(t *testing.T) {
		for _, q := range []string{
			"CALL db.labels() YIELD label RETURN label",
			"CALL db.index.fulltext.queryNodes('entity_names', 'kovrig') YIELD node RETURN node.id",
			"MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n // a string is not a command",
		} {
			if _, err := st.Query(ctx, graph.Query{Cypher: q}); err != nil {
				t.Errorf("Query(%q): %v", q, err)
			}
		}
	})
}
