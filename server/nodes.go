package server

import (
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/gin-gonic/gin"
)

func (s *Server) registerNodeRoutes(rg *gin.RouterGroup) {
	rg.GET("/nodes/:id", s.getNode)
	rg.GET("/nodes/:id/neighbors", s.getNeighbors)
}

// nodeDetail is a node with every relationship it takes part in (with
// evidence) and the nodes at their other ends.
type nodeDetail struct {
	Node      graph.Node   `json:"node"`
	Edges     []graph.Edge `json:"edges"`
	Neighbors []graph.Node `json:"neighbors"`
}

// getNode answers the node, its relationships with their status
// timelines, and its neighbours; before= gives statuses and timelines as
// of that date (every relationship is listed whatever its date).
func (s *Server) getNode(c *gin.Context) {
	ctx, id := c.Request.Context(), c.Param("id")
	asOf, err := graph.ParseDate(c.Query("before"))
	if err != nil {
		fail(c, err)
		return
	}
	n, err := s.store.Node(ctx, id)
	if err != nil {
		fail(c, err)
		return
	}
	edges, err := s.store.NodeEdges(ctx, id)
	if err != nil {
		fail(c, err)
		return
	}
	var others []string
	seen := map[string]bool{id: true}
	for i, e := range edges {
		edges[i] = e.AsOf(asOf)
		if o := e.Other(id); !seen[o] {
			seen[o] = true
			others = append(others, o)
		}
	}
	neighbors, err := s.store.Nodes(ctx, others)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, nodeDetail{Node: n, Edges: nonNil(edges), Neighbors: nonNil(neighbors)})
}

type neighborsQuery struct {
	filterQuery
	Depth int `form:"depth"`
	Limit int `form:"limit"`
}

func (s *Server) getNeighbors(c *gin.Context) {
	var q neighborsQuery
	f, err := bindFiltered(c, &q, graph.AllClaims)
	if err != nil {
		fail(c, err)
		return
	}
	sub, err := s.store.Neighborhood(c.Request.Context(), c.Param("id"), graph.NeighborQuery{Depth: q.Depth, Limit: q.Limit, Filter: f})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, sub)
}

// nonNil makes empty lists encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
