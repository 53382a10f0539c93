package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// rebuildsTables are the migrations, by version, that rebuild a table other tables
// refer to. SQLite cannot change a table's CHECK in place; its way is a new table,
// the rows copied, the old one dropped and the new one renamed, with foreign keys
// off, since dropping the old table would otherwise delete what others refer to
// (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
// Changes", steps 1–12). Foreign keys cannot be switched off inside a transaction,
// so such a migration runs on a connection of its own with them off, and is checked
// with foreign_key_check before it commits.
var rebuildsTables = map[int]bool{
	18: true, // 018_stopped_deliveries: reminders, referred to by claim_entries
}

// writeWithoutForeignKeys is write on a connection with foreign keys off for f, on
// again after; f's transaction commits only when foreign_key_check finds nothing
// broken. A connection whose foreign keys could not be switched on again is dropped
// from the pool, never reused.
func (s *Store) writeWithoutForeignKeys(ctx context.Context, op string, f func(tx *sql.Tx) error) error {
	if err := s.refuseIfDamaged(); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.noteDamage(storeError(err, op))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return s.noteDamage(storeError(err, op))
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return s.noteDamage(inTx(ctx, op, conn.BeginTx, nil, func(tx *sql.Tx) error {
		if err := f(tx); err != nil {
			return err
		}
		return noBrokenReferences(ctx, tx)
	}))
}

// noBrokenReferences fails when any row refers to one that does not exist.
func noBrokenReferences(ctx context.Context, tx *sql.Tx) error {
	var table string
	var rowid sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT "table", rowid FROM pragma_foreign_key_check LIMIT 1`).Scan(&table, &rowid)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("row %d of %s refers to a row that does not exist", rowid.Int64, table)
}
