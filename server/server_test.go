package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
	"github.com/backchannel/backchannel/server"
)

// newServer returns the API over the embedded store loaded with ds.
func newServer(t *testing.T, ds *graph.Dataset) http.Handler {
	t.Helper()
	st := mem.New()
	if err := st.Load(t.Context(), ds); err != nil {
		t.Fatalf("load: %v", err)
	}
	return server.New(st, server.Options{}).Handler()
}

// seedServer serves the shipped seed dataset.
func seedServer(t *testing.T) http.Handler {
	t.Helper()
	res, err := dataset.Load(t.Context(), "../seeds")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Fatalf("seeds do not validate: %v", res.Problems)
	}
	return newServer(t, res.Dataset)
}

func get(t *testing.T, h http.Handler, url string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	var body map[string]any
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("GET %s: body is not JSON: %v\n%s", url, err, rec.Body)
		}
	}
	return rec, body
}

func TestRoutes(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	tests := []struct {
		url      string
		status   int
		contains string // in the body
	}{
		{"/healthz", 200, `"backend":"embedded"`},
		{"/api/search?q=kovrig", 200, `"id":"person:michael-kovrig"`},
		{"/api/search?q=kovrig&limit=1", 200, `"match":"exact"`},
		{"/api/search", 400, `empty search query`},
		{"/api/search?q=han&limit=1000", 400, `limit 1000`},
		{"/api/search?q=han&limit=x", 400, `query parameters`},
		{"/api/nodes/person:han-dong", 200, `"attributed_to":"Han Dong, emailed statement to Global News"`},
		{"/api/nodes/person:nobody", 404, `node \"person:nobody\"`},
		// The store says what is missing; the server says what to do.
		{"/api/nodes/person:han-do", 404, `not found: node \"person:han-do\": search for it with /api/search?q=han+do`},
		{"/api/nodes/person:han-do/neighbors", 404, `search for it with /api/search?q=han+do`},
		{"/api/nodes/person:han-dong/neighbors?depth=2", 200, `"han-tao-office"`},
		{"/api/nodes/person:han-dong/neighbors?status=confirmed", 200, `"conversation"`},
		{"/api/nodes/person:han-dong/neighbors?status=rumoured", 400, `status \"rumoured\"`},
		{"/api/nodes/person:han-dong/neighbors?types=KNOWS", 400, `relationship type \"KNOWS\"`},
		{"/api/nodes/person:han-dong/neighbors?depth=9", 400, `depth 9`},
		{"/api/nodes/person:han-dong/neighbors?before=Feb", 400, `date \"Feb\"`},
		{"/api/nodes/org:prc/neighbors?depth=3&limit=3", 200, `"truncated":true`},
		{"/api/stats", 200, `"nodes":11`},
		{"/api/vocabulary", 200, `"HOLDS_OFFICE"`},
		{"/api/vocabulary", 200, `"metrics":["degree","in_degree","out_degree","betweenness"`},
		{"/api/documents/doc:article", 200, `"has_text":true`},
		{"/api/documents/doc:article", 200, `"quote":"Beijing ought to maintain off liberating Michael Kovrig and Michael Spavor","attributed_to":"two national security sources","stance":"supports","start":`},
		{"/api/documents/person:han-dong", 400, `not a document`},
		{"/api/documents/doc:nope", 404, `node \"doc:nope\"`},
		{"/api/search/text?q=back+channel", 200, `"kind":"text","document":"doc:article","snippet":"…`},
		{"/api/search/text?q=ought+to+maintain", 200, `"kind":"quote","document":"doc:article","edge":"advice-delay"`},
		{"/api/search/text", 400, `empty search query`},
		{"/api/search/text?q=x&limit=1000", 400, `limit 1000`},
		{"/api/nope", 404, `no such endpoint`},
	}
	for _, tt := range tests {
		rec, _ := get(t, h, tt.url)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
			t.Errorf("GET %s: got %d %s\nwant %d and a body containing %s", tt.url, rec.Code, rec.Body, tt.status, tt.contains)
		}
		if rec.Code >= 400 && !strings.HasPrefix(rec.Body.String(), `{"error":`) {
			t.Errorf("GET %s: error body %s is not {\"error\": ...}", tt.url, rec.Body)
		}
	}
}

func TestNeighborsFilterChangesAnswer(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	_, all := get(t, h, "/api/nodes/person:han-dong/neighbors")
	_, confirmed := get(t, h, "/api/nodes/person:han-dong/neighbors?status=confirmed")
	if a, c := len(all["edges"].([]any)), len(confirmed["edges"].([]any)); a != 3 || c != 1 {
		t.Errorf("edges: %d unfiltered, %d confirmed; want 3 and 1", a, c)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	rec, _ := get(t, h, "/")
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy %q: want script-src 'self' and no unsafe-inline", csp)
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options: got %q, want nosniff", got)
	}
}

// TestSeedHanDong is the foundation issue's acceptance check: Han Dong's
// neighbourhood shows the February 2021 conversation with Han Tao, and
// the advice to delay freeing the Two Michaels as disputed, with the
// sources' allegation and Dong's denial both quoted.
func TestSeedHanDong(t *testing.T) {
	h := seedServer(t)
	rec, body := get(t, h, "/api/search?q=kovrig")
	if rec.Code != 200 || body["results"].([]any)[0].(map[string]any)["id"] != "person:michael-kovrig" {
		t.Fatalf("search kovrig: %d %s", rec.Code, rec.Body)
	}
	rec, body = get(t, h, "/api/nodes/person:han-dong/neighbors")
	if rec.Code != 200 {
		t.Fatalf("neighbors: %d %s", rec.Code, rec.Body)
	}
	var edges []graph.Edge
	raw, err := json.Marshal(body["edges"])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &edges); err != nil {
		t.Fatal(err)
	}
	var conversation, advice bool
	for _, e := range edges {
		if e.Source != "person:han-dong" || e.Target != "person:han-tao" || e.Date != "2021-02" {
			continue
		}
		if e.Type == "CONTACTED" && e.Status == graph.Confirmed {
			conversation = true
		}
		if e.Type == "ADVISED" && e.Status == graph.Disputed && strings.Contains(e.Description+e.ID, "delay") {
			var allegation, denial bool
			for _, ev := range e.Evidence {
				allegation = allegation || (ev.Stance == graph.Supports && strings.Contains(ev.AttributedTo, "sources") && ev.Quote != "")
				denial = denial || (ev.Stance == graph.Denies && strings.Contains(ev.AttributedTo, "Dong") && ev.Quote != "")
			}
			advice = allegation && denial
		}
	}
	if !conversation {
		t.Error("Han Dong's neighbourhood lacks the confirmed February 2021 conversation with Han Tao")
	}
	if !advice {
		t.Error("Han Dong's neighbourhood lacks the disputed advice to delay, with the sources' allegation and Dong's denial quoted")
	}
}
