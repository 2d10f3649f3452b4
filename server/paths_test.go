package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/backchannel/backchannel/graph"
)

type pathsBody struct {
	Paths []struct {
		Nodes []string `json:"nodes"`
		Edges []string `json:"edges"`
		Hops  int      `json:"hops"`
		Cost  float64  `json:"cost"`
	} `json:"paths"`
	Graph graph.Subgraph `json:"graph"`
}

func getPaths(t *testing.T, h http.Handler, url string) pathsBody {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", url, rec.Code, rec.Body)
	}
	var b pathsBody
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return b
}

// TestSeedHanDongToKovrig is issue 6's done-when check on the seed graph:
// every hop of the answer comes with its evidence, and keeping only
// confirmed relationships visibly changes the answer.
func TestSeedHanDongToKovrig(t *testing.T) {
	h := seedServer(t)
	const q = "/api/paths?from=person:han-dong&to=person:michael-kovrig&mode=k&k=3"
	all := getPaths(t, h, q)
	confirmed := getPaths(t, h, q+"&status=confirmed")
	for name, b := range map[string]pathsBody{"all": all, "confirmed": confirmed} {
		if len(b.Paths) == 0 {
			t.Fatalf("%s: no path from Han Dong to Michael Kovrig", name)
		}
		edges := map[string]graph.Edge{}
		for _, e := range b.Graph.Edges {
			edges[e.ID] = e
		}
		nodes := map[string]bool{}
		for _, n := range b.Graph.Nodes {
			nodes[n.ID] = true
		}
		for _, p := range b.Paths {
			for _, id := range p.Nodes {
				if !nodes[id] {
					t.Errorf("%s: node %s of path %v missing from graph", name, id, p.Nodes)
				}
			}
			for _, id := range p.Edges {
				e, ok := edges[id]
				if !ok || len(e.Evidence) == 0 || e.Evidence[0].Quote == "" || e.Evidence[0].AttributedTo == "" {
					t.Errorf("%s: hop %s has no evidence in the answer (%+v)", name, id, e)
				}
				if name == "confirmed" && e.Status != graph.Confirmed {
					t.Errorf("confirmed: hop %s is %s", id, e.Status)
				}
			}
		}
	}
	key := func(b pathsBody) []string {
		var out []string
		for _, p := range b.Paths {
			out = append(out, strings.Join(p.Edges, " "))
		}
		return out
	}
	if slices.Equal(key(all), key(confirmed)) {
		t.Errorf("status=confirmed did not change the answer: %v", key(all))
	}
	var sawUnconfirmed bool
	for _, e := range all.Graph.Edges {
		sawUnconfirmed = sawUnconfirmed || e.Status != graph.Confirmed
	}
	if !sawUnconfirmed {
		t.Errorf("unfiltered answer has only confirmed hops; the filter shows nothing")
	}
	// Only alleged and disputed claims do not connect them at all.
	if b := getPaths(t, h, "/api/paths?from=person:han-dong&to=person:michael-kovrig&status=alleged,disputed"); len(b.Paths) != 0 {
		t.Errorf("alleged,disputed: got %d paths, want none", len(b.Paths))
	}
}

func TestPathAndCentralityRoutes(t *testing.T) {
	h := seedServer(t)
	for _, tt := range []struct {
		url      string
		status   int
		contains string
	}{
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig", 200, `"hops":2`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&mode=weighted", 200, `"cost":2`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&mode=all", 200, `"paths":[{`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&maxHops=1", 200, `"paths":[]`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&before=2019", 200, `"paths":`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&avoid=event:dong-han-tao-conversation-2021-02", 200, `"paths":`},
		{"/api/paths?from=person:han-dong", 400, `query parameters`},
		{"/api/paths?from=person:nobody&to=person:michael-kovrig", 404, `person:nobody`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&mode=fastest", 400, `path mode`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&k=999&mode=k", 400, `k 999`},
		{"/api/paths?from=person:han-dong&to=person:michael-kovrig&status=rumoured", 400, `rumoured`},
		{"/api/centrality?metric=betweenness&top=3", 200, `"metric":"betweenness"`},
		{"/api/centrality?metric=pagerank&status=confirmed", 200, `"scores":[{"id":`},
		{"/api/centrality?metric=communities", 200, `"groups":[`},
		{"/api/centrality?metric=components&before=2021-02", 200, `"groups":[`},
		{"/api/centrality?metric=fame", 400, `metric \"fame\"`},
		{"/api/centrality", 400, `query parameters`},
		{"/api/centrality?metric=degree&top=0x", 400, `query parameters`},
	} {
		rec, _ := get(t, h, tt.url)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.contains) {
			t.Errorf("GET %s: got %d %.300s; want %d containing %s", tt.url, rec.Code, rec.Body, tt.status, tt.contains)
		}
	}
}

func TestCentralityIsDescending(t *testing.T) {
	h := seedServer(t)
	for _, metric := range []string{"degree", "in_degree", "out_degree", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector"} {
		rec, _ := get(t, h, "/api/centrality?top=10&metric="+metric)
		var body struct {
			Metric string `json:"metric"`
			Scores []struct {
				ID    string  `json:"id"`
				Score float64 `json:"score"`
			} `json:"scores"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != 200 {
			t.Fatalf("%s: %d %v %s", metric, rec.Code, err, rec.Body)
		}
		if body.Metric != metric || len(body.Scores) != 10 {
			t.Errorf("%s: got metric %q with %d scores, want 10", metric, body.Metric, len(body.Scores))
		}
		for i := 1; i < len(body.Scores); i++ {
			if body.Scores[i].Score > body.Scores[i-1].Score {
				t.Errorf("%s: scores not descending at %d: %v", metric, i, body.Scores)
			}
		}
	}
}
