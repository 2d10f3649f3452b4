package main

import (
	"context"
	"fmt"

	"github.com/backchannel/backchannel/graph/gen"
)

func init() {
	register(command{name: "gen", summary: "generate a large realistic dataset (power-law degrees, evidence quoting generated documents) for scale work", run: runGen})
}

func runGen(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("gen", "--nodes N [--edges-per-node K] [--seed S] --out DIR")
	nodes := fs.Int("nodes", 10000, "number of nodes")
	perNode := fs.Int("edges-per-node", 5, "mean relationships per node")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same dataset")
	out := fs.String("out", "", "output `DIR` (created): nodes.json, edges-NNNN.json and docs/")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return usageError("--out DIR is required")
	}
	if err := checkOutDir(*out); err != nil {
		return err
	}
	cfg := gen.Config{Nodes: *nodes, EdgesPerNode: *perNode, Seed: *seed}
	n, e, err := gen.Write(ctx, *out, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "backchannel: wrote %d nodes and %d relationships to %s\n", n, e, *out)
	if e < *nodes**perNode {
		fmt.Fprintf(m.Stderr, "backchannel: %d nodes allow only %d distinct pairs for their types, one relationship each (asked for %d)\n", n, e, *nodes**perNode)
	}
	return nil
}
