package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/backchannel/backchannel/graph"
	"github.com/backchannel/backchannel/graph/neo4j"
)

func init() {
	openNeo4j = func(ctx context.Context, n neo4jFlags) (graph.Store, error) {
		return neo4j.New(ctx, n.config())
	}
}

// config turns the flags into a store configuration.
func (n neo4jFlags) config() neo4j.Config {
	return neo4j.Config{URI: n.URI, User: n.User, Password: n.Password, Database: n.Database}
}

// warnSchema says what a Neo4j database lacks for the store (see
// neo4j.Store.CheckSchema), and how to fix it; serving goes on, since
// most of the API works without the indexes.
func warnSchema(ctx context.Context, m *Main, store graph.Store) {
	st, ok := store.(*neo4j.Store)
	if !ok {
		return
	}
	problems, err := st.CheckSchema(ctx)
	if err != nil {
		fmt.Fprintf(m.Stderr, "backchannel: warning: could not check the schema: %v\n", err)
		return
	}
	if len(problems) > 0 {
		fmt.Fprintf(m.Stderr, "backchannel: warning: the database's schema is incomplete (%s); search and lookups may fail or be slow until \"backchannel load --neo4j URI DATASET\" runs once (it creates the indexes; a dataset already active is not written again)\n", strings.Join(problems, "; "))
	}
}
