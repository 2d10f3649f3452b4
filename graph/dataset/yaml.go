package dataset

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"gopkg.in/yaml.v3"
)

var yamlLine = regexp.MustCompile(`line (\d+)`)

// readYAML parses one hand-written file. Structural problems (unknown
// fields, wrong shapes) are recorded with their line and parsing goes on,
// so that one run shows every problem.
func (r *records) readYAML(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("load %s: %w", path, err)
	}
	r.parseYAML(path, data)
	return nil
}

func (r *records) parseYAML(path string, data []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1]) // the pattern guarantees digits
		}
		msg := yamlMessage(err)
		r.problem(path, yamlErrorLine(data, msg, line), "YAML syntax: %s", msg)
		return
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return // an empty file, or only comments
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		r.problem(path, root.Line, "want a mapping with keys nodes and edges at the top of the file")
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		switch key.Value {
		case "nodes":
			for _, item := range r.list(path, key.Value, val) {
				r.yamlNode(path, item)
			}
		case "edges":
			for _, item := range r.list(path, key.Value, val) {
				r.yamlEdge(path, item)
			}
		default:
			r.problem(path, key.Line, "unknown top-level key %q: want nodes or edges", key.Value)
		}
	}
}

// yamlMessage is a yaml.v3 error without its "yaml: line N:" prefix.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = yamlLine.ReplaceAllString(msg, "")
	return strings.Trim(strings.TrimSpace(msg), ": ")
}

// yamlErrorLine finds the line a syntax error is on. yaml.v3 reports the
// line where the enclosing block starts when it has one (a bad indent at
// line 40 of a list that starts at line 1 is "line 1"), so the line is
// found again as the shortest prefix of the file, in whole lines, that
// fails with the same message: a prefix that stops before the error
// parses, or fails differently (an unterminated scalar at its end).
// Binary search: O(log n) parses, on the error path only.
func yamlErrorLine(data []byte, msg string, reported int) int {
	lines := bytes.SplitAfter(data, []byte{'\n'})
	fails := func(n int) bool {
		var doc yaml.Node
		err := yaml.Unmarshal(bytes.Join(lines[:n], nil), &doc)
		return err != nil && yamlMessage(err) == msg
	}
	if !fails(len(lines)) {
		return reported
	}
	lo, hi := max(reported, 1), len(lines) // the error is on a line in [lo, hi]
	if lo > hi || (lo > 1 && fails(lo-1)) {
		lo = 1
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// list returns the items of a sequence of mappings.
func (r *records) list(path, name string, n *yaml.Node) []*yaml.Node {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.problem(path, n.Line, "%s: want a list (items starting with \"- \")", name)
		return nil
	}
	var out []*yaml.Node
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			r.problem(path, item.Line, "%s: want each item to be a mapping (key: value)", name)
			continue
		}
		out = append(out, item)
	}
	return out
}

// fields walks a mapping, calling set for each known key and reporting
// unknown ones.
func (r *records) fields(path string, m *yaml.Node, what string, known []string, set func(key string, val *yaml.Node)) map[string]int {
	lines := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		if _, dup := lines[key.Value]; dup {
			r.problem(path, key.Line, "%s: field %q given twice", what, key.Value)
			continue
		}
		lines[key.Value] = key.Line
		if !contains(known, key.Value) {
			r.problem(path, key.Line, "%s: unknown field %q: want one of %s", what, key.Value, strings.Join(known, ", "))
			continue
		}
		set(key.Value, val)
	}
	return lines
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// scalar returns a scalar's text, reporting other shapes.
func (r *records) scalar(path, field string, n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		r.problem(path, n.Line, "%s: want a single value, not a list or mapping", field)
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// strings returns a list of scalars; a single scalar counts as a list of
// one.
func (r *records) strings(path, field string, n *yaml.Node) []string {
	if n.Kind == yaml.ScalarNode {
		if n.Tag == "!!null" || n.Value == "" {
			return nil
		}
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		r.problem(path, n.Line, "%s: want a list of strings", field)
		return nil
	}
	var out []string
	for _, item := range n.Content {
		if s := r.scalar(path, field, item); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// props returns a mapping of scalars.
func (r *records) props(path string, n *yaml.Node) map[string]string {
	if n.Kind != yaml.MappingNode {
		r.problem(path, n.Line, "props: want a mapping of names to values")
		return nil
	}
	out := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = r.scalar(path, "props."+n.Content[i].Value, n.Content[i+1])
	}
	return out
}

var nodeFields = []string{"id", "type", "name", "aliases", "description", "kind", "date", "url", "file", "props"}

func (r *records) yamlNode(path string, m *yaml.Node) {
	rec := nodeRec{where: where{file: path, line: m.Line}}
	n := &rec.Node
	rec.fields = r.fields(path, m, "node", nodeFields, func(key string, val *yaml.Node) {
		switch key {
		case "id":
			n.ID = r.scalar(path, key, val)
		case "type":
			n.Type = graph.NodeType(r.scalar(path, key, val))
		case "name":
			n.Name = r.scalar(path, key, val)
		case "aliases":
			n.Aliases = r.strings(path, key, val)
		case "description":
			n.Description = strings.TrimSpace(r.scalar(path, key, val))
		case "kind":
			n.Kind = r.scalar(path, key, val)
		case "date":
			n.Date = graph.Date(r.scalar(path, key, val))
		case "url":
			n.URL = r.scalar(path, key, val)
		case "file":
			rec.text = r.scalar(path, key, val)
		case "props":
			n.Props = r.props(path, val)
		}
	})
	r.nodes = append(r.nodes, rec)
}

var (
	edgeFields     = []string{"id", "source", "target", "type", "status", "date", "end_date", "description", "evidence", "props"}
	evidenceFields = []string{"document", "quote", "attributed_to", "stance"}
)

func (r *records) yamlEdge(path string, m *yaml.Node) {
	rec := edgeRec{where: where{file: path, line: m.Line}}
	e := &rec.Edge
	var evLines map[string]int
	rec.fields = r.fields(path, m, "edge", edgeFields, func(key string, val *yaml.Node) {
		switch key {
		case "id":
			e.ID = r.scalar(path, key, val)
		case "source":
			e.Source = r.scalar(path, key, val)
		case "target":
			e.Target = r.scalar(path, key, val)
		case "type":
			e.Type = r.scalar(path, key, val)
		case "status":
			e.Status = graph.Status(r.scalar(path, key, val))
		case "date":
			e.Date = graph.Date(r.scalar(path, key, val))
		case "end_date":
			e.EndDate = graph.Date(r.scalar(path, key, val))
		case "description":
			e.Description = strings.TrimSpace(r.scalar(path, key, val))
		case "props":
			e.Props = r.props(path, val)
		case "evidence":
			evLines = map[string]int{}
			for i, item := range r.list(path, "evidence", val) {
				var ev graph.Evidence
				prefix := fmt.Sprintf("evidence[%d].", i)
				evLines[prefix[:len(prefix)-1]] = item.Line
				lines := r.fields(path, item, "evidence", evidenceFields, func(key string, val *yaml.Node) {
					s := r.scalar(path, key, val)
					switch key {
					case "document":
						ev.Document = s
					case "quote":
						ev.Quote = s
					case "attributed_to":
						ev.AttributedTo = s
					case "stance":
						ev.Stance = graph.Stance(s)
					}
				})
				for k, l := range lines {
					evLines[prefix+k] = l
				}
				e.Evidence = append(e.Evidence, ev)
			}
		}
	})
	for k, l := range evLines {
		rec.fields[k] = l
	}
	r.edges = append(r.edges, rec)
}
