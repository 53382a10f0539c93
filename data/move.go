package data

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"paminn/core"
)

// Moving a book (issue 24): a SQLite book copied into an empty database on a
// PostgreSQL server, when an office starts sharing it, and a server's book copied
// into a new file, when it stops. The move is generic by the schema: the tables and
// columns are read from the two books (moveschema.go), every row of every table is
// copied in key order, and the tables the triggers keep (derivedTables, SQLite's
// search index) are derived again by the target's own triggers as the rows arrive.
// Both books must be at the same schema version. The target is written in one
// transaction, so a failed move leaves none of the book behind; a server's book is
// read in one snapshot under its write lock, so no desktop changes it meanwhile.

// Messages about moving a book.
const (
	msgMoveBothFiles   = "{{.From}} and {{.To}} are both files: a book moves from a file to a server or from a server to a file"
	msgMoveBothServers = "{{.From}} and {{.To}} are both books on a server: a book moves from a file to a server or from a server to a file"
	msgMoveNoSource    = "There is no book at {{.Path}}"
	msgMoveFileExists  = "{{.Path}} already exists: a book is moved into a new file, so name one that is not there yet"
	msgMoveNotEmpty    = "The database {{.Database}} on {{.Host}} already holds a book with customers or invoices: a book is moved into an empty database only"
	msgMoveVersions    = "{{.From}} is at schema version {{.FromVersion}} and {{.To}} at version {{.ToVersion}}: this Påminn moves a book only between books of the same version"
	msgMoveSchemas     = "The tables of {{.From}} and {{.To}} differ ({{.Table}}) although both are at schema version {{.Version}}: the book was not moved"
	msgMoveTable       = "{{.Table}} could not be copied (a value or row the target does not take): the book was not moved"
)

// MoveProgress says how far a move has come: rows of table copied so far, of Of.
type MoveProgress struct {
	Table string
	Rows  int64
	Of    int64
}

// MoveResult says what a move copied.
type MoveResult struct {
	Tables int   // tables copied
	Rows   int64 // rows copied, in all
}

// MoveBook copies the book at from into to: a SQLite file into an empty database on
// a PostgreSQL server (a postgres:// address, IsServerAddress), or a server's book
// into a new file. progress, if not nil, is told of each table's progress. The
// target is written whole or not at all.
func MoveBook(ctx context.Context, from, to string, progress func(MoveProgress)) (MoveResult, error) {
	if progress == nil {
		progress = func(MoveProgress) {}
	}
	names := map[string]any{"From": core.Excerpt(BookName(from)), "To": core.Excerpt(BookName(to))}
	switch fromServer, toServer := IsServerAddress(from), IsServerAddress(to); {
	case !fromServer && !toServer:
		return MoveResult{}, core.Errorf(core.EINVALID, msgMoveBothFiles, names)
	case fromServer && toServer:
		return MoveResult{}, core.Errorf(core.EINVALID, msgMoveBothServers, names)
	case toServer:
		return moveToServer(ctx, from, to, names, progress)
	default:
		return moveToFile(ctx, from, to, names, progress)
	}
}

// BookName names a book for a message: a file by its path, a server's book by its
// address without the password.
func BookName(book string) string {
	if IsServerAddress(book) {
		return redacted(book)
	}
	return book
}

// moveToServer copies the SQLite book at from into the empty database at to.
func moveToServer(ctx context.Context, from, to string, names map[string]any, progress func(MoveProgress)) (MoveResult, error) {
	src, err := openExistingFile(from)
	if err != nil {
		return MoveResult{}, err
	}
	defer src.Close()
	dst, err := OpenPostgres(ctx, to)
	if err != nil {
		return MoveResult{}, err
	}
	defer dst.Close()
	var res MoveResult
	err = src.read(ctx, "move: read the book", func(stx *sql.Tx) error {
		return dst.fillMoved(ctx, func(ctx context.Context, ttx *sql.Tx, w rowWriter) error {
			m, err := planMove(ctx, stx, sqliteSchema, ttx, pgSchema, names)
			if err != nil {
				return err
			}
			if err := dst.refuseUnlessEmpty(ctx, ttx, m.tables); err != nil {
				return err
			}
			res, err = m.copy(ctx, stx, ttx, w, progress)
			if err != nil {
				return err
			}
			if err := setIdentities(ctx, ttx, m.tables); err != nil {
				return err
			}
			// Statistics now, not when autovacuum comes by: the first screens of a
			// moved book are planned with them.
			_, err = ttx.ExecContext(ctx, `ANALYZE`)
			return err
		})
	})
	if err == nil {
		dst.compactSums(ctx, int(res.Rows)) // every row counts: a move writes invoices, and more
	}
	return res, err
}

// moveToFile copies the server's book at from into a new SQLite file at to. The file
// is built under a temporary name beside to and renamed once whole.
func moveToFile(ctx context.Context, from, to string, names map[string]any, progress func(MoveProgress)) (MoveResult, error) {
	if _, err := os.Stat(to); !errors.Is(err, fs.ErrNotExist) {
		return MoveResult{}, core.Errorf(core.EINVALID, msgMoveFileExists, pathData(core.Excerpt(to)))
	}
	src, err := OpenPostgres(ctx, from)
	if err != nil {
		return MoveResult{}, err
	}
	defer src.Close()
	tmp, err := os.CreateTemp(filepath.Dir(to), filepath.Base(to)+".moving-*")
	if err != nil {
		return MoveResult{}, writeAccessError(err, to, true)
	}
	tmp.Close()
	dst, err := Open(tmp.Name()) // an empty file is a new book
	if err != nil {
		removeBookFiles(tmp.Name())
		return MoveResult{}, err
	}
	var res MoveResult
	err = src.snapshotUnderWriteLock(ctx, func(stx *sql.Tx) error {
		return dst.fillMoved(ctx, func(ctx context.Context, ttx *sql.Tx, w rowWriter) error {
			m, err := planMove(ctx, stx, pgSchema, ttx, sqliteSchema, names)
			if err != nil {
				return err
			}
			res, err = m.copy(ctx, stx, ttx, w, progress)
			return err
		})
	})
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = finishFile(tmp.Name(), to)
	}
	if err != nil {
		removeBookFiles(tmp.Name())
		return MoveResult{}, err
	}
	return res, nil
}

// openExistingFile opens the SQLite book at path, refusing to create one.
func openExistingFile(path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, core.Errorf(core.ENOTFOUND, msgMoveNoSource, pathData(core.Excerpt(path)))
	}
	return Open(path)
}

// finishFile gives the moved book at tmp its name, unless a file took that name
// meanwhile, and removes the lock file tmp's book left.
func finishFile(tmp, to string) error {
	if _, err := os.Stat(to); !errors.Is(err, fs.ErrNotExist) {
		return core.Errorf(core.EINVALID, msgMoveFileExists, pathData(core.Excerpt(to)))
	}
	if err := os.Rename(tmp, to); err != nil {
		return writeAccessError(err, to, true)
	}
	_ = os.Remove(tmp + ".lock")
	return nil
}

// removeBookFiles removes a book file that was not finished and the files SQLite and
// Påminn keep beside it.
func removeBookFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		_ = os.Remove(path + suffix)
	}
}

// movePlan is what a move copies: the tables in the order they are filled.
type movePlan struct {
	tables []*moveTable
}

// planMove reads both books' versions and schemas and returns the tables to copy, or
// refuses a move between different versions or schemas.
func planMove(ctx context.Context, stx *sql.Tx, sourceSchema func(context.Context, *sql.Tx) (bookSchema, error),
	ttx *sql.Tx, targetSchema func(context.Context, *sql.Tx) (bookSchema, error), names map[string]any) (movePlan, error) {
	var sv, tv int
	for _, v := range []struct {
		tx *sql.Tx
		n  *int
	}{{stx, &sv}, {ttx, &tv}} {
		if err := v.tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(v.n); err != nil {
			return movePlan{}, err
		}
	}
	if sv != tv {
		return movePlan{}, core.Errorf(core.EINVALID, msgMoveVersions,
			withData(names, map[string]any{"FromVersion": sv, "ToVersion": tv}))
	}
	src, err := sourceSchema(ctx, stx)
	if err != nil {
		return movePlan{}, err
	}
	dst, err := targetSchema(ctx, ttx)
	if err != nil {
		return movePlan{}, err
	}
	if table := schemaDifference(src, dst); table != "" {
		return movePlan{}, core.Errorf(core.EINVALID, msgMoveSchemas,
			withData(names, map[string]any{"Table": core.Excerpt(table), "Version": sv}))
	}
	// The target's view of a table: its references and generated IDs are the target's,
	// the column order the source's.
	for name, t := range dst.tables {
		if s := src.tables[name]; s != nil {
			t.columns = s.columns
			if len(t.key) == 0 {
				t.key = s.key
			}
		}
	}
	for name := range engineTables {
		delete(dst.tables, name)
	}
	return movePlan{tables: copyOrder(dst.tables)}, nil
}

// schemaDifference names a table the two books do not hold alike (missing on one
// side, or with other columns), or returns "".
func schemaDifference(src, dst bookSchema) string {
	var names []string
	for name := range src.tables {
		names = append(names, name)
	}
	for name := range dst.tables {
		if src.tables[name] == nil && !engineTables[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		s, d := src.tables[name], dst.tables[name]
		if engineTables[name] {
			continue
		}
		if s == nil || d == nil || !sameSet(s.columns, d.columns) {
			return name
		}
	}
	return ""
}

// sameSet reports whether a and b hold the same names, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}

// withData is a message's data: base and more, merged.
func withData(base, more map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(more))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}
