package neo4j_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// config reads the server from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and
// NEO4J_DATABASE. Without NEO4J_URI the test skips, except in CI
// (CI=true), where it fails: CI always runs against a real Neo4j.
func config(t testing.TB) neo4j.Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		msg := "NEO4J_URI is not set: start Neo4j with `make neo4j-up` (or bash scripts/neo4j-up.sh) and export the NEO4J_URI it prints"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " (CI=true: Neo4j tests never skip in CI)")
		}
		t.Skip(msg)
	}
	return neo4j.Config{
		URI:      uri,
		User:     os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// mustOpen wipes the database once per call and returns a store on it,
// closed when the test ends. Tests in this package share one database,
// so they do not run in parallel.
func mustOpen(t testing.TB, cfg neo4j.Config) *neo4j.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	wipe(t, ctx, cfg)
	st, err := neo4j.New(ctx, cfg)
	if err != nil {
		t.Fatalf("neo4j.New(%s): %v", cfg.URI, err)
	}
	t.Cleanup(func() {
		if err := st.Close(context.Background()); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return st
}

// mustLoad opens a wiped store and loads ds.
func mustLoad(t testing.TB, ds *graph.Dataset) *neo4j.Store {
	t.Helper()
	st := mustOpen(t, config(t))
	if err := st.Load(context.Background(), ds); err != nil {
		t.Fatalf("load: %v", err)
	}
	return st
}

// wipe deletes every node and relationship (the schema stays).
func wipe(t testing.TB, ctx context.Context, cfg neo4j.Config) {
	t.Helper()
	auth := driver.NoAuth()
	if cfg.User != "" || cfg.Password != "" {
		auth = driver.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		t.Fatalf("wipe: %v", err)
	}
	defer func() {
		if err := drv.Close(ctx); err != nil {
			t.Errorf("wipe: close driver: %v", err)
		}
	}()
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: cfg.Database})
	defer func() {
		if err := sess.Close(ctx); err != nil {
			t.Errorf("wipe: close session: %v", err)
		}
	}()
	res, err := sess.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		t.Fatalf("wipe %s: %v", cfg.URI, err)
	}
}
