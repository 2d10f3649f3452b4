package main

import (
	"context"

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
