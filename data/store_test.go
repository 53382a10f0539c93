package data

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

func TestOpenCreatesANewBookAndReopensIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open new: %v", err)
	}
	c := mustCustomer(t, s, "K1", "Anna AB")
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, err := s.Customer(ctx, c.ID)
	if err != nil || got.Name != "Anna AB" {
		t.Fatalf("customer after reopen = %+v, %v", got, err)
	}
	if backups, _ := filepath.Glob(path + ".bak*"); len(backups) != 0 {
		t.Errorf("a new book got backups %v", backups)
	}
}

func TestOpenAppliesTheMigrationsOnce(t *testing.T) {
	s := mustOpen(t)
	var n, version int
	err := s.db.QueryRow(`SELECT count(*), max(version) FROM schema_version`).Scan(&n, &version)
	if err != nil || n != len(migrations) || version != len(migrations) {
		t.Fatalf("schema_version has %d rows up to %d (%v), want %d", n, version, err, len(migrations))
	}
	var fk int
	if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d (%v), want 1 on a pooled connection", fk, err)
	}
	var mode string
	if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
}

func TestOpenTreatsAnEmptyFileAsANewBook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open empty file: %v", err)
	}
	s.Close()
	if backups, _ := filepath.Glob(path + ".bak*"); len(backups) != 0 {
		t.Errorf("an empty file got backups %v", backups)
	}
}

// closedBook writes a book with one customer at path and closes it.
func closedBook(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCustomer(t, s, "K1", "Anna AB")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// rawExec runs SQL on path with a plain connection (no Påminn checks).
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestOpenRefusesFilesItMustNotTouch(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		code    core.ErrorCode
		message string
	}{
		{"a text file is not a book", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("Fakturanummer;Kund;Belopp\n1001;Anna AB;1200\n"), 0o644)
		}, core.EINVALID, "is not a Påminn book"},
		{"random bytes are not a book", func(t *testing.T, path string) {
			b := make([]byte, 8192)
			for i := range b {
				b[i] = byte(i*7 + i/13)
			}
			os.WriteFile(path, b, 0o644)
		}, core.EINVALID, "is not a Påminn book"},
		{"a file cut inside the header is not a book", func(t *testing.T, path string) {
			closedBook(t, path)
			truncate(t, path, 50)
		}, core.EINVALID, "is not a Påminn book"},
		{"a file cut inside a page is damaged", func(t *testing.T, path string) {
			closedBook(t, path)
			truncate(t, path, 6000)
		}, core.EINVALID, "is damaged"},
		{"a file missing its last pages is damaged", func(t *testing.T, path string) {
			closedBook(t, path)
			truncate(t, path, 8192)
		}, core.EINVALID, "is damaged"},
		{"a book from a newer Påminn is refused", func(t *testing.T, path string) {
			closedBook(t, path)
			rawExec(t, path, `INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')`)
		}, core.EINVALID, "was written by a newer version of Påminn"},
		{"another program's database is refused", func(t *testing.T, path string) {
			rawExec(t, path, `CREATE TABLE schema_version (version INTEGER)`, `CREATE TABLE orders (id INTEGER)`)
		}, core.EINVALID, "database of another program"},
		{"another program's WAL database is refused", func(t *testing.T, path string) {
			rawExec(t, path, `PRAGMA journal_mode = WAL`, `CREATE TABLE orders (id INTEGER)`)
		}, core.EINVALID, "database of another program"},
		{"a read-only book is refused", func(t *testing.T, path string) {
			closedBook(t, path)
			os.Chmod(path, 0o444)
		}, core.EUNAVAILABLE, "is read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "book.db")
			tt.prepare(t, path)
			before := snapshot(t, dir)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded, want an error")
			}
			wantCode(t, err, tt.code)
			if text := core.AsError(err).Text(); !strings.Contains(text, tt.message) || !strings.Contains(text, path) {
				t.Errorf("message %q does not say %q about %s", text, tt.message, path)
			}
			if after := snapshot(t, dir); !equalSnapshots(before, after) {
				t.Errorf("the folder changed: before %v, after %v", names(before), names(after))
			}
		})
	}
}

func TestOpenRefusesAMissingFolderAndAFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(filepath.Join(dir, "nowhere", "book.db"))
	wantCode(t, err, core.EUNAVAILABLE)
	if !strings.Contains(core.AsError(err).Text(), "does not exist") {
		t.Errorf("message %q does not say the folder is missing", core.AsError(err).Text())
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere")); !os.IsNotExist(err) {
		t.Errorf("the missing folder was created")
	}
	_, err = Open(dir)
	wantCode(t, err, core.EINVALID)
}

func truncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file in dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func equalSnapshots(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for name, content := range a {
		if other, ok := b[name]; !ok || !bytes.Equal(content, other) {
			return false
		}
	}
	return true
}

func names(files map[string][]byte) []string {
	var ns []string
	for n := range files {
		ns = append(ns, n)
	}
	return ns
}

// withExtraMigration pretends the program knows one more migration for the test.
func withExtraMigration(t *testing.T, sql string) {
	t.Helper()
	real := migrations
	migrations = append(append([]migration{}, real...),
		migration{version: len(real) + 1, name: "999_test", sql: sql})
	t.Cleanup(func() { migrations = real })
}

func TestOpenBacksUpAnExistingBookBeforeMigratingIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	closedBook(t, path)
	old := len(migrations)
	withExtraMigration(t, `CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);`)

	s, err := open(ctx, path, func() time.Time { return time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC) })
	if err != nil {
		t.Fatalf("Open with a pending migration: %v", err)
	}
	var version int
	if err := s.db.QueryRow(`SELECT max(version) FROM schema_version`).Scan(&version); err != nil || version != old+1 {
		t.Errorf("version after migrating = %d (%v), want %d", version, err, old+1)
	}
	s.Close()

	backup := fmt.Sprintf("%s.bak-v%d-20250314093000", path, old)
	db, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var name string
	err = db.QueryRow(`SELECT max(version), (SELECT name FROM customers) FROM schema_version`).Scan(&version, &name)
	if err != nil || version != old || name != "Anna AB" {
		t.Errorf("backup holds version %d and customer %q (%v), want version %d with Anna AB", version, name, err, old)
	}
	var notes int
	db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'notes'`).Scan(&notes)
	if notes != 0 {
		t.Errorf("the backup was taken after the migration")
	}
}

func TestBackupNeverOverwritesAnEarlierOne(t *testing.T) {
	s := mustOpen(t)
	moment := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	first, err := s.backup(ctx, 1, moment)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.backup(ctx, 1, moment)
	if err != nil {
		t.Fatal(err)
	}
	if first == second || !fileExists(first) || !fileExists(second) {
		t.Errorf("backups %s and %s, want two distinct files", first, second)
	}
}

func TestOpenReportsABusyBookAsInUse(t *testing.T) {
	defer func(ms int) { busyTimeoutMS = ms }(busyTimeoutMS)
	busyTimeoutMS = 100
	path := filepath.Join(t.TempDir(), "book.db")
	closedBook(t, path)
	holder, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	// An exclusive lock in rollback mode keeps even readers out.
	if _, err := holder.Exec(`PRAGMA journal_mode = DELETE`); err != nil {
		t.Fatal(err)
	}
	conn, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)
	if _, err := conn.ExecContext(ctx, `UPDATE customers SET name = 'X'`); err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	wantCode(t, err, core.EUNAVAILABLE)
}

func TestDSNEscapesCharactersThatMeanSomethingInAURI(t *testing.T) {
	name := "Fakturor #1 ?100%"
	if runtime.GOOS == "windows" { // Windows forbids ? in a file name; # and % still mean something in a URI
		name = "Fakturor #1 100%"
	}
	dir := filepath.Join(t.TempDir(), name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "bok.db")
	closedBook(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the book is not where it was asked to be: %v", err)
	}
}

// Every connection reads with a reader's page cache; a write raises its connection's
// for the transaction and lowers it again after (readCacheKiB), so the caches of the
// pool stay small whichever connection wrote.
func TestAWriteRaisesItsPageCacheForTheTransactionOnly(t *testing.T) {
	for i, size := range pragmaOnEveryConnection(t, "cache_size") {
		if size != -readCacheKiB {
			t.Errorf("connection %d: cache_size = %d, want %d", i+1, size, -readCacheKiB)
		}
	}
	s := mustOpen(t)
	s.db.SetMaxOpenConns(1) // the connection read after the write is the one that wrote
	var during int
	err := s.write(ctx, "test", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO settings (id, json) VALUES (1, '{}')`); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&during)
	})
	if err != nil {
		t.Fatal(err)
	}
	var after int
	if err := s.db.QueryRow(`PRAGMA cache_size`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if during != -writeCacheKiB || after != -readCacheKiB {
		t.Errorf("cache_size %d in the write, %d after; want %d, %d", during, after, -writeCacheKiB, -readCacheKiB)
	}
}

// A write keeps its statement journals and temporary tables in memory, and the same
// connection reads with SQLite's default again after it (setWriteCaches): a reminder
// batch's statement journal was written to a temporary file page by page.
func TestAWriteKeepsItsTemporaryFilesInMemoryForTheTransactionOnly(t *testing.T) {
	s := mustOpen(t)
	s.db.SetMaxOpenConns(1) // the connection read after the write is the one that wrote
	const memory, byDefault = 2, 0
	var during int
	err := s.write(ctx, "test", func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&during)
	})
	if err != nil {
		t.Fatal(err)
	}
	var after int
	if err := s.db.QueryRow(`PRAGMA temp_store`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if during != memory || after != byDefault {
		t.Errorf("temp_store %d in the write, %d after; want %d, %d", during, after, memory, byDefault)
	}
}
