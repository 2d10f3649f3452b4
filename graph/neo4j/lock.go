package neo4j

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/backchannel/backchannel/graph"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The load lock: one load at a time per database.
//
// A load holds a write lock on the (:LoadLock {name: "load"}) node in a
// transaction of its own that stays open for the whole load and is rolled
// back at its end. A second load's attempt to take the same lock waits
// for it, gives up after lockWait and reports the holder, which the first
// load recorded on a (:LoadHolder) node in a separate, committed
// transaction. The lock is the server's: if the holding process dies
// (killed, crashed, its connection lost), Neo4j rolls its transaction back
// and the lock is free at once, with nothing to expire. A unique
// constraint on LoadLock.name makes two first-ever loads contend for the
// same node.

// lockWait is how long a load waits for another to release the lock.
const lockWait = 3 * time.Second

const (
	labelLock   = "LoadLock"
	labelHolder = "LoadHolder"
)

// loadLock is a held lock; release ends it.
type loadLock struct {
	sess driver.SessionWithContext
	tx   driver.ExplicitTransaction
}

// holderName describes this process for a second load's message.
func holderName() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown host"
	}
	return fmt.Sprintf("backchannel load, pid %d on %s", os.Getpid(), host)
}

// lock takes the load lock, or returns ErrConflict naming its holder.
func (s *Store) lock(ctx context.Context, version string) (*loadLock, error) {
	if _, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
		return consume(ctx, tx, "CREATE CONSTRAINT load_lock IF NOT EXISTS FOR (l:"+labelLock+") REQUIRE l.name IS UNIQUE", nil)
	}); err != nil {
		return nil, fmt.Errorf("load: lock constraint: %w", err)
	}
	sess := s.session(ctx, driver.AccessModeWrite)
	tx, err := sess.BeginTransaction(ctx, driver.WithTxMetadata(map[string]any{"app": "backchannel-load-lock"}))
	if err != nil {
		return nil, fmt.Errorf("load: lock: %w", closeSession(ctx, sess, mapError(err)))
	}
	wctx, cancel := context.WithTimeout(ctx, lockWait)
	res, err := tx.Run(wctx, "MERGE (l:"+labelLock+" {name: 'load'}) SET l.taken = coalesce(l.taken, 0) + 1", nil)
	if err == nil {
		_, err = res.Consume(wctx)
	}
	cancel()
	if err != nil {
		rerr := tx.Rollback(context.WithoutCancel(ctx))
		cerr := closeSession(ctx, sess, nil)
		if ctx.Err() == nil && (errors.Is(err, context.DeadlineExceeded) || isLockWait(err)) {
			return nil, fmt.Errorf("%w: load: another load holds this database (%s); wait for it to finish, then load again (a load that died releases the lock at once)",
				graph.ErrConflict, s.lockHolder(ctx))
		}
		return nil, fmt.Errorf("load: lock: %w", errors.Join(mapError(err), rerr, cerr))
	}
	if _, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
		return consume(ctx, tx, "MERGE (h:"+labelHolder+" {name: 'load'}) SET h.holder = $holder, h.version = $v, h.since = datetime()",
			map[string]any{"holder": holderName(), "v": version})
	}); err != nil {
		return nil, errors.Join(fmt.Errorf("load: record the lock's holder: %w", err), (&loadLock{sess: sess, tx: tx}).release(ctx))
	}
	return &loadLock{sess: sess, tx: tx}, nil
}

// isLockWait reports a driver error that means the lock was not granted
// in time: the client gave up (a connectivity error on the cancelled
// context) or the server timed the wait out.
func isLockWait(err error) bool {
	var ce *driver.ConnectivityError
	if errors.As(err, &ce) {
		return true
	}
	var ne *driver.Neo4jError
	return errors.As(err, &ne) && (ne.Code == "Neo.TransientError.Transaction.LockClientStopped" ||
		ne.Code == "Neo.ClientError.Transaction.TransactionTimedOut" || ne.Code == "Neo.TransientError.Transaction.DeadlockDetected")
}

// lockHolder says who holds the lock, as it recorded itself.
func (s *Store) lockHolder(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	h, err := readTx(ctx, s, func(tx driver.ManagedTransaction) (string, error) {
		recs, err := collect(ctx, tx, "MATCH (h:"+labelHolder+" {name: 'load'}) RETURN h.holder + ', loading version ' + h.version + ' since ' + toString(h.since) AS who", nil)
		if err != nil || len(recs) == 0 {
			return "", err
		}
		who, _, err := driver.GetRecordValue[string](recs[0], "who")
		return who, err
	})
	if err != nil || h == "" {
		return "holder unknown"
	}
	return h
}

// release deletes the holder's record and the lock node in the lock's
// transaction and commits it: nothing of the lock stays in the database.
func (l *loadLock) release(ctx context.Context) error {
	ctx = context.WithoutCancel(ctx)
	var errs []error
	res, err := l.tx.Run(ctx, "OPTIONAL MATCH (h:"+labelHolder+" {name: 'load'}) DETACH DELETE h WITH 1 AS one MATCH (l:"+labelLock+" {name: 'load'}) DELETE l", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		errs = append(errs, err, l.tx.Rollback(ctx))
	} else {
		errs = append(errs, l.tx.Commit(ctx))
	}
	errs = append(errs, closeSession(ctx, l.sess, nil))
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("load: release the lock: %w", mapError(err))
	}
	return nil
}
