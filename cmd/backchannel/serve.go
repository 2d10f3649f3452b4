package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/backchannel/backchannel/server"
	"github.com/backchannel/backchannel/server/auth"
)

func init() {
	register(command{name: "serve", summary: "serve the explorer and its HTTP API", run: runServe})
}

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("serve", "[--addr HOST:PORT] [--data DIR | --neo4j URI]")
	var src sourceFlags
	src.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	usersFile := fs.String("users", os.Getenv("BACKCHANNEL_USERS"), "turn sign-in on with this users `file` (backchannel users add NAME --role ROLE --file FILE); needed to listen beyond loopback")
	var hosts []string
	for _, h := range strings.Split(os.Getenv("BACKCHANNEL_HOSTS"), ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	fs.Func("host", "a `name[:port]` people reach the server by (the Host header it answers to; repeatable; also $BACKCHANNEL_HOSTS, comma-separated); loopback names are always allowed", func(v string) error {
		hosts = append(hosts, v)
		return nil
	})
	tlsCert := fs.String("tls-cert", "", "serve HTTPS with this certificate `file` (PEM; with --tls-key)")
	tlsKey := fs.String("tls-key", "", "the TLS private key `file` (PEM)")
	secureCookies := fs.Bool("secure-cookies", false, "mark the session cookie Secure: set it when a proxy in front terminates TLS")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if (*tlsCert == "") != (*tlsKey == "") {
		return usageError("--tls-cert and --tls-key go together")
	}
	access, err := serveAccess(*addr, *usersFile, hosts)
	if err != nil {
		return err
	}
	store, err := src.open(ctx, m)
	if err != nil {
		return err
	}
	defer closeStore(m, store)

	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	srv := server.New(store, server.Options{Logger: logger, Users: access.users, Hosts: access.hosts, SecureCookies: *secureCookies || *tlsCert != ""})
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
	scheme := "http"
	if *tlsCert != "" {
		scheme = "https"
	}
	fmt.Fprintf(m.Stderr, "backchannel: explorer on %s://%s/\n", scheme, ln.Addr())
	if access.users != nil {
		fmt.Fprintf(m.Stderr, "backchannel: sign-in on (users in %s); answering to %s\n", access.users.Path(), strings.Join(access.hosts, ", "))
	}

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
	go func() {
		if *tlsCert != "" {
			errc <- hs.ServeTLS(ln, *tlsCert, *tlsKey)
			return
		}
		errc <- hs.Serve(ln)
	}()
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

// access is what serve enforces: the users (nil: no sign-in) and the
// Host names it answers to.
type access struct {
	users *auth.File
	hosts []string
}

// serveAccess decides who may use the server. Without a users file it
// listens on loopback only; with one, every route needs a credential.
// Either way, the Host header must name the server (loopback names, the
// --addr host, and --host).
func serveAccess(addr, usersFile string, extra []string) (access, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return access{}, usageError("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", addr)
	}
	loopback := host == "localhost"
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	var a access
	if usersFile != "" {
		f, err := auth.OpenFile(usersFile)
		if err != nil {
			return access{}, err
		}
		a.users = f
	} else if !loopback {
		return access{}, fmt.Errorf("%w: refusing to listen on %s without sign-in: anyone who can reach the port could read the graph and run the console. "+
			"Turn sign-in on: backchannel users add NAME --role admin --file users.json, then backchannel serve --addr %s --users users.json --host NAME-PEOPLE-TYPE:%s "+
			"(docs/neo4j.md, \"A team server, safely\"); or listen on 127.0.0.1", errUsage, addr, addr, port)
	}
	a.hosts = []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port}
	if !loopback && host != "" && !net.ParseIP(host).IsUnspecified() {
		a.hosts = append(a.hosts, net.JoinHostPort(host, port))
	}
	a.hosts = append(a.hosts, extra...)
	if !loopback && len(extra) == 0 && (host == "" || net.ParseIP(host).IsUnspecified()) {
		return access{}, fmt.Errorf("%w: --addr %s listens on every address: say which name people reach it by with --host NAME[:PORT] (requests for other names are refused, against DNS rebinding)", errUsage, addr)
	}
	return a, nil
}
