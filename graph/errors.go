package graph

import (
	"errors"
	"fmt"
)

// Error kinds. Lower layers wrap them with %w and name what failed, for
// example fmt.Errorf("%w: node %q", ErrNotFound, id); the server maps each
// kind to an HTTP status in one table.
var (
	// ErrNotFound: a node, edge or document id that does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: input from a user that cannot be accepted (bad id,
	// unknown status, limit out of range).
	ErrInvalid = errors.New("invalid")
	// ErrConflict: the request contradicts the data (duplicate id).
	ErrConflict = errors.New("conflict")
	// ErrReadOnly: a write was attempted where only reads are allowed
	// (the Cypher console).
	ErrReadOnly = errors.New("read-only")
	// ErrUnsupported: the backend cannot do this (Cypher on the embedded
	// store).
	ErrUnsupported = errors.New("unsupported")
	// ErrUnavailable: a backend that should answer does not (Neo4j down,
	// timeout).
	ErrUnavailable = errors.New("unavailable")
)

// NotFoundError names what was not found. It unwraps to ErrNotFound. The
// stores return it for an unknown node; the server adds the advice (how
// to search for the node) that an HTTP client needs.
type NotFoundError struct {
	// What is "node", "edge" or "document".
	What string
	ID   string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%v: %s %q", ErrNotFound, e.What, e.ID)
}

func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// NodeNotFound is the error for an unknown node id.
func NodeNotFound(id string) error { return &NotFoundError{What: "node", ID: id} }
