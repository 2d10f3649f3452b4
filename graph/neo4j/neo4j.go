package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// livenessCheckAfter is the idle time after which a pooled connection is
// checked before use.
const livenessCheckAfter = 2 * time.Second

// Defaults for Config's zero values.
const (
	DefaultQueryTimeout = 10 * time.Second
	DefaultMaxRows      = 5000
	DefaultBatchSize    = 10000
	DefaultPageSize     = 5000
	DefaultReadTimeout  = 60 * time.Second
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

	// ReadTimeout bounds every read (default 60 s; the console has
	// QueryTimeout). PingInterval and PingTimeout tune the health watch
	// that makes reads fail fast while the server is down (defaults
	// 500 ms and 1.2 s; see health.go).
	ReadTimeout  time.Duration
	PingInterval time.Duration
	PingTimeout  time.Duration

	// Progress, if set, is called during a load, about once a second and
	// once at the end (with Done set). Calls never overlap, and none
	// happens after Load returns, so it may write state without locks.
	// It must not block.
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
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = DefaultReadTimeout
	}
	if c.PingInterval <= 0 {
		c.PingInterval = DefaultPingInterval
	}
	if c.PingTimeout <= 0 {
		c.PingTimeout = DefaultPingTimeout
	}
	return c
}

// Store is a graph.Store backed by Neo4j. It is safe for concurrent use.
type Store struct {
	drv    driver.DriverWithContext
	cfg    Config
	health *health
	// stopWatch ends the health watch (Close).
	stopWatch context.CancelFunc
	watching  sync.WaitGroup
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
	drv, err := driver.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// A pooled connection idle this long is checked (one RESET round
		// trip) before use: after Neo4j restarts, every pooled
		// connection is dead, and without the check each read would
		// meet them one by one, each failure costing a retry with
		// back-off (17 to 30 s per request, measured after a restart).
		c.ConnectionLivenessCheckTimeout = livenessCheckAfter
	})
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
	s := &Store{drv: drv, cfg: cfg, health: newHealth(cfg.URI)}
	wctx, stop := context.WithCancel(context.Background())
	s.stopWatch = stop
	s.watching.Add(1)
	go func() {
		defer s.watching.Done()
		s.watch(wctx)
	}()
	return s, nil
}

// Backend returns "neo4j".
func (s *Store) Backend() string { return "neo4j" }

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error {
	s.stopWatch()
	s.watching.Wait()
	return s.drv.Close(ctx)
}

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
