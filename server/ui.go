package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// registerUI serves the explorer at "/": the built UI when Options.UI is
// set, otherwise a minimal page that says how to build it.
func (s *Server) registerUI(r *gin.Engine) {
	if s.opts.UI != nil {
		r.StaticFileFS("/", "index.html", http.FS(s.opts.UI))
		r.StaticFS("/assets", http.FS(s.opts.UI))
	}
}

func (s *Server) serveIndex(c *gin.Context) {
	c.Data(http.StatusNotFound, "text/html; charset=utf-8", []byte(minimalPage))
}

const minimalPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>backchannel</title></head>
<body><h1>backchannel</h1>
<p>The API is up: try <a href="/api/stats">/api/stats</a> or
<a href="/api/search?q=kovrig">/api/search?q=kovrig</a>.</p>
<p>The browser explorer is not built into this binary. Build it with
<code>make build</code> (needs Node.js and npm), then run <code>make run</code>.</p>
</body></html>
`
