package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Health watching: a stopped Neo4j refuses connections at once, but the
// driver retries a read for up to 30 s; a frozen one (SIGSTOP, a dead
// network path) keeps the TCP connections open and answers nothing, so a
// read waits for as long as it lasts. The store therefore pings the server
// in the background (RETURN 1, every PingInterval, each within
// PingTimeout). After three failed pings in a row it is down: every read in
// flight is cancelled, and every new read fails at once, with
// ErrUnavailable naming the server and since when. The first ping that
// succeeds brings it back up; nothing needs restarting.
//
// Loads are not watched: a load has its own context, and the driver's
// retries are what carry it over a transient failure.

// Defaults for the health watch.
const (
	DefaultPingInterval = 500 * time.Millisecond
	DefaultPingTimeout  = 1200 * time.Millisecond
	// pingFailures in a row mark the server down.
	pingFailures = 3
)

// health is the server's state as the pings last saw it.
type health struct {
	uri string

	mu    sync.Mutex
	down  error     // nil while up
	since time.Time // of the current state
	fails int       // consecutive failed pings
	// up is cancelled, with the down error as its cause, when the server
	// is found down; reads in flight derive from it.
	up     context.Context
	cancel context.CancelCauseFunc
}

func newHealth(uri string) *health {
	h := &health{uri: uri, since: time.Now()}
	h.up, h.cancel = context.WithCancelCause(context.Background())
	return h
}

// record takes a ping's outcome.
func (h *health) record(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err == nil {
		h.fails = 0
		if h.down != nil {
			h.down, h.since = nil, time.Now()
			h.up, h.cancel = context.WithCancelCause(context.Background())
		}
		return
	}
	h.fails++
	if h.down == nil && h.fails >= pingFailures {
		h.since = time.Now()
		h.down = fmt.Errorf("%w: neo4j at %s is not answering (since %s: %s); backchannel retries on its own, and answers again as soon as it does",
			graph.ErrUnavailable, h.uri, h.since.UTC().Format(time.RFC3339), pingError(err))
		h.cancel(h.down)
	}
}

// state returns nil while the server is up, or the error that says it is
// down.
func (h *health) state() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.down
}

// guard derives a context that is cancelled when the server is found down;
// it fails at once if it is down already. done must be called.
func (h *health) guard(ctx context.Context) (_ context.Context, done func(), err error) {
	h.mu.Lock()
	down, up := h.down, h.up
	h.mu.Unlock()
	if down != nil {
		return nil, nil, down
	}
	cctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(up, func() { cancel(context.Cause(up)) })
	return cctx, func() { stop(); cancel(nil) }, nil
}

// downCause returns the health error if ctx was cancelled because the
// server went down, so callers report that rather than "context canceled".
func downCause(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cause := context.Cause(ctx); cause != nil && errors.Is(cause, graph.ErrUnavailable) && !errors.Is(err, graph.ErrUnavailable) {
		return cause
	}
	return err
}

// watch pings the server until ctx ends.
func (s *Store) watch(ctx context.Context) {
	tk := time.NewTicker(s.cfg.PingInterval)
	defer tk.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tk.C:
		}
		s.health.record(s.ping(ctx))
	}
}

// ping runs RETURN 1 in an auto-commit transaction (no driver retries)
// within PingTimeout.
func (s *Store) ping(ctx context.Context) (err error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.PingTimeout)
	defer cancel()
	sess := s.session(ctx, driver.AccessModeRead)
	defer func() { err = closeSession(ctx, sess, err) }()
	res, err := sess.Run(ctx, "RETURN 1", nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// Ping reports whether the server answers: nil, or ErrUnavailable with
// the reason. It answers from the background watch at once when the
// server is known to be down, and otherwise pings it.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.health.state(); err != nil {
		return err
	}
	if err := s.ping(ctx); err != nil {
		return fmt.Errorf("%w: neo4j at %s: %w", graph.ErrUnavailable, s.cfg.URI, mapError(err))
	}
	return nil
}

// pingError says briefly why a ping failed.
func pingError(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer within the ping timeout"
	}
	msg := err.Error()
	if len(msg) > 200 {
		msg = msg[:200] + "..."
	}
	return msg
}
