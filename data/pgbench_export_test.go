package data

import (
	"cmp"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"paminn/core"
)

// What package data_test's PostgreSQL benchmarks (pgbench_test.go) need of the test
// server: a server book filled once per test binary and copied for each benchmark,
// as benchbook copies its SQLite file.

var pgBenchBook struct {
	once sync.Once
	name string
	err  error
}

// PGBenchBook opens a copy of a server book that fill filled once in this test binary
// (the first caller's fill is the one used), on the test server, and returns its
// address; the copy is dropped when tb ends. It skips tb without a test server.
func PGBenchBook(tb testing.TB, fill func(s *PGStore) error) string {
	tb.Helper()
	skipWithoutPG(tb)
	pgBenchBook.once.Do(func() {
		if name := keptPGBenchBook(tb); name != "" {
			pgBenchBook.name = name
			return
		}
		address := createPGDatabase(tb, "")
		s, err := OpenPostgres(ctx, address)
		if err != nil {
			pgBenchBook.err = err
			return
		}
		if err = fill(s); err == nil {
			_, err = s.db.Exec(`VACUUM ANALYZE`)
		}
		s.Close()
		pgBenchBook.err = err
		u, _ := url.Parse(address)
		pgBenchBook.name = strings.TrimPrefix(u.Path, "/")
		if err == nil && os.Getenv(pgBenchKeepEnv) != "" {
			pgBenchBook.err = keepPGBenchBook(tb, pgBenchBook.name)
		}
	})
	if pgBenchBook.err != nil {
		tb.Fatalf("the server's benchmark book: %v", pgBenchBook.err)
	}
	return newPGDatabase(tb, "TEMPLATE "+pgBenchBook.name)
}

// pgBenchKeepEnv, when set, keeps the filled benchmark book on the server under a name
// of its size and schema (keptPGBenchBookName), and a later run on the same server
// copies it instead of filling one again: at 1,000,000 invoices the fill takes some
// ten minutes. For a server kept running between runs, e.g.
//
//	./.ci/pg-server sh -c 'env | grep ^PAMINN_TEST_PG > /tmp/pgenv; sleep 36000' &
//	env $(cat /tmp/pgenv) PAMINN_PG_BENCH_KEEP=1 PAMINN_BENCH_SIZE=1000000 go test -run '^$' -bench PG ./data/
const pgBenchKeepEnv = "PAMINN_PG_BENCH_KEEP"

// keptPGBenchBookName is the kept book's name: the book's size and a digest of the
// server migrations, so a changed schema is filled again.
func keptPGBenchBookName() string {
	h := sha256.New()
	for _, m := range pgMigrations {
		io.WriteString(h, m.name+m.sql)
	}
	return fmt.Sprintf("paminn_bench_%s_%x", cmp.Or(os.Getenv("PAMINN_BENCH_SIZE"), "default"), h.Sum(nil)[:6])
}

// keptPGBenchBook is the kept book's name if pgBenchKeepEnv is set and the server has
// it, else "".
func keptPGBenchBook(tb testing.TB) string {
	if os.Getenv(pgBenchKeepEnv) == "" {
		return ""
	}
	var n int
	name := keptPGBenchBookName()
	if err := pgAdmin(tb).QueryRow(`SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil || n == 0 {
		return ""
	}
	return name
}

// keepPGBenchBook copies the filled book (database name) to the kept book's name.
func keepPGBenchBook(tb testing.TB, name string) error {
	_, err := pgAdmin(tb).Exec(`CREATE DATABASE ` + keptPGBenchBookName() + ` TEMPLATE ` + name)
	return err
}

// PGBenchDB is a server book's connection pool, for the bare insert beside the store.
func PGBenchDB(s core.Store) *sql.DB { return s.(*PGStore).db }
