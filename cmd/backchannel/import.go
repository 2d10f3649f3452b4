package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/importer"
)

func init() {
	register(command{name: "import", summary: "convert CSV tables or FollowTheMoney entities into a dataset (seeds format)", run: runImport})
}

func runImport(ctx context.Context, m *Main, args []string) error {
	formats := "csv, ftm, offshore, " + strings.Join(importer.GraphFormats(), ", ")
	fs := m.newFlagSet("import", "--format F --out DIR [flags] FILE...\n\nFlags go before the files. Formats: "+formats)
	format := fs.String("format", "", "input `format`: csv (node and edge tables), ftm (FollowTheMoney JSON lines), offshore (ICIJ Offshore Leaks CSV files), json (backchannel's export), node-link, cytoscape, graphml, gexf")
	out := fs.String("out", "", "write the dataset into `DIR` (NAME.yaml plus docs/*.txt)")
	name := fs.String("name", "", "base `NAME` of the YAML file (default: the first input's name)")
	skipBad := fs.Bool("skip-bad", false, "import what converts and count the rest, instead of writing nothing")
	ds := fs.String("dataset", "", "source `NAME` for provenance and attribution (default: FtM datasets, else the file name)")
	status := fs.String("status", "", "status of relationships whose record gives none: confirmed, reported, alleged (default reported)")
	nodeType := fs.String("node-type", "", "`TYPE` of nodes whose record gives none (an edge list's names, a GraphML node without a type)")
	edgeType := fs.String("edge-type", "", "relationship `TYPE` of edges whose record gives none")
	mapType := fs.String("map-type", "", "map relationship names outside the vocabulary: `NAME=TYPE,...` (knows=ASSOCIATE_OF)")
	texts := fs.String("texts", "", "graph formats: a dataset `DIR` (or folder of .txt files) with the texts of the documents the evidence quotes")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	isGraph := slices.Contains(importer.GraphFormats(), *format)
	switch {
	case *format != "csv" && *format != "ftm" && *format != "offshore" && !isGraph:
		return usageError("--format: want one of %s", formats)
	case *out == "":
		return usageError("--out DIR is required")
	case len(files) == 0:
		return usageError("give the files to import")
	}
	if err := checkOutDir(*out); err != nil {
		return err
	}
	for _, f := range files {
		if strings.HasPrefix(f, "-") {
			return usageError("flag %s after the files: give flags first (backchannel import --format %s --out DIR FILE...)", f, *format)
		}
	}
	var st graph.Status
	var err error
	if *status != "" {
		if st, err = graph.ParseStatus(*status); err != nil || st == graph.Disputed {
			return usageError("--status %q: want confirmed, reported or alleged (disputed needs a denial)", *status)
		}
	}
	opts := importer.Options{SkipBad: *skipBad, Dataset: *ds, Status: st, Texts: *texts}
	if *nodeType != "" {
		opts.NodeType = graph.NodeType(strings.ToLower(*nodeType))
		if !opts.NodeType.Valid() {
			return usageError("--node-type %q: want person, organization, office, event or document", *nodeType)
		}
	}
	if *edgeType != "" {
		t, ok := graph.LookupEdgeType(strings.ToUpper(*edgeType))
		if !ok {
			return usageError("--edge-type %q: want one of %s", *edgeType, graph.EdgeTypeNames())
		}
		opts.EdgeType = t.Name
	}
	if *mapType != "" {
		opts.TypeMap = map[string]string{}
		for _, pair := range strings.Split(*mapType, ",") {
			k, v, ok := strings.Cut(pair, "=")
			if _, known := graph.LookupEdgeType(strings.ToUpper(strings.TrimSpace(v))); !ok || !known {
				return usageError("--map-type %q: want NAME=TYPE, TYPE one of %s", pair, graph.EdgeTypeNames())
			}
			opts.TypeMap[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	if isTerminal(m.Stderr) {
		opts.Progress = terminalProgress(m.Stderr)
	}
	var res *importer.Result
	switch {
	case *format == "ftm":
		res, err = importer.FtM(ctx, files, opts)
	case *format == "csv":
		res, err = importer.CSV(ctx, files, opts)
	case *format == "offshore":
		res, err = importer.Offshore(ctx, files, opts)
	default:
		res, err = importer.Graph(ctx, *format, files, opts)
	}
	if res != nil {
		printCapped(m.Stderr, res.Bad)
	}
	if err != nil {
		if errors.Is(err, importer.ErrBadRecords) {
			fmt.Fprintf(m.Stderr, "backchannel import: %v; nothing written\n", err)
			return errProblems
		}
		return err
	}
	base := *name
	if base == "" && *format == "offshore" {
		base = "offshore-leaks"
	}
	if base == "" {
		base = strings.TrimSuffix(filepath.Base(files[0]), filepath.Ext(files[0]))
	}
	header := fmt.Sprintf("# Imported by `backchannel import --format %s` from %s.\n# Evidence quotes the imported files (docs/), verbatim.\n",
		*format, strings.Join(baseNames(files), ", "))
	if opts.Progress != nil {
		fmt.Fprintf(m.Stderr, "\r\033[Kbackchannel: checking and writing %d nodes, %d relationships\r", len(res.Dataset.Nodes), len(res.Dataset.Edges))
	}
	path, err := importer.Write(ctx, *out, base, res, header)
	if opts.Progress != nil {
		fmt.Fprint(m.Stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "backchannel: wrote %s: %d nodes, %d relationships\n", path, res.Nodes, res.Edges)
	if len(res.Bad) > 0 {
		fmt.Fprintf(m.Stderr, "backchannel: skipped %d bad record(s) (--skip-bad), listed above\n", len(res.Bad))
	}
	if res.DatesConverted > 0 {
		fmt.Fprintf(m.Stderr, "backchannel: read %d date(s) written in another form than YYYY-MM-DD, e.g. %s\n", res.DatesConverted, res.DateExample)
	}
	if len(res.Created) > 0 {
		fmt.Fprintf(m.Stderr, "backchannel: created %d node(s) from names in the edge tables: %s\n", len(res.Created), strings.Join(capList(res.Created, 10), ", "))
	}
	var reasons []string
	for k := range res.Skipped {
		reasons = append(reasons, k)
	}
	sort.Strings(reasons)
	for _, k := range reasons {
		fmt.Fprintf(m.Stderr, "backchannel: skipped %d %s (not part of the model)\n", res.Skipped[k], k)
	}
	return nil
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// maxErrors caps how many problems a command prints; the rest are
// counted.
const maxErrors = 50

// printCapped prints at most maxErrors problems, then how many more there
// are.
func printCapped[T fmt.Stringer](w io.Writer, problems []T) {
	for i, p := range problems {
		if i == maxErrors {
			fmt.Fprintf(w, "... and %d more\n", len(problems)-maxErrors)
			return
		}
		fmt.Fprintln(w, p)
	}
}

// capList keeps the first n items and says how many were left out.
func capList(items []string, n int) []string {
	if len(items) <= n {
		return items
	}
	return append(slices.Clone(items[:n]), fmt.Sprintf("and %d more", len(items)-n))
}

// isTerminal reports whether w is a terminal (progress is shown only
// there, never in a log or a pipe).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && st.Mode()&os.ModeDevice != 0
}

// terminalProgress returns a progress callback that redraws one status
// line at most five times a second.
func terminalProgress(w io.Writer) func(stage string, done, total int) {
	var last time.Time
	return func(stage string, done, total int) {
		if time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		pct := 0
		if total > 0 {
			pct = done * 100 / total
		}
		fmt.Fprintf(w, "\r\033[Kbackchannel: %s: %d of %d records (%d%%)", stage, done, total, pct)
	}
}
