package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/backchannel/backchannel/graph"
)

const (
	adviceID       = "person:han-dong>ADVISED>person:han-tao:delay-release"
	conversationID = "person:han-dong>CONTACTED>person:han-tao"
)

// getJSON decodes GET url into v, failing unless it answers 200.
func getJSON(t *testing.T, h http.Handler, url string, v any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// TestStoryAsOf: the advice claim is disputed as of April 2023 and refuted
// as of June 2023, the rapporteur's finding being what changed it; the
// conversation is confirmed at both dates.
func TestStoryAsOf(t *testing.T) {
	h := seedServer(t)
	tests := []struct {
		before             string
		advice, convo      graph.Status
		lastStepBy         string
		lastStepDate       graph.Date
		lastStepKind       graph.EvidenceKind
		lastStepDocumentID string
	}{
		{"2023-04", graph.Disputed, graph.Confirmed, "two national security sources", "2023-03-22", graph.Quote, "doc:24ca-2023-03-22-han-dong-two-michaels"},
		{"2023-06", graph.Refuted, graph.Confirmed, "David Johnston, special rapporteur, first report", "2023-05-23", graph.Paraphrase, "doc:24ca-2023-05-23-johnston-on-dong"},
		{"2025-07", graph.Refuted, graph.Confirmed, "David Johnston, special rapporteur, first report", "2023-05-23", graph.Paraphrase, "doc:24ca-2023-05-23-johnston-on-dong"},
	}
	for _, tt := range tests {
		t.Run(tt.before, func(t *testing.T) {
			var sub graph.Subgraph
			getJSON(t, h, "/api/nodes/person:han-dong/neighbors?before="+tt.before, &sub)
			byID := map[string]graph.Edge{}
			for _, e := range sub.Edges {
				byID[e.ID] = e
			}
			advice, convo := byID[adviceID], byID[conversationID]
			if advice.Status != tt.advice || convo.Status != tt.convo {
				t.Fatalf("advice %q, conversation %q; want %q and %q", advice.Status, convo.Status, tt.advice, tt.convo)
			}
			steps := advice.Timeline
			if len(steps) == 0 {
				t.Fatalf("advice has no timeline")
			}
			last := steps[len(steps)-1]
			if last.Status != tt.advice || last.Date != tt.lastStepDate {
				t.Errorf("advice's last step %+v, want %s on %s", last, tt.advice, tt.lastStepDate)
			}
			ev := advice.Evidence[last.Evidence[0]]
			if ev.AttributedTo != tt.lastStepBy || ev.Kind != tt.lastStepKind || ev.Document != tt.lastStepDocumentID {
				t.Errorf("the evidence that changed it: %+v; want %s (%s) in %s", ev, tt.lastStepBy, tt.lastStepKind, tt.lastStepDocumentID)
			}
		})
	}
}

// TestStoryPathsAndCentrality: the shortest confirmed-or-reported path
// from Han Dong to the consul general is the conversation, never the
// refuted advice, and paths leave refuted claims out by default;
// centrality with refuted claims left out (the default) differs from
// centrality with them, and both are pinned.
func TestStoryPathsAndCentrality(t *testing.T) {
	h := seedServer(t)
	var paths struct {
		Paths []struct {
			Edges []string `json:"edges"`
		} `json:"paths"`
		Claims   graph.Claims   `json:"claims"`
		Excluded []graph.Status `json:"excluded_statuses"`
	}
	// Han Tao is the consul general; every shortest confirmed-or-reported
	// path is the conversation
	getJSON(t, h, "/api/paths?from=person:han-dong&to=person:han-tao&status=confirmed,reported&mode=all", &paths)
	if len(paths.Paths) != 1 || !slices.Equal(paths.Paths[0].Edges, []string{conversationID}) {
		t.Errorf("confirmed-or-reported paths to Han Tao: %+v; want the conversation alone", paths.Paths)
	}
	// and as of June 2023, once the advice was refuted, whatever the
	// status filter
	getJSON(t, h, "/api/paths?from=person:han-dong&to=person:han-tao&mode=all&before=2023-06", &paths)
	for _, p := range paths.Paths {
		if slices.Contains(p.Edges, adviceID) {
			t.Errorf("paths as of 2023-06 use the refuted advice: %v", p.Edges)
		}
	}
	getJSON(t, h, "/api/paths?from=person:han-dong&to=person:han-tao&mode=all", &paths)
	if paths.Claims != graph.StandingClaims || !slices.Equal(paths.Excluded, []graph.Status{graph.Refuted, graph.Retracted}) {
		t.Errorf("paths by default: claims %q, excluded %v; want standing, [refuted retracted]", paths.Claims, paths.Excluded)
	}
	for _, p := range paths.Paths {
		if slices.Contains(p.Edges, adviceID) {
			t.Errorf("paths by default use the refuted advice: %v", p.Edges)
		}
	}
	getJSON(t, h, "/api/paths?from=person:han-dong&to=person:han-tao&mode=all&claims=all", &paths)
	if !slices.ContainsFunc(paths.Paths, func(p struct {
		Edges []string `json:"edges"`
	}) bool {
		return slices.Contains(p.Edges, adviceID)
	}) {
		t.Errorf("claims=all: no path uses the advice")
	}

	type centrality struct {
		Claims        graph.Claims `json:"claims"`
		Relationships int          `json:"relationships"`
		Scores        []struct {
			ID    string  `json:"id"`
			Score float64 `json:"score"`
		} `json:"scores"`
	}
	var standing, all centrality
	getJSON(t, h, "/api/centrality?metric=degree&top=1", &standing)
	getJSON(t, h, "/api/centrality?metric=degree&top=1&claims=all", &all)
	if standing.Claims != graph.StandingClaims || all.Claims != graph.AllClaims {
		t.Errorf("claims: %q and %q, want standing and all", standing.Claims, all.Claims)
	}
	// One relationship of the seeds is refuted, the advice, and it
	// touches Han Dong: his degree (normalised by the 78 other nodes)
	// drops by one when it is left out: 31 of the 77 others, else 32.
	if standing.Relationships != all.Relationships-1 {
		t.Errorf("relationships: standing %d, all %d; want one fewer without the refuted advice", standing.Relationships, all.Relationships)
	}
	pin := func(name string, c centrality, id string, want float64) {
		t.Helper()
		if len(c.Scores) == 0 || c.Scores[0].ID != id || c.Scores[0].Score != want {
			t.Errorf("%s: top degree %+v, want %s with %v", name, c.Scores, id, want)
		}
	}
	pin("standing", standing, "person:han-dong", 31.0/77)
	pin("all", all, "person:han-dong", 32.0/77)
}
