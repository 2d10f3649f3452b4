package server

import (
	"fmt"

	"github.com/backchannel/backchannel/graph"
	"github.com/gin-gonic/gin"
)

// filterQuery is the query-string form of graph.Filter, shared by every
// route that filters edges:
// types=A,B&status=confirmed,reported&after=&before=&claims=standing|all.
// before is also the date statuses are taken at (graph.StatusAt).
type filterQuery struct {
	Types  string `form:"types"`
	Status string `form:"status"`
	After  string `form:"after"`
	Before string `form:"before"`
	Claims string `form:"claims"`
}

// filter converts the query to a checked graph.Filter; claims= defaults
// to def (standing for paths and centrality, all elsewhere).
func (q filterQuery) filter(def graph.Claims) (graph.Filter, error) {
	claims, err := graph.ParseClaims(q.Claims, def)
	if err != nil {
		return graph.Filter{}, err
	}
	f, err := graph.ParseFilter(q.Types, q.Status, q.After, q.Before)
	f.Standing = claims == graph.StandingClaims
	return f, err
}

// claimsSaid is what a filtered response says about the claims it kept:
// "standing" (refuted and retracted left out, listed in
// excluded_statuses) or "all".
type claimsSaid struct {
	Claims   graph.Claims   `json:"claims"`
	Excluded []graph.Status `json:"excluded_statuses"`
	AsOf     graph.Date     `json:"as_of,omitempty"`
}

func said(f graph.Filter) claimsSaid {
	c := graph.AllClaims
	if f.Standing {
		c = graph.StandingClaims
	}
	return claimsSaid{Claims: c, Excluded: f.Excluded(), AsOf: f.Window.Before}
}

// bindQuery binds query parameters, reporting a bad value as ErrInvalid
// with the parameter's name.
func bindQuery(c *gin.Context, v any) error {
	if err := c.ShouldBindQuery(v); err != nil {
		return fmt.Errorf("%w: query parameters: %v", graph.ErrInvalid, err)
	}
	return nil
}

// filtered is a query struct that embeds filterQuery.
type filtered interface {
	filter(graph.Claims) (graph.Filter, error)
}

// bindFiltered binds the query parameters into q (a pointer to a struct
// embedding filterQuery) and returns its checked filter, keeping the
// claims def says unless claims= is given.
func bindFiltered(c *gin.Context, q filtered, def graph.Claims) (graph.Filter, error) {
	if err := bindQuery(c, q); err != nil {
		return graph.Filter{}, err
	}
	return q.filter(def)
}
