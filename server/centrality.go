package server

import (
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
	"github.com/gin-gonic/gin"
)

func (s *Server) registerCentralityRoutes(rg *gin.RouterGroup) {
	rg.GET("/centrality", s.getCentrality)
}

// centralityQuery: /api/centrality?metric=&top=&samples=&seed= plus the
// filter parameters.
type centralityQuery struct {
	filterQuery
	Metric  string `form:"metric" binding:"required"`
	Top     int    `form:"top"`
	Samples int    `form:"samples"`
	Seed    uint64 `form:"seed"`
}

// getCentrality answers {"metric":..., "scores":[{"id","score"}] best
// first, ..., "claims":"standing", "excluded_statuses":[...]} (see
// analysis.Result). By default refuted and retracted claims are left out
// (claims=all keeps them); statuses are taken as of before=.
func (s *Server) getCentrality(c *gin.Context) {
	var q centralityQuery
	f, err := bindFiltered(c, &q, graph.StandingClaims)
	if err != nil {
		fail(c, err)
		return
	}
	r, err := s.analysis.Centrality(c.Request.Context(), analysis.CentralityQuery{Metric: q.Metric, Filter: f, Top: q.Top, Samples: q.Samples, Seed: q.Seed})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, centralityResponse{Result: r, claimsSaid: said(f)})
}

// centralityResponse is the result and the claims it was computed on.
type centralityResponse struct {
	analysis.Result
	claimsSaid
}
