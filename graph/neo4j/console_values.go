package neo4j

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// converter turns console results into JSON-friendly values and gathers
// the graph they contain.
type converter struct {
	// nodes by element id: the native node, for dataset nodes.
	nodes map[string]graph.Node
	// ids maps the element ids of dataset nodes to their ids.
	ids map[string]string
	// rels by element id.
	rels map[string]driver.Relationship
	// missing endpoint element ids, resolved by resolveEndpoints.
	missing map[string]bool
}

func newConverter() *converter {
	return &converter{nodes: map[string]graph.Node{}, ids: map[string]string{}, rels: map[string]driver.Relationship{}, missing: map[string]bool{}}
}

func isDatasetNode(n driver.Node) bool {
	_, ok := n.Props["id"].(string)
	return ok && slices.Contains(n.Labels, labelEntity)
}

func isDatasetRel(r driver.Relationship) bool {
	_, ok := r.Props["id"].(string)
	_, known := graph.LookupEdgeType(r.Type)
	return ok && known
}

// collect records the nodes and relationships inside v.
func (c *converter) collect(v any) {
	switch x := v.(type) {
	case driver.Node:
		c.addNode(x)
	case driver.Relationship:
		if isDatasetRel(x) {
			c.rels[x.ElementId] = x
		}
	case driver.Path:
		for _, n := range x.Nodes {
			c.addNode(n)
		}
		for _, r := range x.Relationships {
			c.collect(r)
		}
	case []any:
		for _, e := range x {
			c.collect(e)
		}
	case map[string]any:
		for _, e := range x {
			c.collect(e)
		}
	}
}

func (c *converter) addNode(n driver.Node) {
	if !isDatasetNode(n) {
		return
	}
	if _, ok := c.nodes[n.ElementId]; ok {
		return
	}
	gn, err := decodeNode(n)
	if err != nil {
		return // shown as a plain node
	}
	c.nodes[n.ElementId] = gn
	c.ids[n.ElementId] = gn.ID
}

// resolveEndpoints fetches the endpoints of relationships whose nodes the
// result does not hold, so that every edge has its source and target.
func (c *converter) resolveEndpoints(ctx context.Context, tx driver.ManagedTransaction) error {
	var eids []string
	for _, r := range c.rels {
		for _, e := range []string{r.StartElementId, r.EndElementId} {
			if _, ok := c.ids[e]; !ok && !c.missing[e] {
				c.missing[e] = true
				eids = append(eids, e)
			}
		}
	}
	if len(eids) == 0 {
		return nil
	}
	res, err := tx.Run(ctx, "MATCH (n) WHERE elementId(n) IN $eids RETURN n", map[string]any{"eids": eids})
	if err != nil {
		return err
	}
	for res.Next(ctx) {
		n, _, err := driver.GetRecordValue[driver.Node](res.Record(), "n")
		if err != nil {
			return err
		}
		c.addNode(n)
	}
	return res.Err()
}

func (c *converter) edge(r driver.Relationship) (graph.Edge, bool) {
	src, ok1 := c.ids[r.StartElementId]
	dst, ok2 := c.ids[r.EndElementId]
	if !ok1 || !ok2 {
		return graph.Edge{}, false
	}
	e, err := decodeEdge(r, src, dst)
	return e, err == nil
}

// value converts one result value for JSON.
func (c *converter) value(v any) any {
	switch x := v.(type) {
	case nil, bool, int64, string:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return formatFloat(x)
		}
		return x
	case []byte:
		return x
	case driver.Node:
		if n, ok := c.nodes[x.ElementId]; ok {
			return n
		}
		return map[string]any{"element_id": x.ElementId, "labels": x.Labels, "properties": c.value(x.Props)}
	case driver.Relationship:
		if e, ok := c.edge(x); ok {
			return e
		}
		return map[string]any{"element_id": x.ElementId, "type": x.Type, "start": x.StartElementId, "end": x.EndElementId, "properties": c.value(x.Props)}
	case driver.Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = c.value(n)
		}
		edges := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			edges[i] = c.value(r)
		}
		return map[string]any{"nodes": nodes, "edges": edges}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = c.value(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = c.value(e)
		}
		return out
	case driver.Date:
		return x.Time().Format("2006-01-02")
	case driver.LocalTime:
		return x.Time().Format("15:04:05.999999999")
	case driver.LocalDateTime:
		return x.Time().Format("2006-01-02T15:04:05.999999999")
	case driver.Time:
		return x.Time().Format("15:04:05.999999999Z07:00")
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case driver.Duration:
		return x.String()
	case driver.Point2D:
		return map[string]any{"srid": x.SpatialRefId, "x": x.X, "y": x.Y}
	case driver.Point3D:
		return map[string]any{"srid": x.SpatialRefId, "x": x.X, "y": x.Y, "z": x.Z}
	}
	return v
}

func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case f > 0:
		return "Infinity"
	}
	return "-Infinity"
}

// subgraph is every dataset node and relationship seen, with the
// endpoints of the relationships, sorted by id.
func (c *converter) subgraph() graph.Subgraph {
	sub := graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}}
	for _, n := range c.nodes {
		sub.Nodes = append(sub.Nodes, n)
	}
	for _, r := range c.rels {
		if e, ok := c.edge(r); ok {
			sub.Edges = append(sub.Edges, e)
		}
	}
	slices.SortFunc(sub.Nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(sub.Edges, func(a, b graph.Edge) int { return strings.Compare(a.ID, b.ID) })
	// Two versions may hold the same id while a load runs; keep one.
	sub.Nodes = slices.CompactFunc(sub.Nodes, func(a, b graph.Node) bool { return a.ID == b.ID })
	sub.Edges = slices.CompactFunc(sub.Edges, func(a, b graph.Edge) bool { return a.ID == b.ID })
	return sub
}
