package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Defaults for Config's zero values.
const (
	DefaultQueryTimeout = 10 * time.Second
	DefaultMaxRows      = 5000
	DefaultBatchSize    = 10000
	DefaultPageSize     = 5000
)

// Config locates a Neo4j server and tunes the store.
type Config struct {
	// URI is the Bolt address, e.g. bolt://127.0.0.1:7687.
	URI string
	// User and Password for basic auth; both empty means no auth.
	User, Password string
	// Database is the database name; empty means the server's default.
	Database string

	// QueryTimeout bounds a console query (default 10 s); MaxRows caps
	// its rows (default 5,000; more are cut and flagged as truncated).
	QueryTimeout time.Duration
	MaxRows      int

	// BatchSize is the number of rows per write transaction during a
	// load (default 10,000); Workers the number of concurrent writers
	// for nodes and RelWorkers for relationships (default 2 each: one
	// batch is sent and prepared while the server writes the other; a
	// deadlock between them is transient, and the driver retries it).
	// PageSize is the number of rows per read transaction when scanning
	// (default 5,000).
	BatchSize  int
	Workers    int
	RelWorkers int
	PageSize   int

	// Progress, if set, is called during a load, about once a second and
	// once at the end (with Done set). It must not block.
	Progress func(LoadProgress)
}

func (c Config) withDefaults() Config {
	if c.QueryTimeout <= 0 {
		c.QueryTimeout = DefaultQueryTimeout
	}
	if c.MaxRows <= 0 {
		c.MaxRows = DefaultMaxRows
	}
	if c.BatchSize <= 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.Workers <= 0 {
		c.Workers = 2
	}
	if c.RelWorkers <= 0 {
		c.RelWorkers = 2
	}
	if c.PageSize <= 0 {
		c.PageSize = DefaultPageSize
	}
	return c
}

// Store is a graph.Store backed by Neo4j. It is safe for concurrent use.
type Store struct {
	drv driver.DriverWithContext
	cfg Config
}

var (
	_ graph.Store       = (*Store)(nil)
	_ graph.QueryRunner = (*Store)(nil)
)

// New connects to the server cfg names and checks that it answers.
// ErrUnavailable if it does not; ErrInvalid for a malformed URI.
func New(ctx context.Context, cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	if cfg.URI == "" {
		return nil, fmt.Errorf("%w: neo4j: empty URI: pass --neo4j bolt://HOST:7687 or set NEO4J_URI", graph.ErrInvalid)
	}
	auth := driver.NoAuth()
	if cfg.User != "" || cfg.Password != "" {
		auth = driver.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		return nil, fmt.Errorf("%w: neo4j %s: %w", graph.ErrInvalid, cfg.URI, err)
	}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		err = mapError(err)
		if cerr := drv.Close(ctx); cerr != nil {
			err = errors.Join(err, cerr)
		}
		return nil, fmt.Errorf("neo4j %s: %w (start one with \"make neo4j-up\")", cfg.URI, err)
	}
	return &Store{drv: drv, cfg: cfg}, nil
}

// Backend returns "neo4j".
func (s *Store) Backend() string { return "neo4j" }

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error { return s.drv.Close(ctx) }

// ServerVersion reports what CALL dbms.components() says, e.g.
// "Neo4j Kernel 5.26.30 community".
func (s *Store) ServerVersion(ctx context.Context) (string, error) {
	return readTx(ctx, s, func(tx driver.ManagedTransaction) (string, error) {
		res, err := tx.Run(ctx, "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition", nil)
		if err != nil {
			return "", err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return "", err
		}
		name, _, err := driver.GetRecordValue[string](rec, "name")
		if err != nil {
			return "", fmt.Errorf("dbms.components: name: %w", err)
		}
		version, _, err := driver.GetRecordValue[string](rec, "version")
		if err != nil {
			return "", fmt.Errorf("dbms.components: version: %w", err)
		}
		edition, _, err := driver.GetRecordValue[string](rec, "edition")
		if err != nil {
			return "", fmt.Errorf("dbms.components: edition: %w", err)
		}
		return name + " " + version + " " + edition, nil
	})
}

func (s *Store) session(ctx context.Context, mode driver.AccessMode) driver.SessionWithContext {
	return s.drv.NewSession(ctx, driver.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database})
}

// readTx runs work in a managed read transaction of its own session. The
// driver retries work on transient errors, so work must have no effect
// outside the transaction. Errors come back mapped to graph errors.
func readTx[T any](ctx context.Context, s *Store, work driver.ManagedTransactionWorkT[T], opts ...func(*driver.TransactionConfig)) (res T, err error) {
	sess := s.session(ctx, driver.AccessModeRead)
	defer func() { err = closeSession(ctx, sess, err) }()
	res, err = driver.ExecuteRead(ctx, sess, work, opts...)
	return res, mapError(err)
}

// writeTx is readTx for writes.
func writeTx[T any](ctx context.Context, s *Store, work driver.ManagedTransactionWorkT[T], opts ...func(*driver.TransactionConfig)) (res T, err error) {
	sess := s.session(ctx, driver.AccessModeWrite)
	defer func() { err = closeSession(ctx, sess, err) }()
	res, err = driver.ExecuteWrite(ctx, sess, work, opts...)
	return res, mapError(err)
}

// closeSession closes sess and combines its error with err rather than
// dropping either.
func closeSession(ctx context.Context, sess driver.SessionWithContext, err error) error {
	// Close with a context of its own: ctx may be the reason we are
	// leaving, and the session should still give its connection back.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if cerr := sess.Close(cctx); cerr != nil {
		cerr = fmt.Errorf("neo4j: close session: %w", mapError(cerr))
		if err == nil {
			return cerr
		}
		return errors.Join(err, cerr)
	}
	return err
}

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
