package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// xmlReader walks an XML file token by token, knowing where each token
// starts, so that an element's text can be quoted from the file.
type xmlReader struct {
	g   *graphFile
	dec *xml.Decoder
	lc  *lineCounter
	off int // where the last token read started
}

func newXMLReader(g *graphFile) *xmlReader {
	dec := xml.NewDecoder(bytes.NewReader(g.data))
	dec.Strict = true
	return &xmlReader{g: g, dec: dec, lc: &lineCounter{data: g.data}}
}

func (x *xmlReader) next() (xml.Token, error) {
	x.off = int(x.dec.InputOffset())
	tok, err := x.dec.Token()
	if err != nil && !errors.Is(err, io.EOF) {
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("line %d: %s: is this well-formed XML?", se.Line, se.Msg)
		}
		return nil, err
	}
	return tok, err
}

func attrOf(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// text reads the character data up to the end of the current element.
func (x *xmlReader) text() (string, error) {
	var b bytes.Buffer
	depth := 1
	for depth > 0 {
		tok, err := x.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", errors.New("the XML ends inside an element")
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 1 {
				b.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return b.String(), nil
}

type graphmlKey struct{ scope, name, def string }

// readGraphML reads GraphML: <key> declarations (attr.name), then nodes
// and edges with their <data>; key defaults apply where an element has no
// data for a key.
func readGraphML(g *graphFile) error {
	x := newXMLReader(g)
	keys := map[string]graphmlKey{}
	var cur *element
	var curKind string
	start := 0
	sawGraph := false
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "graph":
				sawGraph = true
			case "key":
				k := graphmlKey{scope: attrOf(t, "for"), name: attrOf(t, "attr.name")}
				id := attrOf(t, "id")
				if k.name == "" {
					k.name = id
				}
				// A <default> child gives the value for elements without data.
				for {
					tok, err := x.next()
					if err != nil {
						return fmt.Errorf("key %q: %w", id, err)
					}
					if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "default" {
						if k.def, err = x.text(); err != nil {
							return err
						}
					}
					if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "key" {
						break
					}
				}
				keys[attrOf(t, "for")+"/"+id] = k
			case "node", "edge":
				if cur != nil {
					return fmt.Errorf("line %d: a %s inside a %s (nested graphs are not read)", x.lc.at(x.off), t.Name.Local, curKind)
				}
				start = x.off
				curKind = t.Name.Local
				cur = &element{id: attrOf(t, "id"), source: attrOf(t, "source"), target: attrOf(t, "target"),
					attrs: map[string]any{}, line: x.lc.at(x.off)}
			case "data":
				if cur == nil {
					continue // graph-level data
				}
				id := attrOf(t, "key")
				k, ok := keys[curKind+"/"+id]
				if !ok {
					k, ok = keys["all/"+id]
				}
				if !ok {
					k = graphmlKey{name: id}
				}
				v, err := x.text()
				if err != nil {
					return err
				}
				cur.attrs[k.name] = v
			}
		case xml.EndElement:
			if cur == nil || t.Name.Local != curKind {
				continue
			}
			cur.raw = string(g.data[start:int(x.dec.InputOffset())])
			for _, k := range keys {
				if k.def == "" || (k.scope != curKind && k.scope != "all") {
					continue
				}
				if _, has := cur.attrs[k.name]; !has {
					cur.attrs[k.name] = k.def
				}
			}
			if curKind == "node" {
				g.nodes = append(g.nodes, *cur)
			} else {
				g.edges = append(g.edges, *cur)
			}
			cur = nil
		}
	}
	if !sawGraph {
		return errors.New("no <graph> element: not GraphML")
	}
	return nil
}

type gexfAttr struct{ title string }

// readGEXF reads GEXF 1.2/1.3: <attributes class="node|edge"> declarations,
// nodes with their label and <attvalues>, edges with label, kind and
// weight.
func readGEXF(g *graphFile) error {
	x := newXMLReader(g)
	attrs := map[string]gexfAttr{} // class/id -> title
	var class string
	var cur *element
	var curKind string
	start := 0
	sawGraph := false
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "graph":
				sawGraph = true
			case "attributes":
				class = attrOf(t, "class")
			case "attribute":
				a := gexfAttr{title: attrOf(t, "title")}
				if a.title == "" {
					a.title = attrOf(t, "id")
				}
				attrs[class+"/"+attrOf(t, "id")] = a
			case "node", "edge":
				if cur != nil {
					return fmt.Errorf("line %d: a %s inside a %s (nested graphs are not read)", x.lc.at(x.off), t.Name.Local, curKind)
				}
				start = x.off
				curKind = t.Name.Local
				cur = &element{id: attrOf(t, "id"), source: attrOf(t, "source"), target: attrOf(t, "target"),
					attrs: map[string]any{}, line: x.lc.at(x.off)}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "id", "source", "target", "start", "end", "pid", "type":
					case "label":
						if curKind == "node" {
							cur.attrs["label"] = a.Value
						} else {
							cur.attrs["relationship"] = a.Value
						}
					default:
						cur.attrs[a.Name.Local] = a.Value
					}
				}
			case "attvalue":
				if cur == nil {
					continue
				}
				id := attrOf(t, "for")
				if id == "" {
					id = attrOf(t, "id")
				}
				name := id
				if a, ok := attrs[curKind+"/"+id]; ok {
					name = a.title
				}
				cur.attrs[name] = attrOf(t, "value")
			}
		case xml.EndElement:
			if cur == nil || t.Name.Local != curKind {
				continue
			}
			cur.raw = string(g.data[start:int(x.dec.InputOffset())])
			if curKind == "node" {
				g.nodes = append(g.nodes, *cur)
			} else {
				g.edges = append(g.edges, *cur)
			}
			cur = nil
		}
	}
	if !sawGraph {
		return errors.New("no <graph> element: not GEXF")
	}
	return nil
}
