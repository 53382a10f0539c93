package data

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// recordPayment queues a report to Amili exactly when the invoice has an open case,
// with a reference unique to the book and the payment.
func TestAPaymentIsQueuedForAmiliOnlyWhenItsInvoiceHasAnOpenCase(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	tests := []struct {
		name    string
		spec    invoiceSpec
		queued  bool
		closeIt bool
	}{
		{"an invoice with an open case is reported", invoiceSpec{number: "1", dueIn: -30, total: "1000",
			amili: core.AmiliRegistered, caseRef: "c1"}, true, false},
		{"an invoice never handed over is not", invoiceSpec{number: "2", dueIn: -30, total: "1000"}, false, false},
		{"an invoice still being handed over (no case yet) is not", invoiceSpec{number: "3", dueIn: -30, total: "1000",
			amili: core.AmiliPending}, false, false},
		{"an invoice whose case is closed is not", invoiceSpec{number: "4", dueIn: -30, total: "1000",
			amili: core.AmiliClosed, caseRef: "c4"}, false, false},
	}
	refs := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := mustInvoice(t, s, c, tt.spec)
			before, _ := s.AmiliReports(ctx)
			for range 2 {
				if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100")}), at("12:00")); err != nil {
					t.Fatal(err)
				}
			}
			after, _ := s.AmiliReports(ctx)
			added := len(after) - len(before)
			if want := map[bool]int{true: 2, false: 0}[tt.queued]; added != want {
				t.Fatalf("%d reports queued, want %d", added, want)
			}
			for _, r := range after[:added] {
				if r.Kind != core.AmiliReportPayment || r.CaseRef != tt.spec.caseRef || !r.Amount.Equal(kr("100")) ||
					!strings.HasPrefix(r.Reference, "paminn-") || refs[r.Reference] {
					t.Errorf("report %+v", r)
				}
				refs[r.Reference] = true
			}
		})
	}
}

func TestAnAttachedPDFIsKeptBesideTheBookAndUploadedOncePerCase(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	inv := mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -30, total: "1000",
		amili: core.AmiliRegistered, caseRef: "c1"})
	notPDF := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notPDF, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AttachInvoicePDF(ctx, inv.ID, notPDF, time.Now()); core.ErrorCodeOf(err) != core.EINVALID {
		t.Fatalf("a text file was attached: %v", err)
	}
	pdf := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		got, err := s.AttachInvoicePDF(ctx, inv.ID, pdf, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(got.PDF) != strings.TrimSuffix(s.Path(), ".db")+" PDF" {
			t.Errorf("kept at %s, not beside the book %s", got.PDF, s.Path())
		}
	}
	rs, err := s.AmiliReports(ctx)
	if err != nil || len(rs) != 1 || rs[0].Kind != core.AmiliReportUpload {
		t.Errorf("reports %+v (%v), want one upload", rs, err)
	}
}

func TestACustomersMobileNumberIsKept(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	c.Mobile = "070-123 45 67"
	if err := s.UpdateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Customer(ctx, c.ID)
	if err != nil || got.Mobile != "070-123 45 67" {
		t.Errorf("mobile %q (%v)", got.Mobile, err)
	}
}

// reportsBook holds invoices with open cases and a report queued for each at 12:00:
// a cancellation, then a payment per further invoice.
func reportsBook(t *testing.T, s core.Store, payments int) (cancel core.AmiliReport, invs []core.Invoice) {
	t.Helper()
	c := mustCustomer(t, s, "K1", "Anna AB")
	for i := range payments + 1 {
		invs = append(invs, mustInvoice(t, s, c, invoiceSpec{number: fmt.Sprint(1001 + i), dueIn: -30, total: "1000",
			amili: core.AmiliRegistered, caseRef: fmt.Sprint("c", i)}))
	}
	cancel, err := s.QueueCancellation(ctx, invs[0].ID, at("12:00"))
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range invs[1:] {
		if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100")}), at("12:00")); err != nil {
			t.Fatal(err)
		}
	}
	return cancel, invs
}

// reportIDs claims reports and returns their IDs.
func reportIDs(t *testing.T, s core.Store, now, stale time.Time, limit int) ([]int64, []core.AmiliReport) {
	t.Helper()
	rs, err := s.ClaimAmiliReports(ctx, now, stale, limit)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return ids, rs
}

func TestEnginesAWithdrawalIsQueuedOncePerOpenCase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		cancel, invs := reportsBook(t, s, 0)
		if cancel.Kind != core.AmiliReportCancellation || cancel.CaseRef != "c0" || cancel.State != core.DeliveryPending ||
			cancel.InvoiceNumber != "1001" || cancel.ID == 0 {
			t.Errorf("queued %+v", cancel)
		}
		_, err := s.QueueCancellation(ctx, invs[0].ID, at("12:01"))
		wantCode(t, err, core.ECONFLICT)
		none := mustInvoice(t, s, mustCustomer(t, s, "K2", "Bertil AB"), invoiceSpec{number: "2001", dueIn: -30, total: "10"})
		_, err = s.QueueCancellation(ctx, none.ID, at("12:01"))
		wantCode(t, err, core.ECONFLICT)
		_, err = s.QueueCancellation(ctx, 999, at("12:01"))
		wantCode(t, err, core.ENOTFOUND)
	})
}

func TestEnginesAmiliReportsAreClaimedFinishedAndRetried(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		cancel, invs := reportsBook(t, s, 3)
		ids, rs := reportIDs(t, s, at("12:01"), at("11:00"), 2)
		if len(ids) != 2 || ids[0] != cancel.ID || rs[0].State != core.DeliverySending || rs[0].Attempts != 1 || rs[0].Uncertain {
			t.Fatalf("claimed %+v, want the cancellation first, sending, one attempt", rs)
		}
		rest, _ := reportIDs(t, s, at("12:01"), at("11:00"), 10)
		if len(rest) != 2 {
			t.Fatalf("second claim %v, want the other two", rest)
		}
		if again, _ := reportIDs(t, s, at("12:02"), at("11:00"), 10); len(again) != 0 {
			t.Errorf("third claim %v, want nothing: all are being sent", again)
		}
		// Started again: what was sending before 12:30 never finished.
		back, rs := reportIDs(t, s, at("13:00"), at("12:30"), 10)
		if len(back) != 4 || !rs[0].Uncertain || rs[0].Attempts != 2 {
			t.Fatalf("taken back %+v, want all four, uncertain, a second attempt", rs)
		}
		outcomes := []core.AmiliReportOutcome{
			{ReportID: cancel.ID, State: core.DeliverySent, ExternalRef: "w-1", At: at("13:01"), CloseCase: true},
			{ReportID: back[1], State: core.DeliveryFailed, Error: "Timeout", NextAttempt: at("13:30"), At: at("13:01")},
			{ReportID: back[2], State: core.DeliveryFailed, Error: "Refused", At: at("13:01")},
			{ReportID: back[3], State: core.DeliveryFailed, Error: "Maybe", At: at("13:01"), Uncertain: true},
		}
		for _, o := range outcomes {
			if err := s.FinishAmiliReport(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := s.Invoice(ctx, invs[0].ID); got.AmiliState != core.AmiliClosed {
			t.Errorf("the withdrawn case is %q, want closed", got.AmiliState)
		}
		if ids, _ := reportIDs(t, s, at("13:29"), at("12:30"), 10); len(ids) != 0 {
			t.Errorf("before the next attempt is due, claimed %v", ids)
		}
		if ids, _ := reportIDs(t, s, at("13:30"), at("12:30"), 10); len(ids) != 1 || ids[0] != back[1] {
			t.Errorf("when the next attempt is due, claimed %v, want [%d]", ids, back[1])
		}
		wantCode(t, s.RetryAmiliReport(ctx, cancel.ID, at("14:00")), core.ECONFLICT)
		wantCode(t, s.RetryAmiliReport(ctx, 999, at("14:00")), core.ENOTFOUND)
		wantCode(t, s.FinishAmiliReport(ctx, core.AmiliReportOutcome{ReportID: 999, State: core.DeliverySent, At: at("14:00")}), core.ENOTFOUND)
		for _, id := range back[2:] {
			if err := s.RetryAmiliReport(ctx, id, at("14:00")); err != nil {
				t.Fatal(err)
			}
		}
		ids, rs = reportIDs(t, s, at("14:00"), at("13:00"), 10)
		if len(ids) != 2 || rs[0].Attempts != 3 || rs[1].Uncertain {
			t.Errorf("after a retry by hand, claimed %+v, want both, a third attempt, no longer uncertain", rs)
		}
	})
}
