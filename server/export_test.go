package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph/export"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
)

func TestExportRoutes(t *testing.T) {
	h := newServer(t, storetest.Fixture())
	tests := []struct {
		method, url, body string
		status            int
		mediaType         string
		filename          string // in Content-Disposition
		contains          []string
		lacks             []string
	}{
		{method: "GET", url: "/api/export", status: 200, mediaType: "application/json", filename: `"backchannel.json"`,
			contains: []string{`"id":"person:han-dong"`, `"id":"advice-delay"`, `"stance":"denies"`}},
		{method: "GET", url: "/api/export?format=graphml&node=person:han-tao&depth=1", status: 200, mediaType: "application/graphml+xml",
			filename: `"backchannel-person_han-tao.graphml"`,
			contains: []string{`<graphml`, `<node id="person:han-dong">`, `<node id="office:consul-general-toronto">`},
			lacks:    []string{`person:michael-kovrig`}},
		{method: "GET", url: "/api/export?format=gexf&node=person:han-dong&status=disputed", status: 200, mediaType: "application/gexf+xml",
			contains: []string{`<edge id="advice-delay"`, `<spell start="2021-02-01" end="2021-02-28"/>`}, lacks: []string{`id="conversation"`}},
		{method: "GET", url: "/api/export?format=cytoscape&edges=conversation", status: 200, filename: `"backchannel-selection.cyjs"`,
			contains: []string{`"id":"person:han-tao"`, `"id":"conversation"`}, lacks: []string{`"id":"advice-delay"`}},
		{method: "GET", url: "/api/export?format=node-link&nodes=person:han-dong,person:han-tao&edges=conversation,advice-delay", status: 200,
			contains: []string{`"key":"advice-delay"`, `"multigraph":true`}},
		{method: "GET", url: "/api/export?format=ftm", status: 200, mediaType: "application/x-ndjson", contains: []string{`"schema":"Occupancy"`}},
		{method: "GET", url: "/api/export?format=neo4j-csv", status: 200, mediaType: "application/zip", filename: `"backchannel.zip"`},
		{method: "GET", url: "/api/export?format=svg", status: 400, contains: []string{`want one of cytoscape, ftm, gexf, graphml, json, neo4j-csv, node-link`}},
		{method: "GET", url: "/api/export?node=person:han-do", status: 404, contains: []string{`person:han-do`}},
		{method: "GET", url: "/api/export?edges=nope", status: 404, contains: []string{`edge \"nope\"`}},
		{method: "GET", url: "/api/export?depth=2", status: 400, contains: []string{`give node=ID too`}},
		{method: "GET", url: "/api/export?node=person:han-dong&depth=9", status: 400, contains: []string{`depth 9`}},
		{method: "GET", url: "/api/export?node=person:han-dong&nodes=person:han-tao", status: 400, contains: []string{`not both`}},
		{method: "POST", url: "/api/export?format=graphml", status: 200, mediaType: "application/graphml+xml",
			body:     `{"nodes":[{"id":"person:b","type":"person","name":"B"},{"id":"person:a","type":"person","name":"A"}],"edges":[]}`,
			contains: []string{`<node id="person:a">`}},
		{method: "POST", url: "/api/export", status: 400, body: `{"nodes":[{"id":1}]}`, contains: []string{`native JSON subgraph`}},
		{method: "POST", url: "/api/export", status: 400, body: `{"vertices":[]}`, contains: []string{`unknown field`}},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.url, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.url, strings.NewReader(tc.body)))
			body := rec.Body.String()
			if rec.Code != tc.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", tc.method, tc.url, rec.Code, tc.status, body)
			}
			if ct := rec.Header().Get("Content-Type"); tc.mediaType != "" && !strings.HasPrefix(ct, tc.mediaType) {
				t.Errorf("Content-Type %q, want %q", ct, tc.mediaType)
			}
			if cd := rec.Header().Get("Content-Disposition"); tc.filename != "" && !strings.Contains(cd, "filename="+tc.filename) {
				t.Errorf("Content-Disposition %q, want filename=%s", cd, tc.filename)
			}
			if tc.status != 200 {
				var e struct{ Error string }
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
					t.Errorf("error body is not {\"error\": ...}: %s", body)
				}
			}
			for _, s := range tc.contains {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %s:\n%s", s, body)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(body, s) {
					t.Errorf("body has %s:\n%s", s, body)
				}
			}
			if tc.mediaType == "application/zip" {
				if _, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len())); err != nil {
					t.Errorf("body is not a zip archive: %v", err)
				}
			}
		})
	}
}

// TestExportMatchesCLI: the API's whole-graph export is the same bytes as
// the export package writes from the store (which the CLI uses); native
// JSON from the API also carries each relationship's status timeline
// (export.WithTimelines), which the CLI's dataset encoding leaves out.
func TestExportMatchesCLI(t *testing.T) {
	ds := storetest.Fixture()
	h := newServer(t, ds)
	st := mem.New()
	if err := st.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	for _, f := range export.Formats() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/export?format="+f.Name, nil))
		var want bytes.Buffer
		if err := f.Write(context.Background(), &want, export.WithTimelines(st)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(rec.Body.Bytes(), want.Bytes()) {
			t.Errorf("GET /api/export?format=%s differs from export.Write over the store", f.Name)
		}
	}
}
