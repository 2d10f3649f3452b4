package server

import (
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/gin-gonic/gin"
)

func (s *Server) registerSearchRoutes(rg *gin.RouterGroup) {
	rg.GET("/search", s.search)
}

type searchQuery struct {
	Q     string `form:"q"`
	Limit int    `form:"limit"`
}

type searchResponse struct {
	Results []graph.Hit `json:"results"`
}

func (s *Server) search(c *gin.Context) {
	var q searchQuery
	if err := bindQuery(c, &q); err != nil {
		fail(c, err)
		return
	}
	hits, err := s.store.Search(c.Request.Context(), q.Q, q.Limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, searchResponse{Results: nonNil(hits)})
}
