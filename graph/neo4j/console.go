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
// What may run is decided from what Neo4j would run, not from the text:
//  1. in a read-access-mode transaction with a timeout, the query is
//     planned first (EXPLAIN), and every operator of the plan must be on
//     the allow-list of read operators (readOperators), every procedure
//     it calls on the allow-list of procedures (allowedProcedures), and
//     the plan must be for the store's database. LOAD CSV, SHOW ...,
//     TERMINATE ..., administration and schema commands, writes,
//     CALL { ... } IN TRANSACTIONS and any operator the list does not
//     know are refused, whatever the spelling (Unicode spaces, \u
//     escapes, comments, CYPHER option prefixes, backticks), because the
//     planner has already read it the way the server would run it;
//  2. only then does the same transaction run the query, which the
//     database itself refuses to let write (read access mode).
//
// The Neo4j the project starts is hardened too (scripts/neo4j-local,
// docker-compose.yml, docs/neo4j.md): no file or URL access for
// LOAD CSV and a procedure allow-list, so that a query that got through
// could not read files either.
//
// Refusals are ErrReadOnly and name what was refused; syntax and
// semantic errors ErrInvalid (nothing runs); a timeout
// (cfg.QueryTimeout unless q.TimeoutMillis) ErrUnavailable. At most
// cfg.MaxRows rows (or q.MaxRows, up to cfg.MaxRows) are returned, and
// Truncated says that there were more.
//
// Values: nodes of the dataset become the native Node object in both the
// rows and the graph; relationships the native Edge (evidence included);
// paths {"nodes": [...], "edges": [...]}; other nodes and relationships
// (the (:Dataset) bookkeeping) {"element_id", "labels" or "type",
// "properties"}; temporal values ISO 8601 strings; points {"srid", "x",
// "y", "z"}.
func (s *Store) Query(ctx context.Context, q graph.Query) (graph.QueryResult, error) {
	if strings.TrimSpace(q.Cypher) == "" {
		return graph.QueryResult{}, fmt.Errorf("%w: empty query: send {\"query\": \"MATCH (n:Person) RETURN n LIMIT 10\"}", graph.ErrInvalid)
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
		if err := s.checkPlan(ctx, tx, q.Cypher, params); err != nil {
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

// readOperators are the plan operators (Neo4j 5 names, without the
// "@database" suffix and the "(All)"/"(Into)" variant) that only read
// the graph or compute over rows. Anything else in a plan is refused:
// an operator missing here costs a legitimate query a 403 (add it after
// checking what it does), never a file read or a write.
var readOperators = setOf(
	// leaves: scans and seeks
	"AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan", "SubtractionNodeByLabelsScan",
	"NodeByIdSeek", "NodeByElementIdSeek", "NodeIndexSeek", "NodeUniqueIndexSeek", "MultiNodeIndexSeek", "AssertingMultiNodeIndexSeek",
	"NodeIndexSeekByRange", "NodeUniqueIndexSeekByRange", "NodeIndexScan", "NodeIndexContainsScan", "NodeIndexEndsWithScan",
	"DirectedRelationshipByIdSeek", "UndirectedRelationshipByIdSeek", "DirectedRelationshipByElementIdSeek", "UndirectedRelationshipByElementIdSeek",
	"DirectedRelationshipIndexSeek", "UndirectedRelationshipIndexSeek", "DirectedRelationshipUniqueIndexSeek", "UndirectedRelationshipUniqueIndexSeek",
	"DirectedRelationshipIndexSeekByRange", "UndirectedRelationshipIndexSeekByRange", "DirectedRelationshipUniqueIndexSeekByRange", "UndirectedRelationshipUniqueIndexSeekByRange",
	"DirectedRelationshipIndexScan", "UndirectedRelationshipIndexScan", "DirectedRelationshipIndexContainsScan", "UndirectedRelationshipIndexContainsScan",
	"DirectedRelationshipIndexEndsWithScan", "UndirectedRelationshipIndexEndsWithScan",
	"DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
	"DirectedUnionRelationshipTypesScan", "UndirectedUnionRelationshipTypesScan",
	"NodeCountFromCountStore", "RelationshipCountFromCountStore", "Argument", "ArgumentTracker", "Input", "EmptyRow",
	// expansion and paths
	"Expand", "OptionalExpand", "VarLengthExpand", "PruningVarLengthExpand", "BFSPruningVarLengthExpand", "ShortestPath",
	"StatefulShortestPath", "Trail", "Repeat", "ProjectEndpoints", "TriadicSelection", "TriadicBuild", "TriadicFilter", "NullifyMetadata",
	// rows
	"ProduceResults", "Projection", "Filter", "Limit", "ExhaustiveLimit", "Skip", "Sort", "PartialSort", "Top", "PartialTop",
	"Distinct", "OrderedDistinct", "EagerAggregation", "OrderedAggregation", "Unwind", "CacheProperties", "Eager", "EmptyResult",
	"Optional", "Anti", "Union", "OrderedUnion", "CartesianProduct", "NodeHashJoin", "ValueHashJoin", "NodeLeftOuterHashJoin", "NodeRightOuterHashJoin",
	"Apply", "SemiApply", "AntiSemiApply", "LetSemiApply", "LetAntiSemiApply", "SelectOrSemiApply", "SelectOrAntiSemiApply",
	"LetSelectOrSemiApply", "LetSelectOrAntiSemiApply", "RollUpApply", "ConditionalApply", "AntiConditionalApply",
	"ProcedureCall", // checked against allowedProcedures
)

// refusalReasons explain the refused operators people meet most.
var refusalReasons = map[string]string{
	"LoadCSV":            "LOAD CSV reads files and URLs on the database server",
	"TransactionApply":   "CALL { ... } IN TRANSACTIONS commits on its own",
	"TransactionForeach": "CALL { ... } IN TRANSACTIONS commits on its own",
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// reProcedure is the procedure name at the start of a ProcedureCall's
// details, e.g. "dbms.listConfig() :: (name :: STRING, ...)".
var reProcedure = regexp.MustCompile(`^\s*([^\s(]+)\s*\(`)

// checkPlan plans cypher (EXPLAIN, which runs nothing) and refuses it
// unless every operator of the plan is a read operator, every procedure
// an allowed one, and the plan is for the store's database (guard 1 of
// Query).
func (s *Store) checkPlan(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, "EXPLAIN "+cypher, params)
	if err != nil {
		return err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return err
	}
	if db := sum.Database(); db != nil {
		if name := db.Name(); name == "system" || (s.cfg.Database != "" && name != s.cfg.Database) {
			return fmt.Errorf("%w: the query runs on database %q; the console runs on the dataset's database only (leave out USE)", graph.ErrReadOnly, name)
		}
	}
	switch sum.StatementType() {
	case driver.StatementTypeReadWrite, driver.StatementTypeWriteOnly:
		return fmt.Errorf("%w: the query writes to the graph; the console runs read-only queries", graph.ErrReadOnly)
	}
	plan := sum.Plan()
	if plan == nil {
		return fmt.Errorf("%w: Neo4j returned no plan for the query, so the console cannot check it", graph.ErrReadOnly)
	}
	return checkOperators(plan)
}

// checkOperators walks the plan tree; the first operator that is not
// allowed is the error.
func checkOperators(p driver.Plan) error {
	op := operatorName(p.Operator())
	switch {
	case op == "ProcedureCall":
		details, _ := p.Arguments()["Details"].(string)
		m := reProcedure.FindStringSubmatch(details)
		if m == nil {
			return fmt.Errorf("%w: a procedure call the console cannot name (%q); allowed: %s", graph.ErrReadOnly, short(details), strings.Join(allowedProcedures, ", "))
		}
		name := strings.ReplaceAll(m[1], "`", "")
		if !slices.Contains(allowedProcedures, name) {
			return fmt.Errorf("%w: procedure %s is not allowed in the console; allowed: %s", graph.ErrReadOnly, name, strings.Join(allowedProcedures, ", "))
		}
	case !readOperators[op]:
		why := refusalReasons[op]
		switch {
		case why != "":
		case strings.HasPrefix(op, "Show"), strings.HasPrefix(op, "Terminate"):
			why = "administration commands (SHOW ..., TERMINATE ...) are not part of the graph"
		default:
			why = "it is not one of the read operators the console allows (it may write, change the schema or administer the server)"
		}
		return fmt.Errorf("%w: the console refuses %s: %s; it runs read-only queries (MATCH ... RETURN)", graph.ErrReadOnly, op, why)
	}
	for _, c := range p.Children() {
		if err := checkOperators(c); err != nil {
			return err
		}
	}
	return nil
}

// operatorName strips the database ("Expand(All)@neo4j") and the variant
// ("Expand(All)") from an operator's name.
func operatorName(op string) string {
	if i := strings.LastIndexByte(op, '@'); i >= 0 {
		op = op[:i]
	}
	if i := strings.IndexByte(op, '('); i >= 0 {
		op = op[:i]
	}
	return strings.TrimSpace(op)
}

// short cuts s to a prefix fit for an error message.
func short(s string) string {
	const n = 80
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
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
