package export

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

func init() {
	register(Format{
		Name:      "neo4j-csv",
		MediaType: "application/zip",
		Ext:       ".zip",
		Summary:   "nodes.csv and relationships.csv for neo4j-admin database import, zipped (or a directory with --out DIR)",
		Write:     WriteNeo4jCSVZip,
		WriteDir:  WriteNeo4jCSVDir,
	})
}

// Neo4jArrayDelimiter separates the elements of array columns
// (aliases:string[], evidence_quotes:string[], ...). Quotes and names
// contain ";", neo4j-admin's default, so the export uses the ASCII unit
// separator, which text never holds (it is dropped from values), and
// import.sh passes --array-delimiter=U+001F.
const Neo4jArrayDelimiter = "\x1f"

// Neo4jImportCommand is the command that imports the two files into an
// empty database (Neo4j 5; the server must be stopped). Quotes and
// descriptions may span lines, hence --multiline-fields.
const Neo4jImportCommand = "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=U+001F --multiline-fields=true --overwrite-destination neo4j"

// Node header: the id space is global (our ids are), the node type is the
// label (Person, Organization, Office, Event, Document) and also a type
// property, lists are string[] columns, props a JSON string.
func neo4jNodeHeader() []string {
	h := []string{"id:ID", ":LABEL"}
	for _, f := range nodeFields {
		h = append(h, neo4jColumn(f.name, f.kind, f.list))
	}
	return h
}

func neo4jEdgeHeader() []string {
	h := []string{":START_ID", ":END_ID", ":TYPE", "id"}
	for _, f := range edgeFields {
		if f.name == "type" {
			continue // the relationship type itself
		}
		h = append(h, neo4jColumn(f.name, f.kind, f.list))
	}
	return h
}

func neo4jColumn(name string, k kind, list bool) string {
	switch {
	case list:
		return name + ":string[]"
	case k == kInt:
		return name + ":int"
	}
	return name
}

// neo4jValue converts a scalar field value to its CSV cell; empty stays
// empty (neo4j-admin then sets no property).
func neo4jValue(v string) string {
	return strings.ReplaceAll(v, Neo4jArrayDelimiter, "")
}

// neo4jArray joins a list field's elements with Neo4jArrayDelimiter.
func neo4jArray(items []string) string {
	var b strings.Builder
	for i, s := range items {
		if i > 0 {
			b.WriteString(Neo4jArrayDelimiter)
		}
		b.WriteString(neo4jValue(s))
	}
	return b.String()
}

// fileSink receives the files of a multi-file export, one at a time.
type fileSink interface {
	create(name string) (io.Writer, error)
}

// WriteNeo4jCSVZip streams the neo4j-admin import files as a zip archive:
// nodes.csv, relationships.csv, and import.sh with the command that
// imports them (Neo4jImportCommand).
func WriteNeo4jCSVZip(ctx context.Context, w io.Writer, src Source) error {
	zw := zip.NewWriter(w)
	// The fastest deflate level: text compresses well at any level, and
	// the default level would make compression most of an export's time.
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	if err := writeNeo4jCSV(ctx, zipSink{zw}, src); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	return nil
}

// WriteNeo4jCSVDir writes the files of WriteNeo4jCSVZip into dir,
// creating it.
func WriteNeo4jCSVDir(ctx context.Context, dir string, src Source) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	d := &dirSink{dir: dir}
	err := writeNeo4jCSV(ctx, d, src)
	if cerr := d.close(); err == nil {
		err = cerr
	}
	return err
}

type zipSink struct{ zw *zip.Writer }

func (z zipSink) create(name string) (io.Writer, error) {
	return z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
}

type dirSink struct {
	dir string
	f   *os.File
}

func (d *dirSink) create(name string) (io.Writer, error) {
	if err := d.close(); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(d.dir, name))
	if err != nil {
		return nil, err
	}
	d.f = f
	return f, nil
}

func (d *dirSink) close() error {
	if d.f == nil {
		return nil
	}
	err := d.f.Close()
	d.f = nil
	return err
}

func writeNeo4jCSV(ctx context.Context, sink fileSink, src Source) error {
	w, err := sink.create("nodes.csv")
	if err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	row := neo4jNodeHeader()
	if err := cw.Write(row); err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	err = src.EachNode(ctx, func(n graph.Node) error {
		row = append(row[:0], n.ID, typeLabel(n.Type))
		for _, f := range nodeFields {
			if f.list {
				row = append(row, neo4jArray(f.items(&n)))
			} else {
				row = append(row, neo4jValue(f.value(&n)))
			}
		}
		return cw.Write(row)
	})
	if err != nil {
		return fmt.Errorf("export neo4j-csv: nodes: %w", err)
	}
	if err := flushCSV(cw, bw); err != nil {
		return fmt.Errorf("export neo4j-csv: nodes: %w", err)
	}

	if w, err = sink.create("relationships.csv"); err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	bw.Reset(w)
	cw = csv.NewWriter(bw)
	row = neo4jEdgeHeader()
	if err := cw.Write(row); err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	err = src.EachEdge(ctx, func(e graph.Edge) error {
		row = append(row[:0], e.Source, e.Target, e.Type, e.ID)
		for _, f := range edgeFields {
			switch {
			case f.name == "type":
			case f.list:
				row = append(row, neo4jArray(f.items(&e)))
			default:
				row = append(row, neo4jValue(f.value(&e)))
			}
		}
		return cw.Write(row)
	})
	if err != nil {
		return fmt.Errorf("export neo4j-csv: relationships: %w", err)
	}
	if err := flushCSV(cw, bw); err != nil {
		return fmt.Errorf("export neo4j-csv: relationships: %w", err)
	}

	if w, err = sink.create("import.sh"); err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	script := `#!/bin/sh
# Import this export into an empty Neo4j 5 database with the offline
# importer. Stop the server first; run from this directory (or give the
# files' paths). Arrays (aliases, evidence_quotes, ...) are separated by
# U+001F; quotes and descriptions may span lines.
set -e
cd "$(dirname "$0")"
` + Neo4jImportCommand + "\n"
	if _, err := io.WriteString(w, script); err != nil {
		return fmt.Errorf("export neo4j-csv: %w", err)
	}
	return nil
}

func flushCSV(cw *csv.Writer, bw *bufio.Writer) error {
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
