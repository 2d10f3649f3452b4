package neo4j_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/mem"
	"github.com/backchannel/backchannel/graph/neo4j"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
	"github.com/backchannel/backchannel/graph/storetest"
)

// checkExactly asserts that the database holds ds and nothing else: its
// nodes, its relationships and one active (:Dataset), no node or
// relationship of another version (orphans), no lock left behind, and an
// export equal to the embedded store's.
func checkExactly(t *testing.T, st *neo4j.Store, ds *graph.Dataset) {
	t.Helper()
	rows := neo4jtest.Run(t, config(t), `MATCH (n)
RETURN sum(CASE WHEN n:Entity THEN 1 ELSE 0 END) AS entities,
       sum(CASE WHEN n:Dataset THEN 1 ELSE 0 END) AS datasets,
       sum(CASE WHEN NOT n:Entity AND NOT n:Dataset THEN 1 ELSE 0 END) AS others,
       sum(CASE WHEN n:Entity AND NOT EXISTS { MATCH (d:Dataset {active: true}) WHERE d.version = n.v } THEN 1 ELSE 0 END) AS orphans`)
	rels := neo4jtest.Run(t, config(t), "MATCH ()-[r]->() RETURN count(r)")
	got := fmt.Sprint(rows[0], rels[0])
	want := fmt.Sprint([]any{int64(len(ds.Nodes)), int64(1), int64(0), int64(0)}, []any{int64(len(ds.Edges))})
	if got != want {
		t.Errorf("database holds [entities datasets others orphans] [relationships] = %s, want %s", got, want)
	}
	embedded := mem.New()
	if err := embedded.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	if a, b := exportAll(t, st), exportAll(t, embedded); !bytes.Equal(a, b) {
		t.Errorf("the database's export differs from the dataset's")
	}
}

// TestLoadConcurrent starts two loads of different datasets at once: one
// loads, the other is refused with ErrConflict naming the holder and
// writes nothing; the next load makes the database exactly its dataset.
func TestLoadConcurrent(t *testing.T) {
	st := mustLoad(t, storetest.Fixture())
	big := bigDataset(3000, 12000)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, ds := range []*graph.Dataset{big, bigDataset(2500, 9000)} {
		cfg := config(t)
		cfg.BatchSize = 500
		loader, err := neo4j.New(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer loader.Close(context.Background())
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = loader.Load(context.Background(), ds)
		}()
	}
	wg.Wait()
	var refused, loaded int
	for _, err := range errs {
		switch {
		case err == nil:
			loaded++
		case errors.Is(err, graph.ErrConflict) && strings.Contains(err.Error(), "another load holds this database (backchannel load, pid"):
			refused++
			t.Logf("refused: %v", err)
		default:
			t.Errorf("load: %v; want success or ErrConflict naming the holder", err)
		}
	}
	if loaded != 1 || refused != 1 {
		t.Errorf("two loads at once: %d loaded, %d refused; want 1 and 1", loaded, refused)
	}
	// Whichever won is active and whole; the next load makes the database
	// exactly the fixture.
	fixture := storetest.Fixture()
	if err := st.Load(context.Background(), fixture); err != nil {
		t.Fatal(err)
	}
	checkExactly(t, st, fixture)
}

// TestLoadAfterOrphans: nodes of a version that has no (:Dataset) left (a
// load whose bookkeeping another load deleted, before the lock existed)
// are deleted by the next load.
func TestLoadAfterOrphans(t *testing.T) {
	st := mustLoad(t, storetest.Fixture())
	neo4jtest.Run(t, config(t), "UNWIND range(1, 2000) AS i CREATE (:Entity:Person {id: 'person:orphan-' + i, v: 'lost-version', name: 'Orphan'})")
	neo4jtest.Run(t, config(t), "MATCH (a:Entity {v: 'lost-version', id: 'person:orphan-1'}), (b:Entity {v: 'lost-version', id: 'person:orphan-2'}) CREATE (a)-[:CONTACTED {v: 'lost-version'}]->(b)")
	ds := bigDataset(10, 10)
	if err := st.Load(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	checkExactly(t, st, ds)
}
