package core_test

import (
	"database/sql"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver, as data uses it
)

// openRaw opens path with a plain SQLite connection, for checks below Påminn's API.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
