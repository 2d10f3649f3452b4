// Package server is backchannel's HTTP API, built with gin. It is handed
// a graph.Store and never knows which backend it is talking to.
package server

import (
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
	"github.com/backchannel/backchannel/server/auth"
	"github.com/gin-gonic/gin"
)

// Options configure a Server.
type Options struct {
	// Logger receives internal errors (clients get a generic message).
	Logger *slog.Logger
	// UI, if set, is served at "/" (the built explorer). Nil serves a
	// minimal page.
	UI fs.FS

	// Users, if set, turns sign-in on: every route but /login and
	// /healthz needs a bearer token or a session, and a role that allows
	// it (access.go). Nil serves everyone (loopback only: cmd's serve
	// refuses anything else).
	Users *auth.File
	// Hosts are the Host header values the server answers to ("name" or
	// "name:port"); empty answers any (tests).
	Hosts []string
	// SecureCookies marks the session cookie Secure even when the TLS
	// is a proxy's (the cookie is Secure anyway on a TLS connection).
	SecureCookies bool
}

// Server serves the API over one store.
type Server struct {
	store graph.Store
	opts  Options
	log   *slog.Logger
	// analysis holds the path and centrality projection, built on first
	// use and rebuilt when the store's version changes.
	analysis *analysis.Engine
	warm     warmState
	sessions *auth.Sessions
	throttle throttle
}

// New returns a server over store.
func New(store graph.Store, opts Options) *Server {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Server{store: store, opts: opts, log: log, analysis: analysis.NewEngine(store), sessions: auth.NewSessions()}
}

// Handler builds the router. Each call builds a fresh engine, so tests can
// drive it with httptest.
func (s *Server) Handler() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery(), securityHeaders(), s.checkHost(), s.checkOrigin(), s.authenticate(), capBodies(), s.renderErrors())
	r.GET("/healthz", s.healthz)
	s.registerLoginRoutes(r)
	r.GET("/readyz", s.readyz)
	api := r.Group("/api")
	s.registerSearchRoutes(api)
	s.registerNodeRoutes(api)
	s.registerStatsRoutes(api)
	s.registerExportRoutes(api)
	s.registerPathRoutes(api)
	s.registerCentralityRoutes(api)
	s.registerCypherRoutes(api)
	s.registerDocumentRoutes(api)
	r.NoRoute(s.notFound)
	s.registerUI(r)
	return r
}
