package main

import (
	"context"
	"fmt"

	"github.com/backchannel/backchannel/graph/dataset"
)

func init() {
	register(command{name: "validate", summary: "check datasets and report every problem (default seeds/)", run: runValidate})
}

func runValidate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("validate", "[--all] [PATH...]")
	all := fs.Bool("all", false, fmt.Sprintf("list every problem (default: the first %d and how many more)", maxErrors))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"seeds"}
	}
	res, err := dataset.Load(ctx, paths...)
	if err != nil {
		return err
	}
	if *all {
		for _, p := range res.Problems {
			fmt.Fprintln(m.Stdout, p)
		}
	} else {
		printCapped(m.Stdout, res.Problems)
	}
	ds := res.Dataset
	if len(res.Problems) > 0 {
		fmt.Fprintf(m.Stdout, "%d problem(s) in %d file(s)\n", len(res.Problems), len(res.Files))
		return errProblems
	}
	fmt.Fprintf(m.Stdout, "ok: %d file(s), %d nodes, %d relationships, %d quotable document(s)\n",
		len(res.Files), len(ds.Nodes), len(ds.Edges), len(res.DocumentFiles))
	return nil
}
