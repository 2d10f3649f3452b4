package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"gopkg.in/yaml.v3"
)

// The writers of the two formats Load reads. Both write nodes, then
// edges, each sorted by id, and every field in a fixed order, so that the
// same dataset always gives the same bytes and a diff of two versions
// shows only what changed. files maps a document's id to its text file
// (relative to the written file), written as its file field.

// yamlNode and yamlEdge are the seeds format (seeds/README.md), in the
// order people read it.
type yamlNode struct {
	ID          string            `yaml:"id"`
	Type        graph.NodeType    `yaml:"type"`
	Name        string            `yaml:"name"`
	Aliases     []string          `yaml:"aliases,omitempty,flow"`
	Description string            `yaml:"description,omitempty"`
	Kind        string            `yaml:"kind,omitempty"`
	Date        graph.Date        `yaml:"date,omitempty"`
	URL         string            `yaml:"url,omitempty"`
	File        string            `yaml:"file,omitempty"`
	Props       map[string]string `yaml:"props,omitempty"`
}

type yamlEvidence struct {
	Document     string       `yaml:"document"`
	Quote        string       `yaml:"quote"`
	AttributedTo string       `yaml:"attributed_to"`
	Stance       graph.Stance `yaml:"stance"`
}

type yamlEdge struct {
	ID          string            `yaml:"id"`
	Source      string            `yaml:"source"`
	Type        string            `yaml:"type"`
	Target      string            `yaml:"target"`
	Status      graph.Status      `yaml:"status"`
	Date        graph.Date        `yaml:"date,omitempty"`
	EndDate     graph.Date        `yaml:"end_date,omitempty"`
	Description string            `yaml:"description,omitempty"`
	Evidence    []yamlEvidence    `yaml:"evidence"`
	Props       map[string]string `yaml:"props,omitempty"`
}

// sortedByID returns the indices of a list, in the order of its ids.
func sortedByID(n int, id func(int) string) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(id(a), id(b)) })
	return idx
}

// WriteYAML writes ds in the seeds format, after header (comment lines,
// each starting with "# ").
func WriteYAML(w io.Writer, ds *graph.Dataset, files map[string]string, header string) error {
	var doc struct {
		Nodes []yamlNode `yaml:"nodes"`
		Edges []yamlEdge `yaml:"edges"`
	}
	for _, i := range sortedByID(len(ds.Nodes), func(i int) string { return ds.Nodes[i].ID }) {
		n := &ds.Nodes[i]
		doc.Nodes = append(doc.Nodes, yamlNode{ID: n.ID, Type: n.Type, Name: n.Name, Aliases: n.Aliases, Description: n.Description,
			Kind: n.Kind, Date: n.Date, URL: n.URL, File: files[n.ID], Props: n.Props})
	}
	for _, i := range sortedByID(len(ds.Edges), func(i int) string { return ds.Edges[i].ID }) {
		e := &ds.Edges[i]
		ye := yamlEdge{ID: e.ID, Source: e.Source, Type: e.Type, Target: e.Target, Status: e.Status, Date: e.Date,
			EndDate: e.EndDate, Description: e.Description, Props: e.Props, Evidence: []yamlEvidence{}}
		for _, ev := range e.Evidence {
			ye.Evidence = append(ye.Evidence, yamlEvidence(ev))
		}
		doc.Edges = append(doc.Edges, ye)
	}
	if doc.Edges == nil {
		doc.Edges = []yamlEdge{}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.WriteString(header); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	enc := yaml.NewEncoder(bw)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write yaml: %w", err)
	}
	return nil
}

// WriteJSON writes ds as native JSON, one element per line, with the file
// field of documents that have a text: the format Load streams fastest,
// for datasets too big to edit by hand.
func WriteJSON(w io.Writer, ds *graph.Dataset, files map[string]string) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	write := func(s string) {
		bw.WriteString(s) // errors surface at Flush
	}
	line := func(i int, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		if i > 0 {
			write(",\n")
		}
		_, err = bw.Write(b)
		return err
	}
	write("{\"nodes\":[\n")
	for k, i := range sortedByID(len(ds.Nodes), func(i int) string { return ds.Nodes[i].ID }) {
		if err := line(k, withFile{node: &ds.Nodes[i], file: files[ds.Nodes[i].ID]}); err != nil {
			return err
		}
	}
	write("\n],\"edges\":[\n")
	for k, i := range sortedByID(len(ds.Edges), func(i int) string { return ds.Edges[i].ID }) {
		if err := line(k, &ds.Edges[i]); err != nil {
			return err
		}
	}
	write("\n]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// withFile marshals a node with the loader's file field after its own
// (graph.Node marshals itself, so an embedding struct cannot add it).
type withFile struct {
	node *graph.Node
	file string
}

func (w withFile) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(w.node)
	if err != nil || w.file == "" {
		return b, err
	}
	f, err := json.Marshal(w.file)
	if err != nil {
		return nil, err
	}
	out := append(b[:len(b)-1:len(b)-1], `,"file":`...)
	out = append(out, f...)
	return append(out, '}'), nil
}
