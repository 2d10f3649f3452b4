package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Search ranks nodes whose name or alias matches q, exactly as the
// embedded store does: Neo4j finds candidates, graph.RankNode and
// graph.SortHits rank them.
//
// Candidates are the union of
//   - nodes whose normalised names contain q (the search property, through
//     a text index): every exact, prefix and substring match;
//   - Lucene fuzzy matches of q (spaces as underscores) against the
//     normalised words and whole names (search_terms, whitespace
//     analyzer), within the edit distance graph.MatchName allows (1 up to
//     5 runes, else 2). Lucene counts a transposition as one edit, so it
//     finds a superset.
//
// One limit: Lucene expands a fuzzy term to at most 50 index terms, so on
// a very large graph a fuzzy-only match can be missed that the embedded
// store would find. Exact, prefix and substring matches are never missed.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]graph.Hit, error) {
	nq, limit, err := graph.CheckSearch(q, limit)
	if err != nil {
		return nil, err
	}
	budget := graph.FuzzyBudget(nq)
	// Field-qualified: a database loaded before the index moved to
	// search_terms answers nothing here until its next load, rather than
	// fuzzy matches on the wrong field.
	lucene := fmt.Sprintf("search_terms:%s~%d", strings.ReplaceAll(nq, " ", "_"), budget)
	cands, err := readTx(ctx, s, func(tx driver.ManagedTransaction) ([]graph.Node, error) {
		a, err := readActive(ctx, tx)
		if err != nil || a.version == "" {
			return nil, err
		}
		res, err := tx.Run(ctx, `CALL {
  MATCH (n:Entity) USING TEXT INDEX n:Entity(search) WHERE n.search CONTAINS $q AND n.v = $v RETURN n
  UNION
  CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node WHERE node.v = $v RETURN node AS n
}
RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases`,
			map[string]any{"q": nq, "v": a.version, "index": indexNames, "lucene": lucene})
		if err != nil {
			return nil, err
		}
		var out []graph.Node
		for res.Next(ctx) {
			rec := res.Record()
			var n graph.Node
			var typ string
			var aliases []any
			if n.ID, _, err = driver.GetRecordValue[string](rec, "id"); err != nil {
				return nil, fmt.Errorf("search: id: %w", err)
			}
			if typ, _, err = driver.GetRecordValue[string](rec, "type"); err != nil {
				return nil, fmt.Errorf("search: type: %w", err)
			}
			if n.Name, _, err = driver.GetRecordValue[string](rec, "name"); err != nil {
				return nil, fmt.Errorf("search: name: %w", err)
			}
			if aliases, _, err = driver.GetRecordValue[[]any](rec, "aliases"); err != nil {
				return nil, fmt.Errorf("search: aliases: %w", err)
			}
			n.Type = graph.NodeType(typ)
			for i, a := range aliases {
				s, ok := a.(string)
				if !ok {
					return nil, fmt.Errorf("search: aliases[%d]: expected string, found %T", i, a)
				}
				n.Aliases = append(n.Aliases, s)
			}
			out = append(out, n)
		}
		return out, res.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	hits := []graph.Hit{}
	for i := range cands {
		if h, ok := graph.RankNode(nq, &cands[i]); ok {
			hits = append(hits, h)
		}
	}
	graph.SortHits(hits)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}
