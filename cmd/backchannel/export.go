package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/export"
)

func init() {
	register(command{name: "export", summary: "write the graph or a part of it as json, graphml, gexf, cytoscape, node-link, neo4j-csv or ftm", run: runExport})
}

func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("export", "[--format F] [--data DIR | --neo4j URI] [--node ID [--depth N] | --nodes ID,... --edges ID,...] [--out PATH]")
	var src sourceFlags
	src.register(fs)
	format := fs.String("format", "json", "output `format`: "+export.FormatNames())
	out := fs.String("out", "", "write to `PATH` instead of stdout (neo4j-csv: a directory, or a file ending in .zip)")
	node := fs.String("node", "", "export the neighbourhood of this node `ID` (or a name one node has) instead of the whole graph")
	depth := fs.Int("depth", 1, fmt.Sprintf("neighbourhood depth, 1 to %d (with --node)", graph.MaxDepth))
	limit := fs.Int("limit", graph.DefaultNeighborCap, fmt.Sprintf("neighbourhood node cap, 1 to %d (with --node)", graph.MaxNeighborCap))
	types := fs.String("types", "", "with --node: follow only these relationship `TYPES` (comma separated)")
	status := fs.String("status", "", "with --node: follow only relationships with these `STATUSES` (comma separated)")
	nodes := fs.String("nodes", "", "export exactly these node `IDS` (comma separated; a path or query result)")
	edges := fs.String("edges", "", "export exactly these edge `IDS` (comma separated), with their endpoints")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	f, err := export.Lookup(*format)
	if err != nil {
		return usageError("%s", strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": "))
	}
	sel := export.Selection{Node: *node, NodeIDs: graph.SplitList(*nodes), EdgeIDs: graph.SplitList(*edges)}
	if *node != "" {
		filter, err := graph.ParseFilter(*types, *status, "", "")
		if err != nil {
			return usageError("%s", strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": "))
		}
		sel.Neighbor = graph.NeighborQuery{Depth: *depth, Limit: *limit, Filter: filter}
	} else if *types != "" || *status != "" {
		return usageError("--types and --status filter a neighbourhood: give --node too")
	}

	store, err := src.open(ctx, m)
	if err != nil {
		return err
	}
	defer closeStore(m, store)
	if sel.Node != "" {
		if sel.Node, err = resolveNode(ctx, store, sel.Node); err != nil {
			return err
		}
	}
	if sel.NodeIDs, err = resolveNodes(ctx, store, sel.NodeIDs); err != nil {
		return err
	}
	source, err := export.Select(ctx, store, sel)
	if err != nil {
		return err
	}
	if *out == "" {
		return f.Write(ctx, m.Stdout, source)
	}
	if f.WriteDir != nil && !strings.HasSuffix(*out, f.Ext) {
		if err := checkOutDir(*out); err != nil {
			return err
		}
		if err := f.WriteDir(ctx, *out, source); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "backchannel: wrote %s export to %s/\n", f.Name, filepath.Clean(*out))
		return nil
	}
	if err := writeFile(*out, func(file *os.File) error { return f.Write(ctx, file, source) }); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "backchannel: wrote %s export to %s\n", f.Name, *out)
	return nil
}
