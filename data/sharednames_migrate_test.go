package data

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paminn/core"
)

// sharedNamesMigration is the version of the migration that undoes files shared by look-alike names.
func sharedNamesMigration(t *testing.T) int {
	t.Helper()
	for _, m := range migrations {
		if strings.HasSuffix(m.name, "_shared_file_names") {
			return m.version
		}
	}
	t.Fatal("no migration *_shared_file_names")
	return 0
}

// runTheMigration runs the migration's SQL again on s, as on a book an earlier
// version left with these rows.
func runTheMigration(t *testing.T, s *Store) {
	t.Helper()
	m := migrations[sharedNamesMigration(t)-1]
	err := s.write(ctx, "migrate "+m.name, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, m.sql)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A book written before issue 25 was fixed: invoices whose numbers looked alike kept
// their originals in one file. Migrated, they no longer claim that file, their
// unsent uploads fail saying why, and an invoice with a file of its own keeps it.
func TestOriginalsSharedByLookAlikeNumbersAreForgottenNotSent(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	spec := func(number, caseRef string) invoiceSpec {
		return invoiceSpec{number: number, dueIn: -30, total: "1000", amili: core.AmiliRegistered, caseRef: caseRef}
	}
	a := mustInvoice(t, s, c, spec("2026/15", "c1"))
	b := mustInvoice(t, s, c, spec("2026:15", "c2"))
	own := mustInvoice(t, s, c, spec("1001", "c3"))
	dir := strings.TrimSuffix(s.Path(), ".db") + " PDF"
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
	err := s.write(ctx, "an earlier version's attachments", func(tx *sql.Tx) error {
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
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	runTheMigration(t, s)
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

// A book written before issue 25 was fixed: three letters went to one file name, and
// only the last one written is in it. Migrated, the two replaced letters show as
// failed, saying why, waiting for the user's Retry; a letter alone in its file stays
// sent.
func TestLettersReplacedByALookAlikeAreShownAsFailed(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	var planned []core.Reminder
	for _, n := range []string{"2026/15", "2026:15", "2026 15", "1001"} {
		planned = append(planned, plannedReminder(mustInvoice(t, s, c, invoiceSpec{number: n, dueIn: -20, total: "100"}), core.ChannelLetter))
	}
	res, err := s.CreateBatch(ctx, newBatch("old", core.ReminderManual), planned)
	if err != nil {
		t.Fatal(err)
	}
	rs := res.Reminders
	if _, err := s.ClaimDeliveries(ctx, at("10:01"), at("09:00"), 10, nil); err != nil {
		t.Fatal(err)
	}
	shared := "/letters/Paminnelse-2026_15-1-2025-03-15.pdf"
	for i, o := range []core.DeliveryOutcome{
		{ReminderID: rs[0].ID, ExternalRef: shared, At: at("10:02")},
		{ReminderID: rs[1].ID, ExternalRef: strings.ToUpper(shared), At: at("10:04")}, // one file on Windows and macOS
		{ReminderID: rs[2].ID, ExternalRef: shared, At: at("10:03")},
		{ReminderID: rs[3].ID, ExternalRef: "/letters/Paminnelse-1001-1-2025-03-15.pdf", At: at("10:02")},
	} {
		o.State = core.DeliverySent
		if err := s.FinishDelivery(ctx, o); err != nil {
			t.Fatalf("outcome %d: %v", i, err)
		}
	}
	runTheMigration(t, s)
	got, err := s.BatchReminders(ctx, res.Batch.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]core.DeliveryState{rs[0].ID: core.DeliveryFailed, rs[1].ID: core.DeliverySent,
		rs[2].ID: core.DeliveryFailed, rs[3].ID: core.DeliverySent}
	for _, r := range got {
		if r.State != want[r.ID] {
			t.Errorf("the letter for invoice %s is %s, want %s", r.InvoiceNumber, r.State, want[r.ID])
		}
		if r.State == core.DeliveryFailed && !strings.Contains(r.Error, "press Retry") {
			t.Errorf("the failed letter for invoice %s says %q", r.InvoiceNumber, r.Error)
		}
	}
	if ds, err := s.ClaimDeliveries(ctx, at("12:00"), at("11:00"), 10, nil); err != nil || len(ds) != 0 {
		t.Errorf("the replaced letters went back to the queue on their own: %+v (%v)", ds, err)
	}
	if err := s.RetryReminder(ctx, rs[0].ID, at("12:00")); err != nil {
		t.Errorf("a replaced letter cannot be retried: %v", err)
	}
}
