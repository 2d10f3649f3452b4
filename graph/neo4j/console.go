package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Query runs read-only Cypher from the console.
//
// Guards, in order:
//  1. a text check of the query, with comments removed and string
//     literals blanked: LOAD CSV, administration commands (SHOW,
//     TERMINATE, GRANT, CREATE USER...), USE, EXPLAIN/PROFILE and every
//     procedure outside a short read-only allowlist (see
//     allowedProcedures) are refused, because a read transaction does not
//     stop them (LOAD CSV only reads, and dbms procedures such as
//     dbms.listConfig run in read transactions);
//  2. EXPLAIN, whose summary says whether the query reads (r), reads and
//     writes (rw), writes (w) or changes the schema (s): anything but r is
//     refused;
//  3. the query itself runs in a read-access-mode session through
//     ExecuteRead, so the database refuses any write that got this far.
//
// Refusals are ErrReadOnly; syntax and semantic errors ErrInvalid; a
// timeout (cfg.QueryTimeout unless q.TimeoutMillis) ErrUnavailable.
// At most cfg.MaxRows rows (or q.MaxRows, up to cfg.MaxRows) are
// returned, and Truncated says that there were more.
//
// Values: nodes of the dataset become the native Node object in both the
// rows and the graph; relationships the native Edge (evidence included);
// paths {"nodes": [...], "edges": [...]}; other nodes and relationships
// (the (:Dataset) bookkeeping) {"element_id", "labels" or "type",
// "properties"}; temporal values ISO 8601 strings; points {"srid", "x",
// "y", "z"}.
func (s *Store) Query(ctx context.Context, q graph.Query) (graph.QueryResult, error) {
	if err := checkCypher(q.Cypher); err != nil {
		return graph.QueryResult{}, err
	}
	timeout := s.cfg.QueryTimeout
	if q.TimeoutMillis > 0 {
		timeout = min(time.Duration(q.TimeoutMillis)*time.Millisecond, timeout)
	}
	if q.TimeoutMillis < 0 || q.MaxRows < 0 {
		return graph.QueryResult{}, fmt.Errorf("%w: timeout_ms and max_rows must not be negative", graph.ErrInvalid)
	}
	maxRows := s.cfg.MaxRows
	if q.MaxRows > 0 {
		maxRows = min(q.MaxRows, maxRows)
	}
	params := normalizeParams(q.Params)
	// The client's deadline backs up the server's: the driver cannot
	// stop waiting for a server that hangs otherwise.
	ctx, cancel := context.WithTimeout(ctx, timeout+2*time.Second)
	defer cancel()

	res, err := readTx(ctx, s, func(tx driver.ManagedTransaction) (graph.QueryResult, error) {
		if err := explain(ctx, tx, q.Cypher, params); err != nil {
			return graph.QueryResult{}, err
		}
		return runQuery(ctx, tx, q.Cypher, params, maxRows)
	}, driver.WithTxTimeout(timeout), driver.WithTxMetadata(map[string]any{"app": "backchannel-console"}))
	if err != nil {
		return graph.QueryResult{}, fmt.Errorf("cypher: %w", err)
	}
	return res, nil
}

// allowedProcedures are the procedures the console may call: read-only
// introspection and the full-text search.
var allowedProcedures = []string{
	"db.labels", "db.relationshipTypes", "db.propertyKeys",
	"db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
	"db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
	"db.index.fulltext.listAvailableAnalyzers", "db.ping", "db.info",
	"dbms.components",
}

var (
	reLoadCSV    = regexp.MustCompile(`(?i)\bLOAD\s+CSV\b`)
	reCall       = regexp.MustCompile(`(?i)\bCALL\s+([A-Za-z_][A-Za-z0-9_.\s]*?)\s*(\(|YIELD\b|$|;|\s)`)
	reAdmin      = regexp.MustCompile(`(?i)^\s*(SHOW|TERMINATE|GRANT|DENY|REVOKE|ALTER|DROP|START|STOP|ENABLE|DEALLOCATE|REALLOCATE|RENAME|DRYRUN)\b`)
	reAdminAny   = regexp.MustCompile(`(?i)\b(CREATE|DROP|ALTER)\s+(OR\s+REPLACE\s+)?(USER|ROLE|DATABASE|COMPOSITE|ALIAS|SERVER|INDEX|CONSTRAINT|LOOKUP|RANGE|TEXT|POINT|FULLTEXT|VECTOR)\b`)
	reUse        = regexp.MustCompile(`(?i)(^|[{;]|\bCALL\s*\{)\s*USE\b`)
	reExplain    = regexp.MustCompile(`(?i)^\s*(EXPLAIN|PROFILE)\b`)
	reComponents = regexp.MustCompile(`(?i)\bCALL\s+dbms\s*\.\s*components\b`)
	reInTx       = regexp.MustCompile(`(?i)\bIN\s+(\d+\s+)?(CONCURRENT\s+)?TRANSACTIONS\b`)
)

// checkCypher is the text check (guard 1 of Query).
func checkCypher(cypher string) error {
	if strings.TrimSpace(cypher) == "" {
		return fmt.Errorf("%w: empty query: send {\"query\": \"MATCH (n:Person) RETURN n LIMIT 10\"}", graph.ErrInvalid)
	}
	c := stripCypher(cypher)
	switch {
	case reLoadCSV.MatchString(c):
		return fmt.Errorf("%w: LOAD CSV is not allowed in the console: it reads files and URLs on the database server", graph.ErrReadOnly)
	case reExplain.MatchString(c):
		return fmt.Errorf("%w: EXPLAIN and PROFILE are not supported in the console: send the query itself", graph.ErrInvalid)
	case reAdmin.MatchString(c), reAdminAny.MatchString(c):
		return fmt.Errorf("%w: administration and schema commands are not allowed in the console; it runs read-only queries (MATCH ... RETURN)", graph.ErrReadOnly)
	case reUse.MatchString(c):
		return fmt.Errorf("%w: USE is not allowed in the console: queries run on the dataset's database", graph.ErrReadOnly)
	case reInTx.MatchString(c):
		return fmt.Errorf("%w: CALL { ... } IN TRANSACTIONS is not allowed in the console", graph.ErrReadOnly)
	}
	for _, m := range reCall.FindAllStringSubmatch(c, -1) {
		name := strings.Join(strings.Fields(m[1]), "")
		if !slices.ContainsFunc(allowedProcedures, func(p string) bool { return strings.EqualFold(p, name) }) {
			return fmt.Errorf("%w: procedure %s is not allowed in the console; allowed: %s", graph.ErrReadOnly, name, strings.Join(allowedProcedures, ", "))
		}
	}
	return nil
}

// stripCypher removes comments, blanks string literals (so that words in
// them do not trip the checks) and unquotes backtick identifiers (so that
// `dbms`.`listConfig` cannot hide a procedure name).
func stripCypher(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '/' && i+1 < len(rs) && rs[i+1] == '/':
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
			b.WriteRune(' ')
		case r == '/' && i+1 < len(rs) && rs[i+1] == '*':
			i += 2
			for i+1 < len(rs) && !(rs[i] == '*' && rs[i+1] == '/') {
				i++
			}
			i++
			b.WriteRune(' ')
		case r == '\'' || r == '"':
			q := r
			i++
			for i < len(rs) && rs[i] != q {
				if rs[i] == '\\' {
					i++
				}
				i++
			}
			b.WriteString("''")
		case r == '`':
			i++
			for i < len(rs) && rs[i] != '`' {
				b.WriteRune(rs[i])
				i++
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// explain asks the planner what kind of query cypher is (guard 2).
func explain(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, "EXPLAIN "+cypher, params)
	if err != nil {
		return err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return err
	}
	switch sum.StatementType() {
	case driver.StatementTypeReadOnly:
		return nil
	case driver.StatementTypeReadWrite, driver.StatementTypeWriteOnly:
		return fmt.Errorf("%w: the query writes to the graph; the console runs read-only queries", graph.ErrReadOnly)
	case driver.StatementTypeSchemaWrite:
		// Neo4j reports DBMS-mode procedures as schema statements;
		// dbms.components is the one the allowlist lets through, and the
		// read-mode session still refuses any real schema change.
		if reComponents.MatchString(stripCypher(cypher)) && !reAdminAny.MatchString(stripCypher(cypher)) {
			return nil
		}
		return fmt.Errorf("%w: the query changes the schema; the console runs read-only queries", graph.ErrReadOnly)
	}
	return fmt.Errorf("%w: the query's type is unknown; the console runs read-only queries", graph.ErrReadOnly)
}

// runQuery runs cypher and converts up to maxRows records.
func runQuery(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any, maxRows int) (graph.QueryResult, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return graph.QueryResult{}, err
	}
	keys, err := res.Keys()
	if err != nil {
		return graph.QueryResult{}, err
	}
	out := graph.QueryResult{Columns: keys, Rows: [][]any{}}
	var raw [][]any
	for res.Next(ctx) {
		if len(raw) == maxRows {
			out.Truncated = true
			break
		}
		raw = append(raw, res.Record().Values)
	}
	if err := res.Err(); err != nil {
		return graph.QueryResult{}, err
	}
	if _, err := res.Consume(ctx); err != nil {
		return graph.QueryResult{}, err
	}
	cv := newConverter()
	for _, row := range raw {
		for _, v := range row {
			cv.collect(v)
		}
	}
	if err := cv.resolveEndpoints(ctx, tx); err != nil {
		return graph.QueryResult{}, err
	}
	for _, row := range raw {
		r := make([]any, len(row))
		for i, v := range row {
			r[i] = cv.value(v)
		}
		out.Rows = append(out.Rows, r)
	}
	out.Graph = cv.subgraph()
	return out, nil
}

// normalizeParams turns JSON numbers that are whole into integers
// (LIMIT $n needs an integer, and JSON decoding gives float64).
func normalizeParams(p map[string]any) map[string]any {
	if p == nil {
		return nil
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = normalizeParam(v)
	}
	return out
}

func normalizeParam(v any) any {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x)
		}
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		if f, err := x.Float64(); err == nil {
			return f
		}
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeParam(e)
		}
		return out
	case map[string]any:
		return normalizeParams(x)
	}
	return v
}
