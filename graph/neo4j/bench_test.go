package neo4j_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/export"
	"github.com/backchannel/backchannel/graph/neo4j"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
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
