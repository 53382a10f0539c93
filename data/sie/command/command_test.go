package command

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data"
)

// cliBook is a book with one payment on 2026-03-10, closed again as a bookkeeper's
// script would find it.
func cliBook(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := t.Context()
	set, err := store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company = core.Company{Name: "Snickeri Ek AB", OrgNumber: "556677-8899"}
	if err := store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	c, err := store.CreateCustomer(ctx, core.Customer{Number: "K1", Name: "Kund Ett"})
	if err != nil {
		t.Fatal(err)
	}
	inv, err := store.CreateInvoice(ctx, core.Invoice{Number: "1001", CustomerID: c.ID, Currency: "SEK",
		InvoiceDate: core.MustDate("2026-01-01"), DueDate: core.MustDate("2026-01-31"), Total: decimal.NewFromInt(500)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.RegisterPayment(ctx, core.Payment{InvoiceID: inv.ID, Date: core.MustDate("2026-03-10"),
		Amount: decimal.NewFromInt(500), Parts: core.Parts{Principal: decimal.NewFromInt(500)}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportSIECommand(t *testing.T) {
	book := cliBook(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "bok.si")
	tests := []struct {
		name       string
		db         string
		args       []string
		code       int
		wantStdout string
		wantStderr string
		written    bool
	}{
		{"exports the period and says so", book, []string{"--from", "2026-01-01", "--to", "2026-12-31", "--out", out},
			ExitOK, "Exported 1 verifications from 2026-01-01 to 2026-12-31 to " + out, "", true},
		{"a period without events is a failure that writes nothing", book,
			[]string{"--from", "2025-01-01", "--to", "2025-12-31", "--out", out},
			ExitFailed, "", "Nothing to book from 2025-01-01 to 2025-12-31: no file was written", false},
		{"a date that is not one names it", book, []string{"--from", "2026-13-01", "--to", "2026-12-31", "--out", out},
			ExitFailed, "", "2026-13-01 is not a date: there is no month 13", false},
		{"a book that is not there is not created", filepath.Join(dir, "nobook.db"),
			[]string{"--from", "2026-01-01", "--to", "2026-12-31", "--out", out},
			ExitFailed, "", "There is no book at", false},
		{"a missing flag shows the usage", book, []string{"--from", "2026-01-01", "--out", out},
			ExitUsage, "", "Usage: paminn --db BOOK export-sie", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(out)
			t.Setenv("LC_ALL", "C")
			var stdout, stderr bytes.Buffer
			code := ExportSIE(t.Context(), tt.db, tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stdout %q, stderr %q; want %q, %q", stdout.String(), stderr.String(), tt.wantStdout, tt.wantStderr)
			}
			if _, err := os.Stat(out); (err == nil) != tt.written {
				t.Errorf("file written = %v, want %v", err == nil, tt.written)
			}
			if _, err := os.Stat(filepath.Join(dir, "nobook.db")); err == nil {
				t.Errorf("a book was created at the mistyped path")
			}
		})
	}
}

func TestExportSIECommandSpeaksSwedishInASwedishEnvironment(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "sv_SE.UTF-8")
	var stdout, stderr bytes.Buffer
	code := ExportSIE(t.Context(), cliBook(t), []string{"--from", "2025-01-01", "--to", "2025-12-31",
		"--out", filepath.Join(t.TempDir(), "x.si")}, &stdout, &stderr)
	if want := "Inget att bokföra"; code != ExitFailed || !strings.Contains(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q; want %q", code, stderr.String(), want)
	}
}
