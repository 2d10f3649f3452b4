package server

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/gin-gonic/gin"
)

// statusOf maps error kinds to HTTP statuses, in one table.
var statusOf = []struct {
	kind   error
	status int
}{
	{graph.ErrNotFound, http.StatusNotFound},
	{graph.ErrInvalid, http.StatusBadRequest},
	{graph.ErrConflict, http.StatusConflict},
	{graph.ErrReadOnly, http.StatusForbidden},
	{graph.ErrUnsupported, http.StatusNotImplemented},
	{graph.ErrUnavailable, http.StatusServiceUnavailable},
	{errTooLarge, http.StatusRequestEntityTooLarge},
}

// renderErrors turns the last error a handler attached with c.Error into
// {"error": "..."}. Known kinds show their message, which says what to
// fix; anything else is logged and reported as an internal error.
func (s *Server) renderErrors() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		last := c.Errors.Last()
		if last == nil || c.Writer.Written() {
			return
		}
		err := last.Err
		for _, row := range statusOf {
			if errors.Is(err, row.kind) {
				c.JSON(row.status, gin.H{"error": clip(err.Error() + advice(err))})
				return
			}
		}
		s.log.Error("internal error", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
		c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error; the server log has the details"})
	}
}

// advice is what an HTTP client can do about err, "" if nothing to add.
// Stores say what failed; only the server knows its routes.
func advice(err error) string {
	var nf *graph.NotFoundError
	if errors.As(err, &nf) && nf.What == "node" {
		_, slug, _ := strings.Cut(nf.ID, ":")
		return ": search for it with /api/search?q=" + url.QueryEscape(strings.ReplaceAll(slug, "-", " "))
	}
	return ""
}

// fail attaches err for renderErrors.
func fail(c *gin.Context, err error) {
	_ = c.Error(err) // c.Error returns its argument wrapped; nothing to handle
}

func (s *Server) notFound(c *gin.Context) {
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		c.JSON(http.StatusNotFound, gin.H{"error": "no such endpoint " + c.Request.Method + " " + c.Request.URL.Path + "; see the README for the API"})
		return
	}
	s.serveIndex(c)
}

// securityHeaders forbids inline script and framing: data is text, never
// HTML, and a node named "<img src=x onerror=...>" must stay inert.
func securityHeaders() gin.HandlerFunc {
	const csp = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; " +
		"style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
		"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		c.Next()
	}
}
