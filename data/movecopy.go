package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"paminn/core"
)

// How a move writes rows (move.go): SQLite inserts them one statement at a time in
// one transaction; PostgreSQL takes each table through COPY, its bulk load, in one
// transaction under the book's write lock. Either way the target's triggers run, so
// the derived tables (derivedTables, the search index) fill as the rows arrive.

// moveProgressEvery is how many rows a table's progress is told after.
const moveProgressEvery = 10000

// rowWriter writes a table's rows, read by rows, into the target tx writes; it calls
// tick after each row with the rows written so far.
type rowWriter interface {
	writeRows(ctx context.Context, tx *sql.Tx, t *moveTable, rows *sql.Rows, tick func(int64)) (int64, error)
}

// copy empties the target's tables (a new book holds the versions, reference rates
// and identity its migrations wrote) and copies every table's rows into them.
func (m movePlan) copy(ctx context.Context, stx, ttx *sql.Tx, w rowWriter, progress func(MoveProgress)) (MoveResult, error) {
	for i := len(m.tables) - 1; i >= 0; i-- { // those that refer to others first
		if _, err := ttx.ExecContext(ctx, `DELETE FROM `+quoteIdent(m.tables[i].name)); err != nil {
			return MoveResult{}, err
		}
	}
	res := MoveResult{Tables: len(m.tables)}
	for _, t := range m.tables {
		n, err := copyTable(ctx, stx, ttx, t, w, progress)
		if err != nil {
			return MoveResult{}, err
		}
		res.Rows += n
	}
	return res, nil
}

// copyTable copies one table's rows in key order and tells progress.
func copyTable(ctx context.Context, stx, ttx *sql.Tx, t *moveTable, w rowWriter, progress func(MoveProgress)) (int64, error) {
	var of int64
	if err := stx.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(t.name)).Scan(&of); err != nil {
		return 0, err
	}
	progress(MoveProgress{Table: t.name, Of: of})
	q := `SELECT ` + quoteIdents(t.columns) + ` FROM ` + quoteIdent(t.name)
	if len(t.key) > 0 {
		q += ` ORDER BY ` + quoteIdents(t.key)
	}
	rows, err := stx.QueryContext(ctx, q)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n, err := w.writeRows(ctx, ttx, t, rows, func(n int64) {
		if n%moveProgressEvery == 0 && n < of { // the last is told below
			progress(MoveProgress{Table: t.name, Rows: n, Of: of})
		}
	})
	if err != nil {
		if ctx.Err() != nil || isConnLost(err) {
			return 0, err
		}
		return 0, core.Wrap(err, core.EINVALID, msgMoveTable, map[string]any{"Table": t.name})
	}
	progress(MoveProgress{Table: t.name, Rows: n, Of: of})
	return n, nil
}

// movedValues scans a row into values either engine's driver takes: a text SQLite
// handed over as bytes becomes a string; the bytes of a column of bytes (a BLOB, a
// bytea: an original PDF, 026_invoice_pdfs.sql) stay bytes.
type movedValues struct {
	vals  []any
	ptrs  []any
	bytes []bool // the columns of bytes
}

// newMovedValues scans the rows of rows.
func newMovedValues(rows *sql.Rows) (*movedValues, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	n := len(types)
	v := &movedValues{vals: make([]any, n), ptrs: make([]any, n), bytes: make([]bool, n)}
	for i, ct := range types {
		v.ptrs[i] = &v.vals[i]
		switch strings.ToUpper(ct.DatabaseTypeName()) {
		case "BLOB", "BYTEA":
			v.bytes[i] = true
		}
	}
	return v, nil
}

// scan reads the current row of rows.
func (v *movedValues) scan(rows *sql.Rows) error {
	if err := rows.Scan(v.ptrs...); err != nil {
		return err
	}
	for i, x := range v.vals {
		if b, ok := x.([]byte); ok && !v.bytes[i] {
			v.vals[i] = string(b)
		}
	}
	return nil
}

// sqliteRowWriter inserts rows into a SQLite book.
type sqliteRowWriter struct{}

func (sqliteRowWriter) writeRows(ctx context.Context, tx *sql.Tx, t *moveTable, rows *sql.Rows, tick func(int64)) (int64, error) {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.columns)), ", ")
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO `+quoteIdent(t.name)+` (`+quoteIdents(t.columns)+`) VALUES (`+marks+`)`)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	v, err := newMovedValues(rows)
	if err != nil {
		return 0, err
	}
	var n int64
	for rows.Next() {
		if err := v.scan(rows); err != nil {
			return n, err
		}
		if _, err := stmt.ExecContext(ctx, v.vals...); err != nil {
			return n, err
		}
		n++
		tick(n)
	}
	return n, rows.Err()
}

// fillMoved runs f in the write transaction that fills this new book with a moved
// one: foreign keys are checked at its commit, and the search index is optimized
// once it is filled, as migration 023 left it.
func (s *Store) fillMoved(ctx context.Context, f func(ctx context.Context, tx *sql.Tx, w rowWriter) error) error {
	return s.write(ctx, "move: write the book", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		if err := f(ctx, tx, sqliteRowWriter{}); err != nil {
			return err
		}
		indexes, err := queryColumn(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'table'
			AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5(%' ORDER BY name`)
		if err != nil {
			return err
		}
		for _, name := range indexes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+quoteIdent(name)+` (`+quoteIdent(name)+`) VALUES ('optimize')`); err != nil {
				return err
			}
		}
		return nil
	})
}

// pgRowWriter copies rows into a PostgreSQL book with COPY, on the connection conn
// whose transaction the move writes in.
type pgRowWriter struct{ conn *sql.Conn }

func (w pgRowWriter) writeRows(ctx context.Context, _ *sql.Tx, t *moveTable, rows *sql.Rows, tick func(int64)) (int64, error) {
	var n int64
	err := w.conn.Raw(func(dc any) error {
		rc, ok := dc.(*rebindConn)
		if !ok {
			return fmt.Errorf("move: a connection of %T, not the server's", dc)
		}
		sc, ok := rc.conn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("move: a connection of %T, not pgx's", rc.conn)
		}
		vals, err := newMovedValues(rows)
		if err != nil {
			return err
		}
		src := &rowsSource{rows: rows, vals: vals, tick: tick}
		n, err = sc.Conn().CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, src)
		return err
	})
	return n, err
}

// rowsSource hands a source table's rows to COPY.
type rowsSource struct {
	rows *sql.Rows
	vals *movedValues
	n    int64
	tick func(int64)
	err  error
}

func (r *rowsSource) Next() bool {
	if r.err != nil || !r.rows.Next() {
		return false
	}
	if r.err = r.vals.scan(r.rows); r.err != nil {
		return false
	}
	if r.n > 0 {
		r.tick(r.n) // the rows before this one are written
	}
	r.n++
	return true
}

func (r *rowsSource) Values() ([]any, error) { return r.vals.vals, r.err }

func (r *rowsSource) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.rows.Err()
}

// fillMoved runs f in the transaction that fills this book with a moved one, holding
// the book's write lock, on one connection (COPY runs on it, inside the transaction).
func (s *PGStore) fillMoved(ctx context.Context, f func(ctx context.Context, tx *sql.Tx, w rowWriter) error) error {
	ctx = context.WithValue(ctx, pgEngine{}, true)
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.serverError(storeError(err, "move: connect"))
	}
	defer conn.Close()
	return s.serverError(inTx(ctx, "move: write the book", conn.BeginTx, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?, ?)`, pgLockSpace, pgLockWrite); err != nil {
			return err
		}
		return f(ctx, tx, pgRowWriter{conn: conn})
	}))
}

// refuseUnlessEmpty refuses a target that holds anything of a book's own: a row in
// any table with generated IDs (customers, invoices, batches, payments, …). What a
// new book's migrations wrote (versions, reference rates, its identity, settings
// never saved) the move replaces.
func (s *PGStore) refuseUnlessEmpty(ctx context.Context, tx *sql.Tx, tables []*moveTable) error {
	for _, t := range tables {
		if t.generated == "" {
			continue
		}
		var any bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(t.name)+`)`).Scan(&any); err != nil {
			return err
		}
		if any {
			return core.Errorf(core.EINVALID, msgMoveNotEmpty, s.data())
		}
	}
	return nil
}

// setIdentities sets each generated-ID column's sequence past the highest ID copied,
// so the next row the book writes gets a new one.
func setIdentities(ctx context.Context, tx *sql.Tx, tables []*moveTable) error {
	for _, t := range tables {
		if t.generated == "" {
			continue
		}
		_, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT max(`+
			quoteIdent(t.generated)+`) AS m FROM `+quoteIdent(t.name)+`) AS x WHERE m IS NOT NULL`,
			quoteIdent(t.name), t.generated)
		if err != nil {
			return err
		}
	}
	return nil
}

// snapshotUnderWriteLock runs f in a read-only transaction with one snapshot of the
// book, taken after the book's write lock: no desktop writes while f reads, and none
// wrote after the snapshot was taken.
func (s *PGStore) snapshotUnderWriteLock(ctx context.Context, f func(tx *sql.Tx) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.serverError(storeError(err, "move: connect"))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(?, ?)`, pgLockSpace, pgLockWrite); err != nil {
		return s.serverError(storeError(err, "move: lock the book"))
	}
	defer func() {
		_, uerr := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(?, ?)`, pgLockSpace, pgLockWrite)
		if uerr != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // never back to the pool locked
		}
	}()
	return s.serverError(inTx(ctx, "move: read the book", conn.BeginTx,
		&sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}, f))
}
