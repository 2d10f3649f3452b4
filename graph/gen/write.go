package gen

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/backchannel/backchannel/graph"
)

// Generate returns the whole dataset in memory, with the texts of its
// documents by document id. For large graphs prefer Write, which streams.
func Generate(cfg Config) (*graph.Dataset, map[string]string, error) {
	c := &collector{ds: &graph.Dataset{}, texts: map[string]string{}}
	if err := Stream(cfg, c); err != nil {
		return nil, nil, err
	}
	return c.ds, c.texts, nil
}

type collector struct {
	ds    *graph.Dataset
	texts map[string]string
}

func (c *collector) Document(id, _, text string) error { c.texts[id] = text; return nil }
func (c *collector) Node(n graph.Node, _ string) error {
	c.ds.Nodes = append(c.ds.Nodes, n)
	return nil
}
func (c *collector) Edge(e graph.Edge) error { c.ds.Edges = append(c.ds.Edges, e); return nil }

// EdgesPerFile is how many relationships each edges-NNNN.json holds.
const EdgesPerFile = 500_000

// Write generates a dataset into dir in the native JSON shape that
// graph/dataset loads: nodes.json ({"nodes":[...],"edges":[]}, each
// document node with a file field), edges-0001.json, edges-0002.json, ...
// ({"nodes":[],"edges":[...]}, EdgesPerFile each), and the document
// texts under docs/. It streams: nothing is held but what Stream holds.
// It returns how many nodes and relationships it wrote.
func Write(ctx context.Context, dir string, cfg Config) (nodes, edges int, err error) {
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		return 0, 0, fmt.Errorf("gen: %w", err)
	}
	w := &writer{ctx: ctx, dir: dir}
	defer func() {
		if cerr := w.closeFile(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if err := Stream(cfg, w); err != nil {
		return w.nodes, w.edges, fmt.Errorf("gen %s: %w", dir, err)
	}
	return w.nodes, w.edges, nil
}

type writer struct {
	ctx   context.Context
	dir   string
	f     *os.File
	buf   *bufio.Writer
	path  string
	part  string // "nodes" or "edges"
	count int    // elements in the open file
	files int    // edge files so far
	n     int    // elements written, for cancellation checks
	nodes int
	edges int
}

func (w *writer) Document(id, file, text string) error {
	if err := os.WriteFile(filepath.Join(w.dir, file), []byte(text), 0o644); err != nil {
		return fmt.Errorf("write document %s: %w", id, err)
	}
	return nil
}

func (w *writer) Node(n graph.Node, file string) error {
	if w.f == nil {
		if err := w.open("nodes.json", "nodes"); err != nil {
			return err
		}
	}
	b, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("gen: encode node %s: %w", n.ID, err)
	}
	if file != "" {
		// The loader-level file field goes beside the node's own. It is
		// spliced in rather than declared in an embedding struct,
		// because graph.Node's MarshalJSON would be promoted and drop it.
		f, err := json.Marshal(file)
		if err != nil {
			return fmt.Errorf("gen: encode node %s: %w", n.ID, err)
		}
		b = append(append(append(b[:len(b)-1], `,"file":`...), f...), '}')
	}
	w.nodes++
	return w.element(json.RawMessage(b))
}

func (w *writer) Edge(e graph.Edge) error {
	if w.part == "nodes" || w.count >= EdgesPerFile {
		if err := w.closeFile(); err != nil {
			return err
		}
	}
	if w.f == nil {
		w.files++
		if err := w.open(fmt.Sprintf("edges-%04d.json", w.files), "edges"); err != nil {
			return err
		}
	}
	w.edges++
	return w.element(e)
}

func (w *writer) open(name, part string) error {
	w.path = filepath.Join(w.dir, name)
	f, err := os.Create(w.path)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	w.f, w.buf, w.part, w.count = f, bufio.NewWriterSize(f, 1<<20), part, 0
	_, err = fmt.Fprintf(w.buf, "{\"%s\":[\n", part)
	return err
}

func (w *writer) element(v any) error {
	w.n++
	if w.n%65536 == 0 {
		if err := w.ctx.Err(); err != nil {
			return err
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("gen: encode: %w", err)
	}
	if w.count > 0 {
		if err := w.buf.WriteByte(','); err != nil {
			return fmt.Errorf("write %s: %w", w.path, err)
		}
	}
	w.count++
	if _, err := w.buf.Write(b); err != nil {
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return w.buf.WriteByte('\n')
}

// closeFile ends the open file with the other, empty list.
func (w *writer) closeFile() error {
	if w.f == nil {
		return nil
	}
	other := "edges"
	if w.part == "edges" {
		other = "nodes"
	}
	_, err := fmt.Fprintf(w.buf, "],\n\"%s\":[]}\n", other)
	err = errors.Join(err, w.buf.Flush(), w.f.Close())
	w.f = nil
	if err != nil {
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return nil
}
