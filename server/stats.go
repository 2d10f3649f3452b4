package server

import (
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
	"github.com/gin-gonic/gin"
)

func (s *Server) registerStatsRoutes(rg *gin.RouterGroup) {
	rg.GET("/stats", s.stats)
	rg.GET("/vocabulary", s.vocabulary)
}

type statsResponse struct {
	graph.Stats
	Backend string `json:"backend"`
	// Warm is the background warm-up of paths and centrality (see
	// Server.Warm).
	Warm WarmStatus `json:"warm"`
}

func (s *Server) stats(c *gin.Context) {
	st, err := s.store.Stats(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, statsResponse{Stats: st, Backend: s.store.Backend(), Warm: s.warm.get()})
}

// vocabulary lists node types, relationship types, statuses and the
// centrality metrics /api/centrality accepts, so a UI can build its
// filters and menus without hard-coding them.
func (s *Server) vocabulary(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{
		"node_types":         graph.NodeTypes,
		"relationship_types": graph.EdgeTypes,
		"statuses":           graph.Statuses,
		"metrics":            analysis.Metrics,
	})
}
