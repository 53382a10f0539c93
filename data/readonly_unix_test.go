//go:build unix

package data

import (
	"database/sql"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"

	"paminn/core"
)

// TestReadOnlyErrorsSayWhatIsReadOnlyAndWhatToDo maps the errors a read-only disk,
// file or folder gives: the operating system's EROFS and EACCES, and SQLite's
// SQLITE_READONLY, got for real from a connection opened with mode=ro.
func TestReadOnlyErrorsSayWhatIsReadOnlyAndWhatToDo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	closedBook(t, path)
	db, err := sql.Open("sqlite", dsn(path, "ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, sqliteReadOnly := db.Exec(`DELETE FROM customers`)
	if sqliteCode(sqliteReadOnly) != sqlite3.SQLITE_READONLY {
		t.Fatalf("a write through mode=ro gave %v, want SQLITE_READONLY", sqliteReadOnly)
	}
	erofs := &fs.PathError{Op: "open", Path: path, Err: syscall.EROFS}
	eacces := &fs.PathError{Op: "open", Path: path + ".lock", Err: syscall.EACCES}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"a read-only disk under the book", writeAccessError(erofs, path, false),
			path + " is on a read-only disk (write-protected, or mounted read-only); Påminn needs to write to it. Copy the book"},
		{"a read-only disk under the lock", writeAccessError(erofs, path, true), path + " is on a read-only disk"},
		{"a read-only disk seen by SQLite at opening", openError(erofs, path), path + " is on a read-only disk"},
		{"a file the user may not write", writeAccessError(eacces, path, false),
			path + " is read-only; Påminn needs to write to it. Clear the file's read-only setting"},
		{"a folder the user may not write in", writeAccessError(eacces, path, true),
			"The folder " + filepath.Dir(path) + " is read-only; Påminn needs to write there. Give yourself the right"},
		{"SQLite finding the book read-only at opening", openError(sqliteReadOnly, path),
			path + " is read-only; Påminn needs to write to it."},
		{"SQLite finding the book read-only while in use", storeError(sqliteReadOnly, "write"),
			"The book is read-only, so Påminn cannot save anything in it: make its file and folder writable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, tt.err, core.EUNAVAILABLE)
			if text := core.AsError(tt.err).Text(); !strings.HasPrefix(text, tt.want) {
				t.Errorf("message %q, want it to start %q", text, tt.want)
			}
		})
	}
}
