package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Every read runs against the active dataset version, read first in the
// same transaction (see Load).

// Node returns one node. ErrNotFound if id is unknown.
func (s *Store) Node(ctx context.Context, id string) (graph.Node, error) {
	ns, err := s.Nodes(ctx, []string{id})
	if err != nil {
		return graph.Node{}, err
	}
	if len(ns) == 0 {
		return graph.Node{}, graph.NodeNotFound(id)
	}
	return ns[0], nil
}

// Nodes returns the nodes with the given ids, in the order given, skipping
// unknown ids.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	if len(ids) == 0 {
		return []graph.Node{}, nil
	}
	return readTx(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Node, error) {
		a, err := readActive(ctx, tx)
		if err != nil {
			return nil, err
		}
		return nodesByID(ctx, tx, a.version, ids)
	})
}

func nodesByID(ctx context.Context, tx driver.ManagedTransaction, version string, ids []string) ([]graph.Node, error) {
	res, err := tx.Run(ctx, "UNWIND $ids AS id MATCH (n:Entity {id: id, v: $v}) RETURN n", map[string]any{"ids": ids, "v": version})
	if err != nil {
		return nil, err
	}
	byID := map[string]graph.Node{}
	for res.Next(ctx) {
		n, err := recordNode(res.Record(), "n")
		if err != nil {
			return nil, err
		}
		byID[n.ID] = n
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	out := make([]graph.Node, 0, len(byID))
	for _, id := range ids {
		if n, ok := byID[id]; ok {
			out = append(out, n)
		}
	}
	return out, nil
}

func recordNode(rec *driver.Record, key string) (graph.Node, error) {
	n, isNil, err := driver.GetRecordValue[driver.Node](rec, key)
	if err != nil || isNil {
		return graph.Node{}, fmt.Errorf("neo4j: record %s: want a node: %v (nil: %t)", key, err, isNil)
	}
	return decodeNode(n)
}

// recordEdge decodes a record with keys r (the relationship), s and t
// (the ids of its start and end nodes).
func recordEdge(rec *driver.Record) (graph.Edge, error) {
	r, isNil, err := driver.GetRecordValue[driver.Relationship](rec, "r")
	if err != nil || isNil {
		return graph.Edge{}, fmt.Errorf("neo4j: record r: want a relationship: %v (nil: %t)", err, isNil)
	}
	src, _, err := driver.GetRecordValue[string](rec, "s")
	if err != nil {
		return graph.Edge{}, fmt.Errorf("neo4j: record s: %w", err)
	}
	dst, _, err := driver.GetRecordValue[string](rec, "t")
	if err != nil {
		return graph.Edge{}, fmt.Errorf("neo4j: record t: %w", err)
	}
	return decodeEdge(r, src, dst)
}

func collectEdges(ctx context.Context, res driver.ResultWithContext) ([]graph.Edge, error) {
	var out []graph.Edge
	for res.Next(ctx) {
		e, err := recordEdge(res.Record())
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, res.Err()
}

// perTypeUnion builds a query that runs branch once per relationship
// type of the vocabulary (relationship indexes are per type), as a UNION
// ALL inside CALL. branch holds %[1]s where the type goes and returns r,
// s and t.
func perTypeUnion(branch string) string {
	var parts []string
	for _, t := range relTypes() {
		parts = append(parts, fmt.Sprintf(branch, t))
	}
	return "CALL {\n" + strings.Join(parts, "\nUNION ALL\n") + "\n}\n"
}

// Edges returns the edges with the given ids, in the order given, skipping
// unknown ids.
func (s *Store) Edges(ctx context.Context, ids []string) ([]graph.Edge, error) {
	if len(ids) == 0 {
		return []graph.Edge{}, nil
	}
	cypher := perTypeUnion(`MATCH (a)-[r:%[1]s]->(b) WHERE r.id IN $ids AND r.v = $v RETURN r, a.id AS s, b.id AS t`) + "RETURN r, s, t"
	return readTx(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Edge, error) {
		a, err := readActive(ctx, tx)
		if err != nil {
			return nil, err
		}
		res, err := tx.Run(ctx, cypher, map[string]any{"ids": ids, "v": a.version})
		if err != nil {
			return nil, err
		}
		edges, err := collectEdges(ctx, res)
		if err != nil {
			return nil, err
		}
		byID := make(map[string]graph.Edge, len(edges))
		for _, e := range edges {
			byID[e.ID] = e
		}
		out := make([]graph.Edge, 0, len(edges))
		for _, id := range ids {
			if e, ok := byID[id]; ok {
				out = append(out, e)
			}
		}
		return out, nil
	})
}

// NodeEdges returns every edge that starts or ends at id, sorted by edge
// id. ErrNotFound if id is unknown.
func (s *Store) NodeEdges(ctx context.Context, id string) ([]graph.Edge, error) {
	edges, found, err := readTx2(ctx, s, func(tx driver.ManagedTransaction) (edgesFound, error) {
		a, err := readActive(ctx, tx)
		if err != nil {
			return edgesFound{}, err
		}
		res, err := tx.Run(ctx, "MATCH (n:Entity {id: $id, v: $v}) RETURN count(n) AS found", map[string]any{"id": id, "v": a.version})
		if err != nil {
			return edgesFound{}, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return edgesFound{}, err
		}
		found, _, err := driver.GetRecordValue[int64](rec, "found")
		if err != nil {
			return edgesFound{}, fmt.Errorf("neo4j: found: %w", err)
		}
		if found == 0 {
			return edgesFound{}, nil
		}
		edges, err := edgesOf(ctx, tx, a.version, []string{id})
		return edgesFound{edges: edges, found: true}, err
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, graph.NodeNotFound(id)
	}
	return edges, nil
}

type edgesFound struct {
	edges []graph.Edge
	found bool
}

func readTx2(ctx context.Context, s *Store, work driver.ManagedTransactionWorkT[edgesFound]) ([]graph.Edge, bool, error) {
	r, err := readTx(ctx, s, work)
	return r.edges, r.found, err
}

// edgesOf returns the edges touching any of ids, each once, sorted by id.
func edgesOf(ctx context.Context, tx driver.ManagedTransaction, version string, ids []string) ([]graph.Edge, error) {
	res, err := tx.Run(ctx, `UNWIND $ids AS id
MATCH (n:Entity {id: id, v: $v})-[r]-()
WITH DISTINCT r
RETURN r, startNode(r).id AS s, endNode(r).id AS t`, map[string]any{"ids": ids, "v": version})
	if err != nil {
		return nil, err
	}
	edges, err := collectEdges(ctx, res)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(edges, func(a, b graph.Edge) int { return strings.Compare(a.ID, b.ID) })
	if edges == nil {
		edges = []graph.Edge{}
	}
	return edges, nil
}

// Neighborhood returns the k-hop neighbourhood of id, computed by
// graph.Expand (the same breadth-first search as every backend) with one
// query per level for the edges of the whole frontier.
func (s *Store) Neighborhood(ctx context.Context, id string, q graph.NeighborQuery) (graph.Subgraph, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.Subgraph{}, err
	}
	version, err := s.activeVersion(ctx)
	if err != nil {
		return graph.Subgraph{}, err
	}
	if _, err := s.Node(ctx, id); err != nil {
		return graph.Subgraph{}, err
	}
	edgesFn := func(ctx context.Context, ids []string) ([]graph.Edge, error) {
		return readTx(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Edge, error) {
			return edgesOf(ctx, tx, version, ids)
		})
	}
	nodesFn := func(ctx context.Context, ids []string) ([]graph.Node, error) {
		return readTx(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Node, error) {
			return nodesByID(ctx, tx, version, ids)
		})
	}
	return graph.Expand(ctx, id, q, edgesFn, nodesFn)
}

// Stats counts nodes and edges by type and status. The counts are made
// when a dataset is loaded and kept on its (:Dataset) node.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	a, err := readTx(ctx, s, func(tx driver.ManagedTransaction) (activeDataset, error) {
		return readActive(ctx, tx)
	})
	if err != nil {
		return graph.Stats{}, err
	}
	st := graph.Stats{NodeTypes: map[string]int{}, EdgeTypes: map[string]int{}, Statuses: map[string]int{}}
	if a.stats == "" {
		return st, nil
	}
	if err := json.Unmarshal([]byte(a.stats), &st); err != nil {
		return graph.Stats{}, fmt.Errorf("neo4j: dataset %s: stats: %w", a.version, err)
	}
	return st, nil
}

// Version returns the active dataset version: a hash of its content, ""
// for an empty database.
func (s *Store) Version(ctx context.Context) (string, error) {
	return s.activeVersion(ctx)
}

// EachNode calls fn for every node in id order, reading pages of
// cfg.PageSize nodes by id range (never SKIP), each in its own read
// transaction. If a load switches versions during the scan, the scan
// stays on the version it started with; if that version is deleted before
// the scan ends, EachNode returns ErrUnavailable.
func (s *Store) EachNode(ctx context.Context, fn func(graph.Node) error) error {
	version, err := s.activeVersion(ctx)
	if err != nil || version == "" {
		return err
	}
	after := ""
	for {
		page, err := readTx(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Node, error) {
			res, err := tx.Run(ctx, "MATCH (n:Entity) WHERE n.id > $after AND n.v = $v RETURN n ORDER BY n.id LIMIT $page",
				map[string]any{"after": after, "v": version, "page": int64(s.cfg.PageSize)})
			if err != nil {
				return nil, err
			}
			var out []graph.Node
			for res.Next(ctx) {
				n, err := recordNode(res.Record(), "n")
				if err != nil {
					return nil, err
				}
				out = append(out, n)
			}
			return out, res.Err()
		})
		if err != nil {
			return fmt.Errorf("scan nodes after %q: %w", after, err)
		}
		for _, n := range page {
			if err := fn(n); err != nil {
				return err
			}
		}
		if len(page) < s.cfg.PageSize {
			return s.checkStillThere(ctx, version)
		}
		after = page[len(page)-1].ID
	}
}

// EachEdge calls fn for every edge in id order, like EachNode.
func (s *Store) EachEdge(ctx context.Context, fn func(graph.Edge) error) error {
	version, err := s.activeVersion(ctx)
	if err != nil || version == "" {
		return err
	}
	cypher := perTypeUnion(`MATCH (a)-[r:%[1]s]->(b) WHERE r.id > $after AND r.v = $v RETURN r, a.id AS s, b.id AS t ORDER BY r.id LIMIT $page`) +
		"RETURN r, s, t ORDER BY r.id LIMIT $page"
	after := ""
	for {
		page, err := readTx(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Edge, error) {
			res, err := tx.Run(ctx, cypher, map[string]any{"after": after, "v": version, "page": int64(s.cfg.PageSize)})
			if err != nil {
				return nil, err
			}
			return collectEdges(ctx, res)
		})
		if err != nil {
			return fmt.Errorf("scan edges after %q: %w", after, err)
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(page) < s.cfg.PageSize {
			return s.checkStillThere(ctx, version)
		}
		after = page[len(page)-1].ID
	}
}

// checkStillThere fails a scan whose version was deleted while it ran
// (a load finished and cleaned up): some pages may have been empty.
func (s *Store) checkStillThere(ctx context.Context, version string) error {
	state, err := readTx(ctx, s, func(tx driver.ManagedTransaction) (string, error) {
		res, err := tx.Run(ctx, "OPTIONAL MATCH (d:Dataset {version: $v}) RETURN coalesce(d.state, 'deleted') AS state", map[string]any{"v": version})
		if err != nil {
			return "", err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return "", err
		}
		st, _, err := driver.GetRecordValue[string](rec, "state")
		return st, err
	})
	if err != nil {
		return err
	}
	if state != "active" {
		return fmt.Errorf("%w: neo4j: dataset version %s was replaced during the scan (%s): scan again", graph.ErrUnavailable, version, state)
	}
	return nil
}

// DocumentText returns the text on file of document id (its "text"
// property); ErrNotFound if id is unknown.
func (s *Store) DocumentText(ctx context.Context, id string) (string, bool, error) {
	type answer struct {
		found, has bool
		text       string
	}
	a, err := readTx(ctx, s, func(tx driver.ManagedTransaction) (answer, error) {
		act, err := readActive(ctx, tx)
		if err != nil {
			return answer{}, err
		}
		res, err := tx.Run(ctx, "MATCH (n:Entity {id: $id, v: $v}) RETURN n."+textProp+" AS text", map[string]any{"id": id, "v": act.version})
		if err != nil {
			return answer{}, err
		}
		if !res.Next(ctx) {
			return answer{}, res.Err()
		}
		text, isNil, err := driver.GetRecordValue[string](res.Record(), "text")
		if err != nil && !isNil {
			return answer{}, fmt.Errorf("neo4j: node %s: text: %w", id, err)
		}
		return answer{found: true, has: !isNil, text: text}, res.Err()
	})
	if err != nil {
		return "", false, fmt.Errorf("document text %s: %w", id, err)
	}
	if !a.found {
		return "", false, fmt.Errorf("%w: node %q: search for it with /api/search?q=", graph.ErrNotFound, id)
	}
	return a.text, a.has, nil
}

// EachText calls fn with every document that has a text, in id order, a
// page at a time like EachNode.
func (s *Store) EachText(ctx context.Context, fn func(id, text string) error) error {
	version, err := s.activeVersion(ctx)
	if err != nil || version == "" {
		return err
	}
	type doc struct{ id, text string }
	after := ""
	for {
		page, err := readTx(ctx, s, func(tx driver.ManagedTransaction) ([]doc, error) {
			res, err := tx.Run(ctx, "MATCH (n:Document) WHERE n.id > $after AND n.v = $v AND n."+textProp+" IS NOT NULL RETURN n.id AS id, n."+textProp+" AS text ORDER BY n.id LIMIT $page",
				map[string]any{"after": after, "v": version, "page": int64(s.cfg.PageSize)})
			if err != nil {
				return nil, err
			}
			var out []doc
			for res.Next(ctx) {
				id, _, err := driver.GetRecordValue[string](res.Record(), "id")
				if err != nil {
					return nil, fmt.Errorf("neo4j: record id: %w", err)
				}
				text, _, err := driver.GetRecordValue[string](res.Record(), "text")
				if err != nil {
					return nil, fmt.Errorf("neo4j: record text of %s: %w", id, err)
				}
				out = append(out, doc{id, text})
			}
			return out, res.Err()
		})
		if err != nil {
			return fmt.Errorf("scan texts after %q: %w", after, err)
		}
		for _, d := range page {
			if err := fn(d.id, d.text); err != nil {
				return err
			}
		}
		if len(page) < s.cfg.PageSize {
			return s.checkStillThere(ctx, version)
		}
		after = page[len(page)-1].id
	}
}
