package data

import (
	"database/sql"
	"net/url"
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
	})
	if pgBenchBook.err != nil {
		tb.Fatalf("the server's benchmark book: %v", pgBenchBook.err)
	}
	return newPGDatabase(tb, "TEMPLATE "+pgBenchBook.name)
}

// PGBenchDB is a server book's connection pool, for the bare insert beside the store.
func PGBenchDB(s core.Store) *sql.DB { return s.(*PGStore).db }
