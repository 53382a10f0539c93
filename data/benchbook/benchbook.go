// Package benchbook gives benchmarks the large book that DESIGN.md's performance
// targets are set for — demo.LargeSpec: 100,000 invoices, 30,000 overdue, 5,000
// customers, or with PAMINN_BENCH_SIZE=1000000 the million-invoice book — without
// importing it again for every benchmark. The book is generated
// once per schema and kept as a template file in the temporary folder; each benchmark
// works on its own copy, so one that writes cannot change what the next one measures.
//
// Only benchmarks use it: building the template takes seconds, and `go test` without
// -bench never calls it.
package benchbook

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"paminn/core"
	"paminn/data"
	"paminn/data/bankfile"
	"paminn/data/demo"
)

// Today is the date the book is "as of"; services over it run on a clock fixed to it.
var Today = core.MustDate("2026-03-16")

// Spec is the book's specification: demo.LargeSpec as of Today, or of the size
// PAMINN_BENCH_SIZE names (e.g. 1000000), scaled by demo.SizedSpec.
func Spec() demo.Spec { return demo.SizedSpec(Today, Size()) }

// SizeVariable names the environment variable that sets the book's number of invoices.
const SizeVariable = "PAMINN_BENCH_SIZE"

// DefaultSize is the book's number of invoices when SizeVariable is unset: the size
// DESIGN.md's performance targets are set for.
const DefaultSize = 100000

// Size is the number of invoices of the book: SizeVariable's value, else DefaultSize.
// A value that is not a positive number panics, so a typo never measures the wrong book.
func Size() int {
	v := os.Getenv(SizeVariable)
	if v == "" {
		return DefaultSize
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		panic(fmt.Sprintf("%s=%q: want a positive number of invoices", SizeVariable, v))
	}
	return n
}

// generatorVersion names the generator's output: bump it when data/demo changes the
// book a Spec gives, so a stale template in the temporary folder is not reused.
const generatorVersion = 2 // 2: reminders' fees in the claim, and invoices with costs left (issue 20)

var (
	templateOnce sync.Once
	templatePath string
	templateErr  error
)

// Template returns the path of the template book, building it if this schema and
// Spec have none in the temporary folder yet. Open a copy, never the template itself:
// opening a book may write to it.
func Template(tb testing.TB) string {
	tb.Helper()
	templateOnce.Do(func() { templatePath, templateErr = buildTemplate() })
	if templateErr != nil {
		tb.Fatalf("benchmark book: %v", templateErr)
	}
	return templatePath
}

// Copy copies the template book into tb's temporary folder and returns the copy's path.
func Copy(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "book.db")
	if err := copyFile(Template(tb), path); err != nil {
		tb.Fatalf("copy the benchmark book: %v", err)
	}
	return path
}

// Open opens a copy of the book, closed when tb ends. It returns once the book's quick
// check has ended: at 1,000,000 invoices the check outlasts Open's budget for it and
// would otherwise run beside the first iterations of a benchmark.
func Open(tb testing.TB) *data.Store {
	tb.Helper()
	store, err := data.Open(Copy(tb))
	if err != nil {
		tb.Fatalf("open the benchmark book: %v", err)
	}
	tb.Cleanup(func() { store.Close() })
	store.WaitForCheck()
	return store
}

// Service opens a copy of the book and returns a service over it on a clock fixed
// at 10:00 on Today, with no delivery channels: what it sends stays queued.
func Service(tb testing.TB) (*core.Service, *data.Store) {
	tb.Helper()
	store := Open(tb)
	svc := core.NewService(store, core.Options{Clock: core.FixedClock(Today.Time().Add(10 * time.Hour)),
		LettersDir: tb.TempDir(), Logger: slog.New(slog.DiscardHandler), BankFiles: bankfile.Reader{}})
	return svc, store
}

// buildTemplate finds or makes the template book for the current schema and Spec.
func buildTemplate() (string, error) {
	key, err := templateKey()
	if err != nil {
		return "", err
	}
	path := filepath.Join(os.TempDir(), "paminn-bench-"+key+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	// Build beside the final name and rename, so a benchmark running in another
	// process never sees a half-built book.
	tmp, err := os.MkdirTemp(os.TempDir(), "paminn-bench-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	built := filepath.Join(tmp, "book.db")
	store, err := data.Open(built)
	if err != nil {
		return "", err
	}
	if err := demo.Populate(context.Background(), store, Spec()); err != nil {
		store.Close()
		return "", err
	}
	// Closing checkpoints the WAL into the file (and refreshes the planner's
	// statistics, as closing the program does), so the one file is the whole book.
	if err := store.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(built, path); err != nil {
		return "", err
	}
	return path, nil
}

// templateKey names the template by the schema a new book gets, the Spec and the
// generator version: a change to any of them builds a new template.
func templateKey() (string, error) {
	dir, err := os.MkdirTemp("", "paminn-bench-schema-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "empty.db")
	store, err := data.Open(path)
	if err != nil {
		return "", err
	}
	if err := store.Close(); err != nil {
		return "", err
	}
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	h := sha256.New()
	fmt.Fprintf(h, "%+v\n%d\n", Spec(), generatorVersion)
	rows, err := db.Query(`SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var typ, name, text string
		if err := rows.Scan(&typ, &name, &text); err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %s %s\n", typ, name, text)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
