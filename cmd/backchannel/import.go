package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/importer"
)

func init() {
	register(command{name: "import", summary: "convert CSV tables or FollowTheMoney entities into a dataset (seeds format)", run: runImport})
}

func runImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("import", "--format csv|ftm --out DIR [--skip-bad] [--dataset NAME] [--status S] FILE...")
	format := fs.String("format", "", "input `format`: csv (node and edge tables) or ftm (FollowTheMoney JSON lines)")
	out := fs.String("out", "", "write the dataset into `DIR` (NAME.yaml plus docs/*.txt)")
	name := fs.String("name", "", "base `NAME` of the YAML file (default: the first input's name)")
	skipBad := fs.Bool("skip-bad", false, "import what converts and count the rest, instead of writing nothing")
	ds := fs.String("dataset", "", "source `NAME` for provenance and attribution (default: FtM datasets, else the file name)")
	status := fs.String("status", "", "status of relationships whose record gives none: confirmed, reported, alleged (default reported)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	switch {
	case *format != "csv" && *format != "ftm":
		return usageError("--format: want csv or ftm")
	case *out == "":
		return usageError("--out DIR is required")
	case len(files) == 0:
		return usageError("give the files to import")
	}
	var st graph.Status
	var err error
	if *status != "" {
		if st, err = graph.ParseStatus(*status); err != nil || st == graph.Disputed {
			return usageError("--status %q: want confirmed, reported or alleged (disputed needs a denial)", *status)
		}
	}
	opts := importer.Options{SkipBad: *skipBad, Dataset: *ds, Status: st}
	var res *importer.Result
	if *format == "ftm" {
		res, err = importer.FtM(files, opts)
	} else {
		res, err = importer.CSV(files, opts)
	}
	if res != nil {
		for _, p := range res.Bad {
			fmt.Fprintln(m.Stderr, p)
		}
	}
	if err != nil {
		if errors.Is(err, importer.ErrBadRecords) {
			fmt.Fprintf(m.Stderr, "backchannel import: %v; nothing written\n", err)
			return errProblems
		}
		return err
	}
	base := *name
	if base == "" {
		base = strings.TrimSuffix(filepath.Base(files[0]), filepath.Ext(files[0]))
	}
	header := fmt.Sprintf("# Imported by `backchannel import --format %s` from %s.\n# Evidence quotes the imported files (docs/), verbatim.\n",
		*format, strings.Join(baseNames(files), ", "))
	path, err := importer.Write(ctx, *out, base, res, header)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "wrote %s: %d nodes, %d relationships\n", path, len(res.Dataset.Nodes), len(res.Dataset.Edges))
	if len(res.Bad) > 0 {
		fmt.Fprintf(m.Stdout, "skipped %d bad record(s) (--skip-bad), listed above\n", len(res.Bad))
	}
	var reasons []string
	for k := range res.Skipped {
		reasons = append(reasons, k)
	}
	sort.Strings(reasons)
	for _, k := range reasons {
		fmt.Fprintf(m.Stdout, "skipped %d %s (not part of the model)\n", res.Skipped[k], k)
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
