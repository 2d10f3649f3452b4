// Package ui embeds the browser explorer.
//
// The explorer's sources are in src/; `make ui` (npm ci, then esbuild via
// build.mjs) writes the bundle to dist/, which git ignores. A clean clone
// has no dist/, and `go build` must still work there: the embed pattern
// below matches dist/ when it exists and the committed fallback/ always
// (a pattern that matches nothing fails to compile), and FS serves the
// fallback page, which says how to build the explorer, until dist/ holds
// an index.html.
package ui

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed [df]*
var files embed.FS

// FS returns the explorer's files, index.html at the root: the built
// bundle when dist/ held one at compile time (built is true), else the
// fallback page that explains how to build it.
func FS() (fsys fs.FS, built bool) {
	if dist, err := fs.Sub(files, "dist"); err == nil {
		if _, err := fs.Stat(dist, "index.html"); err == nil {
			return dist, true
		}
	}
	fallback, err := fs.Sub(files, "fallback")
	if err != nil {
		// fallback/ is committed and embedded: this cannot happen.
		panic(fmt.Sprintf("ui: embedded fallback missing: %v", err))
	}
	return fallback, false
}
