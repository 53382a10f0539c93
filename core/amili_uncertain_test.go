package core_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/amili"
)

// handedOver is an invoice handed to the sandbox, its case made.
func (b *deliveryBook) handedOver(number string) core.Invoice {
	b.t.Helper()
	inv := b.invoice(number, b.customer("K"+number, true, ""), "2026-10-27", 10000)
	b.send(core.ReminderAmili, inv)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		b.t.Fatalf("hand-over %+v (%v)", rep, err)
	}
	got, err := b.svc.Invoice(b.ctx, inv.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	return got
}

// issue 19, point 2. CONTRACT.md: cancellations have a list endpoint (GET
// /creditor--cancellations, `where` on case), so a withdrawal whose answer was lost
// or unreadable is looked up, and sent again only when the lookup provably found none;
// an unfiltered lookup is no answer, and the withdrawal waits.
func TestALostWithdrawalIsLookedUpAndNeverSentTwice(t *testing.T) {
	for _, mode := range []amili.FailMode{amili.FailAfterCommit, amili.FailUnreadable} {
		t.Run(map[amili.FailMode]string{amili.FailAfterCommit: "lost answer", amili.FailUnreadable: "unreadable answer"}[mode], func(t *testing.T) {
			b := newDeliveryBook(t)
			other := b.handedOver("1002")
			inv := b.handedOver("1001")
			if err := b.svc.WithdrawFromAmili(b.ctx, other.ID); err != nil {
				t.Fatal(err)
			}
			if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
				t.Fatalf("the other withdrawal %+v (%v)", rep, err)
			}
			if err := b.svc.WithdrawFromAmili(b.ctx, inv.ID); err != nil {
				t.Fatal(err)
			}
			b.sandbox.FailNext(1, mode)
			if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
				t.Fatalf("first pass %+v (%v)", rep, err)
			}
			b.clock.advance(10 * time.Minute)
			b.sandbox.FailNext(1, amili.FailUnfiltered)
			if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
				t.Fatalf("an unfiltered lookup: %+v (%v), want the withdrawal to wait", rep, err)
			}
			b.clock.advance(time.Hour)
			if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
				t.Fatalf("third pass %+v (%v)", rep, err)
			}
			n := 0
			for _, c := range b.sandbox.Cancellations() {
				if c.Case == inv.AmiliCaseRef {
					n++
				}
			}
			if n != 1 {
				t.Errorf("Amili received %d withdrawals of the case, want 1", n)
			}
			if got, _ := b.svc.Invoice(b.ctx, inv.ID); got.AmiliState != core.AmiliClosed {
				t.Errorf("the withdrawn invoice is %q, want closed", got.AmiliState)
			}
		})
	}
}

// issue 19, point 3. CONTRACT.md: an upload has no documented way to be looked up, so
// after an uncertain one Påminn does not send it again on its own; the report says it
// may not have arrived, and the user sends it again.
func TestAnUncertainUploadIsNotSentAgainUntilTheUserSaysSo(t *testing.T) {
	for _, mode := range []amili.FailMode{amili.FailAfterCommit, amili.FailUnreadable, amili.FailServerError} {
		t.Run(map[amili.FailMode]string{amili.FailAfterCommit: "lost answer", amili.FailUnreadable: "unreadable answer",
			amili.FailServerError: "server error"}[mode], func(t *testing.T) {
			b := newDeliveryBook(t)
			inv := b.handedOver("1001")
			pdf := filepath.Join(t.TempDir(), "1001.pdf")
			if err := os.WriteFile(pdf, []byte("%PDF-1.4\n% the original invoice\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := b.svc.AttachInvoicePDF(b.ctx, inv.ID, pdf); err != nil {
				t.Fatal(err)
			}
			b.sandbox.FailNext(1, mode)
			if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
				t.Fatalf("first pass %+v (%v)", rep, err)
			}
			arrived := len(b.sandbox.Uploads())
			for range 5 {
				b.clock.advance(3 * time.Hour)
				if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed != 0 {
					t.Fatalf("the uncertain upload was sent again on its own: %+v (%v)", rep, err)
				}
			}
			rs, err := b.svc.InvoiceAmiliReports(b.ctx, inv.ID)
			if err != nil || len(rs) != 1 || rs[0].State != core.DeliveryFailed || !rs[0].Uncertain ||
				!strings.Contains(rs[0].Error, "may not have arrived") {
				t.Fatalf("reports %+v (%v), want the upload failed, uncertain, saying it may not have arrived", rs, err)
			}
			if err := b.svc.RetryAmiliReport(b.ctx, rs[0].ID); err != nil {
				t.Fatal(err)
			}
			if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
				t.Fatalf("sent again by the user: %+v (%v)", rep, err)
			}
			if got := len(b.sandbox.Uploads()); got != arrived+1 {
				t.Errorf("%d uploads at Amili after the user's one, want %d", got, arrived+1)
			}
			rs, _ = b.svc.InvoiceAmiliReports(b.ctx, inv.ID)
			if rs[0].State != core.DeliverySent || rs[0].Uncertain {
				t.Errorf("after the user's upload: %+v", rs[0])
			}
		})
	}
}

// issue 19, point 4. When a registration's answer is lost, the case found by the
// lookup gets the OCR from where CONTRACT.md shows it: the case's case_registration,
// read back (GET /case--registrations/{id}), `_ocr_numbers_ocr`. When that cannot be
// read, the invoice says its OCR is not known (never an OCR stored empty as if there
// were none), and a sync fills it in later.
func TestAnInvoiceFoundByLookupGetsAmilisOCROrSaysItIsNotKnown(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	found := b.invoice("1001", c, "2026-10-27", 10000)
	unread := b.invoice("1002", c, "2026-10-27", 10000)
	b.send(core.ReminderAmili, found, unread)
	b.sandbox.FailNext(2, amili.FailAfterCommit)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 2 {
		t.Fatalf("first pass %+v (%v)", rep, err)
	}
	// 1001: the lookup and the registration read work. 1002: the lookup works, the
	// registration cannot be read.
	b.clock.advance(10 * time.Minute)
	b.sandbox.FailNext(3, 0)
	b.sandbox.FailNext(1, amili.FailServerError)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 {
		t.Fatalf("second pass %+v (%v)", rep, err)
	}
	want := map[string]string{}
	for _, cs := range b.sandbox.Cases() {
		want[cs.Debt.InvoiceNumber] = cs.ID
	}
	got1, _ := b.svc.Invoice(b.ctx, found.ID)
	if got1.AmiliOCR == "" || got1.AmiliOCRUnknown() || got1.AmiliCaseRef != want["1001"] {
		t.Errorf("1001: case %q OCR %q, want case %s and its OCR", got1.AmiliCaseRef, got1.AmiliOCR, want["1001"])
	}
	got2, _ := b.svc.Invoice(b.ctx, unread.ID)
	if got2.AmiliCaseRef != want["1002"] || got2.AmiliOCR != "" || !got2.AmiliOCRUnknown() {
		t.Errorf("1002: case %q OCR %q unknown %v, want its case with the OCR said to be unknown",
			got2.AmiliCaseRef, got2.AmiliOCR, got2.AmiliOCRUnknown())
	}
	if _, err := b.svc.SyncAmili(b.ctx); err != nil {
		t.Fatal(err)
	}
	got2, _ = b.svc.Invoice(b.ctx, unread.ID)
	if got2.AmiliOCR == "" || got2.AmiliOCR == got1.AmiliOCR || got2.AmiliOCRUnknown() {
		t.Errorf("after a sync 1002's OCR is %q (1001's %q), want its own", got2.AmiliOCR, got1.AmiliOCR)
	}
}
