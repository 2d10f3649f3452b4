package dataset

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/backchannel/backchannel/graph"
)

// Problem is one thing wrong with a dataset, at a place in a file.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return p.File + ": " + p.Msg
}

// Result is what Load read.
type Result struct {
	// Dataset is the graph, built even when there are problems (so that
	// tools can show what loaded); callers must not load it into a store
	// unless Problems is empty.
	Dataset *graph.Dataset
	// Problems lists everything wrong, sorted by file and line.
	Problems []Problem
	// Files are the data files read.
	Files []string
	// DocumentFiles maps each document id that has a text to its file.
	DocumentFiles map[string]string
}

// Load reads every *.yaml, *.yml and *.json file under paths (files or
// directories, walked recursively), checks them, and builds the dataset.
// The error is for I/O failures (a path that does not exist); problems in
// the data are reported in Result.Problems.
func Load(ctx context.Context, paths ...string) (*Result, error) {
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	files, err := dataFiles(paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load %v: no *.yaml, *.yml or *.json files", paths)
	}
	recs := records{roots: rootsOf(files, paths)}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("load %s: %w", f, err)
		}
		if err := recs.readFile(f); err != nil {
			return nil, err
		}
	}
	res := recs.check()
	res.Files = files
	sort.SliceStable(res.Problems, func(i, j int) bool {
		a, b := res.Problems[i], res.Problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return res, nil
}

// readFile parses one file by its extension.
func (r *records) readFile(path string) error {
	switch filepath.Ext(path) {
	case ".json":
		return r.readJSON(path)
	default:
		return r.readYAML(path)
	}
}
