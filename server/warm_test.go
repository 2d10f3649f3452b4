package server_test

import (
	"context"
	"errors"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/storetest"
	"github.com/backchannel/backchannel/server"
)

func warmOf(t *testing.T, srv *server.Server) map[string]any {
	t.Helper()
	rec, body := get(t, srv.Handler(), "/api/stats")
	if rec.Code != 200 {
		t.Fatalf("GET /api/stats: %d %s", rec.Code, rec.Body)
	}
	w, ok := body["warm"].(map[string]any)
	if !ok {
		t.Fatalf("/api/stats has no warm object: %s", rec.Body)
	}
	return w
}

// TestWarm: /api/stats reports the background warm-up from idle to
// ready, and a second Warm does nothing.
func TestWarm(t *testing.T) {
	st := mem.New()
	if err := st.Load(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, server.Options{})
	if w := warmOf(t, srv); w["state"] != server.WarmIdle {
		t.Errorf("before Warm: %v, want idle", w)
	}
	if err := srv.Warm(t.Context()); err != nil {
		t.Fatalf("Warm: %v", err)
	}
	w := warmOf(t, srv)
	if w["state"] != server.WarmReady || w["seconds"].(float64) < 0 || w["error"] != nil {
		t.Errorf("after Warm: %v, want ready", w)
	}
	if err := srv.Warm(t.Context()); err != nil {
		t.Errorf("second Warm: %v", err)
	}
	// The PageRank the explorer asks for first is answered (from the
	// warm cache) with the fixture's nodes.
	rec, body := get(t, srv.Handler(), "/api/centrality?metric=pagerank&top=10000")
	if rec.Code != 200 || len(body["scores"].([]any)) == 0 {
		t.Errorf("centrality after Warm: %d %s", rec.Code, rec.Body)
	}
}

// brokenScan is a store whose relationships cannot be read.
type brokenScan struct{ *mem.Store }

func (brokenScan) EachEdge(context.Context, func(graph.Edge) error) error {
	return errors.New("disk on fire")
}

// TestWarmFailed: a warm-up that fails says so; the server still serves.
func TestWarmFailed(t *testing.T) {
	st := mem.New()
	if err := st.Load(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	srv := server.New(brokenScan{st}, server.Options{})
	if err := srv.Warm(t.Context()); err == nil {
		t.Fatal("Warm over a broken store: no error")
	}
	w := warmOf(t, srv)
	if w["state"] != server.WarmFailed || w["error"] == nil {
		t.Errorf("after a failed Warm: %v, want failed with the error", w)
	}
	if rec, _ := get(t, srv.Handler(), "/healthz"); rec.Code != 200 {
		t.Errorf("/healthz after a failed warm-up: %d", rec.Code)
	}
}
