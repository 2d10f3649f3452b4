package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/server"
	"github.com/backchannel/backchannel/server/auth"
)

// TestCypherSignInNeo4j: a team server on Neo4j with sign-in on. Without a
// credential the console is 401, a reader's request is 403, an analyst's
// read runs (200 with rows), and a cross-site POST is 403 whoever sends it.
func TestCypherSignInNeo4j(t *testing.T) {
	neo4jSeeds(t)
	path := filepath.Join(t.TempDir(), "users.json")
	users := &auth.Users{}
	tokens := map[string]string{}
	for name, role := range map[string]auth.Role{"ria": auth.Reader, "ana": auth.Analyst} {
		if err := users.Set(name, role, "correct horse battery"); err != nil {
			t.Fatal(err)
		}
		tok, err := users.NewToken(name)
		if err != nil {
			t.Fatal(err)
		}
		tokens[name] = tok
	}
	if err := users.Write(path); err != nil {
		t.Fatal(err)
	}
	f, err := auth.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := &Main{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &strings.Builder{}}
	src := sourceFlags{neo4j: testNeo4jFlags(t)}
	st, err := src.open(t.Context(), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeStore(m, st) })
	h := server.New(st, server.Options{Users: f, Hosts: []string{"team.example:8080"}}).Handler()

	query := `{"query": "MATCH (p:Person {id: 'person:han-dong'}) RETURN p.name AS name"}`
	tests := []struct {
		name   string
		header map[string]string
		code   int
		want   string
	}{
		{"no credential", nil, http.StatusUnauthorized, "sign in"},
		{"reader", map[string]string{"Authorization": "Bearer " + tokens["ria"]}, http.StatusForbidden, "needs analyst"},
		{"analyst", map[string]string{"Authorization": "Bearer " + tokens["ana"]}, http.StatusOK, "Han Dong"},
		{"analyst, cross-site", map[string]string{"Authorization": "Bearer " + tokens["ana"], "Origin": "https://evil.example"}, http.StatusForbidden, "cross-site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/api/cypher", strings.NewReader(query))
			req.Host = "team.example:8080"
			req.Header.Set("Content-Type", "application/json")
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("POST /api/cypher as %s: got %d %.300s; want %d with %q", tt.name, rec.Code, rec.Body, tt.code, tt.want)
			}
		})
	}
}
