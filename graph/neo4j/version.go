package neo4j

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// datasetVersion hashes the dataset's content in id order, so the same
// data always has the same version whatever order the files list it in:
// sha256 over each node's and then each edge's native JSON, one per line.
//
// The bytes are what json.Encoder wrote until 2026-11 (versions must not
// change under loaded databases; TestDatasetVersionBytes keeps the
// encoder as the oracle), but come from MarshalJSON directly: the
// encoder re-scanned each Marshaler's output to compact it, a third of a
// 1M load's time here.
func datasetVersion(ds *graph.Dataset) (string, error) {
	h := sha256.New()
	newline := []byte{'\n'}
	nodes := make([]*graph.Node, len(ds.Nodes))
	for i := range ds.Nodes {
		nodes[i] = &ds.Nodes[i]
	}
	slices.SortFunc(nodes, func(a, b *graph.Node) int { return cmp.Compare(a.ID, b.ID) })
	for _, n := range nodes {
		b, err := n.MarshalJSON()
		if err != nil {
			return "", fmt.Errorf("load: hash node %q: %w", n.ID, err)
		}
		h.Write(b)
		h.Write(newline)
	}
	edges := make([]*graph.Edge, len(ds.Edges))
	for i := range ds.Edges {
		edges[i] = &ds.Edges[i]
	}
	slices.SortFunc(edges, func(a, b *graph.Edge) int { return cmp.Compare(a.ID, b.ID) })
	for _, e := range edges {
		b, err := e.MarshalJSON()
		if err != nil {
			return "", fmt.Errorf("load: hash edge %q: %w", e.ID, err)
		}
		h.Write(b)
		h.Write(newline)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// activeVersion returns the active dataset version, "" if none.
func (s *Store) activeVersion(ctx context.Context) (string, error) {
	return readTx(ctx, s, func(tx driver.ManagedTransaction) (string, error) {
		a, err := readActive(ctx, tx)
		return a.version, err
	})
}

type activeDataset struct {
	version string
	stats   string
}

// readActive reads the active (:Dataset) inside tx; zero if none.
func readActive(ctx context.Context, tx driver.ManagedTransaction) (activeDataset, error) {
	recs, err := collect(ctx, tx, "MATCH (d:Dataset {active: true}) RETURN d.version AS version, coalesce(d.stats, '') AS stats", nil)
	if err != nil {
		return activeDataset{}, err
	}
	if len(recs) == 0 {
		return activeDataset{}, nil
	}
	if len(recs) > 1 {
		return activeDataset{}, fmt.Errorf("neo4j: %d active datasets, want one", len(recs))
	}
	var a activeDataset
	if a.version, _, err = driver.GetRecordValue[string](recs[0], "version"); err != nil {
		return a, fmt.Errorf("neo4j: active dataset: version: %w", err)
	}
	if a.stats, _, err = driver.GetRecordValue[string](recs[0], "stats"); err != nil {
		return a, fmt.Errorf("neo4j: active dataset: stats: %w", err)
	}
	return a, nil
}

// beginVersion records a loading version, so that a load that dies leaves
// a trace the next load cleans up.
func (s *Store) beginVersion(ctx context.Context, version string) error {
	_, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
		return consume(ctx, tx, "MERGE (d:Dataset {version: $v}) SET d.active = false, d.state = 'loading', d.started_at = datetime()", map[string]any{"v": version})
	})
	if err != nil {
		return fmt.Errorf("load: begin version %s: %w", version, err)
	}
	return nil
}

// activate switches readers to version in one transaction.
func (s *Store) activate(ctx context.Context, version, stats string, nodes, edges, edgeBatches int) error {
	_, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
		// Last check before readers see it: the whole version is there.
		// Counting the version's relationships would scan them all; every
		// relationship batch recorded its number instead (writeEdges).
		res, err := tx.Run(ctx, `MATCH (d:Dataset {version: $v, state: 'loading'})
WITH count(d) AS loading, sum(size(coalesce(d.written_batches, []))) AS batches
OPTIONAL MATCH (n:Entity {v: $v})
RETURN loading, batches, count(n) AS nodes`, map[string]any{"v": version})
		if err != nil {
			return struct{}{}, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return struct{}{}, err
		}
		var got [3]int64
		for i, k := range []string{"loading", "batches", "nodes"} {
			if got[i], _, err = driver.GetRecordValue[int64](rec, k); err != nil {
				return struct{}{}, fmt.Errorf("%s: %w", k, err)
			}
		}
		if got[0] != 1 || got[1] != int64(edgeBatches) || got[2] != int64(nodes) {
			return struct{}{}, fmt.Errorf("%w: version %s holds %d of %d nodes and %d of %d relationship batches (is another load running against this database?)",
				graph.ErrConflict, version, got[2], nodes, got[1], edgeBatches)
		}
		if _, err := consume(ctx, tx, "MATCH (d:Dataset {active: true}) SET d.active = false, d.state = 'retired'", nil); err != nil {
			return struct{}{}, err
		}
		return consume(ctx, tx, `MATCH (d:Dataset {version: $v})
SET d.active = true, d.state = 'active', d.stats = $stats, d.nodes = $nodes, d.relationships = $edges, d.loaded_at = datetime()
REMOVE d.written_batches`,
			map[string]any{"v": version, "stats": stats, "nodes": nodes, "edges": edges})
	})
	if err != nil {
		return fmt.Errorf("load: activate version %s: %w", version, err)
	}
	return nil
}

// deleteInactive deletes every dataset version that is not active, in
// batches, then its (:Dataset) node. A version is any inactive (:Dataset)
// and any v on entities other than the active one: nodes a load wrote
// after another load had deleted its (:Dataset) (before the load lock)
// have no (:Dataset) left. The caller holds the load lock, so no other
// load is writing.
func (s *Store) deleteInactive(ctx context.Context) error {
	versions, err := readTx(ctx, s, func(tx driver.ManagedTransaction) ([]string, error) {
		recs, err := collect(ctx, tx, `MATCH (d:Dataset) WHERE NOT d.active RETURN d.version AS version
UNION
MATCH (n:Entity) WITH DISTINCT n.v AS version
OPTIONAL MATCH (a:Dataset {active: true})
WITH version, a WHERE a IS NULL OR version <> a.version
RETURN version`, nil)
		if err != nil {
			return nil, err
		}
		var vs []string
		for _, r := range recs {
			v, _, err := driver.GetRecordValue[string](r, "version")
			if err != nil {
				return nil, fmt.Errorf("dataset version: %w", err)
			}
			vs = append(vs, v)
		}
		return vs, nil
	})
	if err != nil {
		return fmt.Errorf("delete old versions: %w", err)
	}
	for _, v := range versions {
		for {
			n, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (int64, error) {
				res, err := tx.Run(ctx, "MATCH (n:Entity {v: $v}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
					map[string]any{"v": v, "batch": int64(s.cfg.BatchSize / 4)})
				if err != nil {
					return 0, err
				}
				rec, err := res.Single(ctx)
				if err != nil {
					return 0, err
				}
				n, _, err := driver.GetRecordValue[int64](rec, "deleted")
				return n, err
			})
			if err != nil {
				return fmt.Errorf("delete version %s: %w", v, err)
			}
			if n == 0 {
				break
			}
		}
		if _, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
			return consume(ctx, tx, "MATCH (d:Dataset {version: $v}) WHERE NOT d.active DELETE d", map[string]any{"v": v})
		}); err != nil {
			return fmt.Errorf("delete version %s: %w", v, err)
		}
	}
	return nil
}
