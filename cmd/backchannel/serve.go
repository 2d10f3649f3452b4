package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/backchannel/backchannel/server"
)

func init() {
	register(command{name: "serve", summary: "serve the explorer and its HTTP API", run: runServe})
}

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("serve", "[--addr HOST:PORT] [--data DIR | --neo4j URI]")
	var src sourceFlags
	src.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	store, err := src.open(ctx, m)
	if err != nil {
		return err
	}
	defer closeStore(m, store)

	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	srv := server.New(store, server.Options{Logger: logger})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another backchannel running? pick another port with --addr)", *addr, err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	stats, err := store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("read stats: %w", err)
	}
	fmt.Fprintf(m.Stderr, "backchannel: %s store, %d nodes, %d relationships\n", store.Backend(), stats.Nodes, stats.Edges)
	warnSchema(ctx, m, store)
	fmt.Fprintf(m.Stderr, "backchannel: explorer on http://%s/\n", ln.Addr())

	// What loading left behind (the parsed files) goes back to the system
	// before the server settles; then the projection and the first
	// centrality warm in the background (progress in /api/stats "warm"),
	// and a large dataset read from its files is snapshotted for the next
	// start.
	debug.FreeOSMemory()
	bgCtx, stopBackground := context.WithCancel(ctx)
	background := make(chan struct{})
	go func() {
		defer close(background)
		if err := srv.Warm(bgCtx); err != nil && bgCtx.Err() == nil {
			logger.Warn("warm-up failed; paths and centrality build on first use", "err", err)
		}
		if src.saveSnapshot == nil || bgCtx.Err() != nil {
			return
		}
		start := time.Now()
		path, err := src.saveSnapshot(bgCtx)
		switch {
		case err != nil && bgCtx.Err() == nil:
			fmt.Fprintf(m.Stderr, "backchannel: could not write a snapshot for a faster next start: %v\n", err)
		case err == nil && path != "":
			fmt.Fprintf(m.Stderr, "backchannel: wrote %s in %.1fs: the next start with the same files reads it\n", path, time.Since(start).Seconds())
		}
		debug.FreeOSMemory()
	}()
	defer func() { stopBackground(); <-background }()

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// closeStore closes a store, reporting (not dropping) a failure.
func closeStore(m *Main, s interface{ Close(context.Context) error }) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Close(ctx); err != nil {
		fmt.Fprintf(m.Stderr, "backchannel: close store: %v\n", err)
	}
}
