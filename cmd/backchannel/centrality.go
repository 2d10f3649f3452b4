package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/backchannel/backchannel/graph/analysis"
)

func init() {
	register(command{name: "centrality", summary: "rank nodes by a centrality metric (" + strings.Join(analysis.Metrics, ", ") + ")", run: runCentrality})
}

func runCentrality(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("centrality", "METRIC [--top N] [--samples N --seed S] [--status S,...] [--types T,...] [--after D] [--before D] [--format text|json] [--data DIR | --neo4j URI]")
	var src sourceFlags
	src.register(fs)
	var ff filterFlags
	ff.register(fs)
	top := fs.Int("top", analysis.DefaultTop, "how many nodes to list")
	samples := fs.Int("samples", 0, "betweenness: sample this many source nodes (0: exact when the graph is small enough)")
	seed := fs.Uint64("seed", 1, "seed for sampling and for communities")
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError("want one METRIC: %s", strings.Join(analysis.Metrics, ", "))
	}
	if *format != "text" && *format != "json" {
		return usageError("--format %q: want text or json", *format)
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	store, err := src.open(ctx, m)
	if err != nil {
		return err
	}
	defer closeStore(m, store)
	r, err := analysis.NewEngine(store).Centrality(ctx, analysis.CentralityQuery{Metric: pos[0], Filter: f, Top: *top, Samples: *samples, Seed: *seed})
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	ids := make([]string, len(r.Scores))
	for i, s := range r.Scores {
		ids[i] = s.ID
	}
	nodes, err := store.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, n := range nodes {
		names[n.ID] = n.Name
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s over %d nodes and %d relationships\n", r.Metric, r.Nodes, r.Relationships)
	if f.Standing {
		fmt.Fprintf(&b, "(refuted and retracted claims left out; --claims all keeps them)\n")
	}
	if r.Note != "" {
		fmt.Fprintf(&b, "(%s)\n", r.Note)
	}
	if r.Modularity != 0 {
		fmt.Fprintf(&b, "modularity Q = %.4f\n", r.Modularity)
	}
	for i, s := range r.Scores {
		fmt.Fprintf(&b, "%4d  %-12.6g  %s  %s\n", i+1, s.Score, s.ID, names[s.ID])
	}
	for i, g := range r.Groups {
		fmt.Fprintf(&b, "group %d: %d nodes: %s\n", i+1, g.Size, strings.Join(g.Members, ", "))
	}
	_, err = io.WriteString(m.Stdout, b.String())
	return err
}
