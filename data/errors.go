package data

import (
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"paminn/core"
)

// Messages shared by several methods. They are English text/templates and double as
// the GUI's translation keys.
const (
	msgBusy        = "The book is in use by another program"
	msgInternal    = "The book could not be read or written"
	msgNotABook    = "{{.Path}} is not a Påminn book (not a SQLite database)"
	msgForeign     = "{{.Path}} is a database of another program, not a Påminn book"
	msgNewer       = "{{.Path}} was written by a newer version of Påminn; please update the program"
	msgNoFolder    = "The folder {{.Dir}} does not exist"
	msgCannotOpen  = "{{.Path}} cannot be opened"
	msgIsFolder    = "{{.Path}} is a folder, not a Påminn book"
	msgNoInvoice   = "Invoice {{.ID}} does not exist"
	msgNoCustomer  = "Customer {{.ID}} does not exist"
	msgNoReminder  = "Reminder {{.ID}} does not exist"
	msgNoBatch     = "Reminder batch {{.ID}} does not exist"
	msgDupInvoice  = "Invoice number {{.Number}} already exists"
	msgDupCustomer = "Customer number {{.Number}} already exists"
)

// sqliteCode returns the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY constraint failure.
func isUnique(err error) bool {
	if pgCode(err) == "23505" { // PostgreSQL's unique_violation
		return true
	}
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// isForeignKey reports whether err is a FOREIGN KEY constraint failure.
func isForeignKey(err error) bool {
	if pgCode(err) == "23503" { // PostgreSQL's foreign_key_violation
		return true
	}
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// isBusy reports whether err says another connection holds the lock.
func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// storeError turns a database error into a *core.Error: an existing *core.Error is
// kept, sql.ErrNoRows becomes ENOTFOUND with notFound (a message template with data),
// a lock becomes EUNAVAILABLE, a constraint failure ECONFLICT or EINVALID, and
// anything else EINTERNAL. op names the operation for the log.
func storeError(err error, op string) error {
	var ce *core.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	case errors.Is(err, sql.ErrNoRows):
		return core.Wrap(err, core.ENOTFOUND, "Not found", nil)
	case isBusy(err):
		return core.Wrap(err, core.EUNAVAILABLE, msgBusy, nil)
	case isUnique(err):
		return core.Wrap(err, core.ECONFLICT, "That already exists", nil)
	case isForeignKey(err):
		return core.Wrap(err, core.EINVALID, "That refers to something that does not exist", nil)
	case sqliteCode(err) == sqlite3.SQLITE_READONLY:
		return core.Wrap(err, core.EUNAVAILABLE, msgBookReadOnly, nil)
	case sqliteCode(err) == sqlite3.SQLITE_FULL:
		return core.Wrap(err, core.EUNAVAILABLE, "The disk is full", nil)
	}
	return core.Wrap(fmt.Errorf("%s: %w", op, err), core.EINTERNAL, msgInternal, nil)
}

// notFound returns an ENOTFOUND error with a message about the thing with id.
func notFound(err error, message string, id int64) error {
	return core.Wrap(err, core.ENOTFOUND, message, map[string]any{"ID": id})
}
