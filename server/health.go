package server

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// pinger is a store that can say whether its database answers (the Neo4j
// store; the embedded store always does).
type pinger interface {
	Ping(ctx context.Context) error
}

// healthTimeout bounds the store check behind /healthz and /readyz.
const healthTimeout = 3 * time.Second

// healthz is 200 {"status": "ok"} only when the store answers, and 503
// {"status": "unavailable", "error": "..."} naming the database when it
// does not, so that a load balancer or an orchestrator stops sending
// traffic. The server keeps trying on its own; /healthz turns 200 again
// as soon as the database answers.
func (s *Server) healthz(c *gin.Context) {
	if p, ok := s.store.(pinger); ok {
		ctx, cancel := context.WithTimeout(c.Request.Context(), healthTimeout)
		defer cancel()
		if err := p.Ping(ctx); err != nil {
			body := gin.H{"status": "unavailable", "backend": s.store.Backend()}
			if s.opts.Users == nil {
				// Without sign-in the server is on loopback; with it,
				// /healthz is public and the details are /readyz's.
				body["error"] = clip(err.Error())
			} else {
				body["error"] = "the database is not answering; /readyz (signed in) says more"
			}
			c.JSON(http.StatusServiceUnavailable, body)
			return
		}
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "backend": s.store.Backend()})
}

// readyz is healthz plus the data: 200 only when the store answers and
// holds a dataset, with its version and the background warm-up's state.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), healthTimeout)
	defer cancel()
	if p, ok := s.store.(pinger); ok {
		if err := p.Ping(ctx); err != nil {
			c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "backend": s.store.Backend(), "error": clip(err.Error())})
			return
		}
	}
	v, err := s.store.Version(ctx)
	if err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "backend": s.store.Backend(), "error": clip(err.Error())})
		return
	}
	if v == "" {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "empty", "backend": s.store.Backend(), "error": "the database holds no dataset: load one with \"backchannel load\""})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "backend": s.store.Backend(), "version": v, "warm": s.warm.get()})
}
