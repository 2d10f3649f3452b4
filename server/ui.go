package server

import (
	"io/fs"
	"net/http"
	"os"

	"github.com/backchannel/backchannel/ui"
	"github.com/gin-gonic/gin"
)

// registerUI serves the explorer: index.html at "/" and the other files
// (app.js, style.css) under /assets/. The files are Options.UI when set,
// otherwise the ones embedded in the binary by package ui: the built
// bundle, or, on a binary built before `make ui`, a page that says how to
// build it.
func (s *Server) registerUI(r *gin.Engine) {
	files := s.uiFiles()
	// index.html is written out directly: http.FileServer redirects any
	// request for ".../index.html" to "./", which loops at "/".
	r.GET("/", func(c *gin.Context) {
		page, err := fs.ReadFile(files, "index.html")
		if err != nil {
			c.Data(http.StatusNotFound, "text/html; charset=utf-8", []byte(minimalPage))
			return
		}
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "text/html; charset=utf-8", page)
	})
	r.StaticFS("/assets", http.FS(files))
}

// uiFiles picks the explorer's files: Options.UI; else, for working on
// the UI without rebuilding the binary, the directory named by
// $BACKCHANNEL_UI_DIR (e.g. ui/dist); else the embedded ones.
func (s *Server) uiFiles() fs.FS {
	if s.opts.UI != nil {
		return s.opts.UI
	}
	if dir := os.Getenv("BACKCHANNEL_UI_DIR"); dir != "" {
		return os.DirFS(dir)
	}
	files, _ := ui.FS() // built or not, FS always returns a page to serve
	return files
}

// serveIndex answers unknown non-API paths with a short page pointing at
// the explorer.
func (s *Server) serveIndex(c *gin.Context) {
	c.Data(http.StatusNotFound, "text/html; charset=utf-8", []byte(minimalPage))
}

const minimalPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>backchannel: not found</title></head>
<body><h1>backchannel</h1>
<p>No page here. The explorer is at <a href="/">/</a>; the API answers at
<a href="/api/stats">/api/stats</a> and
<a href="/api/search?q=kovrig">/api/search?q=kovrig</a>.</p>
</body></html>
`
