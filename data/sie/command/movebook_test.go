package command

import (
	"bytes"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the test server's admin
)

func TestMoveBookCommandWithoutAServer(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nobook.db")
	tests := []struct {
		name       string
		lang       string
		args       []string
		code       int
		wantStderr []string
	}{
		{"one book is not enough and shows the usage", "C", []string{"a.db"}, ExitUsage,
			[]string{"Usage: paminn move-book FROM TO"}},
		{"two files are refused in English", "C", []string{"a.db", "b.db"}, ExitFailed,
			[]string{"a.db and b.db are both files", "The book was not moved; b.db holds none of it"}},
		{"two files are refused in Swedish", "sv_SE.UTF-8", []string{"a.db", "b.db"}, ExitFailed,
			[]string{"a.db och b.db är båda filer", "Boken flyttades inte; b.db innehåller inget av den"}},
		{"a missing book is named before any server is asked", "C",
			[]string{missing, "postgres://paminn:hemligt@127.0.0.1:1/bok"}, ExitFailed,
			[]string{"There is no book at ", "nobook.db", "postgres://paminn:xxxxx@127.0.0.1:1/bok holds none of it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LC_ALL", tt.lang)
			var stdout, stderr bytes.Buffer
			code := MoveBook(t.Context(), tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			for _, want := range tt.wantStderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr %q does not say %q", stderr.String(), want)
				}
			}
			if strings.Contains(stderr.String(), "hemligt") {
				t.Errorf("stderr shows the password: %q", stderr.String())
			}
			if _, err := os.Stat(missing); err == nil {
				t.Errorf("a book was created at the missing path")
			}
		})
	}
}

func TestMoveBookCommandMovesABookToTheServerAndBack(t *testing.T) {
	server := testDatabase(t)
	book := cliBook(t)
	t.Setenv("LC_ALL", "sv_SE.UTF-8")
	var stdout, stderr bytes.Buffer
	if code := MoveBook(t.Context(), []string{book, server}, &stdout, &stderr); code != ExitOK {
		if strings.Contains(stderr.String(), "samma version") {
			t.Skipf("the engines' schemas are at different versions on this branch: %s", stderr.String())
		}
		t.Fatalf("exit code %d, stderr %q", code, stderr.String())
	}
	for _, want := range []string{"Flyttar customers: 1 av 1 rader", "Flyttar invoices: 1 av 1 rader"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the progress %q does not say %q", stderr.String(), want)
		}
	}
	if out := stdout.String(); !strings.HasPrefix(out, "Flyttade boken från ") || !strings.Contains(out, "book.db till ") ||
		!regexp.MustCompile(`: \d+ rader i \d+ tabeller, på [0-9.]+ s\n$`).MatchString(out) {
		t.Errorf("stdout = %q", stdout.String())
	}
	back := filepath.Join(t.TempDir(), "back.db")
	stdout.Reset()
	if code := MoveBook(t.Context(), []string{server, back}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("back: exit code %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(back); err != nil {
		t.Errorf("the book was not moved back: %v", err)
	}
}

// testDatabase creates an empty database on the test server PAMINN_TEST_PG names
// (.ci/pg-server), dropped when t ends, and returns its address; it skips t without
// a server.
func testDatabase(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("PAMINN_TEST_PG")
	if admin == "" {
		t.Skip("PostgreSQL tests skipped: PAMINN_TEST_PG is not set (run them with `make test` or `.ci/pg-server go test ./data/...`)")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	name := fmt.Sprintf("paminn_cmd_%d", os.Getpid())
	if _, err := db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
