package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
	"github.com/backchannel/backchannel/server"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// neo4jSeeds loads the seeds into the test Neo4j with `backchannel load`
// and returns the URI.
func neo4jSeeds(t *testing.T) string {
	t.Helper()
	cfg := neo4jtest.Config(t)
	args := []string{"load", "--neo4j", cfg.URI, "--quiet"}
	if cfg.User != "" || cfg.Password != "" {
		args = append(args, "--user", cfg.User, "--password", cfg.Password)
	}
	if cfg.Database != "" {
		args = append(args, "--database", cfg.Database)
	}
	if code, out, errOut := run(t, append(args, "../../seeds")...); code != 0 {
		t.Fatalf("backchannel load: exit %d\n%s%s", code, out, errOut)
	}
	return cfg.URI
}

func handlerFor(t *testing.T, src sourceFlags) (http.Handler, graph.Store) {
	t.Helper()
	m := &Main{Stdin: strings.NewReader(""), Stdout: os.Stdout, Stderr: os.Stderr}
	st, err := src.open(t.Context(), m)
	if err != nil {
		t.Fatalf("open %+v: %v", src, err)
	}
	t.Cleanup(func() { closeStore(m, st) })
	return server.New(st, server.Options{}).Handler(), st
}

// TestAPIParity: `serve --neo4j` answers every API request exactly as
// the embedded store does.
func TestAPIParity(t *testing.T) {
	neo4jSeeds(t)
	memH, _ := handlerFor(t, sourceFlags{data: "../../seeds"})
	neoH, _ := handlerFor(t, sourceFlags{neo4j: testNeo4jFlags(t)})
	urls := []string{
		"/api/stats",
		"/api/vocabulary",
		"/api/search?q=kovrig",
		"/api/search?q=han",
		"/api/search?q=dong&limit=3",
		"/api/search?q=spavr",
		"/api/search?q=consul%20general",
		"/api/search?q=o%27toole",
		"/api/search?q=",
		"/api/nodes/person:han-dong",
		"/api/nodes/person:nobody",
		"/api/nodes/person:han-dong/neighbors",
		"/api/nodes/person:han-dong/neighbors?depth=2",
		"/api/nodes/person:han-dong/neighbors?depth=3&limit=10",
		"/api/nodes/person:han-dong/neighbors?status=disputed,alleged",
		"/api/nodes/person:han-dong/neighbors?depth=9",
		"/api/paths?from=person:han-dong&to=person:michael-kovrig",
		"/api/centrality?metric=degree&top=10",
		"/api/centrality?metric=pagerank&top=10",
		"/api/export?format=json",
		"/api/export?format=json&node=person:han-dong&depth=2",
	}
	for _, u := range urls {
		mem, neo := serve(t, memH, u), serve(t, neoH, u)
		if mem.code != neo.code || !reflect.DeepEqual(mem.body, neo.body) {
			t.Errorf("GET %s:\nembedded %d %.400s\n   neo4j %d %.400s", u, mem.code, mem.raw, neo.code, neo.raw)
		}
	}
}

func testNeo4jFlags(t *testing.T) neo4jFlags {
	cfg := neo4jtest.Config(t)
	return neo4jFlags{URI: cfg.URI, User: cfg.User, Password: cfg.Password, Database: cfg.Database}
}

type response struct {
	code int
	raw  string
	body any
}

func serve(t *testing.T, h http.Handler, url string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	r := response{code: rec.Code, raw: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), &r.body); err != nil {
		r.body = rec.Body.String()
	}
	// The one field that differs by design.
	if m, ok := r.body.(map[string]any); ok {
		delete(m, "backend")
	}
	return r
}

// TestCypherAPI: POST /api/cypher on Neo4j reads, refuses writes with 403
// and changes nothing.
func TestCypherAPI(t *testing.T) {
	neo4jSeeds(t)
	h, st := handlerFor(t, sourceFlags{neo4j: testNeo4jFlags(t)})
	before, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	post := func(body string) response {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/api/cypher", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		r := response{code: rec.Code, raw: rec.Body.String()}
		if err := json.Unmarshal(rec.Body.Bytes(), &r.body); err != nil {
			t.Fatalf("body is not JSON: %s", rec.Body)
		}
		return r
	}
	r := post(`{"query": "MATCH (p:Person {id: $id})-[r]-(x) RETURN p, r, x", "params": {"id": "person:han-dong"}}`)
	if r.code != 200 || !strings.Contains(r.raw, `"graph":{"nodes":[`) || !strings.Contains(r.raw, `"evidence":[`) {
		t.Errorf("read query: got %d %.300s", r.code, r.raw)
	}
	for _, q := range []string{
		`{"query": "MATCH (p:Person {id: 'person:han-dong'}) SET p.name = 'X' RETURN p"}`,
		`{"query": "MATCH (n) DETACH DELETE n"}`,
		`{"query": "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"}`,
	} {
		if r := post(q); r.code != http.StatusForbidden {
			t.Errorf("POST %s: got %d %s, want 403", q, r.code, r.raw)
		}
	}
	// The whole hostile corpus over HTTP: 403 for what the plan check
	// refuses, 400 for what Neo4j cannot plan; never a 2xx, never the
	// query echoed whole.
	for _, hq := range hostileCorpus(t) {
		body, err := json.Marshal(map[string]string{"query": hq.Query})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"refused": http.StatusForbidden, "invalid": http.StatusBadRequest}[hq.Want]
		if r := post(string(body)); r.code != want {
			t.Errorf("%s: POST /api/cypher %q: got %d %.300s, want %d", hq.Name, hq.Query, r.code, r.raw, want)
		} else if hq.Want == "refused" && !strings.Contains(r.raw, "refuses") && !strings.Contains(r.raw, "not allowed") && !strings.Contains(r.raw, "writes") && !strings.Contains(r.raw, "database") {
			t.Errorf("%s: the 403 does not name what was refused: %s", hq.Name, r.raw)
		}
	}
	after, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.Node(context.Background(), "person:han-dong")
	if before != after || err != nil || n.Name != "Han Dong" {
		t.Errorf("refused writes changed the graph: version %s -> %s, han-dong %q %v", before, after, n.Name, err)
	}
}

// hostileCorpus reads graph/neo4j's hostile Cypher corpus.
func hostileCorpus(t *testing.T) []struct{ Name, Query, Want string } {
	t.Helper()
	b, err := os.ReadFile("../../graph/neo4j/testdata/hostile-cypher.json")
	if err != nil {
		t.Fatal(err)
	}
	var qs []struct{ Name, Query, Want string }
	if err := json.Unmarshal(b, &qs); err != nil || len(qs) < 50 {
		t.Fatalf("hostile corpus: %d queries, %v", len(qs), err)
	}
	return qs
}

func TestLoadAndQueryCommands(t *testing.T) {
	uri := neo4jSeeds(t)
	// A broken dataset is refused before anything is written.
	code, _, errOut := run(t, "load", "--neo4j", uri, "../../graph/dataset/testdata/broken")
	if code != 1 || !strings.Contains(errOut, "person:han-do") {
		t.Errorf("load broken: exit %d, %s", code, errOut)
	}
	code, out, errOut := run(t, "query", "--neo4j", uri, "MATCH (p:Person {id: 'person:han-dong'}) RETURN p.name AS name")
	if code != 0 || !strings.Contains(out, "Han Dong") || !strings.Contains(out, "(1 rows)") {
		t.Errorf("query table: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "query", "--neo4j", uri, "--format", "json", "--param", `id="person:han-dong"`, "MATCH (p:Person {id: $id}) RETURN p")
	if code != 0 || !strings.Contains(out, `"columns": [`) || !strings.Contains(out, `"id": "person:han-dong"`) {
		t.Errorf("query json: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = run(t, "query", "--neo4j", uri, "CREATE (n) RETURN n")
	if code != 1 || !strings.Contains(errOut, "read-only") {
		t.Errorf("query write: exit %d, %s", code, errOut)
	}
	// The CLI has the same check as the console: a Unicode space does not
	// get LOAD CSV through.
	code, out, errOut = run(t, "query", "--neo4j", uri, "LOAD\u00a0CSV FROM 'file:///etc/passwd' AS l RETURN l")
	if code != 1 || !strings.Contains(errOut, "LoadCSV") || strings.Contains(out, "root:") {
		t.Errorf("query LOAD\\u00a0CSV: exit %d\n%s%s", code, out, errOut)
	}
	// Seeds still loaded, nothing to do.
	code, _, errOut = run(t, "load", "--neo4j", uri, "../../seeds")
	if code != 0 || !strings.Contains(errOut, "nothing to write") {
		t.Errorf("load again: exit %d, %s", code, errOut)
	}
}
