package data

import (
	"context"
	"database/sql"
	"sync"
)

// The queue's leases on a book on a server (issue 24: any desktop may run the queue,
// each item is claimed once and delivered once).
//
// On SQLite one program holds the book, so a reminder still "sending" when a pass
// starts belongs to an attempt that never finished, and the Service reclaims it as
// uncertain (staleBefore is the pass's start). On a server several desktops work the
// queue at once, and a row another desktop is sending right now must not be taken.
// So a desktop that claims a row also takes a session-level advisory lock on it, on
// one connection of its own kept for the purpose (pgLease), and lets it go once the
// outcome is recorded. While the desktop lives the row is leased and no other claim
// takes it, however long the attempt lasts; when the desktop dies (killed, its
// network gone), the server ends its session and the lock with it, and the next claim
// by any desktop takes the row back as uncertain, as SQLite's next start does. No
// clock is guessed: a lease lasts exactly as long as its claimer.
//
// The claim itself runs on the lease's connection and picks its rows with FOR UPDATE
// SKIP LOCKED, so desktops claiming at once take different rows without waiting for
// the book's write lock or each other.
//
// What remains: if the lease's connection alone is lost while its desktop is still
// sending (the desktop's other connections live on), another desktop may take the row
// back as uncertain and send it again — as after a crash on SQLite, an e-mail may go
// twice, and a hand-over to Amili is looked up first (Service.sendAmili).

// pgLeaseTag marks the advisory lock keys of leases ('PM' in the key's top 16 bits,
// the kind of row in the next 8), apart from the book's own locks (pgLockSpace), which
// take two int4 keys and so are a different lock space on the server.
const pgLeaseTag = 0x504D << 48

// The kinds of leased rows: the key of row id of a kind is kind + id.
const (
	pgLeaseReminder int64 = pgLeaseTag | 1<<40
	pgLeaseReport   int64 = pgLeaseTag | 2<<40
)

// pgLeasedSQL lists the lease keys other sessions hold on this database.
const pgLeasedSQL = `SELECT (l.classid::bigint << 32) | l.objid::bigint FROM pg_locks l
	WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted AND l.pid != pg_backend_pid()
	AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`

// pgLease is the connection whose session holds the desktop's leases, and which of
// them it holds. Claims run on it one at a time.
type pgLease struct {
	mu   sync.Mutex
	conn *sql.Conn
	held map[int64]bool // lease keys locked once by conn's session
}

// claim runs f in a transaction on the lease's connection (opened if need be), with
// ctx marked as PostgreSQL's. f takes leases with take; when f fails or the
// transaction does not commit, they are let go again, else they are held until
// release.
func (s *PGStore) claim(ctx context.Context, op string, f func(ctx context.Context, tx *sql.Tx, take leaseTaker) error) error {
	l := &s.lease
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil && l.conn.PingContext(ctx) != nil {
		l.close() // its session has ended, and its leases with it
	}
	if l.conn == nil {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return s.serverError(storeError(err, op))
		}
		l.conn, l.held = conn, map[int64]bool{}
	}
	ctx = context.WithValue(ctx, pgEngine{}, true)
	var taken []int64
	take := func(tx *sql.Tx, keys []int64) (bool, error) {
		got, err := tryLeases(ctx, tx, keys)
		taken = append(taken, got...)
		return len(got) == len(keys), err
	}
	err := inTx(ctx, op, l.conn.BeginTx, nil, func(tx *sql.Tx) error { return f(ctx, tx, take) })
	if err != nil {
		l.unlock(ctx, taken)
		return s.serverError(err)
	}
	var again []int64
	for _, k := range taken {
		if l.held[k] {
			again = append(again, k) // held before: once is enough
		}
		l.held[k] = true
	}
	l.unlock(ctx, again)
	return nil
}

// leaseTaker takes the leases of keys, all or none: it says whether it took all.
type leaseTaker func(tx *sql.Tx, keys []int64) (bool, error)

// tryLeases locks each of keys in the session, without waiting, and returns those it
// locked; when one is held by another session, it lets go of the others again.
func tryLeases(ctx context.Context, tx *sql.Tx, keys []int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT k FROM (SELECT value::bigint AS k FROM json_array_elements_text(?::json)) AS keys
		WHERE pg_try_advisory_lock(k)`, jsonList(keys))
	if err != nil {
		return nil, err
	}
	got, err := scanInt64s(rows)
	if err != nil || len(got) == len(keys) {
		return got, err
	}
	for _, k := range got {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_unlock(?)`, k); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// scanInt64s reads rows of one integer column and closes them.
func scanInt64s(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// release lets go of the leases of keys, once their outcome is recorded.
func (s *PGStore) release(ctx context.Context, keys []int64) {
	l := &s.lease
	l.mu.Lock()
	defer l.mu.Unlock()
	var mine []int64
	for _, k := range keys {
		if l.held[k] {
			mine = append(mine, k)
			delete(l.held, k)
		}
	}
	l.unlock(ctx, mine)
}

// unlock lets go of each of keys once, on the lease's connection; the caller holds
// mu. A connection that fails is closed and forgotten, and its leases with it: the
// server has let go of them, or does when it notices.
func (l *pgLease) unlock(ctx context.Context, keys []int64) {
	if len(keys) == 0 || l.conn == nil {
		return
	}
	_, err := l.conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(value::bigint)
		FROM json_array_elements_text(?::json)`, jsonList(keys))
	if err != nil {
		l.close()
	}
}

// close closes the lease's connection, which lets go of every lease it holds.
func (l *pgLease) close() {
	if l.conn != nil {
		_ = l.conn.Close()
	}
	l.conn, l.held = nil, nil
}

// leaseKeys are the lease keys of ids of a kind.
func leaseKeys(kind int64, ids []int64) []int64 {
	keys := make([]int64, len(ids))
	for i, id := range ids {
		keys[i] = kind + id
	}
	return keys
}
