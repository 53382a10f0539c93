package data

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paminn/core"
)

// sharedPDFMigration is the version of the migration that undoes shared originals.
func sharedPDFMigration(t *testing.T) int {
	t.Helper()
	for _, m := range migrations {
		if strings.HasSuffix(m.name, "_shared_invoice_pdfs") {
			return m.version
		}
	}
	t.Fatal("no migration *_shared_invoice_pdfs")
	return 0
}

// A book written before issue 25 was fixed: invoices whose numbers looked alike kept
// their originals in one file. Opened now, they no longer claim that file, their
// unsent uploads fail saying why, and an invoice with a file of its own keeps it.
func TestOriginalsSharedByLookAlikeNumbersAreForgottenNotSent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := mustCustomer(t, s, "K1", "Anna AB")
	spec := func(number, caseRef string) invoiceSpec {
		return invoiceSpec{number: number, dueIn: -30, total: "1000", amili: core.AmiliRegistered, caseRef: caseRef}
	}
	a := mustInvoice(t, s, c, spec("2026/15", "c1"))
	b := mustInvoice(t, s, c, spec("2026:15", "c2"))
	own := mustInvoice(t, s, c, spec("1001", "c3"))
	dir := filepath.Join(filepath.Dir(path), "book PDF")
	shared, single := filepath.Join(dir, "faktura-2026_15.pdf"), filepath.Join(dir, "faktura-1001.pdf")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{shared, single} {
		if err := os.WriteFile(f, []byte("%PDF-1.4\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// What the earlier version recorded: a's upload sent before b's PDF replaced the
	// file, b's and own's waiting.
	err = s.write(ctx, "an earlier version's attachments", func(tx *sql.Tx) error {
		for _, row := range []struct {
			id    int64
			file  string
			state string
		}{{a.ID, shared, "sent"}, {b.ID, shared, "pending"}, {own.ID, single, "pending"}} {
			if _, err := tx.ExecContext(ctx, `UPDATE invoices SET pdf = ? WHERE id = ?`, row.file, row.id); err != nil {
				return err
			}
			if err := queueUpload(ctx, tx, row.id, at("12:00")); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE amili_reports SET state = ? WHERE invoice_id = ?`, row.state, row.id); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM schema_version WHERE version >= ?`, sharedPDFMigration(t))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := map[int64]struct{ pdf, state string }{a.ID: {"", "sent"}, b.ID: {"", "failed"}, own.ID: {single, "pending"}}
	for id, w := range want {
		inv, err := s.Invoice(ctx, id)
		if err != nil || inv.PDF != w.pdf {
			t.Errorf("invoice %s keeps %q as its original (%v), want %q", inv.Number, inv.PDF, err, w.pdf)
		}
	}
	rs, err := s.AmiliReports(ctx)
	if err != nil || len(rs) != 3 {
		t.Fatalf("reports %+v (%v), want the three uploads", rs, err)
	}
	for _, r := range rs {
		if w := want[r.InvoiceID]; string(r.State) != w.state {
			t.Errorf("the upload for invoice %d is %s, want %s", r.InvoiceID, r.State, w.state)
		}
		if r.InvoiceID == b.ID && !strings.Contains(r.Error, "Attach the invoice's PDF again") {
			t.Errorf("the failed upload says %q", r.Error)
		}
	}
	due, err := s.ClaimAmiliReports(ctx, at("13:00"), at("12:00"), 10)
	if err != nil || len(due) != 1 || due[0].InvoiceID != own.ID {
		t.Errorf("due uploads %+v (%v), want only invoice 1001's", due, err)
	}
	if _, err := os.Stat(shared); err != nil {
		t.Errorf("the shared file is gone: %v", err)
	}
}
