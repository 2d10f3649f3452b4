package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/backchannel/backchannel/graph"
)

func init() {
	register(Format{
		Name:      "json",
		MediaType: "application/json",
		Ext:       ".json",
		Summary:   `native {"nodes":[...],"edges":[...]}, the shape the API returns and the loader reads`,
		Write:     WriteJSON,
	})
}

// WriteJSON streams src as native JSON: {"nodes":[...],"edges":[...]},
// with "truncated":true after the edges when src is a subgraph a cap cut
// short. Each node and edge is encoded exactly as encoding/json encodes
// graph.Node and graph.Edge, one per line; compacted (json.Compact), the
// output is byte for byte json.Marshal of the equivalent graph.Dataset or
// graph.Subgraph.
func WriteJSON(ctx context.Context, w io.Writer, src Source) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	je := newJSONElems(bw)
	if _, err := bw.WriteString(`{"nodes":[`); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	if err := src.EachNode(ctx, func(n graph.Node) error { return je.write(n) }); err != nil {
		return fmt.Errorf("export json: nodes: %w", err)
	}
	je.reset()
	if _, err := bw.WriteString("\n],\"edges\":["); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	if err := src.EachEdge(ctx, func(e graph.Edge) error { return je.write(e) }); err != nil {
		return fmt.Errorf("export json: edges: %w", err)
	}
	tail := "\n]}\n"
	if t, ok := src.(truncater); ok && t.Truncated() {
		tail = "\n],\"truncated\":true}\n"
	}
	if _, err := bw.WriteString(tail); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}

// jsonElems writes the elements of a JSON array, one per line, reusing one
// buffer so that a million elements cost no million allocations of it.
type jsonElems struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	first bool
}

func newJSONElems(w *bufio.Writer) *jsonElems {
	je := &jsonElems{w: w, first: true}
	je.enc = json.NewEncoder(&je.buf)
	return je
}

func (je *jsonElems) reset() { je.first = true }

func (je *jsonElems) write(v any) error {
	je.buf.Reset()
	if err := je.enc.Encode(v); err != nil {
		return err
	}
	b := je.buf.Bytes()
	b = b[:len(b)-1] // Encode's newline
	sep := ",\n"
	if je.first {
		sep, je.first = "\n", false
	}
	if _, err := je.w.WriteString(sep); err != nil {
		return err
	}
	_, err := je.w.Write(b)
	return err
}

// marshalString encodes v as a JSON string value for formats that carry
// lists, maps and evidence as text (GraphML, GEXF, CSV). nil slices and
// maps become "[]" and "{}" so that a reader can always json.loads them.
func marshalString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only strings, maps of strings and evidence structs reach here;
		// they always marshal.
		panic(fmt.Sprintf("export: marshal %T: %v", v, err))
	}
	return string(b)
}

// writeLine writes v as one JSON line (JSON lines output).
func (je *jsonElems) writeLine(v any) error {
	je.buf.Reset()
	if err := je.enc.Encode(v); err != nil {
		return err
	}
	_, err := je.w.Write(je.buf.Bytes())
	return err
}
