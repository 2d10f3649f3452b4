package dataset

import (
	"fmt"

	"github.com/backchannel/backchannel/graph"
)

// where is a place in a file: the record's line and each field's line.
type where struct {
	file   string
	line   int
	fields map[string]int
}

// lineOf returns the line of field, or of the record.
func (w where) lineOf(field string) int {
	if l, ok := w.fields[field]; ok {
		return l
	}
	return w.line
}

type nodeRec struct {
	graph.Node
	// text is the document's text file as written (relative to file).
	text string
	where
}

type edgeRec struct {
	graph.Edge
	where
}

// records collects what the files say before cross-checking.
type records struct {
	nodes    []nodeRec
	edges    []edgeRec
	problems []Problem
	quotes   []pendingQuote // checked together, per document
	// roots maps each data file to the folder its documents' texts must
	// stay in (rootsOf).
	roots map[string]string
}

func (r *records) problem(file string, line int, format string, a ...any) {
	r.problems = append(r.problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, a...)})
}
