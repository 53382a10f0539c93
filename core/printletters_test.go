package core_test

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"paminn/core"
	"paminn/data/letter"
)

// pdfPages is the text of each page of the PDF file at path, read back with
// poppler's pdftotext.
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not on PATH: install poppler-utils to run this test")
	}
	var stderr bytes.Buffer
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v: %s", path, err, stderr.String())
	}
	return strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
}

// Issue 22, "print when wanted": the letters a batch posted open as one PDF, one
// page a letter in the batch's order, without the e-mail and the letter held back;
// a single letter opens as the file it was posted as; a held-back one has none.
func TestABatchsPostedLettersOpenAsOnePDFAndEachLetterFromItsRow(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New()})
	c1, c2, c3 := b.customer("K1", true, ""), b.customer("K2", true, ""), b.customer("K3", true, "")
	a := b.invoice("2001", c1, "2026-10-27", 1000)
	paid := b.invoice("2002", c2, "2026-10-27", 2000)
	z := b.invoice("2003", c3, "2026-10-27", 3000)
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{a.ID, paid.ID, z.ID}, ChargeFee: true, IdempotencyKey: "print"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: paid.ID, Amount: kr("2000")}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.BatchLettersFile(b.ctx, res.Batch.ID); core.ErrorCodeOf(err) != core.EINVALID {
		t.Errorf("before any letter went out: %v, want EINVALID", err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 || rep.Stopped != 1 {
		t.Fatalf("delivery %+v (%v), want 2 sent and 1 stopped", rep, err)
	}
	path, err := b.svc.BatchLettersFile(b.ctx, res.Batch.ID)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, path)
	if len(pages) != 2 || !strings.Contains(pages[0], "2001") || !strings.Contains(pages[1], "2003") {
		t.Fatalf("%d pages, want 2001 then 2003:\n%s", len(pages), strings.Join(pages, "\n-- page --\n"))
	}
	if strings.Contains(strings.Join(pages, ""), "2002") {
		t.Error("the held-back letter of 2002 is in the PDF")
	}
	if again, err := b.svc.BatchLettersFile(b.ctx, res.Batch.ID); err != nil || again != path {
		t.Errorf("the same batch again gave %q (%v), want %q", again, err, path)
	}

	rs := b.reminders(res.Batch.ID)
	posted, err := b.svc.ReminderLetterFile(b.ctx, a.ID, rs[0].ID)
	if err != nil || posted != rs[0].ExternalRef {
		t.Errorf("the letter of 2001 opens as %q (%v), want the posted file %q", posted, err, rs[0].ExternalRef)
	}
	if _, err := os.Stat(posted); err != nil {
		t.Error(err)
	}
	_, err = b.svc.ReminderLetterFile(b.ctx, paid.ID, rs[1].ID)
	wantCode(t, err, core.EINVALID)
}
