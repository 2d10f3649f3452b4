package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readJSONGraph reads backchannel's JSON ({"nodes":[...],"edges":[...]}),
// node-link JSON (networkx, d3: "edges" or "links", and a "graph"
// object) and Cytoscape JSON ({"elements":{"nodes":[{"data":{...}}],
// "edges":[...]}} or "elements" as one list with "group"). It streams the
// file: each element is decoded on its own, with its place and text.
func readJSONGraph(g *graphFile) error {
	dec := json.NewDecoder(bytes.NewReader(g.data))
	dec.UseNumber()
	lc := &lineCounter{data: g.data}
	if err := expectDelim(dec, '{'); err != nil {
		return fmt.Errorf("want a JSON object with nodes and edges (or elements): %w", err)
	}
	found := false
	for dec.More() {
		key, err := objectKey(dec)
		if err != nil {
			return err
		}
		switch key {
		case "nodes", "edges", "links":
			found = true
			if err := readElems(dec, lc, g, key); err != nil {
				return err
			}
		case "elements":
			found = true
			if err := readCytoscapeElements(dec, lc, g); err != nil {
				return err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return jsonErr(lc, dec, err)
			}
		}
	}
	if !found {
		return errors.New("no nodes, edges, links or elements: not a graph in backchannel, node-link or Cytoscape JSON")
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q, got %v", want, tok)
	}
	return nil
}

func objectKey(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	k, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("want an object key, got %v", tok)
	}
	return k, nil
}

func jsonErr(lc *lineCounter, dec *json.Decoder, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the JSON ends too early")
	}
	return fmt.Errorf("line %d: %v", lc.at(int(dec.InputOffset())), err)
}

// readElems reads a list of elements: nodes for "nodes", edges otherwise.
func readElems(dec *json.Decoder, lc *lineCounter, g *graphFile, key string) error {
	if err := expectDelim(dec, '['); err != nil {
		return fmt.Errorf("%s: want a list: %w", key, err)
	}
	for dec.More() {
		el, err := readElem(dec, lc, g)
		if err != nil {
			return err
		}
		if key == "nodes" {
			g.nodes = append(g.nodes, el)
		} else {
			g.edges = append(g.edges, el)
		}
	}
	_, err := dec.Token() // ']'
	return err
}

// readElem decodes one element object, unwrapping Cytoscape's "data".
func readElem(dec *json.Decoder, lc *lineCounter, g *graphFile) (element, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return element{}, jsonErr(lc, dec, err)
	}
	end := int(dec.InputOffset())
	start := end - len(raw)
	el := element{line: lc.at(start), raw: string(raw)}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&el.attrs); err != nil || el.attrs == nil {
		return el, fmt.Errorf("line %d: want each node and edge to be an object", el.line)
	}
	if data, ok := el.attrs["data"].(map[string]any); ok { // Cytoscape
		el.attrs = data
	}
	el.id = str(el.attrs["id"])
	return el, nil
}

// readCytoscapeElements reads "elements": an object of nodes and edges
// lists, or one list whose items say their "group".
func readCytoscapeElements(dec *json.Decoder, lc *lineCounter, g *graphFile) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonErr(lc, dec, err)
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			key, err := objectKey(dec)
			if err != nil {
				return err
			}
			if key != "nodes" && key != "edges" {
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return jsonErr(lc, dec, err)
				}
				continue
			}
			if err := readElems(dec, lc, g, key); err != nil {
				return err
			}
		}
		_, err = dec.Token() // '}'
		return err
	case json.Delim('['):
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return jsonErr(lc, dec, err)
			}
			var probe struct {
				Group string `json:"group"`
			}
			_ = json.Unmarshal(raw, &probe) // a missing group is told by source/target below
			d := json.NewDecoder(bytes.NewReader(raw))
			d.UseNumber()
			el := element{line: lc.at(int(dec.InputOffset()) - len(raw)), raw: string(raw)}
			if err := d.Decode(&el.attrs); err != nil || el.attrs == nil {
				return fmt.Errorf("line %d: want each element to be an object", el.line)
			}
			if data, ok := el.attrs["data"].(map[string]any); ok {
				el.attrs = data
			}
			el.id = str(el.attrs["id"])
			if probe.Group == "edges" || (probe.Group == "" && el.attrs["source"] != nil) {
				g.edges = append(g.edges, el)
			} else {
				g.nodes = append(g.nodes, el)
			}
		}
		_, err = dec.Token() // ']'
		return err
	}
	return fmt.Errorf("elements: want an object or a list")
}
