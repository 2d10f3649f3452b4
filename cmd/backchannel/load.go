package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j"
)

func init() {
	register(command{name: "load", summary: "validate a dataset and load it into Neo4j", run: runLoad})
}

func runLoad(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("load", "--neo4j URI [--user U --password P --database D] [--batch N] [--workers N] [PATH...]\n       backchannel load --import-csv DIR [PATH...]")
	var n neo4jFlags
	n.register(fs)
	batch := fs.Int("batch", neo4j.DefaultBatchSize, "rows per write transaction")
	workers := fs.Int("workers", 2, "concurrent write transactions")
	quiet := fs.Bool("quiet", false, "print only the summary")
	importDir := fs.String("import-csv", "", "write the dataset as the files of Neo4j's offline importer into `DIR` instead of loading it (for datasets too big to wait for)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *importDir != "" {
		if err := checkOutDir(*importDir); err != nil {
			return err
		}
		return writeImportFiles(ctx, m, *importDir, fs.Args())
	}
	if n.URI == "" {
		return usageError("no Neo4j: pass --neo4j bolt://HOST:7687 or set NEO4J_URI (start a local one with \"make neo4j-up\")")
	}
	if *batch < 1 || *workers < 1 {
		return usageError("--batch and --workers must be at least 1")
	}
	// Validate everything before writing anything.
	ds, _, err := readValid(ctx, m, fs.Args())
	if err != nil {
		return err
	}

	cfg := n.config()
	cfg.BatchSize, cfg.Workers = *batch, *workers
	var last neo4j.LoadProgress
	cfg.Progress = func(p neo4j.LoadProgress) {
		last = p
		if !*quiet && !p.Done {
			printProgress(m.Stderr, p)
		}
	}
	store, err := neo4j.New(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(m, store)
	if err := store.Load(ctx, ds); err != nil {
		return fmt.Errorf("load into %s: %w (the previous graph, if any, is unchanged)", n.URI, err)
	}
	printSummary(m.Stderr, n.URI, last)
	return nil
}

func printProgress(w io.Writer, p neo4j.LoadProgress) {
	switch p.Phase {
	case "nodes":
		fmt.Fprintf(w, "  nodes %d/%d (%.0f/s)\n", p.Nodes, p.TotalNodes, p.NodesPerSecond())
	case "relationships":
		fmt.Fprintf(w, "  relationships %d/%d (%.0f/s)\n", p.Edges, p.TotalEdges, p.EdgesPerSecond())
	default:
		fmt.Fprintf(w, "  %s (%s)\n", p.Phase, p.Elapsed.Round(time.Millisecond))
	}
}

func printSummary(w io.Writer, uri string, p neo4j.LoadProgress) {
	if p.Skipped {
		fmt.Fprintf(w, "backchannel: %s already holds this dataset (version %s); nothing to write\n", uri, p.Version)
		return
	}
	fmt.Fprintf(w, "backchannel: loaded %d nodes (%s, %.0f nodes/s) and %d relationships (%s, %.0f relationships/s) into %s in %s; dataset version %s is active\n",
		p.Nodes, p.NodeTime.Round(time.Millisecond), p.NodesPerSecond(),
		p.Edges, p.EdgeTime.Round(time.Millisecond), p.EdgesPerSecond(),
		uri, p.Elapsed.Round(time.Millisecond), p.Version)
}

// writeImportFiles validates the dataset, then writes it for
// neo4j-admin database import and says what to do next.
func writeImportFiles(ctx context.Context, m *Main, dir string, args []string) error {
	ds, paths, err := readValid(ctx, m, args)
	if err != nil {
		return err
	}
	t0 := time.Now()
	files, err := neo4j.WriteImportFiles(ctx, dir, ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "backchannel: wrote %s into %s (%s); dataset version %s\n", strings.Join(files.Files, ", "), dir, time.Since(t0).Round(time.Millisecond), files.Version)
	fmt.Fprintf(m.Stderr, `next, with the Neo4j server stopped:
  cd %s && %s
  (or scripts/neo4j-local/neo4j-admin-import.sh with the same arguments and full paths)
then start the server and run
  backchannel load --neo4j URI %s
which creates the indexes, finds the version active and writes nothing else.
`, dir, neo4j.ImportCommand, strings.Join(paths, " "))
	return nil
}

// readValid reads and validates the dataset at paths (default seeds/)
// for load, saying how big it is and how long that took.
func readValid(ctx context.Context, m *Main, paths []string) (*graph.Dataset, []string, error) {
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	t0 := time.Now()
	ds, err := loadDataset(ctx, m, paths...)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(m.Stderr, "backchannel: %v valid: %d nodes, %d relationships (%s)\n", paths, len(ds.Nodes), len(ds.Edges), time.Since(t0).Round(time.Millisecond))
	return ds, paths, nil
}
