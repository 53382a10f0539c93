package testbook

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"paminn/data"
)

// fresh is an empty book as the real migrations leave it, made once per test process:
// the file's bytes, copied for each test that wants a new book.
var fresh struct {
	once  sync.Once
	bytes []byte
	err   error
}

// Fresh opens a new empty book in a temporary folder, closed after the test. It is a
// copy of a book that data.Open migrated in this process, so every test gets the real
// schema without running the migrations again: property tests open hundreds of books,
// and migrating each one took most of their time.
func Fresh(tb testing.TB) *data.Store {
	tb.Helper()
	fresh.once.Do(func() { fresh.bytes, fresh.err = migratedBook() })
	if fresh.err != nil {
		tb.Fatalf("make the template book: %v", fresh.err)
	}
	path := filepath.Join(tb.TempDir(), "book.db")
	if err := os.WriteFile(path, fresh.bytes, 0o600); err != nil {
		tb.Fatal(err)
	}
	store, err := data.Open(path)
	if err != nil {
		tb.Fatalf("open test book: %v", err)
	}
	tb.Cleanup(func() { store.Close() })
	return store
}

// migratedBook makes a new book by data.Open, closes it (which folds its write-ahead
// log into the file) and returns the file's bytes.
func migratedBook() ([]byte, error) {
	dir, err := os.MkdirTemp("", "paminn-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "book.db")
	store, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	if err := store.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}
