package neo4j

import (
	"context"
	"errors"
	"fmt"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func (s *Store) session(ctx context.Context, mode driver.AccessMode) driver.SessionWithContext {
	return s.drv.NewSession(ctx, driver.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database})
}

// readTx runs work in a managed read transaction of its own session. The
// driver retries work on transient errors, so work must have no effect
// outside the transaction. Errors come back mapped to graph errors.
//
// Every read has a deadline (cfg.ReadTimeout, unless ctx has an earlier
// one) and fails fast while the server is down (see health.go).
func readTx[T any](ctx context.Context, s *Store, work driver.ManagedTransactionWorkT[T], opts ...func(*driver.TransactionConfig)) (res T, err error) {
	ctx, cancel := context.WithTimeout(ctx, s.cfg.ReadTimeout)
	defer cancel()
	ctx, done, err := s.health.guard(ctx)
	if err != nil {
		return res, err
	}
	defer done()
	sess := s.session(ctx, driver.AccessModeRead)
	defer func() { err = closeSession(ctx, sess, err) }()
	res, err = driver.ExecuteRead(ctx, sess, work, opts...)
	return res, mapError(downCause(ctx, err))
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

// collect runs cypher in tx and returns all its records.
func collect(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any) ([]*driver.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

func consume(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any) (struct{}, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return struct{}{}, err
	}
	_, err = res.Consume(ctx)
	return struct{}{}, err
}
