package export

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

func init() {
	register(Format{
		Name:      "gexf",
		MediaType: "application/gexf+xml",
		Ext:       ".gexf",
		Summary:   "GEXF 1.3 for Gephi, with dated relationships as spells for its timeline",
		Write: func(ctx context.Context, w io.Writer, src Source) error {
			return WriteGEXF(ctx, w, src, GEXFOptions{})
		},
	})
}

// GEXFOptions tune the GEXF export.
type GEXFOptions struct {
	// NoViz leaves out the viz: colours (by node type and by edge status).
	// Files with viz data validate against the GEXF RELAX NG schema only:
	// the XSD generated from it puts viz elements in the wrong namespace.
	NoViz bool
}

var gexfType = map[kind]string{kString: "string", kInt: "integer", kJSON: "string"}

// rgb colours, for Gephi's first view of the file.
type rgb struct{ r, g, b int }

var (
	typeColor = map[graph.NodeType]rgb{
		graph.Person:       {78, 121, 167},
		graph.Organization: {242, 142, 43},
		graph.Office:       {89, 161, 79},
		graph.Event:        {176, 122, 161},
		graph.Document:     {156, 117, 95},
	}
	statusColor = map[graph.Status]rgb{
		graph.Confirmed: {44, 160, 44},
		graph.Reported:  {31, 119, 180},
		graph.Alleged:   {255, 127, 14},
		graph.Disputed:  {214, 39, 40},
		graph.Refuted:   {90, 90, 90},
		graph.Retracted: {150, 150, 150},
	}
)

// WriteGEXF streams src as GEXF 1.3 (http://gexf.net/1.3). The graph is
// dynamic with timeformat "date": a dated relationship carries a spell
// from the first day its date can mean to the last day of its end_date
// (or of its date, when it has no end_date: a point in time), so Gephi's
// timeline shows it only then; undated relationships and all nodes are
// always present. Each relationship's status as of every day is the
// dynamic attribute status_as_of, one value per step of its timeline with
// its own start and end. A node's label is its name, an edge's label and kind
// its type. Attributes are declared from the fixed field vocabulary, as
// in GraphML: the scalars by name, lists, props and evidence as JSON
// strings, the evidence counts as integers.
func WriteGEXF(ctx context.Context, w io.Writer, src Source, opts GEXFOptions) error {
	x := newXMLWriter(w)
	// No xsi:schemaLocation: the RELAX NG schema, which is normative,
	// allows no attribute outside its own.
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3"`)
	if !opts.NoViz {
		x.raw(` xmlns:viz="http://gexf.net/1.3/viz"`)
	}
	x.raw(` version="1.3">
  <meta>
    <creator>backchannel</creator>
    <description>An evidence graph: every relationship carries its status and evidence (document, quote, attributed_to, stance).</description>
  </meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node" mode="static">
`)
	attribute := func(id, typ string) {
		x.raw("      <attribute")
		x.attr("id", id)
		x.attr("title", id)
		x.attr("type", typ)
		x.raw("/>\n")
	}
	for _, f := range nodeFields {
		attribute(f.name, gexfType[f.kind])
	}
	x.raw("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
	for _, f := range edgeFields {
		attribute(f.name, gexfType[f.kind])
	}
	// the status as of each day, by the status rule: a dynamic
	// attribute whose values carry spells (see statusSpells)
	x.raw("    </attributes>\n    <attributes class=\"edge\" mode=\"dynamic\">\n")
	attribute("status_as_of", "string")
	x.raw("    </attributes>\n    <nodes>\n")

	attvalues := func(values func(yield func(name, value string)), dynamic string) {
		open := false
		values(func(name, value string) {
			if value == "" {
				return
			}
			if !open {
				x.raw("        <attvalues>\n")
				open = true
			}
			x.raw(`          <attvalue for="`)
			x.raw(name)
			x.raw(`" value="`)
			x.text(value)
			x.raw("\"/>\n")
		})
		if dynamic != "" && !open {
			x.raw("        <attvalues>\n")
			open = true
		}
		x.raw(dynamic)
		if open {
			x.raw("        </attvalues>\n")
		}
	}
	color := func(c rgb, ok bool) {
		if opts.NoViz || !ok {
			return
		}
		x.raw(`        <viz:color r="` + strconv.Itoa(c.r) + `" g="` + strconv.Itoa(c.g) + `" b="` + strconv.Itoa(c.b) + "\"/>\n")
	}
	err := src.EachNode(ctx, func(n graph.Node) error {
		x.raw("      <node")
		x.attr("id", n.ID)
		x.attr("label", n.Name)
		x.raw(">\n")
		attvalues(func(yield func(string, string)) {
			for _, f := range nodeFields {
				yield(f.name, f.value(&n))
			}
		}, "")
		c, ok := typeColor[n.Type]
		color(c, ok)
		x.raw("      </node>\n")
		return x.err
	})
	if err != nil {
		return fmt.Errorf("export gexf: nodes: %w", err)
	}
	x.raw("    </nodes>\n    <edges>\n")
	err = src.EachEdge(ctx, func(e graph.Edge) error {
		x.raw("      <edge")
		x.attr("id", e.ID)
		x.attr("source", e.Source)
		x.attr("target", e.Target)
		x.attr("label", e.Type)
		x.attr("kind", e.Type)
		x.raw(">\n")
		var dynamic strings.Builder
		for _, st := range statusSpells(timelineOf(&e)) {
			dynamic.WriteString(`          <attvalue for="status_as_of" value="` + string(st.status) + `"`)
			if st.start != "" {
				dynamic.WriteString(` start="` + st.start + `"`)
			}
			if st.end != "" {
				dynamic.WriteString(` end="` + st.end + `"`)
			}
			dynamic.WriteString("/>\n")
		}
		attvalues(func(yield func(string, string)) {
			for _, f := range edgeFields {
				yield(f.name, f.value(&e))
			}
		}, dynamic.String())
		if start, end, ok := spell(e.Date, e.EndDate); ok {
			x.raw(`        <spells><spell start="` + start + `" end="` + end + "\"/></spells>\n")
		}
		c, ok := statusColor[e.Status]
		color(c, ok)
		x.raw("      </edge>\n")
		return x.err
	})
	if err != nil {
		return fmt.Errorf("export gexf: edges: %w", err)
	}
	x.raw("    </edges>\n  </graph>\n</gexf>\n")
	if err := x.flush(); err != nil {
		return fmt.Errorf("export gexf: %w", err)
	}
	return nil
}

// spell returns the inclusive days [start, end] that a relationship dated
// date (to end, if set) may cover: 2021-02 is 2021-02-01 to 2021-02-28.
func spell(date, end graph.Date) (string, string, bool) {
	if date.IsZero() || date.Start().IsZero() {
		return "", "", false
	}
	last := date
	if !end.IsZero() && !end.Start().IsZero() {
		last = end
	}
	const day = "2006-01-02"
	return date.Start().Format(day), last.End().AddDate(0, 0, -1).Format(day), true
}

// statusSpell is one value of status_as_of and the inclusive days it
// holds ("" start: from the beginning; "" end: to this day).
type statusSpell struct {
	status     graph.Status
	start, end string
}

// statusSpells turns a timeline into spells: a step dated d holds from
// the last day of d (when the whole of d has passed, as the status rule
// counts it) to the day before the next step.
func statusSpells(tl []graph.StatusStep) []statusSpell {
	const day = "2006-01-02"
	out := make([]statusSpell, len(tl))
	for i, st := range tl {
		out[i].status = st.Status
		if !st.Date.IsZero() {
			out[i].start = st.Date.End().AddDate(0, 0, -1).Format(day)
		}
		if i+1 < len(tl) && !tl[i+1].Date.IsZero() {
			out[i].end = tl[i+1].Date.End().AddDate(0, 0, -2).Format(day)
		}
	}
	return out
}
