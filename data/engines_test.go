package data

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"paminn/core"
)

// The conformance harness (issue 24): a store test written once runs on both engines.
//
//	func TestSomething(t *testing.T) {
//		forEachEngine(t, func(t *testing.T, s core.Store) { … })
//	}
//
// runs the body as the subtests sqlite (a new book file, as mustOpen opens) and
// postgres (a new database on the test server, migrated as OpenPostgres migrates).
// The server is the one PAMINN_TEST_PG names: `make test` starts a throwaway one
// (.ci/pg-server), and so does `.ci/pg-server go test ./data/`. Without it the
// postgres subtests are skipped with the reason, which go test -v prints and
// TestPostgresServerForTheConformanceTests reports in every run.

// pgTestEnv names the test server's address (a superuser's URL).
const pgTestEnv = "PAMINN_TEST_PG"

// pgSkipReason is why the PostgreSQL tests cannot run, or "" when they can.
func pgSkipReason() string {
	if os.Getenv(pgTestEnv) != "" {
		return ""
	}
	if why := os.Getenv("PAMINN_TEST_PG_SKIP"); why != "" {
		return "PostgreSQL tests skipped: " + why
	}
	return "PostgreSQL tests skipped: " + pgTestEnv + " is not set (run them with `make test` or `.ci/pg-server go test ./data/`)"
}

// skipWithoutPG skips tb, saying why, when there is no test server.
func skipWithoutPG(tb testing.TB) {
	tb.Helper()
	if why := pgSkipReason(); why != "" {
		tb.Skip(why)
	}
}

// forEachEngine runs test on a new book of each engine, as subtests named sqlite and
// postgres.
func forEachEngine(t *testing.T, test func(t *testing.T, s core.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { test(t, mustOpen(t)) })
	t.Run("postgres", func(t *testing.T) { test(t, mustOpenPG(t)) })
}

// mustOpenPG opens a book in a new database on the test server and closes it (and
// drops the database) when the test ends; it skips the test without a server.
func mustOpenPG(tb testing.TB) *PGStore {
	tb.Helper()
	s, err := OpenPostgres(ctx, newPGBook(tb))
	if err != nil {
		tb.Fatalf("OpenPostgres: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// pgTemplate is a database migrated once per test run that newPGBook copies: CREATE
// DATABASE … TEMPLATE copies a migrated book in a few milliseconds, where migrating
// anew takes ten times that.
var pgTemplate struct {
	once sync.Once
	name string
	err  error
}

// newPGBook hands the test a database holding an empty book (migrated, as a new book
// is) on the test server, and returns its address. The books are reused: CREATE
// DATABASE copies the template's files and takes 0.1–2 s on a busy machine, emptying a
// book takes a few milliseconds. When the test ends the book is emptied (resetPGBook)
// and kept for the next test, or dropped if that fails.
func newPGBook(tb testing.TB) string {
	tb.Helper()
	skipWithoutPG(tb)
	pgTemplate.once.Do(func() {
		pgTemplate.name = fmt.Sprintf("paminn_tmpl_%d", os.Getpid())
		pgTemplate.err = makePGTemplate(tb, pgTemplate.name)
	})
	if pgTemplate.err != nil {
		tb.Fatalf("the template book: %v", pgTemplate.err)
	}
	pgBooks.Lock()
	var address string
	if n := len(pgBooks.free); n > 0 {
		address, pgBooks.free = pgBooks.free[n-1], pgBooks.free[:n-1]
	}
	pgBooks.Unlock()
	if address == "" {
		address = createPGDatabase(tb, "TEMPLATE "+pgTemplate.name)
	}
	tb.Cleanup(func() {
		if err := resetPGBook(address); err != nil {
			tb.Logf("emptying the test book: %v; dropping it", err)
			dropPGDatabase(tb, address)
			return
		}
		pgBooks.Lock()
		pgBooks.free = append(pgBooks.free, address)
		pgBooks.Unlock()
	})
	return address
}

// pgBooks are the emptied test books waiting for a test, and every one made.
var pgBooks struct {
	sync.Mutex
	free, all []string
}

// resetPGBook empties the book at address as a new book is: every table but the
// book's mark and identity emptied (IDs starting at 1 again), the schema versions as
// the migrations left them, the published reference rates.
func resetPGBook(address string) error {
	cfg, err := pgx.ParseConfig(address)
	if err != nil {
		return err
	}
	db := sql.OpenDB(rebindConnector{stdlib.GetConnector(*cfg)}) // the store's SQL, as PGStore runs it
	defer db.Close()
	tables := `SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = current_schema()
		AND tablename NOT IN ('paminn_book', 'book_identity', 'schema_version')`
	var list string
	if err := db.QueryRow(tables).Scan(&list); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`TRUNCATE ` + list + ` RESTART IDENTITY CASCADE`); err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM schema_version WHERE version > ?`, pgSchemaVersion()); err != nil {
		return err
	}
	if err := replaceReferenceRates(context.WithValue(ctx, pgEngine{}, true), tx, core.DefaultReferenceRates()); err != nil {
		return err
	}
	return tx.Commit()
}

// makePGTemplate creates and migrates the template book, dropped by TestMain when the
// test binary's last test has ended (dropPGTemplate).
func makePGTemplate(tb testing.TB, name string) error {
	admin := pgAdmin(tb)
	if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
		return err
	}
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		return err
	}
	s, err := OpenPostgres(ctx, pgAddress(tb, name))
	if err != nil {
		return err
	}
	return s.Close()
}

// pgDatabases numbers the databases this test binary makes.
var pgDatabases atomic.Int64

// newPGDatabase creates a new database (CREATE DATABASE name with), dropped when the
// test ends, and returns its address. It skips tb without a server.
func newPGDatabase(tb testing.TB, with string) string {
	tb.Helper()
	skipWithoutPG(tb)
	address := createPGDatabase(tb, with)
	tb.Cleanup(func() { dropPGDatabase(tb, address) })
	return address
}

// createPGDatabase creates a database (CREATE DATABASE name with) and returns its
// address; TestMain drops it if a test has not.
func createPGDatabase(tb testing.TB, with string) string {
	tb.Helper()
	name := fmt.Sprintf("paminn_t%d_%d", os.Getpid(), pgDatabases.Add(1))
	if _, err := pgAdmin(tb).Exec(`CREATE DATABASE ` + name + ` ` + with); err != nil {
		tb.Fatalf("CREATE DATABASE: %v", err)
	}
	pgBooks.Lock()
	pgBooks.all = append(pgBooks.all, name)
	pgBooks.Unlock()
	return pgAddress(tb, name)
}

// dropPGDatabase drops the database at address.
func dropPGDatabase(tb testing.TB, address string) {
	tb.Helper()
	u, err := url.Parse(address)
	if err != nil {
		tb.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	if _, err := pgAdmin(tb).Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
		tb.Errorf("DROP DATABASE %s: %v", name, err)
	}
}

// pgAddress is the test server's address with database name.
func pgAddress(tb testing.TB, name string) string {
	tb.Helper()
	u, err := url.Parse(os.Getenv(pgTestEnv))
	if err != nil {
		tb.Fatalf("%s: %v", pgTestEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

var pgAdminDB struct {
	once sync.Once
	db   *sql.DB
}

// pgAdmin is a connection pool to the test server's maintenance database, for
// creating and dropping test databases; it skips tb without a server.
func pgAdmin(tb testing.TB) *sql.DB {
	tb.Helper()
	skipWithoutPG(tb)
	pgAdminDB.once.Do(func() {
		db, err := sql.Open("pgx", os.Getenv(pgTestEnv))
		if err == nil {
			pgAdminDB.db = db
		}
	})
	if pgAdminDB.db == nil {
		tb.Fatalf("cannot open %s", pgTestEnv)
	}
	return pgAdminDB.db
}

var _ = stdlib.GetDefaultDriver // registers the "pgx" driver pgAdmin opens

// TestMain runs the package's tests and then drops the template book. It prints
// nothing of its own: some tests run this binary again as a child and read what it
// prints (lock_test.go).
func TestMain(m *testing.M) {
	code := m.Run()
	dropPGTemplate()
	os.Exit(code)
}

// dropPGTemplate drops the template book and the test books, if this test binary made
// any.
func dropPGTemplate() {
	if pgAdminDB.db == nil {
		return
	}
	for _, name := range append(pgBooks.all, pgTemplate.name) {
		if name != "" {
			_, _ = pgAdminDB.db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		}
	}
	pgAdminDB.db.Close()
}

// TestPostgresServerForTheConformanceTests says in every run whether the PostgreSQL
// tests ran: it is skipped, with the reason, when they do not.
func TestPostgresServerForTheConformanceTests(t *testing.T) {
	skipWithoutPG(t)
	var version string
	if err := pgAdmin(t).QueryRow(`SHOW server_version`).Scan(&version); err != nil {
		t.Fatalf("the test server does not answer: %v", err)
	}
	t.Logf("PostgreSQL %s", version)
}
