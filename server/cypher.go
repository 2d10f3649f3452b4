package server

import (
	"fmt"
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/gin-gonic/gin"
)

func (s *Server) registerCypherRoutes(rg *gin.RouterGroup) {
	rg.POST("/cypher", s.cypher)
}

// cypherRequest is the body of POST /api/cypher.
type cypherRequest struct {
	Query         string         `json:"query" binding:"required"`
	Params        map[string]any `json:"params"`
	TimeoutMillis int            `json:"timeout_ms"`
	MaxRows       int            `json:"max_rows"`
}

// errNoCypher says exactly how to get a store that runs Cypher.
var errNoCypher = fmt.Errorf("%w: Cypher needs the Neo4j backend; this server runs the embedded store. "+
	"Start Neo4j with \"make neo4j-up\" (or \"docker compose up neo4j\"), load the data with "+
	"\"backchannel load --neo4j bolt://127.0.0.1:7687 seeds\", then serve with "+
	"\"backchannel serve --neo4j bolt://127.0.0.1:7687\"", graph.ErrUnsupported)

func (s *Server) cypher(c *gin.Context) {
	var req cypherRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		if err, big := bodyError(err); big {
			fail(c, err)
			return
		}
		fail(c, fmt.Errorf("%w: body: want {\"query\": \"MATCH ... RETURN ...\", \"params\": {...}}: %v", graph.ErrInvalid, err))
		return
	}
	qr, ok := s.store.(graph.QueryRunner)
	if !ok {
		fail(c, errNoCypher)
		return
	}
	res, err := qr.Query(c.Request.Context(), graph.Query{Cypher: req.Query, Params: req.Params, TimeoutMillis: req.TimeoutMillis, MaxRows: req.MaxRows})
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}
