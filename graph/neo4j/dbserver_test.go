package neo4j_test

import (
	"context"
	"os"
	"testing"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j"
	"github.com/backchannel/backchannel/graph/neo4j/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

func config(t testing.TB) neo4j.Config { t.Helper(); return neo4jtest.Config(t) }

func mustOpen(t testing.TB, cfg neo4j.Config) *neo4j.Store { t.Helper(); return neo4jtest.Open(t, cfg) }

// mustLoad opens a wiped store and loads ds.
func mustLoad(t testing.TB, ds *graph.Dataset) *neo4j.Store {
	t.Helper()
	st := mustOpen(t, config(t))
	if err := st.Load(context.Background(), ds); err != nil {
		t.Fatalf("load: %v", err)
	}
	return st
}
