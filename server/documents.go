package server

import (
	"fmt"
	"net/http"

	"github.com/backchannel/backchannel/graph"
	"github.com/gin-gonic/gin"
)

func (s *Server) registerDocumentRoutes(rg *gin.RouterGroup) {
	rg.GET("/documents/:id", s.getDocument)
	rg.GET("/search/text", s.searchText)
}

// documentView is a document to read: its node, its text on file (if
// any), and every quote the evidence takes from it, placed in the text.
// Offsets count Unicode code points.
type documentView struct {
	Document graph.Node      `json:"document"`
	HasText  bool            `json:"has_text"`
	Text     string          `json:"text"`
	Passages []graph.Passage `json:"passages"`
}

// getDocument answers GET /api/documents/:id. A node that is not a
// document is a 400; an unknown id a 404.
func (s *Server) getDocument(c *gin.Context) {
	ctx, id := c.Request.Context(), c.Param("id")
	n, err := s.store.Node(ctx, id)
	if err != nil {
		fail(c, err)
		return
	}
	if n.Type != graph.Document {
		fail(c, fmt.Errorf("%w: %q is a %s, not a document: open it with /api/nodes/%s", graph.ErrInvalid, id, n.Type, id))
		return
	}
	text, ok, err := s.store.DocumentText(ctx, id)
	if err != nil {
		fail(c, err)
		return
	}
	ps, err := graph.Passages(ctx, s.store, id, text)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, documentView{Document: n, HasText: ok, Text: text, Passages: nonNil(ps)})
}

type textSearchResponse struct {
	Results []graph.TextHit `json:"results"`
}

// searchText answers GET /api/search/text?q=&limit=: the quotes, then the
// passages of document texts, that contain q.
func (s *Server) searchText(c *gin.Context) {
	var q searchQuery
	if err := bindQuery(c, &q); err != nil {
		fail(c, err)
		return
	}
	hits, err := graph.SearchText(c.Request.Context(), s.store, q.Q, q.Limit)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, textSearchResponse{Results: nonNil(hits)})
}
