package data

import (
	"context"
	"database/sql"
	"errors"

	sqlite3 "modernc.org/sqlite/lib"

	"paminn/core"
)

// Messages about a damaged book: what is wrong and what the user can do about it. A
// book is damaged only when SQLite says so: an answer other than "ok" from its quick
// check, or SQLITE_CORRUPT or SQLITE_NOTADB from any statement.
const (
	msgDamaged            = "{{.Path}} is damaged and cannot be opened. There is no backup of it beside it: restore the book from a backup of your own"
	msgDamagedBackup      = "{{.Path}} is damaged and cannot be opened. The newest backup beside it is {{.Backup}}, made before Påminn last updated the book; what was entered since is not in it. To go on from it, close Påminn, move the damaged file elsewhere and put a copy of the backup in its place"
	msgDamagedInUse       = "{{.Path}} is damaged: part of it can no longer be read, so Påminn writes nothing more to it. Close Påminn and restore the book from a backup of your own"
	msgDamagedInUseBackup = "{{.Path}} is damaged: part of it can no longer be read, so Påminn writes nothing more to it. The newest backup beside it is {{.Backup}}, made before Påminn last updated the book; what was entered since is not in it. To go on from it, close Påminn, move the damaged file elsewhere and put a copy of the backup in its place"
)

// checkFailure is what SQLite's quick check found wrong with a book.
type checkFailure string

func (f checkFailure) Error() string { return "quick check: " + string(f) }

// rowQuerier is a *sql.DB or a *sql.Tx.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// quickCheck asks SQLite to check the book's pages and records (PRAGMA quick_check:
// every b-tree, without comparing indexes to their tables). It returns nil for a sound
// book, an error isDamaged recognises for a damaged one, and ctx's error when ctx ends
// first: a check cut short says nothing about the book.
func quickCheck(ctx context.Context, db rowQuerier) error {
	var result string
	err := db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&result)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil:
		return err
	case result != "ok":
		return checkFailure(result)
	}
	return nil
}

// isDamaged reports whether err says the file is not a sound database: SQLITE_CORRUPT
// or SQLITE_NOTADB from a statement, or a quick check that found a fault.
func isDamaged(err error) bool {
	var f checkFailure
	if errors.As(err, &f) {
		return true
	}
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CORRUPT || c == sqlite3.SQLITE_NOTADB
}

// damagedError tells the user that the book at path is damaged and what to do: go on
// from the newest backup beside it, or restore one of their own. inUse says whether
// the book was open (and Påminn now stops writing to it) or is being opened.
func damagedError(err error, path string, inUse bool) error {
	data := pathData(path)
	backup := newestBackup(path)
	var message string
	switch {
	case inUse && backup != "":
		message = msgDamagedInUseBackup
	case inUse:
		message = msgDamagedInUse
	case backup != "":
		message = msgDamagedBackup
	default:
		message = msgDamaged
	}
	if backup != "" {
		data["Backup"] = backup
	}
	return core.Wrap(err, core.EINVALID, message, data)
}

// noteDamage passes err on, unless it says the book is damaged: then the book is
// marked so, writes are refused from now on, and the user is told what to do.
func (s *Store) noteDamage(err error) error {
	if err == nil || !isDamaged(err) {
		return err
	}
	s.damaged.Store(true)
	return damagedError(err, s.path, true)
}

// refuseIfDamaged is the error a write gets once the book has been found damaged: a
// write into a damaged b-tree can spread the damage to what is still whole.
func (s *Store) refuseIfDamaged() error {
	if !s.damaged.Load() {
		return nil
	}
	return damagedError(errors.New("found damaged earlier"), s.path, true)
}

// backgroundCheck is the quick check Open left running (checkInBackground).
type backgroundCheck struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when the check has ended
}

// checkInBackground runs the quick check that Open could not finish in its budget
// (see openCheckBudget) while the book is in use; a fault it finds marks the book
// damaged, as any statement that meets one does. Close stops it.
func (s *Store) checkInBackground() {
	ctx, cancel := context.WithCancel(context.Background())
	check := &backgroundCheck{cancel: cancel, done: make(chan struct{})}
	s.check = check
	go func() {
		defer close(check.done)
		// A check stopped by Close, or failing otherwise, says nothing about the book;
		// read has already marked it if it found damage.
		_ = s.read(ctx, "quick check", func(tx *sql.Tx) error { return quickCheck(ctx, tx) })
	}()
}

// stopCheck stops the background check, if one runs, and waits for it to end.
func (s *Store) stopCheck() {
	if s.check != nil {
		s.check.cancel()
		<-s.check.done
	}
}

// WaitForCheck waits until the quick check that Open left running, if it left one,
// has ended. Benchmarks call it, so that the check does not weigh on what they measure.
func (s *Store) WaitForCheck() {
	if s.check != nil {
		<-s.check.done
	}
}
