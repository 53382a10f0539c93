package data

import (
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
