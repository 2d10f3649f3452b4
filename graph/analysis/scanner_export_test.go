package analysis

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
)

// DatasetScanner serves a dataset to Build as a graph.Scanner, in id
// order, without a store. The algorithms read nothing but a Scanner, and
// their tests need topologies that no store accepts (gonum's negative
// node ids, relationships without evidence or citing a document that is
// not in the graph). Exported for the package's external tests.
type DatasetScanner struct {
	nodes []graph.Node
	edges []graph.Edge
	texts map[string]string
	loads int
}

// NewDatasetScanner returns a scanner over ds.
func NewDatasetScanner(ds *graph.Dataset) *DatasetScanner {
	s := &DatasetScanner{}
	s.Load(ds)
	return s
}

// Load replaces the dataset; the version changes.
func (s *DatasetScanner) Load(ds *graph.Dataset) {
	s.nodes, s.edges, s.texts = slices.Clone(ds.Nodes), slices.Clone(ds.Edges), maps.Clone(ds.Texts)
	slices.SortFunc(s.nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(s.edges, func(a, b graph.Edge) int { return strings.Compare(a.ID, b.ID) })
	s.loads++
}

// EachNode calls fn for each node in id order.
func (s *DatasetScanner) EachNode(ctx context.Context, fn func(graph.Node) error) error {
	for _, n := range s.nodes {
		if err := fn(n); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// EachEdge calls fn for each relationship in id order.
func (s *DatasetScanner) EachEdge(ctx context.Context, fn func(graph.Edge) error) error {
	for _, e := range s.edges {
		if err := fn(e); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// EachText calls fn for each text in id order.
func (s *DatasetScanner) EachText(ctx context.Context, fn func(id, text string) error) error {
	for _, id := range slices.Sorted(maps.Keys(s.texts)) {
		if err := fn(id, s.texts[id]); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Version changes at every Load.
func (s *DatasetScanner) Version(context.Context) (string, error) {
	return fmt.Sprintf("test-%d", s.loads), nil
}
