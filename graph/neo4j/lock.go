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
// transaction of its own that stays open for the whole load and, at its
// end, deletes that node and the (:LoadHolder) record and commits. A
// second load's attempt to take the same lock waits for it, sees the
// first's lock transaction on the server (SHOW TRANSACTIONS, by its
// metadata) and reports the holder, which the first load recorded on the
// (:LoadHolder) node in a separate, committed transaction. The lock is the server's: if the holding process dies
// (killed, crashed, its connection lost), Neo4j rolls its transaction back
// and the lock is free at once, with nothing to expire. A unique
// constraint on LoadLock.name makes two first-ever loads contend for the
// same node.

// lockCheck is how often a load that waits for the lock asks the server
// whether another load's lock transaction is what it waits for; lockMax
// bounds the wait on a server that is only slow.
const (
	lockCheck = time.Second
	lockMax   = 2 * time.Minute
)

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
//
// Whether another load holds it is asked of the server, not guessed from
// a timeout: while the lock statement waits, SHOW TRANSACTIONS is checked
// every lockCheck for another lock transaction (its metadata says so). A
// server that is merely slow (a cold start, a busy machine) is waited
// for, up to lockMax.
func (s *Store) lock(ctx context.Context, version string) (*loadLock, error) {
	if _, err := writeTx(ctx, s, func(tx driver.ManagedTransaction) (struct{}, error) {
		return consume(ctx, tx, "CREATE CONSTRAINT load_lock IF NOT EXISTS FOR (l:"+labelLock+") REQUIRE l.name IS UNIQUE", nil)
	}); err != nil {
		return nil, fmt.Errorf("load: lock constraint: %w", err)
	}
	token := fmt.Sprintf("%s %d", holderName(), time.Now().UnixNano())
	sess := s.session(ctx, driver.AccessModeWrite)
	tx, err := sess.BeginTransaction(ctx, driver.WithTxMetadata(map[string]any{"app": lockApp, "holder": token}))
	if err != nil {
		return nil, fmt.Errorf("load: lock: %w", closeSession(ctx, sess, mapError(err)))
	}
	wctx, cancel := context.WithTimeoutCause(ctx, lockMax, errLockSlow)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		res, err := tx.Run(wctx, "MERGE (l:"+labelLock+" {name: 'load'}) SET l.taken = coalesce(l.taken, 0) + 1", nil)
		if err == nil {
			_, err = res.Consume(wctx)
		}
		done <- err
	}()
	tk := time.NewTicker(lockCheck)
	defer tk.Stop()
	var held bool
wait:
	for {
		select {
		case err = <-done:
			break wait
		case <-tk.C:
			if s.otherLockTx(ctx, token) {
				held = true
				cancel()
				err = <-done
				break wait
			}
		}
	}
	if err != nil {
		rerr := tx.Rollback(context.WithoutCancel(ctx))
		cerr := closeSession(ctx, sess, nil)
		switch {
		case held:
			return nil, fmt.Errorf("%w: load: another load holds this database (%s); wait for it to finish, then load again (a load that died releases the lock at once)",
				graph.ErrConflict, s.lockHolder(ctx))
		case errors.Is(context.Cause(wctx), errLockSlow):
			return nil, fmt.Errorf("%w: load: the load lock was not granted within %v, and no other load holds it: is the server overloaded?", graph.ErrUnavailable, lockMax)
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

// lockApp marks lock transactions in their metadata.
const lockApp = "backchannel-load-lock"

var errLockSlow = errors.New("load lock: no answer")

// otherLockTx reports whether the server runs a lock transaction that
// began before ours (token): another load holds the lock, or will get it
// first. (Ours, if slow to answer, must not give way to a later one.) An
// error (SHOW TRANSACTIONS refused) reports false: the wait goes on.
func (s *Store) otherLockTx(ctx context.Context, token string) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	type lockTx struct {
		holder string
		start  time.Time
	}
	sess := s.session(ctx, driver.AccessModeRead)
	txs, err := func() ([]lockTx, error) {
		res, err := sess.Run(ctx, "SHOW TRANSACTIONS YIELD metaData, startTime WHERE metaData.app = $app RETURN metaData.holder AS holder, toString(startTime) AS start",
			map[string]any{"app": lockApp})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		var out []lockTx
		for _, r := range recs {
			h, _, err := driver.GetRecordValue[string](r, "holder")
			if err != nil {
				return nil, err
			}
			st, _, err := driver.GetRecordValue[string](r, "start")
			if err != nil {
				return nil, err
			}
			t, err := time.Parse(time.RFC3339Nano, st)
			if err != nil {
				return nil, err
			}
			out = append(out, lockTx{h, t})
		}
		return out, nil
	}()
	if err := closeSession(ctx, sess, err); err != nil {
		return false
	}
	var mine *lockTx
	for i := range txs {
		if txs[i].holder == token {
			mine = &txs[i]
		}
	}
	for _, t := range txs {
		if t.holder == token {
			continue
		}
		if mine == nil || t.start.Before(mine.start) || (t.start.Equal(mine.start) && t.holder < token) {
			return true
		}
	}
	return false
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
