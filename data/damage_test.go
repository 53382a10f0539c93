package data

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// bookWithInvoices writes a book at path with one customer and n invoices, backed up
// at each of backups (by Store.backup, as a migration does), and closes it.
func bookWithInvoices(t *testing.T, path string, n int, backups ...time.Time) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCustomer(t, s, "K1", "Anna AB")
	for i := range n {
		mustInvoice(t, s, c, invoiceSpec{number: fmt.Sprintf("F%04d", i), dueIn: -10, total: "1250.00"})
	}
	for _, at := range backups {
		if _, err := s.backup(ctx, len(migrations), at); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// damageInvoices overwrites every page of the invoices table in the book's main file
// with bytes that are no b-tree page, as a failing disk or a stray write might: pages
// in the middle of the file, between those of the indexes and other tables. The pages
// are found through SQLite's dbstat table, from a read-only connection.
func damageInvoices(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, "ro"))
	if err != nil {
		t.Fatal(err)
	}
	var pageSize int64
	var pages []int64
	err = db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	if err == nil {
		pages, err = invoicePages(db)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 3 || pages[0] == 1 {
		t.Fatalf("the invoices table is on pages %v: too few to damage in the middle", pages)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := []byte(strings.Repeat("\xa5skadad", int(pageSize)/7+1)[:pageSize])
	for _, p := range pages {
		if _, err := f.WriteAt(garbage, (p-1)*pageSize); err != nil {
			t.Fatal(err)
		}
	}
}

// invoicePages lists the pages of the invoices table, lowest first.
func invoicePages(db *sql.DB) ([]int64, error) {
	rows, err := db.Query(`SELECT pageno FROM dbstat WHERE name = 'invoices' ORDER BY pageno`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var pages []int64
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		pages = append(pages, p)
	}
	return pages, rows.Err()
}

// wantDamaged fails the test unless err tells the user that the book at path is
// damaged and what to do, with all of says in the message.
func wantDamaged(t *testing.T, err error, path string, says ...string) {
	t.Helper()
	wantCode(t, err, core.EINVALID)
	text := core.AsError(err).Text()
	for _, want := range append([]string{path + " is damaged"}, says...) {
		if !strings.Contains(text, want) {
			t.Errorf("the message %q does not say %q", text, want)
		}
	}
}

func TestOpenRefusesABookDamagedInTheMiddleAndNamesItsNewestBackup(t *testing.T) {
	older := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	newer := time.Date(2026, 11, 30, 17, 45, 12, 0, time.UTC)
	tests := []struct {
		name    string
		backups []time.Time
		says    func(path string) string
	}{
		{"without a backup it says to restore one of the user's own", nil,
			func(string) string { return "There is no backup of it beside it" }},
		{"with backups it names the newest", []time.Time{newer, older},
			func(path string) string {
				return "The newest backup beside it is " + path + fmt.Sprintf(".bak-v%d-20261130174512,", len(migrations))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "book.db")
			bookWithInvoices(t, path, 300, tt.backups...)
			damageInvoices(t, path)
			before := snapshot(t, dir)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("a book damaged in the middle opened")
			}
			wantDamaged(t, err, path, "cannot be opened", tt.says(path))
			if after := snapshot(t, dir); !equalSnapshots(before, after) {
				t.Errorf("the folder changed: before %v, after %v", names(before), names(after))
			}
		})
	}
}

func TestABookDamagedWhileOpenIsReportedAndNotWrittenTo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	bookWithInvoices(t, path, 300)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	damageInvoices(t, path)

	_, err = s.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterAll}, today)
	wantDamaged(t, err, path, "Påminn writes nothing more to it", "restore the book from a backup of your own")
	before := snapshot(t, dir)
	_, err = s.CreateCustomer(ctx, core.Customer{Number: "K2", Name: "Bertil AB"})
	wantDamaged(t, err, path, "Påminn writes nothing more to it")
	if after := snapshot(t, dir); !equalSnapshots(before, after) {
		t.Error("a write went into the damaged book")
	}
}

func TestABookTooLargeToCheckInTimeIsCheckedOnceOpen(t *testing.T) {
	defer func(d time.Duration) { openCheckBudget = d }(openCheckBudget)
	openCheckBudget = 0 // as if the check took longer than opening may
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	bookWithInvoices(t, path, 300)
	damageInvoices(t, path)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open with no time to check: %v", err)
	}
	defer s.Close()
	s.WaitForCheck()
	_, err = s.CreateCustomer(ctx, core.Customer{Number: "K2", Name: "Bertil AB"})
	wantDamaged(t, err, path, "Påminn writes nothing more to it")
}

func TestNewestBackupIsTheLatestBackupOfThisBook(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"no files, no backup", nil, ""},
		{"the book and its WAL are no backups", []string{"book.db", "book.db-wal", "book.db.lock"}, ""},
		{"one backup", []string{"book.db", "book.db.bak-v3-20260101120000"}, "book.db.bak-v3-20260101120000"},
		{"the later time wins over the higher version", []string{"book.db.bak-v9-20250101120000", "book.db.bak-v3-20260101120000"}, "book.db.bak-v3-20260101120000"},
		{"the second of one second wins", []string{"book.db.bak-v3-20260101120000-2", "book.db.bak-v3-20260101120000"}, "book.db.bak-v3-20260101120000-2"},
		{"the tenth of one second beats the ninth", []string{"book.db.bak-v3-20260101120000-9", "book.db.bak-v3-20260101120000-10"}, "book.db.bak-v3-20260101120000-10"},
		{"another book's backup is not this one's", []string{"other.db.bak-v3-20270101120000", "book.db.bak-v3-20260101120000"}, "book.db.bak-v3-20260101120000"},
		{"a backup opened as a book leaves files that are no backups", []string{"book.db.bak-v3-20270101120000-wal", "book.db.bak-v3-20270101120000.lock"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := ""
			if tt.want != "" {
				want = filepath.Join(dir, tt.want)
			}
			if got := newestBackup(filepath.Join(dir, "book.db")); got != want {
				t.Errorf("newestBackup = %q, want %q", got, want)
			}
		})
	}
}

func TestABookFoundDamagedWhileBeingUpdatedIsNotOpened(t *testing.T) {
	defer func(d time.Duration) { openCheckBudget = d }(openCheckBudget)
	openCheckBudget = 0 // as if the check took longer than opening may
	path := filepath.Join(t.TempDir(), "book.db")
	bookWithInvoices(t, path, 300)
	damageInvoices(t, path)
	withExtraMigration(t, `CREATE TABLE notes (id INTEGER PRIMARY KEY);`)
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("a damaged book opened and was updated")
	}
	wantDamaged(t, err, path, "cannot be opened")
}
