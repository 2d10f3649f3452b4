package neo4j_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
	"github.com/backchannel/backchannel/graph/storetest"
)

// exportAll is the store's whole graph in the native JSON shape, as
// `backchannel export` writes it.
func exportAll(t testing.TB, st graph.Store) []byte {
	t.Helper()
	ctx := context.Background()
	sub := graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}}
	if err := st.EachNode(ctx, func(n graph.Node) error { sub.Nodes = append(sub.Nodes, n); return nil }); err != nil {
		t.Fatalf("export nodes: %v", err)
	}
	if err := st.EachEdge(ctx, func(e graph.Edge) error { sub.Edges = append(sub.Edges, e); return nil }); err != nil {
		t.Fatalf("export edges: %v", err)
	}
	b, err := json.MarshalIndent(sub, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// countAll counts every node and relationship in the database, whatever
// version it belongs to.
func countAll(t testing.TB, st *neo4j.Store) string {
	t.Helper()
	res, err := st.Query(context.Background(), graph.Query{Cypher: "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels"})
	if err != nil {
		t.Fatalf("count: %v", err)
	}
	return fmt.Sprint(res.Rows)
}

func TestLoadIdempotent(t *testing.T) {
	ds := storetest.Fixture()
	st := mustLoad(t, ds)
	v1, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	first, n1 := exportAll(t, st), countAll(t, st)
	var skipped bool
	cfg := config(t)
	cfg.Progress = func(p neo4j.LoadProgress) { skipped = skipped || p.Skipped }
	st2, err := neo4j.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close(context.Background())
	if err := st2.Load(context.Background(), storetest.Fixture()); err != nil {
		t.Fatalf("second load: %v", err)
	}
	if !skipped {
		t.Errorf("second load of the same dataset: want it skipped (already active)")
	}
	v2, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if second, n2 := exportAll(t, st), countAll(t, st); !bytes.Equal(first, second) || n1 != n2 || v1 != v2 {
		t.Errorf("loading twice changed the graph: version %s -> %s, counts %s -> %s, exports equal: %t", v1, v2, n1, n2, bytes.Equal(first, second))
	}

	// A different dataset, then the first again: same export as at first.
	other := bigDataset(50, 100)
	if err := st.Load(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	if v, _ := st.Version(context.Background()); v == v1 {
		t.Errorf("Version did not change when the data did")
	}
	if err := st.Load(context.Background(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	if third, n3 := exportAll(t, st), countAll(t, st); !bytes.Equal(first, third) || n1 != n3 {
		t.Errorf("reloading the fixture after another dataset: counts %s -> %s, exports equal: %t", n1, n3, bytes.Equal(first, third))
	}
}

func TestLoadRefusesBrokenDataset(t *testing.T) {
	st := mustLoad(t, storetest.Fixture())
	before := exportAll(t, st)
	bad := storetest.Fixture()
	bad.Edges[0].Target = "person:nobody"
	err := st.Load(context.Background(), bad)
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("load with an unknown endpoint: got %v, want ErrInvalid", err)
	}
	if after := exportAll(t, st); !bytes.Equal(before, after) {
		t.Errorf("a refused load changed the graph")
	}
}

// bigDataset is a synthetic graph large enough that a load takes a few
// seconds: n people in a ring with chords, m relationships.
func bigDataset(n, m int) *graph.Dataset {
	ds := &graph.Dataset{}
	ds.Nodes = append(ds.Nodes, graph.Node{ID: "doc:synthetic", Type: graph.Document, Name: "Synthetic source"})
	for i := range n {
		ds.Nodes = append(ds.Nodes, graph.Node{ID: fmt.Sprintf("person:p%06d", i), Type: graph.Person, Name: fmt.Sprintf("Person %d", i), Aliases: []string{fmt.Sprintf("P%d", i)}})
	}
	for j := range m {
		a, b := j%n, (j*7+1)%n
		if a == b {
			b = (b + 1) % n
		}
		ds.Edges = append(ds.Edges, graph.Edge{
			ID: fmt.Sprintf("e%07d", j), Source: fmt.Sprintf("person:p%06d", a), Target: fmt.Sprintf("person:p%06d", b),
			Type: "CONTACTED", Status: graph.Reported, Date: "2021-02",
			Evidence: []graph.Evidence{{Document: "doc:synthetic", Quote: "they spoke", AttributedTo: "the synthetic source", Stance: graph.Supports}},
		})
	}
	return ds
}

// TestLoadCancelledMidway cancels a load halfway through its
// relationships: the previous graph must be intact, and the next load must
// clean up what the dead one left.
func TestLoadCancelledMidway(t *testing.T) {
	fixture := storetest.Fixture()
	st := mustLoad(t, fixture)
	before, version := exportAll(t, st), mustVersion(t, st)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := config(t)
	cfg.BatchSize = 500
	cfg.Progress = func(p neo4j.LoadProgress) {
		if p.Phase == "relationships" && p.Edges > 0 {
			cancel()
		}
	}
	loader, err := neo4j.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer loader.Close(context.Background())
	err = loader.Load(ctx, bigDataset(5000, 30000))
	if err == nil {
		t.Fatal("load finished before it could be cancelled; make the dataset bigger")
	}
	t.Logf("cancelled load: %v", err)
	checkIntact(t, st, before, version)

	// The next load removes the partial version.
	if err := st.Load(context.Background(), bigDataset(10, 10)); err != nil {
		t.Fatal(err)
	}
	if err := st.Load(context.Background(), fixture); err != nil {
		t.Fatal(err)
	}
	if got := exportAll(t, st); !bytes.Equal(got, before) {
		t.Errorf("after reloading the fixture the export differs")
	}
	if got, want := countAll(t, st), fmt.Sprint([][]any{{int64(len(fixture.Nodes) + 1), int64(len(fixture.Edges))}}); got != want {
		t.Errorf("database holds %s (nodes, relationships), want %s (the fixture and its Dataset node): leftovers of the cancelled load", got, want)
	}
}

// TestLoadKilledMidway kills a process that is loading (SIGKILL, no
// chance to clean up) and checks that the previous graph is intact.
func TestLoadKilledMidway(t *testing.T) {
	if os.Getenv("BACKCHANNEL_LOAD_CHILD") == "1" {
		return // the child runs TestLoadChild
	}
	st := mustLoad(t, storetest.Fixture())
	before, version := exportAll(t, st), mustVersion(t, st)

	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadChild$", "-test.v")
	cmd.Env = append(append(os.Environ(), neo4jtest.Env()...), "BACKCHANNEL_LOAD_CHILD=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	sc := bufio.NewScanner(out)
	deadline := time.AfterFunc(2*time.Minute, func() { _ = cmd.Process.Kill() })
	defer deadline.Stop()
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "progress relationships") && !strings.HasPrefix(line, "progress relationships 0 ") {
			t.Logf("killing the loader at %q", line)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
			break
		}
	}
	if err := cmd.Wait(); err == nil || !killed {
		t.Fatalf("the child load was not killed midway (killed %t, exit %v)", killed, err)
	}
	checkIntact(t, st, before, version)
	// The dead load's lock went with its connection: the next load starts
	// at once and leaves exactly its dataset.
	ds := bigDataset(20, 30)
	if err := st.Load(context.Background(), ds); err != nil {
		t.Fatalf("the load after the killed one: %v", err)
	}
	checkExactly(t, st, ds)
}

// TestLoadChild is the process TestLoadKilledMidway kills.
func TestLoadChild(t *testing.T) {
	if os.Getenv("BACKCHANNEL_LOAD_CHILD") != "1" {
		t.Skip("run by TestLoadKilledMidway")
	}
	cfg := config(t)
	cfg.BatchSize = 500
	cfg.Progress = func(p neo4j.LoadProgress) {
		fmt.Printf("progress %s %d %d\n", p.Phase, p.Edges, p.Nodes)
	}
	st, err := neo4j.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Load(context.Background(), bigDataset(5000, 30000)); err != nil {
		t.Fatal(err)
	}
	t.Fatal("the load should have been killed")
}

func mustVersion(t testing.TB, st graph.Store) string {
	t.Helper()
	v, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func checkIntact(t *testing.T, st *neo4j.Store, before []byte, version string) {
	t.Helper()
	if v := mustVersion(t, st); v != version {
		t.Errorf("version after the dead load: got %s, want %s", v, version)
	}
	if after := exportAll(t, st); !bytes.Equal(before, after) {
		t.Errorf("the graph changed after a load died midway:\n got %.300s\nwant %.300s", after, before)
	}
	hits, err := st.Search(context.Background(), "person 1", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) > 0 {
		t.Errorf("search sees nodes of the dead load: %v", hits)
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := storetest.Fixture(); stats.Nodes != len(want.Nodes) || stats.Edges != len(want.Edges) {
		t.Errorf("stats after the dead load: %d nodes %d edges, want %d %d", stats.Nodes, stats.Edges, len(want.Nodes), len(want.Edges))
	}
}

// TestLoadRetriedBatchWritesNothing writes every relationship batch of a
// version twice, as the driver does when a commit succeeded but its
// acknowledgement was lost: each relationship must exist once.
func TestLoadRetriedBatchWritesNothing(t *testing.T) {
	cfg := config(t)
	cfg.BatchSize = 7
	st := mustOpen(t, cfg)
	ds := bigDataset(20, 60)
	if err := st.WriteUnswitchedForTest(context.Background(), "retried", ds); err != nil {
		t.Fatal(err)
	}
	res, err := st.Query(context.Background(), graph.Query{
		Cypher: "MATCH ()-[r]->() WHERE r.v = $v RETURN count(r) AS rels, count(DISTINCT r.id) AS ids",
		Params: map[string]any{"v": "retried"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(res.Rows), fmt.Sprint([][]any{{int64(len(ds.Edges)), int64(len(ds.Edges))}}); got != want {
		t.Errorf("after writing every relationship batch twice: (relationships, distinct ids) = %s, want %s", got, want)
	}
}
