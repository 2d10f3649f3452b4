package export

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/backchannel/backchannel/graph"
)

func init() {
	register(Format{
		Name:      "graphml",
		MediaType: "application/graphml+xml",
		Ext:       ".graphml",
		Summary:   "GraphML 1.0 with typed keys, for Gephi, yEd, Cytoscape, networkx and igraph",
		Write:     WriteGraphML,
	})
}

var graphmlType = map[kind]string{kString: "string", kInt: "int", kJSON: "string"}

// WriteGraphML streams src as GraphML, valid against the GraphML 1.0/1.1
// schema. Every attribute is a typed <key> declared from the fixed field
// vocabulary (see fields.go): node keys n_type, n_label (the name, which
// Gephi and yEd show), n_name, n_aliases, ...; edge keys e_type, e_label
// (the type), e_status, ..., e_evidence_count (int), e_evidence (JSON) and
// the flattened evidence lists. Empty values are left out, as GraphML
// allows. Edges keep their id, so parallel edges stay apart (networkx
// reads them into a MultiDiGraph keyed by id).
func WriteGraphML(ctx context.Context, w io.Writer, src Source) error {
	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	key := func(id, scope, name, typ string) {
		x.raw("  <key")
		x.attr("id", id)
		x.attr("for", scope)
		x.attr("attr.name", name)
		x.attr("attr.type", typ)
		x.raw("/>\n")
	}
	key("n_label", "node", "label", "string")
	for _, f := range nodeFields {
		key("n_"+f.name, "node", f.name, graphmlType[f.kind])
	}
	key("e_id", "edge", "id", "string")
	key("e_label", "edge", "label", "string")
	for _, f := range edgeFields {
		key("e_"+f.name, "edge", f.name, graphmlType[f.kind])
	}
	x.raw(`  <graph id="backchannel" edgedefault="directed">` + "\n")

	data := func(key, value string) {
		if value == "" {
			return
		}
		x.raw(`      <data key="`)
		x.raw(key)
		x.raw(`">`)
		x.text(value)
		x.raw("</data>\n")
	}
	err := src.EachNode(ctx, func(n graph.Node) error {
		x.raw("    <node")
		x.attr("id", n.ID)
		x.raw(">\n")
		data("n_label", n.Name)
		for _, f := range nodeFields {
			data("n_"+f.name, f.value(&n))
		}
		x.raw("    </node>\n")
		return x.err
	})
	if err != nil {
		return fmt.Errorf("export graphml: nodes: %w", err)
	}
	err = src.EachEdge(ctx, func(e graph.Edge) error {
		x.raw("    <edge")
		x.attr("id", nmtoken(e.ID))
		x.attr("source", e.Source)
		x.attr("target", e.Target)
		x.raw(">\n")
		data("e_id", e.ID)
		data("e_label", e.Type)
		for _, f := range edgeFields {
			data("e_"+f.name, f.value(&e))
		}
		x.raw("    </edge>\n")
		return x.err
	})
	if err != nil {
		return fmt.Errorf("export graphml: edges: %w", err)
	}
	x.raw("  </graph>\n</graphml>\n")
	if err := x.flush(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	return nil
}

// nmtoken escapes s into an XML name token: ASCII letters, digits and
// ".-_:" and non-ASCII letters and digits stay, any other character c
// becomes _HEX_ (">" is "_3E_").
func nmtoken(s string) string {
	ok := true
	for _, r := range s {
		if !nameChar(r) {
			ok = false
			break
		}
	}
	if ok && s != "" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if nameChar(r) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%X_", r)
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

func nameChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_', r == ':':
		return true
	case r < utf8.RuneSelf:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
