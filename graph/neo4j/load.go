package neo4j

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Load replaces the graph with ds.
//
// Readers never see a half-loaded dataset: the nodes and relationships of
// ds are written as a new dataset version (property v) beside the active
// one, in batches of UNWIND in managed write transactions (the driver
// retries transient errors; MERGE on (id, v) makes a retried node batch
// harmless, and each relationship batch records that it was written, see
// writeEdges). Only when everything is written does one small transaction
// switch the active (:Dataset) node to the new version; the old version is
// then deleted in batches. Every read of the store is pinned to the active
// version, so a load that dies midway (killed process, lost connection,
// cancelled ctx) leaves the previous graph exactly as it was, plus an
// inactive partial version that the next load deletes.
//
// One load at a time: a second load while one runs returns ErrConflict
// naming the first (lock.go); the lock of a load that dies goes with its
// connection, and the next load deletes whatever it wrote.
//
// Loading the dataset that is already active writes nothing: the version
// is a hash of the dataset's content. Load checks ds's structure (ids,
// references, each node's and edge's Validate) and returns ErrInvalid
// without writing if it is broken; the full validation (quotes in their
// documents) is the dataset package's, which the CLI runs first.
func (s *Store) Load(ctx context.Context, ds *graph.Dataset) (err error) {
	start := time.Now()
	if err := checkDataset(ds); err != nil {
		return err
	}
	version, err := datasetVersion(ds)
	if err != nil {
		return err
	}
	prog := LoadProgress{Version: version, TotalNodes: len(ds.Nodes), TotalEdges: len(ds.Edges)}
	tr := &tracker{p: prog, start: start, fn: s.cfg.Progress}
	tr.phase("schema")
	lk, err := s.lock(ctx, version)
	if err != nil {
		return err
	}
	defer func() {
		if rerr := lk.release(ctx); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}()
	if err := s.ensureSchema(ctx); err != nil {
		return err
	}
	active, err := s.activeVersion(ctx)
	if err != nil {
		return err
	}
	if active == version {
		tr.finish(true)
		return nil
	}
	// Leftovers of loads that died midway.
	tr.phase("cleanup")
	if err := s.deleteInactive(ctx); err != nil {
		return err
	}
	if err := s.beginVersion(ctx, version); err != nil {
		return err
	}
	stop := tr.tick(time.Second)
	defer stop()

	tr.phase("nodes")
	t0 := time.Now()
	elementIDs, err := s.writeNodes(ctx, version, ds.Nodes, ds.Texts, tr)
	if err != nil {
		return fmt.Errorf("load: nodes: %w", err)
	}
	// The full-text index is eventually consistent (cheaper writes), and
	// readers of the new version must find every node in it. Waiting
	// here, not at the switch, makes the node time include the index
	// work still queued (nothing later in the load writes nodes).
	if err := s.awaitFulltext(ctx); err != nil {
		return err
	}
	tr.setTime(&tr.p.NodeTime, time.Since(t0))
	tr.phase("relationships")
	t0 = time.Now()
	if err := s.writeEdges(ctx, version, ds.Edges, elementIDs, tr); err != nil {
		return fmt.Errorf("load: relationships: %w", err)
	}
	tr.setTime(&tr.p.EdgeTime, time.Since(t0))
	tr.phase("switch")
	stats, err := json.Marshal(graph.CountStats(ds))
	if err != nil {
		return fmt.Errorf("load: stats: %w", err)
	}
	edgeBatches := (len(ds.Edges) + s.cfg.BatchSize - 1) / s.cfg.BatchSize
	if err := s.activate(ctx, version, string(stats), len(ds.Nodes), len(ds.Edges), edgeBatches); err != nil {
		return err
	}
	// The new graph is live. The old version goes now; if this fails the
	// next load deletes it, and readers never look at it.
	tr.phase("cleanup")
	if err := s.deleteInactive(ctx); err != nil {
		return fmt.Errorf("load: dataset %s is active; deleting the previous version failed (the next load retries): %w", version, err)
	}
	stop()
	tr.finish(false)
	return nil
}

// checkDataset applies the dataset's rules (graph.ValidateDataset), then
// what this store relies on besides: relationship types that are safe to
// splice into Cypher (the vocabulary's names always are).
func checkDataset(ds *graph.Dataset) error {
	if err := graph.ValidateDataset(ds); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	for i := range ds.Edges {
		if e := &ds.Edges[i]; !relTypePattern.MatchString(e.Type) {
			return fmt.Errorf("%w: load: edge %q: relationship type %q", graph.ErrInvalid, e.ID, e.Type)
		}
	}
	return nil
}

// batch is one write transaction's rows.
type batch struct {
	cypher string
	rows   []map[string]any
	nodes  int
	edges  int
	// marker, if >= 0, is the batch's number in the version's
	// written_batches list (see writeEdges); -1 for statements that are
	// idempotent row by row (MERGE).
	marker int64
	// For a node batch: the statement returns the nodes' element ids as
	// eids, in row order; the one of rows[i] goes to
	// elementIDs[positions[i]]. Batches write disjoint positions.
	elementIDs []string
	positions  []int
}

// writeNodes writes nodes grouped by type, so that each statement names
// its labels literally (labels cannot be parameters), and returns each
// node's element id, by id, for writeEdges.
// writeNodes writes the nodes, a document's text (texts) as its "text"
// property.
func (s *Store) writeNodes(ctx context.Context, version string, nodes []graph.Node, texts map[string]string, tr *tracker) (map[string]string, error) {
	byType := map[graph.NodeType][]int{}
	for i := range nodes {
		byType[nodes[i].Type] = append(byType[nodes[i].Type], i)
	}
	// Batches fill disjoint parts of eids: no lock needed.
	eids := make([]string, len(nodes))
	err := s.runBatches(ctx, version, tr, s.cfg.Workers, func(emit func(batch) error) error {
		for _, t := range graph.NodeTypes {
			label, ok := typeLabels[t]
			if !ok {
				return fmt.Errorf("%w: node type %q has no label", graph.ErrInvalid, t)
			}
			cypher := "UNWIND $rows AS row MERGE (n:Entity {id: row.id, v: $v}) SET n:" + label + ", n += row.props RETURN count(*) AS written, collect(elementId(n)) AS eids"
			idx := byType[t]
			for lo := 0; lo < len(idx); lo += s.cfg.BatchSize {
				hi := min(lo+s.cfg.BatchSize, len(idx))
				rows := make([]map[string]any, 0, hi-lo)
				for _, i := range idx[lo:hi] {
					props := nodeProps(&nodes[i])
					if t, ok := texts[nodes[i].ID]; ok {
						props[textProp] = t
					}
					rows = append(rows, map[string]any{"id": nodes[i].ID, "props": props})
				}
				if err := emit(batch{cypher: cypher, rows: rows, nodes: len(rows), marker: -1, elementIDs: eids, positions: idx[lo:hi]}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]string, len(nodes))
	for i := range nodes {
		byID[nodes[i].ID] = eids[i]
	}
	return byID, nil
}

// writeEdges writes relationships in dataset order, one statement for
// every type (a dynamic relationship type, Neo4j 5.26's $(...)), so
// batches need not be split by type and the plan is made once.
//
// Idempotency without a lookup per row: the version was emptied before
// the load began (deleteInactive), so a relationship can already exist
// only if a batch committed and the driver did not learn it (a lost
// connection during commit) and retried. Each batch therefore records its
// number on the version's (:Dataset) node in the same transaction that
// writes it, and a retry that finds its number writes nothing. An earlier
// version checked every row against the relationship index instead; its
// plan degraded to a scan of the type when the index was still small at
// planning time (docs/benchmarks.md, "Loading into Neo4j").
func (s *Store) writeEdges(ctx context.Context, version string, edges []graph.Edge, elementIDs map[string]string, tr *tracker) error {
	// The endpoints are found by the element ids writeNodes returned: a
	// direct lookup, where a seek in the (id, v) index cost about a sixth
	// of the relationship write rate (docs/benchmarks.md). Element ids
	// are only stable while the node exists, and a node deleted under us
	// (another load's cleanup) could see its id reused: the id and
	// version checks make that a missing row, which runBatches reports.
	const cypher = `UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.s AND a.id = row.source AND a.v = $v
MATCH (b) WHERE elementId(b) = row.t AND b.id = row.target AND b.v = $v
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props, r.v = $v
RETURN count(*) AS written`
	return s.runBatches(ctx, version, tr, s.cfg.RelWorkers, func(emit func(batch) error) error {
		for n, lo := 0, 0; lo < len(edges); n, lo = n+1, lo+s.cfg.BatchSize {
			hi := min(lo+s.cfg.BatchSize, len(edges))
			rows := make([]map[string]any, 0, hi-lo)
			for i := lo; i < hi; i++ {
				e := &edges[i]
				// checkDataset matched the type against relTypePattern:
				// only vocabulary-shaped names reach $(row.type).
				rows = append(rows, map[string]any{"id": e.ID, "source": e.Source, "target": e.Target, "s": elementIDs[e.Source], "t": elementIDs[e.Target], "type": e.Type, "props": edgeProps(e)})
			}
			if err := emit(batch{cypher: cypher, rows: rows, edges: len(rows), marker: int64(n)}); err != nil {
				return err
			}
		}
		return nil
	})
}

// runBatches runs the batches produce emits on workers concurrent
// writers, each batch in its own managed write transaction, and stops at
// the first error.
func (s *Store) runBatches(ctx context.Context, version string, tr *tracker, workers int, produce func(emit func(batch) error) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan batch)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				written, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (int64, error) {
					if b.marker >= 0 {
						done, err := batchWritten(ctx, tx, version, b.marker)
						if err != nil || done {
							// done: an earlier attempt committed without
							// the driver learning it.
							return int64(len(b.rows)), err
						}
					}
					res, err := tx.Run(ctx, b.cypher, map[string]any{"rows": b.rows, "v": version})
					if err != nil {
						return 0, err
					}
					rec, err := res.Single(ctx)
					if err != nil {
						return 0, err
					}
					n, _, err := driver.GetRecordValue[int64](rec, "written")
					if err == nil && b.elementIDs != nil {
						err = b.setElementIDs(rec)
					}
					if err != nil || b.marker < 0 {
						return n, err
					}
					// Last, so that the lock on the (:Dataset) node is
					// held only while this transaction commits.
					_, err = consume(ctx, tx, "MATCH (d:Dataset {version: $v}) SET d.written_batches = coalesce(d.written_batches, []) + $n",
						map[string]any{"v": version, "n": b.marker})
					return n, err
				})
				if err == nil && written != int64(len(b.rows)) {
					// Only possible if the version's nodes were deleted under
					// us: another load into the same database cleaned up.
					err = fmt.Errorf("%w: wrote %d of %d rows: nodes of version %s are missing (is another load running against this database?)",
						graph.ErrConflict, written, len(b.rows), version)
				}
				if err != nil {
					cancel(err)
					return
				}
				tr.add(b.nodes, b.edges)
			}
		}()
	}
	perr := produce(func(b batch) error {
		select {
		case work <- b:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	})
	close(work)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if perr != nil {
		return perr
	}
	return ctx.Err()
}

// setElementIDs copies the eids a node batch returned to their
// positions. A retried attempt overwrites them with the same values
// (MERGE finds the nodes the first attempt wrote).
func (b batch) setElementIDs(rec *driver.Record) error {
	eids, _, err := driver.GetRecordValue[[]any](rec, "eids")
	if err != nil {
		return fmt.Errorf("element ids: %w", err)
	}
	if len(eids) != len(b.positions) {
		// Only if rows went missing; the written count says so too.
		return nil
	}
	for j, v := range eids {
		id, ok := v.(string)
		if !ok {
			return fmt.Errorf("element id %d: %T, want a string", j, v)
		}
		b.elementIDs[b.positions[j]] = id
	}
	return nil
}

// batchWritten reports whether batch n of version is already recorded as
// written; ErrConflict if the version's (:Dataset) node is gone (another
// load cleaned it up).
func batchWritten(ctx context.Context, tx driver.ManagedTransaction, version string, n int64) (bool, error) {
	recs, err := collect(ctx, tx, "MATCH (d:Dataset {version: $v}) RETURN $n IN coalesce(d.written_batches, []) AS done", map[string]any{"v": version, "n": n})
	if err != nil {
		return false, err
	}
	if len(recs) != 1 {
		return false, fmt.Errorf("%w: dataset version %s is gone (is another load running against this database?)", graph.ErrConflict, version)
	}
	done, _, err := driver.GetRecordValue[bool](recs[0], "done")
	if err != nil {
		return false, fmt.Errorf("batch %d: %w", n, err)
	}
	return done, nil
}
