package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// mapError translates driver errors into graph error kinds, by
// Neo4jError.Code (never by message text), keeping the original error in
// the chain.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, graph.ErrNotFound) || errors.Is(err, graph.ErrInvalid) || errors.Is(err, graph.ErrReadOnly) ||
		errors.Is(err, graph.ErrUnavailable) || errors.Is(err, graph.ErrConflict) || errors.Is(err, graph.ErrUnsupported) {
		return err
	}
	var ne *driver.Neo4jError
	if errors.As(err, &ne) {
		if kind := codeKind(ne.Code); kind != nil {
			return fmt.Errorf("%w: neo4j: %w", kind, err)
		}
		return fmt.Errorf("neo4j: %w", err)
	}
	var ce *driver.ConnectivityError
	var tl *driver.TransactionExecutionLimit
	var ae *driver.InvalidAuthenticationError
	switch {
	case errors.As(err, &ce), errors.As(err, &tl), errors.As(err, &ae),
		errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: neo4j: %w", graph.ErrUnavailable, err)
	}
	return fmt.Errorf("neo4j: %w", err)
}

// codeKind maps a Neo4j status code
// (Neo.<Classification>.<Category>.<Title>) to a graph error kind, or nil
// for an internal error.
func codeKind(code string) error {
	switch code {
	case "Neo.ClientError.Statement.AccessMode",
		"Neo.ClientError.Security.Forbidden",
		"Neo.ClientError.Transaction.ForbiddenDueToTransactionType":
		return graph.ErrReadOnly
	case "Neo.ClientError.Schema.ConstraintValidationFailed":
		return graph.ErrConflict
	case "Neo.ClientError.Security.Unauthorized",
		"Neo.ClientError.Security.AuthenticationRateLimit",
		"Neo.ClientError.Security.CredentialsExpired",
		"Neo.ClientError.Database.DatabaseNotFound":
		return graph.ErrUnavailable
	}
	switch {
	case strings.HasPrefix(code, "Neo.ClientError.Transaction.TransactionTimedOut"),
		strings.HasPrefix(code, "Neo.ClientError.Transaction.Terminated"),
		strings.HasPrefix(code, "Neo.TransientError."):
		return graph.ErrUnavailable
	case strings.HasPrefix(code, "Neo.ClientError.Statement."),
		strings.HasPrefix(code, "Neo.ClientError.Procedure."),
		strings.HasPrefix(code, "Neo.ClientError.Request."):
		return graph.ErrInvalid
	}
	return nil
}
