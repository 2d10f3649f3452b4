package server

import (
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
	"github.com/gin-gonic/gin"
)

func (s *Server) registerPathRoutes(rg *gin.RouterGroup) {
	rg.GET("/paths", s.getPaths)
}

// pathsQuery: /api/paths?from=&to=&mode=shortest|all|k|weighted&k=
// &maxHops=&avoid=ID,ID&directed=true&limit= plus the filter parameters.
type pathsQuery struct {
	filterQuery
	From     string `form:"from" binding:"required"`
	To       string `form:"to" binding:"required"`
	Mode     string `form:"mode"`
	K        int    `form:"k"`
	MaxHops  int    `form:"maxHops"`
	Avoid    string `form:"avoid"`
	Directed bool   `form:"directed"`
	Limit    int    `form:"limit"`
}

// pathsResponse carries the paths and, in native JSON, every node and
// relationship they pass through with its evidence.
// Statuses in the graph are as of before=; by default refuted and
// retracted claims are not traversed (claims=all traverses them), and
// claims/excluded_statuses say which was done.
type pathsResponse struct {
	Paths []analysis.Path `json:"paths"`
	Graph graph.Subgraph  `json:"graph"`
	claimsSaid
}

func (s *Server) getPaths(c *gin.Context) {
	var q pathsQuery
	f, err := bindFiltered(c, &q, graph.StandingClaims)
	if err != nil {
		fail(c, err)
		return
	}
	ctx := c.Request.Context()
	pq := analysis.PathQuery{Mode: analysis.Mode(q.Mode), K: q.K, MaxHops: q.MaxHops, Avoid: graph.SplitList(q.Avoid), Directed: q.Directed, Limit: q.Limit}
	paths, err := s.analysis.Paths(ctx, q.From, q.To, f, pq)
	if err != nil {
		fail(c, err)
		return
	}
	nodeIDs, edgeIDs := analysis.PathIDs(paths)
	sub, err := graph.ReadSubgraph(ctx, s.store, nodeIDs, edgeIDs)
	if err != nil {
		fail(c, err)
		return
	}
	if paths == nil {
		paths = []analysis.Path{}
	}
	for i := range sub.Edges {
		sub.Edges[i] = f.View(sub.Edges[i])
	}
	c.JSON(http.StatusOK, pathsResponse{Paths: paths, Graph: sub, claimsSaid: said(f)})
}
