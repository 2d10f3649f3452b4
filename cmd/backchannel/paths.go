package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/analysis"
)

func init() {
	register(command{name: "paths", summary: "how two nodes are connected, with the evidence for every hop", run: runPaths})
}

// filterFlags are the relationship filters that paths and centrality
// share with the API: --types, --status, --after, --before.
type filterFlags struct {
	types, status, after, before, claims string
}

func (f *filterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.types, "types", "", "only these relationship `TYPES` (comma separated)")
	fs.StringVar(&f.status, "status", "", "only these `STATUSES` (comma separated), e.g. confirmed,reported")
	fs.StringVar(&f.after, "after", "", "only relationships that can have lasted past this `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.before, "before", "", "only relationships that can have begun by this `DATE`, with their statuses as of then: the graph as of 2021-02 is --before 2021-02")
	fs.StringVar(&f.claims, "claims", "standing", "`standing` leaves out refuted and retracted claims (status as of --before); all keeps them")
}

func (f *filterFlags) filter() (graph.Filter, error) {
	claims, err := graph.ParseClaims(f.claims, graph.StandingClaims)
	if err != nil {
		return graph.Filter{}, usageError("%s", strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": "))
	}
	out, err := graph.ParseFilter(f.types, f.status, f.after, f.before)
	if err != nil {
		return out, usageError("%s", strings.TrimPrefix(err.Error(), graph.ErrInvalid.Error()+": "))
	}
	out.Standing = claims == graph.StandingClaims
	return out, nil
}

// parseInterleaved parses flags that may come before, between or after
// the positional arguments ("paths A B --status confirmed"), which the
// flag package alone stops at.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runPaths(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("paths", "FROM TO [--mode shortest|all|k|weighted] [--k N] [--max-hops N] [--avoid ID,...] [--status S,...] [--types T,...] [--after D] [--before D] [--directed] [--format text|json] [--data DIR | --neo4j URI]")
	var src sourceFlags
	src.register(fs)
	var ff filterFlags
	ff.register(fs)
	mode := fs.String("mode", "shortest", "`MODE`: shortest (fewest hops), all (every fewest-hop path), k (k shortest), weighted (cheapest by evidence: confirmed hops cost least)")
	k := fs.Int("k", 0, fmt.Sprintf("number of paths for --mode k (default %d) and weighted (default 1)", analysis.DefaultK))
	maxHops := fs.Int("max-hops", 0, "longest path, in hops (0: no bound)")
	avoid := fs.String("avoid", "", "node `IDS` no path may pass through (comma separated)")
	directed := fs.Bool("directed", false, "follow relationships only from source to target (default: both ways)")
	limit := fs.Int("limit", 0, fmt.Sprintf("most paths for --mode all (default %d)", analysis.DefaultPathLimit))
	format := fs.String("format", "text", "output `FORMAT`: text or json")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError("want FROM and TO node ids or names, e.g. backchannel paths person:han-dong 'Michael Kovrig'")
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
	// Ids or names one node has: "paths 'Han Dong' person:michael-kovrig".
	if pos, err = resolveNodes(ctx, store, pos); err != nil {
		return err
	}
	avoidIDs, err := resolveNodes(ctx, store, graph.SplitList(*avoid))
	if err != nil {
		return err
	}
	q := analysis.PathQuery{Mode: analysis.Mode(*mode), K: *k, MaxHops: *maxHops, Avoid: avoidIDs, Directed: *directed, Limit: *limit}
	paths, err := analysis.NewEngine(store).Paths(ctx, pos[0], pos[1], f, q)
	if err != nil {
		return err
	}
	nodeIDs, edgeIDs := analysis.PathIDs(paths)
	sub, err := graph.ReadSubgraph(ctx, store, nodeIDs, edgeIDs)
	if err != nil {
		return err
	}
	for i := range sub.Edges {
		sub.Edges[i] = f.View(sub.Edges[i]) // statuses as of --before
	}
	if *format == "json" {
		if paths == nil {
			paths = []analysis.Path{}
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"paths": paths, "graph": sub})
	}
	if len(paths) == 0 {
		// name the ends in the "no path" line
		if sub.Nodes, err = store.Nodes(ctx, pos); err != nil {
			return err
		}
	}
	return writePathsText(m.Stdout, pos[0], pos[1], paths, sub)
}

// writePathsText prints each path hop by hop: the relationship, its
// direction, status and dates, and every piece of evidence (stance,
// quote, who asserts it, in which document).
func writePathsText(w io.Writer, from, to string, paths []analysis.Path, sub graph.Subgraph) error {
	nodes := map[string]graph.Node{}
	for _, n := range sub.Nodes {
		nodes[n.ID] = n
	}
	edges := map[string]graph.Edge{}
	for _, e := range sub.Edges {
		edges[e.ID] = e
	}
	name := func(id string) string {
		if n, ok := nodes[id]; ok {
			return fmt.Sprintf("%s (%s)", n.Name, id)
		}
		return id
	}
	var b strings.Builder
	if len(paths) == 0 {
		fmt.Fprintf(&b, "No path from %s to %s with these filters.\n", name(from), name(to))
	}
	for i, p := range paths {
		fmt.Fprintf(&b, "Path %d: %d hop(s), evidence cost %.2f\n", i+1, p.Hops, p.Cost)
		fmt.Fprintf(&b, "  %s\n", name(p.Nodes[0]))
		for h, id := range p.Edges {
			e, ok := edges[id]
			if !ok {
				fmt.Fprintf(&b, "  -- %s --> %s\n", id, name(p.Nodes[h+1]))
				continue
			}
			arrow := fmt.Sprintf("--%s-->", e.Type)
			if e.Source != p.Nodes[h] {
				arrow = fmt.Sprintf("<--%s--", e.Type)
			}
			when := ""
			if !e.Date.IsZero() {
				when = ", " + string(e.Date)
				if !e.EndDate.IsZero() {
					when += " to " + string(e.EndDate)
				}
			}
			fmt.Fprintf(&b, "    %s [%s%s] %s\n", arrow, e.Status, when, name(p.Nodes[h+1]))
			if e.Description != "" {
				fmt.Fprintf(&b, "      %s\n", e.Description)
			}
			for _, ev := range e.Evidence {
				when := ""
				if ev.Date != "" {
					when = ", " + string(ev.Date)
				}
				if ev.KindOf() == graph.Paraphrase {
					// our words, never in quotation marks
					fmt.Fprintf(&b, "      %s (paraphrase): %s\n        according to %s, in %s%s\n", ev.Stance, ev.Paraphrase, ev.AttributedTo, ev.Document, when)
					continue
				}
				fmt.Fprintf(&b, "      %s: %q\n        according to %s, in %s%s\n", ev.Stance, ev.Quote, ev.AttributedTo, ev.Document, when)
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
