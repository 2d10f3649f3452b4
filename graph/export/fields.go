package export

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// The fixed attribute vocabulary shared by the formats that declare their
// attributes up front (GraphML keys, GEXF attributes, CSV headers). It is
// derived from the fields of graph.Node and graph.Edge, never from the
// data, so a writer can declare it before the first element.
//
// Scalars keep their names. Lists (aliases, flattened evidence) and maps
// (props) have no type in those formats, so they travel as JSON text:
// aliases ["Dong","Consul General Han"], props {"country":"ca"}. Evidence
// travels whole as a JSON array of {document, kind, quote or paraphrase,
// date, attributed_to, stance, grade}, plus counts by stance and one
// flattened list per evidence field for tools that cannot parse JSON; the
// status timeline as a JSON array of {date, status, evidence}.

// kind is an attribute's type.
type kind int

const (
	kString kind = iota
	kInt
	kJSON // a string holding JSON (a list or an object)
)

type nodeField struct {
	name string
	kind kind
	// list marks a JSON-array field that neo4j-csv writes as a string[]
	// column.
	list  bool
	value func(n *graph.Node) string
	// items returns a list field's elements (neo4j-csv's arrays).
	items func(n *graph.Node) []string
}

type edgeField struct {
	name  string
	kind  kind
	list  bool
	value func(e *graph.Edge) string
	items func(e *graph.Edge) []string
}

// nodeFields are a node's attributes, id aside.
var nodeFields = []nodeField{
	{name: "type", value: func(n *graph.Node) string { return string(n.Type) }},
	{name: "name", value: func(n *graph.Node) string { return n.Name }},
	{name: "aliases", kind: kJSON, list: true, value: func(n *graph.Node) string { return jsonList(n.Aliases) },
		items: func(n *graph.Node) []string { return n.Aliases }},
	{name: "description", value: func(n *graph.Node) string { return n.Description }},
	{name: "kind", value: func(n *graph.Node) string { return n.Kind }},
	{name: "date", value: func(n *graph.Node) string { return string(n.Date) }},
	{name: "url", value: func(n *graph.Node) string { return n.URL }},
	{name: "props", kind: kJSON, value: func(n *graph.Node) string { return jsonProps(n.Props) }},
}

// edgeFields are an edge's attributes, id, source and target aside.
var edgeFields = []edgeField{
	{name: "type", value: func(e *graph.Edge) string { return e.Type }},
	{name: "status", value: func(e *graph.Edge) string { return string(e.Status) }},
	{name: "date", value: func(e *graph.Edge) string { return string(e.Date) }},
	{name: "end_date", value: func(e *graph.Edge) string { return string(e.EndDate) }},
	{name: "description", value: func(e *graph.Edge) string { return e.Description }},
	{name: "evidence_count", kind: kInt, value: func(e *graph.Edge) string { return strconv.Itoa(len(e.Evidence)) }},
	{name: "evidence_supports", kind: kInt, value: func(e *graph.Edge) string { return strconv.Itoa(countStance(e, graph.Supports)) }},
	{name: "evidence_denies", kind: kInt, value: func(e *graph.Edge) string { return strconv.Itoa(countStance(e, graph.Denies)) }},
	{name: "evidence_refutes", kind: kInt, value: func(e *graph.Edge) string { return strconv.Itoa(countStance(e, graph.Refutes)) }},
	{name: "evidence_retracts", kind: kInt, value: func(e *graph.Edge) string { return strconv.Itoa(countStance(e, graph.Retracts)) }},
	{name: "evidence_questions", kind: kInt, value: func(e *graph.Edge) string { return strconv.Itoa(countStance(e, graph.Questions)) }},
	{name: "evidence", kind: kJSON, value: func(e *graph.Edge) string { return jsonEvidence(e.Evidence) }},
	{name: "evidence_documents", kind: kJSON, list: true, value: func(e *graph.Edge) string {
		return marshalString(evidenceItems(e, func(ev *graph.Evidence) string { return ev.Document }))
	}, items: func(e *graph.Edge) []string {
		return evidenceItems(e, func(ev *graph.Evidence) string { return ev.Document })
	}},
	{name: "evidence_kinds", kind: kJSON, list: true, value: func(e *graph.Edge) string {
		return marshalString(evidenceItems(e, func(ev *graph.Evidence) string { return string(ev.KindOf()) }))
	}, items: func(e *graph.Edge) []string {
		return evidenceItems(e, func(ev *graph.Evidence) string { return string(ev.KindOf()) })
	}},
	{name: "evidence_quotes", kind: kJSON, list: true, value: func(e *graph.Edge) string {
		return marshalString(evidenceItems(e, func(ev *graph.Evidence) string { return ev.Quote }))
	}, items: func(e *graph.Edge) []string {
		return evidenceItems(e, func(ev *graph.Evidence) string { return ev.Quote })
	}},
	{name: "evidence_paraphrases", kind: kJSON, list: true, value: func(e *graph.Edge) string {
		return marshalString(evidenceItems(e, func(ev *graph.Evidence) string { return ev.Paraphrase }))
	}, items: func(e *graph.Edge) []string {
		return evidenceItems(e, func(ev *graph.Evidence) string { return ev.Paraphrase })
	}},
	{name: "evidence_dates", kind: kJSON, list: true, value: func(e *graph.Edge) string {
		return marshalString(evidenceItems(e, func(ev *graph.Evidence) string { return string(ev.Date) }))
	}, items: func(e *graph.Edge) []string {
		return evidenceItems(e, func(ev *graph.Evidence) string { return string(ev.Date) })
	}},
	{name: "evidence_attributed_to", kind: kJSON, list: true, value: func(e *graph.Edge) string {
		return marshalString(evidenceItems(e, func(ev *graph.Evidence) string { return ev.AttributedTo }))
	}, items: func(e *graph.Edge) []string {
		return evidenceItems(e, func(ev *graph.Evidence) string { return ev.AttributedTo })
	}},
	{name: "evidence_stances", kind: kJSON, list: true, value: func(e *graph.Edge) string {
		return marshalString(evidenceItems(e, func(ev *graph.Evidence) string { return string(ev.Stance) }))
	}, items: func(e *graph.Edge) []string {
		return evidenceItems(e, func(ev *graph.Evidence) string { return string(ev.Stance) })
	}},
	{name: "status_timeline", kind: kJSON, value: func(e *graph.Edge) string { return marshalString(timelineOf(e)) }},
	{name: "props", kind: kJSON, value: func(e *graph.Edge) string { return jsonProps(e.Props) }},
}

// timelineOf is e's status timeline: the one the view gave it, else the
// whole one (see graph.Timeline).
func timelineOf(e *graph.Edge) []graph.StatusStep {
	if e.Timeline != nil {
		return e.Timeline
	}
	if tl := graph.Timeline(e); tl != nil {
		return tl
	}
	return []graph.StatusStep{}
}

func countStance(e *graph.Edge, s graph.Stance) int {
	n := 0
	for _, ev := range e.Evidence {
		if ev.Stance == s {
			n++
		}
	}
	return n
}

// jsonList encodes a list of strings; empty is "" (absent), so that
// formats can leave the attribute out.
func jsonList(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return marshalString(s)
}

func jsonProps(p map[string]string) string {
	if len(p) == 0 {
		return ""
	}
	return marshalString(p) // encoding/json sorts map keys
}

func jsonEvidence(ev []graph.Evidence) string {
	if len(ev) == 0 {
		return "[]"
	}
	return marshalString(ev)
}

func evidenceItems(e *graph.Edge, f func(*graph.Evidence) string) []string {
	out := make([]string, len(e.Evidence))
	for i := range e.Evidence {
		out[i] = f(&e.Evidence[i])
	}
	return out
}

// sortedKeys returns a map's keys in order.
func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}

// typeLabel is a node type as a label, "person" -> "Person".
func typeLabel(t graph.NodeType) string {
	s := string(t)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
