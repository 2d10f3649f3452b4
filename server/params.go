package server

import (
	"fmt"

	"github.com/backchannel/backchannel/graph"
	"github.com/gin-gonic/gin"
)

// filterQuery is the query-string form of graph.Filter, shared by every
// route that filters edges: types=A,B&status=confirmed,reported&after=&before=.
type filterQuery struct {
	Types  string `form:"types"`
	Status string `form:"status"`
	After  string `form:"after"`
	Before string `form:"before"`
}

// filter converts the query to a checked graph.Filter.
func (q filterQuery) filter() (graph.Filter, error) {
	return graph.ParseFilter(q.Types, q.Status, q.After, q.Before)
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
type filtered interface{ filter() (graph.Filter, error) }

// bindFiltered binds the query parameters into q (a pointer to a struct
// embedding filterQuery) and returns its checked filter.
func bindFiltered(c *gin.Context, q filtered) (graph.Filter, error) {
	if err := bindQuery(c, q); err != nil {
		return graph.Filter{}, err
	}
	return q.filter()
}
