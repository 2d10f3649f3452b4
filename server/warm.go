package server

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
)

// Warm states, in order.
const (
	WarmIdle       = "idle"       // Warm has not been called
	WarmProjection = "projection" // building the path and centrality projection
	WarmCentrality = "centrality" // computing the first centrality (PageRank)
	WarmReady      = "ready"      // both done: paths and PageRank answer at once
	WarmFailed     = "failed"     // see Error; queries still build on demand
)

// WarmStatus says how far the background warm-up has got; /api/stats
// reports it as "warm" so that the UI can show it.
type WarmStatus struct {
	State string `json:"state"`
	// Seconds since Warm started (while running) or what it took.
	Seconds float64 `json:"seconds"`
	Error   string  `json:"error,omitempty"`
	started time.Time
}

type warmState struct {
	status atomic.Pointer[WarmStatus]
}

func (w *warmState) set(state string, err error) {
	start := w.status.Load().started
	st := &WarmStatus{State: state, Seconds: time.Since(start).Seconds(), started: start}
	if err != nil {
		// The cause goes to the server's log (serve logs what Warm
		// returns); clients get no internal detail.
		st.Error = "the warm-up failed (the server's log says why); paths and centrality are built on first use"
	}
	w.status.Store(st)
}

// get returns the current status, with the running time brought up to
// date while it runs.
func (w *warmState) get() WarmStatus {
	st := w.status.Load()
	if st == nil {
		return WarmStatus{State: WarmIdle}
	}
	out := *st
	if out.State == WarmProjection || out.State == WarmCentrality {
		out.Seconds = time.Since(out.started).Seconds()
	}
	return out
}

// Warm builds the analysis projection and the PageRank the explorer asks
// for first, so that the first path or centrality request does not wait
// for them. Serve runs it in the background after it starts listening;
// requests meanwhile are answered (those that need the projection wait
// for the same build). Calling it again does nothing.
func (s *Server) Warm(ctx context.Context) error {
	if !s.warm.status.CompareAndSwap(nil, &WarmStatus{State: WarmProjection, started: time.Now()}) {
		return nil
	}
	if _, err := s.analysis.Projection(ctx, graph.Filter{}); err != nil {
		s.warm.set(WarmFailed, err)
		return err
	}
	s.warm.set(WarmCentrality, nil)
	// The explorer asks for the top MaxTop scores of the unfiltered graph.
	if _, err := s.analysis.Centrality(ctx, analysis.CentralityQuery{Metric: analysis.MetricPageRank, Top: analysis.MaxTop}); err != nil {
		s.warm.set(WarmFailed, err)
		return err
	}
	s.warm.set(WarmReady, nil)
	return nil
}
