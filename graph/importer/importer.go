// Package importer converts other tools' files into backchannel datasets:
// spreadsheets as CSV (the node and edge tables of Gephi's and Kumu's
// imports) and FollowTheMoney entities as JSON lines. An import writes a
// dataset in the seeds format (a YAML file and the document texts its
// evidence quotes), which `backchannel validate` and `load` then take.
//
// Every relationship in a dataset needs evidence quoting a document, and
// imported data has no article to quote. So an import turns each input
// file into a document node whose text is the file itself, and each
// relationship's evidence quotes the record it came from, verbatim,
// attributed to the file or dataset. See docs/interop.md for the
// mappings and defaults.
package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
)

// Problem is one record that did not convert, at file:line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// ErrBadRecords is returned (wrapped) when records do not convert and
// Options.SkipBad is not set.
var ErrBadRecords = errors.New("records do not convert")

// Options tune an import.
type Options struct {
	// SkipBad drops records that do not convert (counted in
	// Result.Bad) instead of failing the whole import.
	SkipBad bool
	// Dataset names the source in provenance and attribution; default:
	// the FtM entity's datasets, else the file's base name.
	Dataset string
	// Status is the status of relationships whose record gives none
	// (default reported: the source states them as fact).
	Status graph.Status
	// NodeType is the type of nodes whose record gives none (an edge
	// list's names, a GraphML node without a type attribute); without
	// it such a node is a bad record.
	NodeType graph.NodeType
	// EdgeType is the relationship type of edges whose record gives none.
	EdgeType string
	// TypeMap maps relationship names outside the vocabulary to types
	// (--map-type knows=ASSOCIATE_OF).
	TypeMap map[string]string
	// Texts is a dataset folder (or a folder of text files) holding the
	// texts of the documents that an export's evidence quotes, for the
	// graph formats (json, graphml, gexf, node-link, cytoscape).
	Texts string
	// Progress, if set, is called now and then with what the import is
	// doing and how far it got (done of total records).
	Progress func(stage string, done, total int)
}

// progressEvery is how many records go between progress calls and checks
// for cancellation.
const progressEvery = 4096

func (o Options) progress(stage string, done, total int) {
	if o.Progress != nil {
		o.Progress(stage, done, total)
	}
}

// Result is a converted dataset and what was left out.
type Result struct {
	Dataset graph.Dataset
	// Texts maps each generated document's id to its text, written next
	// to the YAML so that evidence can quote it.
	Texts map[string]string
	// Files maps each generated document's id to the name of its text
	// file (relative to the YAML).
	Files map[string]string
	// Skipped counts records left out on purpose, by reason (FtM schema
	// names, e.g. "Address").
	Skipped map[string]int
	// Bad lists the records that did not convert.
	Bad []Problem
	// DatesConverted counts dates read from another form than YYYY,
	// YYYY-MM or YYYY-MM-DD (3 March 2021, 2021/03/03, ...), and
	// DateExample shows the first, so that no conversion goes unreported.
	DatesConverted int
	DateExample    string
	// Created lists the nodes an edge list made from names it used
	// (no node table had them).
	Created []string
	// Nodes and Edges count what Write wrote.
	Nodes, Edges int
}

func newResult() *Result {
	return &Result{Texts: map[string]string{}, Files: map[string]string{}, Skipped: map[string]int{}}
}

func (r *Result) bad(file string, line int, format string, args ...any) {
	r.Bad = append(r.Bad, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// finish applies the SkipBad policy and sorts the dataset.
func (r *Result) finish(opts Options) error {
	sort.SliceStable(r.Dataset.Nodes, func(i, j int) bool { return r.Dataset.Nodes[i].ID < r.Dataset.Nodes[j].ID })
	sort.SliceStable(r.Dataset.Edges, func(i, j int) bool { return r.Dataset.Edges[i].ID < r.Dataset.Edges[j].ID })
	if len(r.Bad) > 0 && !opts.SkipBad {
		return fmt.Errorf("%w: %d record(s) (use --skip-bad to import the rest)", ErrBadRecords, len(r.Bad))
	}
	return nil
}

var slugRE = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// slug turns s into an id slug: letters, digits, dots, underscores and
// hyphens, starting with a letter or digit.
func slug(s string) string {
	s = slugRE.ReplaceAllString(strings.TrimSpace(s), "-")
	s = strings.Trim(s, "-._")
	if s == "" {
		return "x"
	}
	return s
}

// lowerSlug is slug in lower case, for ids made from names.
func lowerSlug(s string) string { return strings.ToLower(slug(s)) }

// idPrefix is the conventional id prefix of a node type.
var idPrefix = map[graph.NodeType]string{
	graph.Person: "person", graph.Organization: "org", graph.Office: "office", graph.Event: "event", graph.Document: "doc",
}

// sourceDocument adds the document node standing for an input file: its
// text is the file, so evidence can quote any record of it verbatim.
func (r *Result) sourceDocument(path string, data []byte, kind, name string) string {
	base := filepath.Base(path)
	id := "doc:import-" + lowerSlug(base)
	for n := 2; r.Texts[id] != ""; n++ {
		id = fmt.Sprintf("doc:import-%s-%d", lowerSlug(base), n)
	}
	r.Texts[id] = string(data)
	r.Files[id] = "docs/" + strings.TrimPrefix(id, "doc:") + ".txt"
	r.Dataset.Nodes = append(r.Dataset.Nodes, graph.Node{
		ID: id, Type: graph.Document, Kind: kind, Name: name,
		Description: "The imported file " + base + "; evidence quotes its records verbatim.",
		Props:       map[string]string{"import_file": base},
	})
	return id
}

// LargeImport is the size (nodes plus relationships) above which an
// import writes native JSON rather than YAML: YAML is for reading and
// editing by hand, and parsing it costs several times more.
const LargeImport = 20000

// Write writes the result into dir as name.yaml (name.json above
// LargeImport elements) plus docs/*, after checking, in a scratch
// directory, that the dataset loader accepts it: nothing is left in dir
// unless the whole import validates, and a cancelled import leaves
// nothing either. It returns the path of the data file. Once written,
// r.Texts and r.Dataset are dropped (r.Nodes and r.Edges keep the
// counts): serve or load the written dataset instead.
func Write(ctx context.Context, dir, name string, r *Result, header string) (path string, err error) {
	if _, serr := os.Stat(dir); errors.Is(serr, os.ErrNotExist) {
		defer func() {
			if err != nil {
				os.Remove(dir) // made here and left empty: best effort
			}
		}()
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", fmt.Errorf("import: %w", err)
	}
	scratch, err := os.MkdirTemp(dir, ".import-*")
	if err != nil {
		return "", fmt.Errorf("import: %w", err)
	}
	defer os.RemoveAll(scratch) // best effort; the files moved out already
	dataName := name + ".yaml"
	if len(r.Dataset.Nodes)+len(r.Dataset.Edges) > LargeImport {
		dataName = name + ".json"
	}
	if err := writeFiles(scratch, dataName, r, header); err != nil {
		return "", err
	}
	// The texts and the dataset are on disk now: let them go before the
	// check reads everything back, so that a big import holds one copy.
	r.Nodes, r.Edges = len(r.Dataset.Nodes), len(r.Dataset.Edges)
	r.Texts, r.Dataset = nil, graph.Dataset{}
	runtime.GC()
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("import: %w", err)
	}
	res, err := dataset.Load(ctx, filepath.Join(scratch, dataName))
	if err != nil {
		return "", fmt.Errorf("import: check: %w", err)
	}
	if len(res.Problems) > 0 {
		var b strings.Builder
		for i, p := range res.Problems {
			if i == 20 {
				fmt.Fprintf(&b, "\n  ... and %d more", len(res.Problems)-20)
				break
			}
			fmt.Fprintf(&b, "\n  %s", strings.Replace(p.String(), scratch+string(filepath.Separator), "", 1))
		}
		return "", fmt.Errorf("import: the converted dataset does not validate (this is a bug in the importer; please report it):%s", b.String())
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("import: %w", err)
	}
	// Move into place: the texts first, the data file that needs them last.
	for _, rel := range sortedValues(r.Files) {
		if err := moveFile(filepath.Join(scratch, rel), filepath.Join(dir, rel)); err != nil {
			return "", err
		}
	}
	out := filepath.Join(dir, dataName)
	if err := moveFile(filepath.Join(scratch, dataName), out); err != nil {
		return "", err
	}
	return out, nil
}

func moveFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o777); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

func sortedValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

func writeFiles(dir, dataName string, r *Result, header string) error {
	for id, rel := range r.Files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if err := os.WriteFile(p, []byte(r.Texts[id]), 0o666); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	f, err := os.OpenFile(filepath.Join(dir, dataName), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if strings.HasSuffix(dataName, ".json") {
		err = dataset.WriteJSON(f, &r.Dataset, r.Files)
	} else {
		err = dataset.WriteYAML(f, &r.Dataset, r.Files, header)
	}
	if err != nil {
		f.Close() // the write error is the one to report
		return fmt.Errorf("import: %s: %w", dataName, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("import: write %s: %w", dataName, err)
	}
	return nil
}
