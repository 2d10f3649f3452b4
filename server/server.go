// Package server is backchannel's HTTP API, built with gin. It is handed
// a graph.Store and never knows which backend it is talking to.
package server

import (
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
	"github.com/gin-gonic/gin"
)

// Options configure a Server.
type Options struct {
	// Logger receives internal errors (clients get a generic message).
	Logger *slog.Logger
	// UI, if set, is served at "/" (the built explorer). Nil serves a
	// minimal page.
	UI fs.FS
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
}

// New returns a server over store.
func New(store graph.Store, opts Options) *Server {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Server{store: store, opts: opts, log: log, analysis: analysis.NewEngine(store)}
}

// Handler builds the router. Each call builds a fresh engine, so tests can
// drive it with httptest.
func (s *Server) Handler() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery(), securityHeaders(), s.renderErrors())
	r.GET("/healthz", s.healthz)
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

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok", "backend": s.store.Backend()})
}
