package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
	"github.com/backchannel/backchannel/server"
)

func post(t *testing.T, h http.Handler, url, body string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	h.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("POST %s: body is not JSON: %v\n%s", url, err, rec.Body)
	}
	return rec, out
}

// TestCypherEmbedded: the embedded store runs no Cypher, and the answer
// says how to start with Neo4j.
func TestCypherEmbedded(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	rec, body := post(t, h, "/api/cypher", `{"query": "MATCH (n) RETURN n LIMIT 1"}`)
	if rec.Code != http.StatusNotImplemented {
		t.Fatalf("status: got %d, want 501; body %v", rec.Code, body)
	}
	msg, _ := body["error"].(string)
	for _, want := range []string{"make neo4j-up", "backchannel load --neo4j", "backchannel serve --neo4j"} {
		if !strings.Contains(msg, want) {
			t.Errorf("501 message %q does not say %q", msg, want)
		}
	}
}

// queryStore is the embedded store with a fake Cypher runner, to drive the
// handler's success and error paths without Neo4j (graph/neo4j and
// cmd/backchannel test the real thing).
type queryStore struct {
	*mem.Store
	query func(context.Context, graph.Query) (graph.QueryResult, error)
}

func (q queryStore) Query(ctx context.Context, gq graph.Query) (graph.QueryResult, error) {
	return q.query(ctx, gq)
}

func TestCypherHandler(t *testing.T) {
	st := mem.New()
	if err := st.Load(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	var got graph.Query
	qs := queryStore{Store: st, query: func(_ context.Context, q graph.Query) (graph.QueryResult, error) {
		if q.Cypher == "RETURN 1 AS x" {
			got = q
		}
		switch {
		case strings.HasPrefix(q.Cypher, "CREATE"):
			return graph.QueryResult{}, errors.Join(graph.ErrReadOnly, errors.New("the query writes to the graph"))
		case strings.HasPrefix(q.Cypher, "MATCH (n"):
			return graph.QueryResult{}, errors.Join(graph.ErrInvalid, errors.New("syntax error"))
		}
		return graph.QueryResult{Columns: []string{"x"}, Rows: [][]any{{int64(1)}}, Graph: graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}}}, nil
	}}
	h := server.New(qs, server.Options{}).Handler()
	tests := []struct {
		body   string
		status int
	}{
		{`{"query": "RETURN 1 AS x", "params": {"id": "person:han-dong"}, "max_rows": 3}`, 200},
		{`{"query": "CREATE (n)"}`, 403},
		{`{"query": "MATCH (n RETURN n"}`, 400},
		{`{"params": {}}`, 400},
		{`not json`, 400},
	}
	for _, tt := range tests {
		rec, body := post(t, h, "/api/cypher", tt.body)
		if rec.Code != tt.status {
			t.Errorf("POST /api/cypher %s: got %d %v, want %d", tt.body, rec.Code, body, tt.status)
		}
	}
	if got.Params["id"] != "person:han-dong" || got.MaxRows != 3 {
		t.Errorf("query passed on: got %+v", got)
	}
}
