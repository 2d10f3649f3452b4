// Package export writes a graph, or part of one, in the formats other
// tools read: backchannel's native JSON, GraphML, GEXF, Cytoscape.js JSON,
// networkx/d3 node-link JSON, neo4j-admin import CSV and FollowTheMoney
// entities.
//
// Every writer streams: it reads one node or edge at a time from a Source
// and writes it out before asking for the next, so exporting a store holds
// no second copy of the graph. Attribute declarations (GraphML keys, GEXF
// attributes, CSV headers) come from the fixed field vocabulary of
// graph.Node and graph.Edge, never from a pass over the data. Free-form
// props, lists and evidence, which have no fixed columns, travel as JSON
// strings in formats that only know scalars.
//
// Output is deterministic: a Source yields nodes and edges in id order
// (graph.Scanner does; FromSubgraph sorts), so golden files are stable.
package export

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// Source is what an export reads: every node, then every edge, each in id
// order. A graph.Scanner is a Source; FromSubgraph adapts a subgraph.
type Source interface {
	EachNode(ctx context.Context, fn func(graph.Node) error) error
	EachEdge(ctx context.Context, fn func(graph.Edge) error) error
}

// truncater is implemented by sources that may be cut short by a cap (a
// neighbourhood); the native JSON export then says so.
type truncater interface {
	Truncated() bool
}

// subgraphSource is a Source over an in-memory subgraph.
type subgraphSource struct {
	sub graph.Subgraph
}

// FromSubgraph returns a Source over sub, nodes and edges sorted by id (sub
// itself is not modified). Duplicate ids are kept once.
func FromSubgraph(sub graph.Subgraph) Source {
	nodes := slices.Clone(sub.Nodes)
	slices.SortStableFunc(nodes, func(a, b graph.Node) int { return cmp.Compare(a.ID, b.ID) })
	nodes = slices.CompactFunc(nodes, func(a, b graph.Node) bool { return a.ID == b.ID })
	edges := slices.Clone(sub.Edges)
	slices.SortStableFunc(edges, func(a, b graph.Edge) int { return cmp.Compare(a.ID, b.ID) })
	edges = slices.CompactFunc(edges, func(a, b graph.Edge) bool { return a.ID == b.ID })
	return &subgraphSource{sub: graph.Subgraph{Nodes: nodes, Edges: edges, Truncated: sub.Truncated}}
}

// FromDataset returns a Source over ds, sorted by id like FromSubgraph.
func FromDataset(ds *graph.Dataset) Source {
	return FromSubgraph(graph.Subgraph{Nodes: ds.Nodes, Edges: ds.Edges})
}

func (s *subgraphSource) EachNode(ctx context.Context, fn func(graph.Node) error) error {
	for _, n := range s.sub.Nodes {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(n); err != nil {
			return err
		}
	}
	return nil
}

func (s *subgraphSource) EachEdge(ctx context.Context, fn func(graph.Edge) error) error {
	for _, e := range s.sub.Edges {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

func (s *subgraphSource) Truncated() bool { return s.sub.Truncated }

// Format is one export format.
type Format struct {
	// Name is what --format and ?format= take.
	Name string
	// MediaType is the HTTP Content-Type of the output.
	MediaType string
	// Ext is the file name extension, with its dot.
	Ext string
	// Summary says what reads it.
	Summary string
	// Write streams src to w.
	Write func(ctx context.Context, w io.Writer, src Source) error
	// WriteDir, for formats made of several files (neo4j-csv), writes
	// them into the directory dir, creating it; Write then streams an
	// archive of the same files.
	WriteDir func(ctx context.Context, dir string, src Source) error
}

// formats is the registry, by name. Each format's file adds itself.
var formats = map[string]Format{}

func register(f Format) {
	if _, dup := formats[f.Name]; dup {
		panic("export: format registered twice: " + f.Name)
	}
	// every format writes each relationship's status timeline, but for
	// native JSON, which stays the dataset encoding byte for byte: there
	// a timeline appears only where the view gave one (a neighbourhood as
	// of a date), and readers derive it with graph.Timeline
	if w := f.Write; w != nil && f.Name != "json" {
		f.Write = func(ctx context.Context, out io.Writer, src Source) error { return w(ctx, out, WithTimelines(src)) }
	}
	if w := f.WriteDir; w != nil && f.Name != "json" {
		f.WriteDir = func(ctx context.Context, dir string, src Source) error { return w(ctx, dir, WithTimelines(src)) }
	}
	formats[f.Name] = f
}

// Lookup returns the format named name, or graph.ErrInvalid naming the
// formats there are.
func Lookup(name string) (Format, error) {
	f, ok := formats[name]
	if !ok {
		return Format{}, fmt.Errorf("%w: export format %q: want one of %s", graph.ErrInvalid, name, FormatNames())
	}
	return f, nil
}

// Formats lists every format, sorted by name.
func Formats() []Format {
	out := make([]Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FormatNames lists the format names, sorted, comma separated.
func FormatNames() string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// Write streams src to w in the named format.
func Write(ctx context.Context, w io.Writer, format string, src Source) error {
	f, err := Lookup(format)
	if err != nil {
		return err
	}
	return f.Write(ctx, w, src)
}

// timelineSource gives every relationship its status timeline (see
// graph.Timeline) where the source has not (a whole-graph scan; views
// such as neighbourhoods come with theirs, cut at their as-of date).
type timelineSource struct{ Source }

// WithTimelines returns src with every relationship's timeline filled
// in: what every format but native JSON writes, and what the API gives
// native JSON too (the CLI's JSON export stays the dataset encoding).
func WithTimelines(src Source) Source {
	if _, ok := src.(timelineSource); ok {
		return src
	}
	return timelineSource{src}
}

func (s timelineSource) EachEdge(ctx context.Context, fn func(graph.Edge) error) error {
	return s.Source.EachEdge(ctx, func(e graph.Edge) error {
		if e.Timeline == nil {
			e.Timeline = graph.Timeline(&e)
		}
		return fn(e)
	})
}

// Truncated passes on the source's flag.
func (s timelineSource) Truncated() bool {
	t, ok := s.Source.(truncater)
	return ok && t.Truncated()
}
