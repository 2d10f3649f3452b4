package neo4j_test

import (
	"context"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/storetest"
)

func TestConformance(t *testing.T) {
	cfg := config(t)
	storetest.Run(t, func(t *testing.T, ds *graph.Dataset) graph.Store {
		t.Helper()
		st := mustOpen(t, cfg)
		if err := st.Load(t.Context(), ds); err != nil {
			t.Fatalf("load fixture: %v", err)
		}
		return st
	})
}

// TestServerVersion checks which Neo4j the tests run against, so that the
// version is known rather than assumed.
func TestServerVersion(t *testing.T) {
	st := mustOpen(t, config(t))
	v, err := st.ServerVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("server: %s", v)
	if !strings.HasPrefix(v, "Neo4j Kernel 5.26.") {
		t.Errorf("dbms.components(): got %q, want Neo4j Kernel 5.26.x", v)
	}
	res, err := st.Query(context.Background(), graph.Query{Cypher: "CALL dbms.components() YIELD versions RETURN versions[0] AS version"})
	if err != nil {
		t.Fatalf("console dbms.components(): %v", err)
	}
	if len(res.Rows) != 1 || !strings.HasPrefix(res.Rows[0][0].(string), "5.26.") {
		t.Errorf("console dbms.components(): got %v, want 5.26.x", res.Rows)
	}
}
