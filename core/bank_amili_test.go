package core_test

import (
	"testing"
	"time"

	"paminn/core"
	"paminn/data/bankfile"
)

// A bank file that pays an invoice with an open case at Amili queues exactly one
// report to Amili (POST /creditor--payments), which goes out on the next delivery;
// the preview's "with Amili" outcome is shown for that payment and for no other —
// not for an invoice never handed over, nor for one whose case was withdrawn.
// Issue 11: "Payments on invoices with Amili are queued to Amili as creditor payments
// and retried like deliveries"; CONTRACT.md, POST /creditor--payments.
func TestABankPaymentOnAnInvoiceWithAmiliIsReportedToAmiliOnce(t *testing.T) {
	b := newDeliveryBook(t)
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Bankgiro = "5050-1055"
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	c := b.customer("K1", true, "")
	withCase := b.invoice("1001", c, "2026-10-27", 10000)
	never := b.invoice("1002", c, "2026-10-27", 2000)
	withdrawn := b.invoice("1003", c, "2026-10-27", 3000)
	b.send(core.ReminderAmili, withCase, withdrawn)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 {
		t.Fatalf("hand-over %+v (%v), want 2 cases", rep, err)
	}
	if err := b.svc.WithdrawFromAmili(b.ctx, withdrawn.ID); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("withdrawal %+v (%v)", rep, err)
	}
	withCase, _ = b.svc.Invoice(b.ctx, withCase.ID)
	withdrawn, _ = b.svc.Invoice(b.ctx, withdrawn.ID)
	if withCase.AmiliCaseRef == "" || withdrawn.AmiliState != core.AmiliClosed {
		t.Fatalf("1001 case %q, 1003 %q: want a case and a closed one", withCase.AmiliCaseRef, withdrawn.AmiliState)
	}

	file := bankfile.WriteBGMax(time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), "5050-1055",
		[]bankfile.Deposit{{Date: payDate, Serial: 1, Payments: []core.BankPayment{
			{Reference: withCase.OCR, Amount: kr("4000")},
			{Reference: never.OCR, Amount: kr("2000")},
			{Reference: withdrawn.OCR, Amount: kr("3000")},
		}}})
	imp, err := b.svc.PreviewPaymentFile(b.ctx, "bgmax.txt", file)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(imp); got != "amili full full" {
		t.Fatalf("outcomes = %s, want amili for 1001 only", got)
	}
	res, err := b.svc.RegisterPayments(b.ctx, imp)
	if err != nil || res.Payments != 3 || res.Amili != 1 {
		t.Fatalf("registered %+v (%v), want 3 payments, 1 to be reported to Amili", res, err)
	}
	paymentReports := func() []core.AmiliReport {
		t.Helper()
		rs, err := b.svc.AmiliReports(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ps []core.AmiliReport
		for _, r := range rs {
			if r.Kind == core.AmiliReportPayment {
				ps = append(ps, r)
			}
		}
		return ps
	}
	ps := paymentReports()
	if len(ps) != 1 || ps[0].InvoiceNumber != "1001" || ps[0].CaseRef != withCase.AmiliCaseRef || !ps[0].Amount.Equal(kr("4000")) {
		t.Fatalf("payment reports %+v, want one of 4000 kr on 1001's case", ps)
	}

	// Importing the file again registers nothing and queues nothing.
	if _, err := b.svc.RegisterPayments(b.ctx, b.preview(file)); core.ErrorCodeOf(err) != core.ECONFLICT {
		t.Errorf("a second import: %v, want ECONFLICT", err)
	}
	if n := len(paymentReports()); n != 1 {
		t.Errorf("%d payment reports after a second import, want 1", n)
	}

	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("delivery %+v (%v), want the payment report", rep, err)
	}
	got := b.sandbox.Payments()
	if len(got) != 1 || got[0].Case != withCase.AmiliCaseRef || !got[0].Amount.Equal(kr("4000")) {
		t.Errorf("Amili received %+v, want 4000 kr on case %s", got, withCase.AmiliCaseRef)
	}
	if ps := paymentReports(); ps[0].State != core.DeliverySent {
		t.Errorf("the report is %s %q, want sent", ps[0].State, ps[0].Error)
	}
}

func (b *deliveryBook) preview(content []byte) core.PaymentImport {
	b.t.Helper()
	imp, err := b.svc.PreviewPaymentFile(b.ctx, "bgmax.txt", content)
	if err != nil {
		b.t.Fatal(err)
	}
	return imp
}
