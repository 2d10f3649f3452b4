// Package neo4jtest finds the Neo4j server that tests run against, like
// the driver's dbserver package: NEO4J_URI (with NEO4J_USER,
// NEO4J_PASSWORD and NEO4J_DATABASE). Without NEO4J_URI a test skips with
// the reason, except in CI (CI=true), where it fails: CI always runs
// against a real Neo4j.
//
// Test packages that use Neo4j share one database (the community edition
// has one), and go test runs packages in parallel, so each such package
// holds a lock for its whole run (Main).
package neo4jtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/backchannel/backchannel/graph/neo4j"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// env is the server the tests use, read from the environment by Main.
var env = map[string]string{}

// envKeys are the variables that name the server.
var envKeys = []string{"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"}

// Main runs a test package's tests holding the cross-process Neo4j lock
// (when NEO4J_URI is set). Call it from TestMain: os.Exit(neo4jtest.Main(m)).
//
// It moves NEO4J_URI and friends out of the process environment into
// Config, so that code under test (the CLI's flags default from them)
// uses Neo4j only where a test asks for it.
func Main(m *testing.M) int {
	for _, k := range envKeys {
		env[k] = os.Getenv(k)
		os.Unsetenv(k)
	}
	if env["NEO4J_URI"] == "" || os.Getenv("BACKCHANNEL_NEO4J_LOCK_HELD") == "1" {
		return m.Run()
	}
	path := filepath.Join(os.TempDir(), "backchannel-neo4j-tests.lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		fmt.Fprintf(os.Stderr, "neo4jtest: lock %s: %v\n", path, err)
		return 1
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		fmt.Fprintf(os.Stderr, "neo4jtest: lock %s: %v\n", path, err)
		return 1
	}
	// Child processes a test starts run under this lock.
	os.Setenv("BACKCHANNEL_NEO4J_LOCK_HELD", "1")
	return m.Run() // the lock goes with the process
}

// Config returns the server's configuration, or skips (fails in CI).
func Config(t testing.TB) neo4j.Config {
	t.Helper()
	if len(env) == 0 {
		for _, k := range envKeys { // Main was not called
			env[k] = os.Getenv(k)
		}
	}
	uri := env["NEO4J_URI"]
	if uri == "" {
		msg := "NEO4J_URI is not set: start Neo4j with `make neo4j-up` (bash scripts/neo4j-up.sh) and export the NEO4J_URI=... line it prints"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " (CI=true: Neo4j tests never skip in CI)")
		}
		t.Skip(msg)
	}
	return neo4j.Config{
		URI:      uri,
		User:     env["NEO4J_USER"],
		Password: env["NEO4J_PASSWORD"],
		Database: env["NEO4J_DATABASE"],
	}
}

// Open wipes the database and returns a store on it, closed when the test
// ends.
func Open(t testing.TB, cfg neo4j.Config) *neo4j.Store {
	t.Helper()
	ctx := context.Background()
	Wipe(t, cfg)
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

// Env returns the environment a child process needs to reach the test
// server (Main removed it from this process's environment).
func Env() []string {
	var out []string
	for _, k := range envKeys {
		if env[k] != "" {
			out = append(out, k+"="+env[k])
		}
	}
	return out
}

// Wipe deletes every node and relationship (the schema stays).
func Wipe(t testing.TB, cfg neo4j.Config) {
	t.Helper()
	Run(t, cfg, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
}

// Run runs one statement in an auto-commit transaction of its own,
// outside any store, and returns its rows' values: for tests that set the
// database up in a way the store would not (Wipe, an index of an earlier
// schema) or read what the store's read-only console refuses (SHOW).
func Run(t testing.TB, cfg neo4j.Config, cypher string) [][]any {
	t.Helper()
	ctx := context.Background()
	auth := driver.NoAuth()
	if cfg.User != "" || cfg.Password != "" {
		auth = driver.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	defer func() {
		if err := drv.Close(ctx); err != nil {
			t.Errorf("run: close driver: %v", err)
		}
	}()
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: cfg.Database})
	defer func() {
		if err := sess.Close(ctx); err != nil {
			t.Errorf("run: close session: %v", err)
		}
	}()
	res, err := sess.Run(ctx, cypher, nil)
	var rows [][]any
	if err == nil {
		for res.Next(ctx) {
			rows = append(rows, res.Record().Values)
		}
		err = res.Err()
	}
	if err != nil {
		t.Fatalf("%s: %q: %v", cfg.URI, cypher, err)
	}
	return rows
}

// Fingerprint describes everything in the database a hostile query could
// change: every node (labels and properties), every relationship (type,
// endpoints and properties), the label, relationship type and property
// key tokens, and the indexes and constraints with their state. Two equal
// fingerprints mean nothing was written.
func Fingerprint(t testing.TB, cfg neo4j.Config) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"MATCH (n) WITH n ORDER BY elementId(n) RETURN count(n), collect([labels(n), properties(n)])",
		"MATCH (a)-[r]->(b) WITH a, r, b ORDER BY elementId(r) RETURN count(r), collect([type(r), elementId(a), elementId(b), properties(r)])",
		"CALL db.labels() YIELD label RETURN collect(label)",
		"CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType)",
		"CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey)",
		"SHOW INDEXES YIELD name, state, type, labelsOrTypes, properties RETURN name, state, type, labelsOrTypes, properties ORDER BY name",
		"SHOW CONSTRAINTS YIELD name, type RETURN name, type ORDER BY name",
	} {
		fmt.Fprintf(&b, "%s\n%v\n", q, Run(t, cfg, q))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// TryRun runs one statement like Run and returns its error instead of
// failing the test, for tests that expect the server to refuse it.
func TryRun(cfg neo4j.Config, cypher string) (err error) {
	ctx := context.Background()
	auth := driver.NoAuth()
	if cfg.User != "" || cfg.Password != "" {
		auth = driver.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, drv.Close(ctx)) }()
	sess := drv.NewSession(ctx, driver.SessionConfig{DatabaseName: cfg.Database})
	defer func() { err = errors.Join(err, sess.Close(ctx)) }()
	res, err := sess.Run(ctx, cypher, nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}
