package neo4j

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// Offline import: the store's own graph (labels, properties, dataset
// version, the active (:Dataset) node) as the CSV files of Neo4j's offline
// bulk importer, `neo4j-admin database import full`. For datasets too big
// to wait for Load: import the files into an empty database, start the
// server, then Load the same dataset. Load creates the schema (the
// importer of the community edition builds no indexes), finds the version
// already active and writes nothing else.
//
// The rows come from nodeProps and edgeProps, the functions Load writes
// with, so the two ways in cannot drift apart.

// ImportArrayDelimiter separates the elements of array columns
// (aliases, evidence_quotes, ...): the ASCII unit separator, which
// names and quotes do not contain (WriteImportFiles refuses a value that
// does); ";", the importer's default, is common in quotes.
const ImportArrayDelimiter = "\x1f"

// ImportCommand imports the files WriteImportFiles writes into the
// database neo4j, which must not exist or be empty (the server stopped).
// Quotes may span lines, hence --multiline-fields.
const ImportCommand = "neo4j-admin database import full --nodes=dataset.csv --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=U+001F --multiline-fields=true --overwrite-destination neo4j"

// The id spaces of the import: entity ids, and dataset versions.
const (
	importEntityIDs  = "Entity"
	importDatasetIDs = "Dataset"
)

// ImportFiles describes what WriteImportFiles wrote.
type ImportFiles struct {
	Dir     string
	Version string
	// Files are the file names, in Dir: dataset.csv, nodes.csv,
	// relationships.csv and import.sh.
	Files []string
	Nodes int
	Edges int
}

// WriteImportFiles writes ds into dir (created if needed) as the files
// ImportCommand imports, and import.sh, which runs it. ds must be valid
// (see Load); the version is the one Load gives the same data.
func WriteImportFiles(ctx context.Context, dir string, ds *graph.Dataset) (ImportFiles, error) {
	if err := checkDataset(ds); err != nil {
		return ImportFiles{}, err
	}
	version, err := datasetVersion(ds)
	if err != nil {
		return ImportFiles{}, err
	}
	out := ImportFiles{Dir: dir, Version: version, Nodes: len(ds.Nodes), Edges: len(ds.Edges)}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out, fmt.Errorf("import files: %w", err)
	}
	stats, err := json.Marshal(graph.CountStats(ds))
	if err != nil {
		return out, fmt.Errorf("import files: stats: %w", err)
	}
	write := func(name string, fn func(w *csv.Writer) error) error {
		path := filepath.Join(dir, name)
		if err := writeCSVFile(path, fn); err != nil {
			return fmt.Errorf("import files: %s: %w", path, err)
		}
		out.Files = append(out.Files, name)
		return nil
	}
	if err := write("dataset.csv", func(w *csv.Writer) error {
		// The state Load's activate leaves: this version, active.
		if err := w.Write([]string{"version:ID(" + importDatasetIDs + ")", ":LABEL", "active:boolean", "state", "stats", "nodes:long", "relationships:long"}); err != nil {
			return err
		}
		return w.Write([]string{version, labelDataset, "true", "active", string(stats), strconv.Itoa(len(ds.Nodes)), strconv.Itoa(len(ds.Edges))})
	}); err != nil {
		return out, err
	}
	if err := write("nodes.csv", func(w *csv.Writer) error { return writeImportNodes(ctx, w, ds.Nodes, version) }); err != nil {
		return out, err
	}
	if err := write("relationships.csv", func(w *csv.Writer) error { return writeImportEdges(ctx, w, ds.Edges, version) }); err != nil {
		return out, err
	}
	script := `#!/bin/sh
# Import these files into the empty database neo4j with Neo4j's offline
# importer (stop the server first; neo4j-admin must be on PATH, or use
# scripts/neo4j-local/neo4j-admin-import.sh with the same arguments).
# Then start the server and run
#   backchannel load --neo4j URI <the same dataset>
# which creates the indexes and finds dataset version ` + version + ` active.
set -e
cd "$(dirname "$0")"
` + ImportCommand + "\n"
	if err := os.WriteFile(filepath.Join(dir, "import.sh"), []byte(script), 0o755); err != nil {
		return out, fmt.Errorf("import files: %w", err)
	}
	out.Files = append(out.Files, "import.sh")
	return out, nil
}

func writeCSVFile(path string, fn func(w *csv.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	cw := csv.NewWriter(bw)
	err = fn(cw)
	if err == nil {
		cw.Flush()
		err = cw.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// importColumns is the property columns of one file: every key the rows
// have, sorted, each with the importer's type suffix.
type importColumns struct {
	keys   []string
	header []string
}

// newImportColumns gathers the keys of props(i) for i < n. Values are
// strings or string lists (nodeProps and edgeProps write nothing else).
func newImportColumns(n int, props func(i int) map[string]any) (importColumns, error) {
	kinds := map[string]string{}
	for i := range n {
		for k, v := range props(i) {
			var kind string
			switch v.(type) {
			case string:
			case []string:
				kind = ":string[]"
			default:
				return importColumns{}, fmt.Errorf("property %q: %T has no column type", k, v)
			}
			if have, ok := kinds[k]; ok && have != kind {
				return importColumns{}, fmt.Errorf("property %q is a list in some rows and not in others", k)
			}
			kinds[k] = kind
		}
	}
	var c importColumns
	for k := range kinds {
		c.keys = append(c.keys, k)
	}
	slices.Sort(c.keys)
	for _, k := range c.keys {
		c.header = append(c.header, k+kinds[k])
	}
	return c, nil
}

// cells appends p's values in column order; absent values stay empty (the
// importer then sets no property, as Load sets none).
func (c importColumns) cells(row []string, p map[string]any) ([]string, error) {
	for _, k := range c.keys {
		switch v := p[k].(type) {
		case nil:
			row = append(row, "")
		case string:
			row = append(row, v)
		case []string:
			for _, s := range v {
				if strings.Contains(s, ImportArrayDelimiter) {
					return nil, fmt.Errorf("%s: %q holds U+001F, the array delimiter", k, s)
				}
			}
			row = append(row, strings.Join(v, ImportArrayDelimiter))
		}
	}
	return row, nil
}

// importTable is one file's rows: leading columns (ids, labels, type),
// then the properties Load writes.
type importTable struct {
	n      int
	header []string                                    // the leading columns'
	lead   func(row []string, i int) ([]string, error) // appends row i's leading cells
	props  func(i int) map[string]any
	what   func(i int) string // names row i in errors
}

func (t importTable) write(ctx context.Context, w *csv.Writer) error {
	cols, err := newImportColumns(t.n, t.props)
	if err != nil {
		return err
	}
	if err := w.Write(append(slices.Clone(t.header), cols.header...)); err != nil {
		return err
	}
	row := make([]string, 0, len(t.header)+len(cols.keys))
	for i := range t.n {
		if i%10000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		row, err = t.lead(row[:0], i)
		if err == nil {
			row, err = cols.cells(row, t.props(i))
		}
		if err != nil {
			return fmt.Errorf("%s: %w", t.what(i), err)
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	return nil
}

func writeImportNodes(ctx context.Context, w *csv.Writer, nodes []graph.Node, version string) error {
	return importTable{
		n:      len(nodes),
		header: []string{"id:ID(" + importEntityIDs + ")", ":LABEL"},
		lead: func(row []string, i int) ([]string, error) {
			n := &nodes[i]
			label, ok := typeLabels[n.Type]
			if !ok {
				return nil, fmt.Errorf("%w: type %q has no label", graph.ErrInvalid, n.Type)
			}
			// :LABEL is an array column: its delimiter is the arrays' one.
			return append(row, n.ID, labelEntity+ImportArrayDelimiter+label), nil
		},
		props: func(i int) map[string]any {
			p := nodeProps(&nodes[i])
			p["v"] = version
			delete(p, "id") // the ID column holds it
			return p
		},
		what: func(i int) string { return fmt.Sprintf("node %q", nodes[i].ID) },
	}.write(ctx, w)
}

func writeImportEdges(ctx context.Context, w *csv.Writer, edges []graph.Edge, version string) error {
	return importTable{
		n:      len(edges),
		header: []string{":START_ID(" + importEntityIDs + ")", ":END_ID(" + importEntityIDs + ")", ":TYPE"},
		lead: func(row []string, i int) ([]string, error) {
			e := &edges[i]
			return append(row, e.Source, e.Target, e.Type), nil
		},
		props: func(i int) map[string]any {
			p := edgeProps(&edges[i])
			p["v"] = version
			return p
		},
		what: func(i int) string { return fmt.Sprintf("relationship %q", edges[i].ID) },
	}.write(ctx, w)
}
