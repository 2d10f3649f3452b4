package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/dataset"
	"github.com/backchannel/backchannel/graph/mem"
)

// sourceFlags are the flags every command that reads the graph takes:
// --data DIR for the embedded store (the default, loaded from seeds/) or
// --neo4j URI for Neo4j.
type sourceFlags struct {
	fs    *flag.FlagSet // to tell flags given from defaults
	data  string
	neo4j neo4jFlags
	// saveSnapshot, set by open when the embedded store was read from
	// files, writes its snapshot for a faster next start (see cache.go);
	// serve runs it in the background.
	saveSnapshot func(context.Context) (string, error)
}

// neo4jFlags locate a Neo4j server; each defaults from the environment.
type neo4jFlags struct {
	URI, User, Password, Database string
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	s.fs = fs
	fs.StringVar(&s.data, "data", "seeds", "dataset `DIR` (or file) for the embedded store")
	s.neo4j.register(fs)
}

func (n *neo4jFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&n.URI, "neo4j", os.Getenv("NEO4J_URI"), "Neo4j bolt `URI`, e.g. bolt://127.0.0.1:7687 (env NEO4J_URI); empty: the embedded store")
	fs.StringVar(&n.User, "user", envOr("NEO4J_USER", "neo4j"), "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&n.Password, "password", os.Getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&n.Database, "database", os.Getenv("NEO4J_DATABASE"), "Neo4j database (env NEO4J_DATABASE; empty: the server's default)")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// openNeo4j is set by neo4j.go; it is a variable so that the embedded
// default has no dependency on how Neo4j is opened.
var openNeo4j func(ctx context.Context, n neo4jFlags) (graph.Store, error)

// open returns the store the flags name. The embedded store is loaded from
// --data, after validation: a dataset with problems is refused with the
// full list.
//
// An explicit --data wins over NEO4J_URI from the environment, so that a
// shell with Neo4j exported can still look at a dataset on disk; giving
// both --data and --neo4j is a usage error.
func (s *sourceFlags) open(ctx context.Context, m *Main) (graph.Store, error) {
	given := map[string]bool{}
	if s.fs != nil {
		s.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	}
	if given["data"] && given["neo4j"] {
		return nil, usageError("give --data DIR or --neo4j URI, not both")
	}
	if s.neo4j.URI != "" && !given["data"] {
		if openNeo4j == nil {
			return nil, fmt.Errorf("this build has no Neo4j support")
		}
		return openNeo4j(ctx, s.neo4j)
	}
	if st := openCached(ctx, m, []string{s.data}); st != nil {
		return st, nil
	}
	res, err := checkDataset(ctx, m, s.data)
	if err != nil {
		return nil, err
	}
	st := mem.New()
	if err := st.Load(ctx, res.Dataset); err != nil {
		return nil, fmt.Errorf("load %s: %w", s.data, err)
	}
	res.Dataset = nil // the store holds what it needs; let the rest go
	s.saveSnapshot = func(ctx context.Context) (string, error) { return writeCache(ctx, st, []string{s.data}, res) }
	return st, nil
}

// loadDataset reads and validates the dataset at paths, printing every
// problem to stderr.
func loadDataset(ctx context.Context, m *Main, paths ...string) (*graph.Dataset, error) {
	res, err := checkDataset(ctx, m, paths...)
	if err != nil {
		return nil, err
	}
	return res.Dataset, nil
}

// checkDataset is loadDataset returning all that dataset.Load read.
func checkDataset(ctx context.Context, m *Main, paths ...string) (*dataset.Result, error) {
	res, err := dataset.Load(ctx, paths...)
	if err != nil {
		return nil, err
	}
	if len(res.Problems) > 0 {
		printCapped(m.Stderr, res.Problems)
		fmt.Fprintf(m.Stderr, "%d problem(s) in %v; run \"backchannel validate\" after fixing them\n", len(res.Problems), paths)
		return nil, errProblems
	}
	return res, nil
}
