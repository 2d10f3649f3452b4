package neo4j_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
	"github.com/backchannel/backchannel/graph/storetest"
)

// hostileQuery is one entry of testdata/hostile-cypher.json.
type hostileQuery struct {
	Name  string `json:"name"`
	Query string `json:"query"`
	// Want is "refused" (ErrReadOnly: the plan check refused it; 403) or
	// "invalid" (ErrInvalid: Neo4j cannot plan it, so it never runs; 400).
	Want string `json:"want"`
}

func readHostileCorpus(t *testing.T) []hostileQuery {
	t.Helper()
	b, err := os.ReadFile("testdata/hostile-cypher.json")
	if err != nil {
		t.Fatal(err)
	}
	var qs []hostileQuery
	if err := json.Unmarshal(b, &qs); err != nil {
		t.Fatalf("testdata/hostile-cypher.json: %v", err)
	}
	if len(qs) < 50 {
		t.Fatalf("testdata/hostile-cypher.json: %d queries, want the whole corpus", len(qs))
	}
	return qs
}

// TestQueryHostileCorpus sends every query of the hostile corpus (file
// reads and URL fetches by LOAD CSV in every spelling, administration
// commands behind option prefixes, procedures, writes, schema changes)
// through the console: each must be refused before it runs, and the
// database's fingerprint must not change.
func TestQueryHostileCorpus(t *testing.T) {
	st := mustLoad(t, storetest.Fixture())
	cfg := config(t)
	before := neo4jtest.Fingerprint(t, cfg)
	for _, q := range readHostileCorpus(t) {
		t.Run(q.Name, func(t *testing.T) {
			want := map[string]error{"refused": graph.ErrReadOnly, "invalid": graph.ErrInvalid}[q.Want]
			if want == nil {
				t.Fatalf("want %q: not refused or invalid", q.Want)
			}
			res, err := st.Query(context.Background(), graph.Query{Cypher: q.Query})
			if !errors.Is(err, want) {
				t.Errorf("Query(%q):\ngot  %v, %v\nwant %v", q.Query, res.Rows, err, want)
			}
		})
	}
	if after := neo4jtest.Fingerprint(t, cfg); after != before {
		t.Errorf("the hostile corpus changed the database: fingerprint %s -> %s", before, after)
	}
}

// TestServerHardened checks the Neo4j the tests run against the way a
// query that got past the console would meet it: LOAD CSV can read no
// file and fetch no URL. (scripts/neo4j-local and docker-compose.yml set
// this up; docs/neo4j.md tells a team how.)
func TestServerHardened(t *testing.T) {
	cfg := config(t)
	for _, q := range []string{
		"LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
		"LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l",
		"LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS l RETURN l",
		"LOAD CSV FROM 'http://[::1]:9/x.csv' AS l RETURN l",
	} {
		if err := neo4jtest.TryRun(cfg, q); err == nil || !strings.Contains(err.Error(), "ExternalResourceFailed") {
			t.Errorf("%s, outside the console: got %v, want Neo.ClientError.Statement.ExternalResourceFailed (the server must refuse file and URL access; see docs/neo4j.md)", q, err)
		}
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
