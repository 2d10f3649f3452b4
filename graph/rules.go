package graph

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The dataset's rules, in one place. Every way into a store goes through
// them: the file loader (graph/dataset) reports each Problem at its file
// and line, the importers build datasets that pass them, and both stores'
// Load refuse a dataset that breaks one, with the same error kind
// (graph/storetest holds the stores to it):
//
//   - a node: an id "<type>:<slug>", a known type, a name, a valid date
//     (Node.Validate);
//   - an edge: an id, a source and a target, a vocabulary type, a status,
//     valid dates in order, and evidence that agrees with the status
//     (Edge.Validate);
//   - ids unique among nodes and among edges: ErrConflict;
//   - references: edge endpoints are nodes, and the edge type links
//     their node types (EdgeType.Allows), and a node to itself only if
//     the type allows it (EdgeType.SelfLoops); evidence cites a document
//     node; a text (Dataset.Texts) belongs to a document node.
//
// Everything but a duplicate id is ErrInvalid. Quotes are checked against
// the documents' text by graph/dataset, which holds the text.

// Rule names the rule a Problem breaks, so that a loader can word its
// report (the file loader suggests the id meant by an unknown reference).
type Rule string

// The rules.
const (
	// RuleRecord: a node or edge on its own (Node.Validate,
	// Edge.Validate).
	RuleRecord Rule = "record"
	// RuleDuplicate: an id already used by an earlier node (or edge).
	RuleDuplicate Rule = "duplicate"
	// RuleUnknownNode: an edge endpoint that is no node's id.
	RuleUnknownNode Rule = "unknown-node"
	// RuleEndpoints: an edge type that does not link its endpoints'
	// node types, or links a node to itself.
	RuleEndpoints Rule = "endpoints"
	// RuleUnknownDocument: evidence that cites no node's id.
	RuleUnknownDocument Rule = "unknown-document"
	// RuleNotDocument: evidence that cites a node that is not a document.
	RuleNotDocument Rule = "not-document"
	// RuleText: a text (Dataset.Texts) for an id that is no document
	// node's.
	RuleText Rule = "text"
)

// Problem is one broken rule in a dataset.
type Problem struct {
	Rule Rule
	// Node is the index in Dataset.Nodes of the node at fault, Edge the
	// index in Dataset.Edges of the edge at fault; the other is -1 (both
	// for a text whose node does not exist).
	Node, Edge int
	// ID is the id of the node or edge at fault.
	ID string
	// Field names the field at fault: "id", "source",
	// "evidence[1].document" (evidence counted from 0).
	Field string
	// Ref is the id the problem is about: the duplicated id, the unknown
	// node or document.
	Ref string
	// First is, for RuleDuplicate, the index of the node (or edge) that
	// used the id first; -1 otherwise.
	First int
	// Err says what is wrong and what to do. It wraps ErrConflict for a
	// duplicate id and ErrInvalid for everything else.
	Err error
}

func (p Problem) Error() string {
	what := "node"
	if p.Edge >= 0 {
		what = "edge"
	}
	if p.Field == "" {
		return fmt.Sprintf("%s %q: %v", what, p.ID, p.Err)
	}
	return fmt.Sprintf("%s %q: %s: %v", what, p.ID, p.Field, p.Err)
}

func (p Problem) Unwrap() error { return p.Err }

// DatasetError is the error for a dataset that breaks the rules; it holds
// every problem. errors.Is(err, ErrConflict) holds when an id is
// duplicated, errors.Is(err, ErrInvalid) when anything else is wrong.
type DatasetError struct {
	Problems []Problem
}

func (e *DatasetError) Error() string {
	switch len(e.Problems) {
	case 0:
		return "dataset: no problems"
	case 1:
		return e.Problems[0].Error()
	}
	return fmt.Sprintf("%v (and %d more problems)", e.Problems[0], len(e.Problems)-1)
}

// Unwrap returns each problem's error, so that errors.Is finds the kinds.
func (e *DatasetError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p.Err
	}
	return errs
}

// ValidateDataset applies every rule to ds: nil, or a *DatasetError that
// lists every problem. A nil ds is ErrInvalid. Stores call it first in
// Load and change nothing when it fails.
func ValidateDataset(ds *Dataset) error {
	if ds == nil {
		return fmt.Errorf("%w: no dataset", ErrInvalid)
	}
	if ps := CheckDataset(ds); len(ps) > 0 {
		return &DatasetError{Problems: ps}
	}
	return nil
}

// CheckDataset applies every rule to ds and returns the problems: the
// nodes' first, in dataset order, then the edges'. A duplicate's other
// rules are not checked (the record is refused as a whole). It takes time
// linear in the size of ds.
func CheckDataset(ds *Dataset) []Problem {
	var ps []Problem
	nodeAt := make(map[string]int, len(ds.Nodes))
	// The node types by index, dense, and the documents apart (few, so
	// their set stays in cache): the edge loop looks up millions of ids
	// on large graphs, and reading ds.Nodes there missed the cache.
	typeOf := make([]NodeType, len(ds.Nodes))
	docs := map[string]bool{}
	for i := range ds.Nodes {
		n := &ds.Nodes[i]
		for _, fe := range n.Validate() {
			ps = append(ps, Problem{Rule: RuleRecord, Node: i, Edge: -1, ID: n.ID, Field: fe.Field, First: -1, Err: fe.Err})
		}
		if n.ID == "" {
			continue
		}
		if first, dup := nodeAt[n.ID]; dup {
			ps = append(ps, Problem{Rule: RuleDuplicate, Node: i, Edge: -1, ID: n.ID, Field: "id", Ref: n.ID, First: first,
				Err: fmt.Errorf("%w: duplicate node id %q: give one of the two nodes another id", ErrConflict, n.ID)})
			continue
		}
		nodeAt[n.ID] = i
		typeOf[i] = n.Type
		if n.Type == Document {
			docs[n.ID] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(ds.Texts)) {
		j, ok := nodeAt[id]
		switch {
		case !ok:
			ps = append(ps, Problem{Rule: RuleText, Node: -1, Edge: -1, ID: id, Field: "text", Ref: id, First: -1,
				Err: fmt.Errorf("%w: text for unknown node %q: texts belong to document nodes", ErrInvalid, id)})
		case ds.Nodes[j].Type != Document:
			ps = append(ps, Problem{Rule: RuleText, Node: j, Edge: -1, ID: id, Field: "text", Ref: id, First: -1,
				Err: fmt.Errorf("%w: text for %q, a %s: only documents have texts", ErrInvalid, id, ds.Nodes[j].Type)})
		}
	}
	edgeAt := make(map[string]int, len(ds.Edges))
	for i := range ds.Edges {
		e := &ds.Edges[i]
		add := func(rule Rule, field, ref string, err error) {
			ps = append(ps, Problem{Rule: rule, Node: -1, Edge: i, ID: e.ID, Field: field, Ref: ref, First: -1, Err: err})
		}
		for _, fe := range e.Validate() {
			add(RuleRecord, fe.Field, "", fe.Err)
		}
		if e.ID != "" {
			if first, dup := edgeAt[e.ID]; dup {
				ps = append(ps, Problem{Rule: RuleDuplicate, Node: -1, Edge: i, ID: e.ID, Field: "id", Ref: e.ID, First: first,
					Err: fmt.Errorf("%w: duplicate edge id %q: give one of the two edges another id", ErrConflict, e.ID)})
				continue
			}
			edgeAt[e.ID] = i
		}
		var ends [2]NodeType
		known := true
		for k, end := range [2]struct{ field, id string }{{"source", e.Source}, {"target", e.Target}} {
			j, ok := nodeAt[end.id]
			switch {
			case end.id == "":
				add(RuleRecord, end.field, "", fmt.Errorf("%w: edge %q has no %s", ErrInvalid, e.ID, end.field))
				known = false
			case !ok:
				add(RuleUnknownNode, end.field, end.id, fmt.Errorf("%w: unknown node %q", ErrInvalid, end.id))
				known = false
			default:
				ends[k] = typeOf[j]
			}
		}
		if t, ok := LookupEdgeType(e.Type); ok && known {
			if !t.Allows(ends[0], ends[1]) {
				add(RuleEndpoints, "type", "", fmt.Errorf("%w: %s does not link a %s to a %s (%s): pick another type or check source and target",
					ErrInvalid, e.Type, ends[0], ends[1], t.Ends()))
			}
			if e.Source == e.Target && !t.SelfLoops {
				add(RuleEndpoints, "target", "", fmt.Errorf("%w: %s links %q to itself: check source and target (only %s may link a node to itself)",
					ErrInvalid, e.Type, e.Source, strings.Join(SelfLoopTypes(), ", ")))
			}
		}
		for k, ev := range e.Evidence {
			if ev.Document == "" || docs[ev.Document] {
				continue // "": Edge.Validate reports it
			}
			j, ok := nodeAt[ev.Document]
			field := func() string { return fmt.Sprintf("evidence[%d].document", k) } // only on a problem
			switch {
			case !ok:
				add(RuleUnknownDocument, field(), ev.Document, fmt.Errorf("%w: unknown document %q", ErrInvalid, ev.Document))
			default:
				add(RuleNotDocument, field(), ev.Document, fmt.Errorf("%w: evidence document %q is a %s, not a document", ErrInvalid, ev.Document, ds.Nodes[j].Type))
			}
		}
	}
	return ps
}

// Validate checks the node on its own (not its references).
func (n *Node) Validate() []FieldError {
	var errs []FieldError
	if !ValidID(n.ID) {
		errs = append(errs, fieldErr("id", fmt.Errorf("%w: id %q: want \"<type>:<slug>\", e.g. \"person:han-dong\"", ErrInvalid, n.ID)))
	}
	if !n.Type.Valid() {
		errs = append(errs, fieldErr("type", fmt.Errorf("%w: node type %q: want one of person, organization, office, event, document", ErrInvalid, n.Type)))
	}
	if n.Name == "" {
		errs = append(errs, fieldErr("name", fmt.Errorf("%w: node %q has no name", ErrInvalid, n.ID)))
	}
	if _, err := ParseDate(string(n.Date)); err != nil {
		errs = append(errs, fieldErr("date", err))
	}
	return errs
}

// Validate checks the edge on its own: its type, status, dates and that
// its evidence agrees with its status. References to nodes and documents
// are checked by whoever holds the whole dataset.
func (e *Edge) Validate() []FieldError {
	var errs []FieldError
	add := func(field string, format string, a ...any) {
		errs = append(errs, fieldErr(field, fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, a...)...)))
	}
	if e.ID == "" {
		add("id", "edge %s -> %s has no id", e.Source, e.Target)
	}
	if _, ok := LookupEdgeType(e.Type); !ok {
		add("type", "relationship type %q: want one of %s", e.Type, EdgeTypeNames())
	}
	if !e.Status.Valid() {
		add("status", "status %q: want one of confirmed, reported, alleged, disputed", e.Status)
	}
	if _, err := ParseDate(string(e.Date)); err != nil {
		errs = append(errs, fieldErr("date", err))
	}
	if _, err := ParseDate(string(e.EndDate)); err != nil {
		errs = append(errs, fieldErr("end_date", err))
	}
	if !e.EndDate.IsZero() && !e.Date.IsZero() && e.EndDate.End().Before(e.Date.Start()) {
		add("end_date", "end_date %s is before date %s", e.EndDate, e.Date)
	}
	if len(e.Evidence) == 0 {
		add("evidence", "relationship has no evidence: add at least one {document, quote, attributed_to, stance}")
	}
	var supports, denies int
	for i, ev := range e.Evidence {
		f := func(name string) string { return fmt.Sprintf("evidence[%d].%s", i, name) } // only on a problem
		switch ev.Stance {
		case Supports:
			supports++
		case Denies:
			denies++
		default:
			add(f("stance"), "stance %q: want supports or denies", ev.Stance)
		}
		if ev.Quote == "" {
			add(f("quote"), "evidence has no quote: copy the passage verbatim from the document")
		}
		if ev.AttributedTo == "" {
			add(f("attributed_to"), "attributed_to is empty: say who asserts it")
		}
		if ev.Document == "" {
			add(f("document"), "evidence names no document")
		}
	}
	if len(e.Evidence) > 0 {
		switch {
		case e.Status == Disputed && (supports == 0 || denies == 0):
			add("status", "status disputed needs evidence that supports and evidence that denies (has %d supporting, %d denying)", supports, denies)
		case e.Status != Disputed && e.Status.Valid() && denies > 0:
			add("status", "status %s but %d evidence entries deny it: use status disputed", e.Status, denies)
		case supports == 0 && e.Status != Disputed:
			add("evidence", "no evidence supports the relationship")
		}
	}
	return errs
}
