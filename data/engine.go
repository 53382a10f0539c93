package data

import "context"

// Two engines behind core.Store (issue 24).
//
// A book is a SQLite file (Store, store.go: the default, for one user) or a database
// on a PostgreSQL server (PGStore, pgstore.go: an office's shared book, opened with
// `paminn --db postgres://…`). Both implement core.Store, the only contract the
// Service knows. How they share code:
//
//   - Two store types, one set of queries. What is the same lives once, below the
//     transaction: the functions over *sql.Tx (findCustomer, replaceReferenceRates,
//     queryInvoices, …), the SQL text, the column lists and scanners (customerColumns,
//     invoiceColumns, dateCol, oreCol), and the meanings rendered from core's terms
//     (fact, eligibility, status). A store method is a transaction around them, so
//     a PGStore method that is ported is that same function in PGStore's transaction.
//   - The SQL is written once, as for SQLite: PostgreSQL gets it through pgx's
//     database/sql driver wrapped by rebindConnector (pgdriver.go), which turns `?`
//     and `?NNN` into `$n` and drops SQLite's index hints (INDEXED BY: how to read,
//     never what). Where a statement must differ (json_each over a JSON array, a sum
//     PostgreSQL returns as numeric, date functions), its PostgreSQL twin is
//     registered beside the SQLite constant (pgTwin, pgtwins.go) and the driver runs
//     it in the constant's place, so the shared function needs no change. Where the Go
//     around a statement must differ (LastInsertId, which PostgreSQL has not, is kept
//     on SQLite's bulk inserts for speed), the function asks onPostgres(ctx): PGStore's
//     transactions hand their functions a context marked as the server's. Portable
//     forms are preferred where both engines take them (RETURNING id on single rows,
//     ON CONFLICT, an alias on every subquery in FROM, `1 = 1` rather than `1`).
//   - The stored forms are the same on both (pgmigrations/021_book.sql lists the
//     mapping): dates and instants as text, money as integer öre, booleans as 0/1,
//     text compared byte by byte (COLLATE "C", SQLite's BINARY). So one scanner reads
//     both, one argument list writes both, and a sort or a range over dates orders
//     alike. Native date and boolean types on PostgreSQL would need every shared
//     query written twice; that is a later choice, made query by query where speed
//     asks for it (the 1,000,000-invoice targets), with the conformance tests as the
//     guard.
//   - No meaning is written twice without a test that keeps the two in step: the data
//     package's store tests open their store through one helper (engines_test.go,
//     forEachEngine), and a test that runs on both engines is the same test; the
//     schema's tables, columns and indexes are compared with SQLite's at the same
//     version (TestPostgresSchemaMatchesSQLite).
//   - Why a second type and not one Store with an engine flag: the SQLite store
//     carries what only a file has (the lock file, backups, the damage check, page
//     caches tuned per statement), and a flag tested in some eighty methods is easy to
//     forget, after which a method would quietly run SQLite's SQL on the server. A
//     type whose method set the compiler checks makes each operation written for its
//     engine (a call to the shared function), never something else. Every operation
//     is ported; the last, AttachInvoicePDF, keeps the PDF's bytes in the book on a
//     server (pgattachpdf.go), where SQLite keeps them beside the book file.
//
// Transactions: SQLite has one writer at a time (BEGIN IMMEDIATE); PGStore keeps that
// meaning for now — a write takes a transaction-level advisory lock on the book before
// it reads anything, so the store's read-then-write code, written for one writer,
// stays right with several desktops. A read is one REPEATABLE READ, READ ONLY
// transaction: one snapshot, as SQLite's read transaction is. What a desktop planned
// from may have changed by the time its write runs: a reminder batch locks its
// invoices' rows and refuses, writing nothing, if another desktop reminded one of them
// meanwhile (pgbatches.go), so each invoice takes each step once. Finer locking
// replaces the book lock operation by operation, each with its concurrency test: the
// delivery queue and the reports to Amili are claimed with row locks (FOR UPDATE SKIP
// LOCKED) and held by a lease that lasts as long as its claimer's session (pglease.go,
// pgqueue.go), so desktops claim different rows at once and none takes a row another
// living desktop is sending.
//
// Migrations: data/migrate.go's own runner, not pressly/goose. SQLite's migrations must
// not change, and its runner does what goose would not: Go steps in a migration's
// transaction (seedReferenceRates), table rebuilds with foreign keys off, a backup
// before an update, the version read before the file is opened for writing. The
// PostgreSQL runner (pgmigrate.go) is as small: its files are numbered as SQLite's, the
// first (021_book.sql) the whole schema at 021, each later one a port of SQLite's
// migration of that number; they run in one transaction under an advisory lock, so the
// desktop that opens the book first migrates it and the others wait and find it done.
// The versions go in the same schema_version table, which is how a desktop older than
// the book's schema knows to refuse. sqlc was left too: the list and the dialog build
// their ORDER BY and filters at run time, which it does not generate.

// pgEngine marks a context as PGStore's: a shared function that must write one thing
// differently per engine asks onPostgres (for now: how an inserted row's ID is read
// back in bulk, where SQLite's LastInsertId is cheapest and PostgreSQL has only
// RETURNING). PGStore's read and write hand their function a context so marked.
type pgEngine struct{}

// onPostgres says whether ctx is a PGStore transaction's.
func onPostgres(ctx context.Context) bool { return ctx.Value(pgEngine{}) != nil }

// IsServerAddress reports whether a --db argument names a book on a PostgreSQL server
// (a postgres:// or postgresql:// URL) rather than a SQLite file.
func IsServerAddress(db string) bool {
	for _, scheme := range []string{"postgres://", "postgresql://"} {
		if len(db) >= len(scheme) && equalFoldASCII(db[:len(scheme)], scheme) {
			return true
		}
	}
	return false
}

// equalFoldASCII compares two ASCII strings without regard to case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}
