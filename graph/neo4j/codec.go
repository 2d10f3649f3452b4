package neo4j

import (
	"fmt"
	"strings"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var typeLabels = map[graph.NodeType]string{
	graph.Person:       "Person",
	graph.Organization: "Organization",
	graph.Office:       "Office",
	graph.Event:        "Event",
	graph.Document:     "Document",
}

// textProp is the property that holds a document's text on file (see
// graph.Dataset.Texts): not part of graph.Node, read by DocumentText and
// EachText only.
const textProp = "text"

// nodeProps encodes a node as the properties written to Neo4j.
func nodeProps(n *graph.Node) map[string]any {
	p := map[string]any{
		"id":           n.ID,
		"type":         string(n.Type),
		"name":         n.Name,
		"aliases":      aliasesOrEmpty(n.Aliases),
		"search":       searchText(n),
		"search_terms": searchTerms(n),
	}
	setString(p, "description", n.Description)
	setString(p, "kind", n.Kind)
	setString(p, "date", string(n.Date))
	setString(p, "url", n.URL)
	for k, v := range n.Props {
		p["props."+k] = v
	}
	return p
}

func aliasesOrEmpty(a []string) []string {
	if a == nil {
		return []string{}
	}
	return a
}

// edgeProps encodes an edge's properties (not its endpoints or type).
func edgeProps(e *graph.Edge) map[string]any {
	n := len(e.Evidence)
	docs, quotes, attr, stances := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, ev := range e.Evidence {
		docs[i], quotes[i], attr[i], stances[i] = ev.Document, ev.Quote, ev.AttributedTo, string(ev.Stance)
	}
	p := map[string]any{
		"id":                     e.ID,
		"status":                 string(e.Status),
		"evidence_documents":     docs,
		"evidence_quotes":        quotes,
		"evidence_attributed_to": attr,
		"evidence_stances":       stances,
	}
	setString(p, "date", string(e.Date))
	setString(p, "end_date", string(e.EndDate))
	setString(p, "description", e.Description)
	for k, v := range e.Props {
		p["props."+k] = v
	}
	return p
}

func setString(p map[string]any, k, v string) {
	if v != "" {
		p[k] = v
	}
}

// searchText is the node's normalised names joined by "|", which no
// normalised query contains: "q CONTAINS" on it finds exact, prefix and
// substring matches of any one name.
func searchText(n *graph.Node) string {
	names := []string{graph.Normalize(n.Name)}
	for _, a := range n.Aliases {
		names = append(names, graph.Normalize(a))
	}
	return strings.Join(names, "|")
}

// searchTerms is every word of every normalised name, and every whole
// name with its spaces as underscores, separated by spaces, for Lucene
// fuzzy matching with the whitespace analyzer (see Search).
func searchTerms(n *graph.Node) string {
	seen := map[string]bool{}
	var terms []string
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	for _, name := range append([]string{n.Name}, n.Aliases...) {
		nn := graph.Normalize(name)
		add(strings.ReplaceAll(nn, " ", "_"))
		for _, w := range strings.Fields(nn) {
			add(w)
		}
	}
	return strings.Join(terms, " ")
}

// decodeNode reads a graph.Node from a driver node.
func decodeNode(n driver.Node) (graph.Node, error) {
	var out graph.Node
	var err error
	if out.ID, err = driver.GetProperty[string](n, "id"); err != nil {
		return out, fmt.Errorf("node %s: id: %w", n.ElementId, err)
	}
	typ, err := driver.GetProperty[string](n, "type")
	if err != nil {
		return out, fmt.Errorf("node %s: type: %w", out.ID, err)
	}
	out.Type = graph.NodeType(typ)
	if out.Name, err = driver.GetProperty[string](n, "name"); err != nil {
		return out, fmt.Errorf("node %s: name: %w", out.ID, err)
	}
	if out.Aliases, err = stringList(n, "aliases"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	if out.Description, err = optString(n, "description"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	if out.Kind, err = optString(n, "kind"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	date, err := optString(n, "date")
	if err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	out.Date = graph.Date(date)
	if out.URL, err = optString(n, "url"); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	if out.Props, err = propsOf(n); err != nil {
		return out, fmt.Errorf("node %s: %w", out.ID, err)
	}
	return out, nil
}

// decodeEdge reads a graph.Edge from a driver relationship and the ids of
// its endpoints.
func decodeEdge(r driver.Relationship, source, target string) (graph.Edge, error) {
	out := graph.Edge{Source: source, Target: target, Type: r.Type}
	var err error
	if out.ID, err = driver.GetProperty[string](r, "id"); err != nil {
		return out, fmt.Errorf("relationship %s: id: %w", r.ElementId, err)
	}
	status, err := driver.GetProperty[string](r, "status")
	if err != nil {
		return out, fmt.Errorf("relationship %s: status: %w", out.ID, err)
	}
	out.Status = graph.Status(status)
	var date, end string
	if date, err = optString(r, "date"); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	if end, err = optString(r, "end_date"); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	out.Date, out.EndDate = graph.Date(date), graph.Date(end)
	if out.Description, err = optString(r, "description"); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	lists := map[string][]string{}
	for _, k := range []string{"evidence_documents", "evidence_quotes", "evidence_attributed_to", "evidence_stances"} {
		if lists[k], err = stringList(r, k); err != nil {
			return out, fmt.Errorf("relationship %s: %w", out.ID, err)
		}
	}
	n := len(lists["evidence_quotes"])
	for k, l := range lists {
		if len(l) != n {
			return out, fmt.Errorf("relationship %s: %s has %d entries, evidence_quotes %d", out.ID, k, len(l), n)
		}
	}
	out.Evidence = make([]graph.Evidence, n)
	for i := range n {
		out.Evidence[i] = graph.Evidence{
			Document:     lists["evidence_documents"][i],
			Quote:        lists["evidence_quotes"][i],
			AttributedTo: lists["evidence_attributed_to"][i],
			Stance:       graph.Stance(lists["evidence_stances"][i]),
		}
	}
	if out.Props, err = propsOf(r); err != nil {
		return out, fmt.Errorf("relationship %s: %w", out.ID, err)
	}
	return out, nil
}

func optString(e driver.Entity, key string) (string, error) {
	if _, ok := e.GetProperties()[key]; !ok {
		return "", nil
	}
	v, err := driver.GetProperty[string](e, key)
	if err != nil {
		return "", fmt.Errorf("%s: %w", key, err)
	}
	return v, nil
}

// stringList reads a list of strings; a missing or empty list is nil.
func stringList(e driver.Entity, key string) ([]string, error) {
	if _, ok := e.GetProperties()[key]; !ok {
		return nil, nil
	}
	l, err := driver.GetProperty[[]any](e, key)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	if len(l) == 0 {
		return nil, nil
	}
	out := make([]string, len(l))
	for i, v := range l {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s[%d]: expected string, found %T", key, i, v)
		}
		out[i] = s
	}
	return out, nil
}

func propsOf(e driver.Entity) (map[string]string, error) {
	var out map[string]string
	for k, v := range e.GetProperties() {
		key, ok := strings.CutPrefix(k, "props.")
		if !ok {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s: expected string, found %T", k, v)
		}
		if out == nil {
			out = map[string]string{}
		}
		out[key] = s
	}
	return out, nil
}
