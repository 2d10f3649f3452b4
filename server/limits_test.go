package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
	"github.com/backchannel/backchannel/server"
)

// downStore is a store whose database does not answer: every call fails
// with ErrUnavailable, as the Neo4j store does while its server is down.
type downStore struct {
	graph.Store
	err error
}

func (d downStore) Ping(context.Context) error { return d.err }
func (d downStore) Version(context.Context) (string, error) {
	return "", d.err
}

func TestHealth(t *testing.T) {
	st := mem.New()
	if err := st.Load(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	up := server.New(st, server.Options{}).Handler()
	downErr := fmt.Errorf("%w: neo4j at bolt://db:7687 is not answering", graph.ErrUnavailable)
	down := server.New(downStore{Store: st, err: downErr}, server.Options{}).Handler()
	tests := []struct {
		name string
		h    http.Handler
		url  string
		code int
		want string
	}{
		{"healthz up", up, "/healthz", 200, `"status":"ok"`},
		{"readyz up", up, "/readyz", 200, `"status":"ready"`},
		{"healthz down", down, "/healthz", 503, `bolt://db:7687 is not answering`},
		{"readyz down", down, "/readyz", 503, `"status":"unavailable"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, _ := get(t, tt.h, tt.url)
			if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("GET %s: got %d %s, want %d with %s", tt.url, rec.Code, rec.Body, tt.code, tt.want)
			}
		})
	}
}

// TestSearchInputCap: a 1 MB search is a 400 at once, that gives the
// limit and does not echo the query.
func TestSearchInputCap(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	q := strings.Repeat("kovrig ", 150_000)[:1<<20]
	for _, route := range []string{"/api/search", "/api/search/text"} {
		start := time.Now()
		rec, _ := get(t, h, route+"?q="+url.QueryEscape(q))
		d := time.Since(start)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), fmt.Sprint(graph.MaxSearchQuery)) || rec.Body.Len() > 400 {
			t.Errorf("1 MB %s: got %d, %d bytes: %.300s; want 400 with the limit, short", route, rec.Code, rec.Body.Len(), rec.Body)
		}
		// Not a timing test (those live in benchmarks): a refusal that
		// does any work on a megabyte would take far longer than this.
		if d > 2*time.Second {
			t.Errorf("1 MB %s took %v", route, d)
		}
	}
}

// TestBodyCaps: bodies are capped per route, with 413 and a message that
// says the limit; a cap is applied before the body is read whole.
func TestBodyCaps(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	post := func(path string, body string, declared bool) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if !declared {
			req.ContentLength = -1 // chunked: the cap must hold while reading
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	big := `{"query": "` + strings.Repeat("x", 100<<10) + `"}`
	for _, declared := range []bool{true, false} {
		rec := post("/api/cypher", big, declared)
		if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "64 KiB") {
			t.Errorf("POST /api/cypher 100 KiB (declared %t): got %d %.200s, want 413 naming the 64 KiB limit", declared, rec.Code, rec.Body)
		}
	}
	if rec := post("/api/search", strings.Repeat("x", 100<<10), true); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 100 KiB body on a read route: got %d, want 413", rec.Code)
	}
}

// TestErrorBodiesAreShort: no error body echoes more than a short prefix
// of the input.
func TestErrorBodiesAreShort(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	long := strings.Repeat("person:x", 20_000)
	for _, u := range []string{
		"/api/nodes/" + long,
		"/api/nodes/" + long + "/neighbors",
		"/api/paths?from=" + long + "&to=person:han-dong",
		"/api/export?format=" + long,
		"/api/centrality?metric=" + long,
	} {
		rec, _ := get(t, h, u)
		if rec.Code < 400 || rec.Body.Len() > 1000 {
			t.Errorf("GET %.60s...: got %d with %d bytes, want an error under 1000 bytes", u, rec.Code, rec.Body.Len())
		}
	}
}
