package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/export"
	"github.com/gin-gonic/gin"
)

// maxExportBody caps a POSTed subgraph.
const maxExportBody = 32 << 20

func (s *Server) registerExportRoutes(rg *gin.RouterGroup) {
	rg.GET("/export", s.getExport)
	rg.POST("/export", s.postExport)
}

// exportQuery selects what GET /api/export writes: the whole graph by
// default; node=ID&depth=&limit= plus the usual filters for a
// neighbourhood; nodes=ID,...&edges=ID,... for a path or query result.
type exportQuery struct {
	filterQuery
	Format string `form:"format"`
	Node   string `form:"node"`
	Depth  int    `form:"depth"`
	Limit  int    `form:"limit"`
	Nodes  string `form:"nodes"`
	Edges  string `form:"edges"`
}

func (s *Server) getExport(c *gin.Context) {
	var q exportQuery
	if err := bindQuery(c, &q); err != nil {
		fail(c, err)
		return
	}
	f, err := export.Lookup(orDefault(q.Format, "json"))
	if err != nil {
		fail(c, err)
		return
	}
	sel := export.Selection{Node: q.Node, NodeIDs: graph.SplitList(q.Nodes), EdgeIDs: graph.SplitList(q.Edges)}
	filter, err := q.filter(graph.AllClaims)
	if err != nil {
		fail(c, err)
		return
	}
	if q.Node != "" {
		sel.Neighbor = graph.NeighborQuery{Depth: q.Depth, Limit: q.Limit, Filter: filter}
	} else if q.Types != "" || q.Status != "" || q.After != "" || q.Before != "" || q.Claims != "" || q.Depth != 0 || q.Limit != 0 {
		fail(c, fmt.Errorf("%w: depth, limit, types, status, after, before and claims shape a neighbourhood: give node=ID too", graph.ErrInvalid))
		return
	}
	src, err := export.Select(c.Request.Context(), s.store, sel)
	if err != nil {
		fail(c, err)
		return
	}
	name := "backchannel"
	switch {
	case q.Node != "":
		name += "-" + q.Node
	case !sel.IsWhole():
		name += "-selection"
	}
	s.streamExport(c, f, name, export.WithTimelines(src))
}

// postExport exports a subgraph the client holds (a path or Cypher result
// it has drawn), posted as native JSON {"nodes":[...],"edges":[...]}.
func (s *Server) postExport(c *gin.Context) {
	f, err := export.Lookup(orDefault(c.Query("format"), "json"))
	if err != nil {
		fail(c, err)
		return
	}
	var sub graph.Subgraph
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, maxExportBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sub); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(c, fmt.Errorf("%w: the posted subgraph is over %d MiB: export it with GET /api/export?nodes=...&edges=... instead", errTooLarge, maxExportBody>>20))
			return
		}
		fail(c, fmt.Errorf("%w: body: want a native JSON subgraph {\"nodes\":[...],\"edges\":[...]}: %v", graph.ErrInvalid, err))
		return
	}
	s.streamExport(c, f, "backchannel-selection", export.WithTimelines(export.FromSubgraph(sub)))
}

// streamExport writes src as an attachment. Errors before the first byte
// become JSON errors; once the body has started, a failure can only be
// logged and the response cut short.
func (s *Server) streamExport(c *gin.Context, f export.Format, name string, src export.Source) {
	c.Header("Content-Type", f.MediaType)
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s%s"`, fileSafe(name), f.Ext))
	c.Status(http.StatusOK)
	if err := f.Write(c.Request.Context(), c.Writer, src); err != nil {
		if !c.Writer.Written() {
			c.Header("Content-Disposition", "")
			fail(c, err)
			return
		}
		s.log.Error("export cut short", "format", f.Name, "path", c.Request.URL.String(), "err", err)
		c.Abort()
	}
}

// fileSafe keeps a file name to letters, digits, dots, hyphens and
// underscores.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
