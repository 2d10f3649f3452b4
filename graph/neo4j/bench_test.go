package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/export"
	"github.com/backchannel/backchannel/graph/neo4j"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestLoadThroughput measures a load of the dataset in
// $BACKCHANNEL_LOAD_BENCH (e.g. from `backchannel gen`) into an empty
// database; it is a measurement, not a check, and skips without the
// variable. See docs/benchmarks.md, "Loading into Neo4j":
//
//	BACKCHANNEL_LOAD_BENCH=/tmp/gen1m NEO4J_URI=bolt://127.0.0.1:7687 \
//	  go test ./graph/neo4j -run LoadThroughput -v -timeout 3h
func TestLoadThroughput(t *testing.T) {
	dir := os.Getenv("BACKCHANNEL_LOAD_BENCH")
	if dir == "" {
		t.Skip("set BACKCHANNEL_LOAD_BENCH=DIR to measure a load")
	}
	cfg := neo4jtest.Config(t)
	t0 := time.Now()
	res, err := dataset.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	// The throughput does not depend on whether quotes are found in their
	// documents; report problems but measure anyway.
	t.Logf("read %s: %d nodes, %d relationships, %d validation problems (%s)", dir, len(res.Dataset.Nodes), len(res.Dataset.Edges), len(res.Problems), time.Since(t0).Round(time.Millisecond))
	if len(res.Problems) > 0 {
		t.Logf("first problem: %s", res.Problems[0])
	}
	st := neo4jtest.Open(t, cfg)
	var last neo4j.LoadProgress
	cfg.Progress = func(p neo4j.LoadProgress) {
		last = p
		t.Logf("%-13s nodes %8d/%d (%6.0f/s)  relationships %8d/%d (%6.0f/s)  %s", p.Phase, p.Nodes, p.TotalNodes, p.NodesPerSecond(), p.Edges, p.TotalEdges, p.EdgesPerSecond(), p.Elapsed.Round(time.Second))
	}
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	loader, err := neo4j.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer loader.Close(context.Background())
	if err := loader.Load(context.Background(), res.Dataset); err != nil {
		t.Fatal(err)
	}
	t.Logf("RESULT nodes %d in %s = %.0f nodes/s; relationships %d in %s = %.0f relationships/s; total %s (schema, switch and cleanup included)",
		last.Nodes, last.NodeTime.Round(time.Millisecond), last.NodesPerSecond(),
		last.Edges, last.EdgeTime.Round(time.Millisecond), last.EdgesPerSecond(), last.Elapsed.Round(time.Second))
}

// TestWriteImportCSV writes the dataset in $BACKCHANNEL_LOAD_BENCH as
// the CSV files of Neo4j's offline importer into $BACKCHANNEL_IMPORT_CSV,
// for the side-by-side measurement with neo4j-admin database import (see
// docs/benchmarks.md). Skips without the variables.
func TestWriteImportCSV(t *testing.T) {
	dir, out := os.Getenv("BACKCHANNEL_LOAD_BENCH"), os.Getenv("BACKCHANNEL_IMPORT_CSV")
	if dir == "" || out == "" {
		t.Skip("set BACKCHANNEL_LOAD_BENCH=DIR and BACKCHANNEL_IMPORT_CSV=OUTDIR")
	}
	res, err := dataset.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := export.WriteNeo4jCSVDir(context.Background(), out, export.FromDataset(res.Dataset)); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: import with: %s", out, export.Neo4jImportCommand)
}

// TestLoadBaseline measures the naive way to load, one MERGE per
// transaction, on the first $BACKCHANNEL_BASELINE_ROWS (default 5,000)
// nodes and relationships of $BACKCHANNEL_LOAD_BENCH, into an empty
// database. Skips without the variable.
func TestLoadBaseline(t *testing.T) {
	dir := os.Getenv("BACKCHANNEL_LOAD_BENCH")
	if dir == "" {
		t.Skip("set BACKCHANNEL_LOAD_BENCH=DIR to measure the baseline")
	}
	rows := 5000
	if s := os.Getenv("BACKCHANNEL_BASELINE_ROWS"); s != "" {
		if _, err := fmt.Sscan(s, &rows); err != nil {
			t.Fatal(err)
		}
	}
	cfg := neo4jtest.Config(t)
	res, err := dataset.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ds := res.Dataset
	neo4jtest.Wipe(t, cfg)
	ctx := context.Background()
	drv, err := driver.NewDriverWithContext(cfg.URI, driver.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: cfg.Database})
	defer sess.Close(ctx)
	write := func(cypher string, params map[string]any) {
		if _, err := driver.ExecuteWrite(ctx, sess, func(tx driver.ManagedTransaction) (struct{}, error) {
			r, err := tx.Run(ctx, cypher, params)
			if err != nil {
				return struct{}{}, err
			}
			_, err = r.Consume(ctx)
			return struct{}{}, err
		}); err != nil {
			t.Fatal(err)
		}
	}
	write("CREATE CONSTRAINT baseline_id IF NOT EXISTS FOR (n:Baseline) REQUIRE n.id IS UNIQUE", nil)
	// The relationships' endpoints first, then as many other nodes as
	// needed to reach the row count.
	n := min(rows, len(ds.Edges))
	need := map[string]bool{}
	for _, e := range ds.Edges[:n] {
		need[e.Source], need[e.Target] = true, true
	}
	var nodes []graph.Node
	for _, nd := range ds.Nodes {
		if need[nd.ID] {
			nodes = append(nodes, nd)
		}
	}
	for _, nd := range ds.Nodes {
		if len(nodes) >= max(rows, len(need)) {
			break
		}
		if !need[nd.ID] {
			nodes = append(nodes, nd)
		}
	}
	t0 := time.Now()
	for _, nd := range nodes {
		write("MERGE (n:Baseline {id: $id}) SET n += $props", map[string]any{"id": nd.ID, "props": map[string]any{"name": nd.Name, "type": string(nd.Type), "aliases": nd.Aliases}})
	}
	nodeTime := time.Since(t0)
	t0 = time.Now()
	for _, e := range ds.Edges[:n] {
		write("MATCH (a:Baseline {id: $s}) MATCH (b:Baseline {id: $t}) MERGE (a)-[r:REL {id: $id}]->(b) SET r.status = $status, r.evidence_quotes = $quotes",
			map[string]any{"s": e.Source, "t": e.Target, "id": e.ID, "status": string(e.Status), "quotes": []string{e.Evidence[0].Quote}})
	}
	edgeTime := time.Since(t0)
	t.Logf("RESULT baseline, one MERGE per transaction: %d nodes in %s = %.0f nodes/s; %d relationships in %s = %.0f relationships/s",
		len(nodes), nodeTime.Round(time.Millisecond), float64(len(nodes))/nodeTime.Seconds(), n, edgeTime.Round(time.Millisecond), float64(n)/edgeTime.Seconds())
	neo4jtest.Wipe(t, cfg)
	write("DROP CONSTRAINT baseline_id IF EXISTS", nil)
}

// TestSchemaBuildThroughput measures what the offline importer leaves to
// do: building the store's schema on a database it imported (files from
// `backchannel load --import-csv`, see docs/benchmarks.md). It creates the
// node constraints and indexes, waits until they are online, then does
// the same for the relationship indexes, and reports both times. Skips
// without BACKCHANNEL_SCHEMA_BENCH=1; NEO4J_URI names the server, which
// it does not wipe.
func TestSchemaBuildThroughput(t *testing.T) {
	if os.Getenv("BACKCHANNEL_SCHEMA_BENCH") != "1" {
		t.Skip("set BACKCHANNEL_SCHEMA_BENCH=1 and NEO4J_URI (a server on an imported database) to measure building the schema")
	}
	cfg := neo4jtest.Config(t)
	var nodeSchema, relSchema []string
	for _, st := range neo4j.SchemaStatementsForTest() {
		if strings.Contains(st, "()-[") {
			relSchema = append(relSchema, st)
		} else {
			nodeSchema = append(nodeSchema, st)
		}
	}
	build := func(what string, stmts []string) time.Duration {
		t0 := time.Now()
		for _, st := range stmts {
			neo4jtest.Run(t, cfg, st)
		}
		neo4jtest.Run(t, cfg, "CALL db.awaitIndexes(7200)")
		d := time.Since(t0)
		t.Logf("RESULT %s: %d statements, online in %s", what, len(stmts), d.Round(time.Millisecond))
		return d
	}
	counts := neo4jtest.Run(t, cfg, "MATCH (n:Entity) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels")
	t.Logf("database holds %v entity nodes and relationships", counts)
	build("node constraints and indexes", nodeSchema)
	build("relationship indexes", relSchema)
	for _, row := range neo4jtest.Run(t, cfg, "SHOW INDEXES YIELD name, state, populationPercent RETURN name, state, populationPercent ORDER BY name") {
		t.Logf("index %v", row)
	}
}
