package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/backchannel/backchannel/graph"
)

// jsonNode is a node as native JSON files hold it, plus the loader-level
// file field for documents.
type jsonNode struct {
	graph.Node
	File string `json:"file,omitempty"`
}

// readJSON streams a native {"nodes":[...],"edges":[...]} file element by
// element, so that generated datasets of millions of edges load without
// first holding the raw text.
func (r *records) readJSON(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("load %s: %w", path, err)
	}
	defer f.Close() // read-only: a close error loses nothing
	lines := &lineCounter{r: bufio.NewReaderSize(f, 1<<20)}
	if i := r.parseJSON(path, lines); i >= 0 {
		// The decoder's syntax offsets are relative to the value it was
		// decoding, so its line drifts (line 4000 reported as 3927):
		// only on this error path, read the file again and let the
		// whole-input validator say where the syntax breaks.
		if line, ok := jsonSyntaxLine(path); ok {
			r.problems[i].Line = line
		}
	}
	return nil
}

// jsonSyntaxLine returns the line of the first syntax error in the file.
func jsonSyntaxLine(path string) (int, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	var raw json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &raw); !errors.As(err, &se) {
		return 0, false
	}
	off := min(max(se.Offset-1, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte{'\n'}), true
}

// lineCounter remembers where each line starts, so byte offsets from the
// decoder become line numbers in problems.
type lineCounter struct {
	r      io.Reader
	off    int64
	starts []int64
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			c.starts = append(c.starts, c.off+int64(i)+1)
		}
	}
	c.off += int64(n)
	return n, err
}

// line returns the 1-based line of a byte offset.
func (c *lineCounter) line(off int64) int {
	return sort.Search(len(c.starts), func(i int) bool { return c.starts[i] > off }) + 1
}

// parseJSON returns the index in r.problems of the syntax problem that
// stopped it, or -1.
func (r *records) parseJSON(path string, lc *lineCounter) (syntaxAt int) {
	syntaxAt = -1
	dec := json.NewDecoder(lc)
	dec.DisallowUnknownFields()
	fail := func(err error) {
		syntaxAt = len(r.problems)
		r.problem(path, lc.line(dec.InputOffset()), "JSON: %v", err)
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if err == nil {
			err = fmt.Errorf("want an object {\"nodes\": [...], \"edges\": [...]}")
		}
		fail(err)
		return
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			fail(err)
			return
		}
		key, _ := tok.(string) // object keys are always strings
		if key != "nodes" && key != "edges" {
			r.problem(path, lc.line(dec.InputOffset()), "unknown top-level key %q: want nodes or edges", key)
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				fail(err)
				return
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			if err == nil {
				err = fmt.Errorf("%s: want a list", key)
			}
			fail(err)
			return
		}
		for dec.More() {
			line := lc.line(dec.InputOffset() + 1)
			var err error
			if key == "nodes" {
				var n jsonNode
				if err = dec.Decode(&n); err == nil {
					r.nodes = append(r.nodes, nodeRec{Node: n.Node, text: n.File, where: where{file: path, line: line}})
				}
			} else {
				var e graph.Edge
				if err = dec.Decode(&e); err == nil {
					r.edges = append(r.edges, edgeRec{Edge: e, where: where{file: path, line: line}})
				}
			}
			if err != nil {
				var se *json.SyntaxError
				if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
					fail(err)
					return
				}
				// A type or unknown-field error: the decoder has
				// consumed the element, so carry on with the next.
				r.problem(path, line, "%s: %v", key, err)
			}
		}
		if _, err := dec.Token(); err != nil {
			fail(err)
			return
		}
	}
	return syntaxAt
}
