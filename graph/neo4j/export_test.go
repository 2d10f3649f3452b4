package neo4j

import (
	"context"

	"github.com/backchannel/backchannel/graph"
)

// WriteUnswitchedForTest writes ds as the loading version "version" the
// way Load does, without switching readers to it, and then writes its
// relationships a second time, as a driver retry after a commit whose
// acknowledgement was lost would.
func (s *Store) WriteUnswitchedForTest(ctx context.Context, version string, ds *graph.Dataset) error {
	tr := &tracker{}
	if err := s.ensureSchema(ctx); err != nil {
		return err
	}
	if err := s.beginVersion(ctx, version); err != nil {
		return err
	}
	eids, err := s.writeNodes(ctx, version, ds.Nodes, ds.Texts, tr)
	if err != nil {
		return err
	}
	if err := s.writeEdges(ctx, version, ds.Edges, eids, tr); err != nil {
		return err
	}
	return s.writeEdges(ctx, version, ds.Edges, eids, tr)
}

// SchemaStatementsForTest is the schema Load creates, statement by
// statement.
func SchemaStatementsForTest() []string { return schemaStatements() }
