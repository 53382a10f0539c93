package core_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/amili"
)

// casesPerInvoice counts the sandbox's cases by invoice number.
func casesPerInvoice(sb *amili.Sandbox) map[string]int {
	n := map[string]int{}
	for _, c := range sb.Cases() {
		n[c.Debt.InvoiceNumber]++
	}
	return n
}

// Never twice, fail closed (CONTRACT.md, Errors and duplicates): through a lost
// answer, a timeout, a 5xx and a 201 whose body cannot be read, and then lookups that
// come back unfiltered or malformed, every invoice ends with exactly one case.
func TestEveryInvoiceGetsExactlyOneCaseWhateverGoesWrong(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	var invs []core.Invoice
	for i := range 5 {
		invs = append(invs, b.invoice(fmt.Sprint(1001+i), c, "2026-10-27", 10000))
	}
	res := b.send(core.ReminderAmili, invs...)

	// Pass 1, in queue order: 1001's case is made and its answer lost; 1002 times out
	// and 1003 meets a 500 before anything is done; 1004's case is made and its 201
	// cannot be read; 1005 goes through.
	b.sandbox.FailNext(1, amili.FailAfterCommit)
	b.sandbox.FailNext(1, amili.FailTimeout)
	b.sandbox.FailNext(1, amili.FailServerError)
	b.sandbox.FailNext(1, amili.FailUnreadable)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 || rep.Failed != 4 {
		t.Fatalf("pass 1: %+v (%v), want 1 sent and 4 failed", rep, err)
	}

	// Pass 2: 1001's lookup comes back unfiltered and 1002's malformed: they wait,
	// never re-POSTed. 1003's lookup provably finds nothing, so it is registered; 1004's
	// finds the case made in pass 1.
	b.clock.advance(10 * time.Minute)
	b.sandbox.FailNext(1, amili.FailUnfiltered)
	b.sandbox.FailNext(1, amili.FailMalformed)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 || rep.Failed != 2 {
		t.Fatalf("pass 2: %+v (%v), want 2 sent and 2 failed", rep, err)
	}
	errs := map[string]string{}
	for _, r := range b.reminders(res.Batch.ID) {
		errs[r.InvoiceNumber] = r.Error
	}
	if !strings.Contains(errs["1001"], "came back unfiltered") || !strings.Contains(errs["1002"], "could not be read") {
		t.Errorf("the waiting reminders do not say why: %q", errs)
	}
	if n := casesPerInvoice(b.sandbox); n["1002"] != 0 || n["1001"] != 1 {
		t.Errorf("after pass 2: %v", n)
	}

	// Pass 3: the lookups work; 1001 is found, 1002 registered at last.
	b.clock.advance(10 * time.Minute)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 || rep.Failed != 0 {
		t.Fatalf("pass 3: %+v (%v), want 2 sent", rep, err)
	}
	n := casesPerInvoice(b.sandbox)
	cases := map[string]string{}
	for _, c := range b.sandbox.Cases() {
		cases[c.Debt.InvoiceNumber] = c.ID
	}
	for _, inv := range invs {
		if n[inv.Number] != 1 {
			t.Errorf("invoice %s has %d cases at Amili, want exactly 1", inv.Number, n[inv.Number])
		}
		got, err := b.svc.Invoice(b.ctx, inv.ID)
		if err != nil || got.AmiliCaseRef != cases[inv.Number] || got.AmiliEnv != core.AmiliSandbox || got.AmiliOCR == "" {
			t.Errorf("invoice %s: case %q env %q OCR %q (%v), want case %s in the sandbox with an OCR",
				inv.Number, got.AmiliCaseRef, got.AmiliEnv, got.AmiliOCR, err, cases[inv.Number])
		}
	}
	if len(n) != 5 {
		t.Errorf("cases for %d invoices, want 5", len(n))
	}
}

// The whole story against the sandbox: activate (newDeliveryBook), send 200, the
// statuses move, a payment is reported, a case withdrawn, the original invoice
// uploaded; each report shows its state.
func TestTheWholeAmiliStory(t *testing.T) {
	b := newDeliveryBook(t)
	var customers []core.Customer
	for i := range 20 {
		customers = append(customers, b.customer(fmt.Sprintf("K%03d", i), true, ""))
	}
	var invs []core.Invoice
	for i := range core.MaxBatch {
		invs = append(invs, b.invoice(fmt.Sprint(5001+i), customers[i%20], "2026-10-27", 10000+int64(i)))
	}
	pdf := filepath.Join(t.TempDir(), "5001.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n% the original invoice\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.AttachInvoicePDF(b.ctx, invs[0].ID, pdf); err != nil {
		t.Fatal(err)
	}
	b.send(core.ReminderAmili, invs...)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != core.MaxBatch+1 {
		t.Fatalf("delivery %+v (%v), want 200 cases and 1 upload", rep, err)
	}
	if up := b.sandbox.Uploads(); len(up) != 1 || up[0].ContentType != "application/pdf" {
		t.Errorf("uploads %+v, want the original of 5001", up)
	}

	// The statuses move: one case to debt collection, one into a state Påminn does not
	// know (shown as Amili's text, and the others still update).
	first, _ := b.svc.Invoice(b.ctx, invs[0].ID)
	second, _ := b.svc.Invoice(b.ctx, invs[1].ID)
	b.sandbox.SetCaseState(second.AmiliCaseRef, "on_hold", "waiting_for_court")
	b.sandbox.SetCaseState(first.AmiliCaseRef, "debt_collection", "debt_collection_active")
	rep, err := b.svc.SyncAmili(b.ctx)
	if err != nil || rep.Cases != core.MaxBatch || rep.Changed != 2 || rep.Unknown != 1 {
		t.Fatalf("sync %+v (%v)", rep, err)
	}
	if got, _ := b.svc.Invoice(b.ctx, invs[0].ID); got.AmiliState != core.AmiliDebtCollection {
		t.Errorf("5001 is %q, want debt_collection", got.AmiliState)
	}
	if got, _ := b.svc.Invoice(b.ctx, invs[1].ID); got.AmiliRaw != "on_hold/waiting_for_court" {
		t.Errorf("5002 shows %q, want Amili's own text", got.AmiliRaw)
	}
	if rep, err := b.svc.PollAmili(b.ctx); err != nil || rep.Cases != 0 {
		t.Errorf("a poll right after a sync asked Amili again: %+v (%v)", rep, err)
	}

	// A payment straight to the creditor is reported once, with a unique reference.
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: invs[2].ID, Amount: kr("4000")}); err != nil {
		t.Fatal(err)
	}
	// A case is withdrawn.
	if err := b.svc.WithdrawFromAmili(b.ctx, invs[3].ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, b.svc.WithdrawFromAmili(b.ctx, invs[3].ID), core.ECONFLICT)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 {
		t.Fatalf("reports %+v (%v), want the payment and the withdrawal", rep, err)
	}
	ps := b.sandbox.Payments()
	if len(ps) != 1 || !ps[0].Amount.Equal(kr("4000")) || !strings.HasPrefix(ps[0].Reference, "paminn-") {
		t.Errorf("payments at Amili %+v", ps)
	}
	if got, _ := b.svc.Invoice(b.ctx, invs[3].ID); got.AmiliState != core.AmiliClosed {
		t.Errorf("the withdrawn invoice is %q, want closed", got.AmiliState)
	}
	reports, err := b.svc.AmiliReports(b.ctx)
	if err != nil || len(reports) != 3 {
		t.Fatalf("reports %+v (%v)", reports, err)
	}
	for _, r := range reports {
		if r.State != core.DeliverySent {
			t.Errorf("report %s of %s: %s %q", r.Kind, r.InvoiceNumber, r.State, r.Error)
		}
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed != 0 {
		t.Errorf("a second pass sent again: %+v (%v)", rep, err)
	}
}

// A payment whose report had an unknown outcome is looked up before it is sent again,
// and is never reported twice.
func TestAnUncertainPaymentReportIsNeverSentTwice(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	other := b.invoice("1002", c, "2026-10-27", 10000)
	b.send(core.ReminderAmili, inv, other)
	if _, err := b.svc.DeliverPending(b.ctx); err != nil {
		t.Fatal(err)
	}
	// A first payment, on another case, goes through, so an unfiltered list holds
	// another case's payment.
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: other.ID, Amount: kr("40")}); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("the first payment: %+v (%v)", rep, err)
	}
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: kr("50")}); err != nil {
		t.Fatal(err)
	}
	b.sandbox.FailNext(1, amili.FailAfterCommit)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("first pass %+v (%v)", rep, err)
	}
	b.clock.advance(10 * time.Minute)
	b.sandbox.FailNext(1, amili.FailUnfiltered)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("an unfiltered lookup: %+v (%v), want the report to wait", rep, err)
	}
	b.clock.advance(time.Hour)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("third pass %+v (%v)", rep, err)
	}
	if ps := b.sandbox.Payments(); len(ps) != 2 || ps[0].Reference == ps[1].Reference {
		t.Errorf("Amili received %+v, want the two payments once each", ps)
	}
}

// A case of another environment is neither synced nor acted on.
func TestACaseFromAnotherEnvironmentIsLeftAlone(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	b.send(core.ReminderAmili, inv)
	if _, err := b.svc.DeliverPending(b.ctx); err != nil {
		t.Fatal(err)
	}
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Amili.Environment, set.Amili.ProductionURL = core.AmiliProduction, set.Amili.BaseURL
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.SyncAmili(b.ctx); err != nil || rep.Cases != 0 {
		t.Errorf("production synced the sandbox's case: %+v (%v)", rep, err)
	}
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: kr("50")}); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("reports %+v (%v)", rep, err)
	}
	rs, _ := b.svc.AmiliReports(b.ctx)
	if len(rs) != 1 || !strings.Contains(rs[0].Error, "sandbox environment") || len(b.sandbox.Payments()) != 0 {
		t.Errorf("report %+v; payments %v", rs, b.sandbox.Payments())
	}
}

// A credit note on an invoice with Amili lowers the invoice and Amili's claim; sent
// again after a lost answer, it still counts once.
func TestACreditIsReportedToAmiliOnce(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	b.send(core.ReminderAmili, inv)
	if _, err := b.svc.DeliverPending(b.ctx); err != nil {
		t.Fatal(err)
	}
	_, err := b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: inv.ID, Amount: kr("20000"), Reason: "Rabatt"})
	wantCode(t, err, core.EINVALID)
	// A credit dated outside core's date range is refused like any date that enters.
	for _, day := range []core.Date{core.NewDate(0, time.January, 1), core.NewDate(9999, time.December, 31)} {
		_, err = b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: inv.ID, Amount: kr("2500"), Date: day, Reason: "Rabatt"})
		wantCode(t, err, core.EINVALID)
	}
	got, err := b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: inv.ID, Amount: kr("2500"), Number: "K-7", Reason: "Rabatt"})
	if err != nil || !got.Balance().Equal(kr("7500")) {
		t.Fatalf("after the credit: balance %s (%v), want 7 500", got.Balance(), err)
	}
	b.sandbox.FailNext(1, amili.FailAfterCommit)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("first pass %+v (%v)", rep, err)
	}
	b.clock.advance(10 * time.Minute)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("second pass %+v (%v)", rep, err)
	}
	cs := b.sandbox.Creditings()
	if len(cs) != 1 || !cs[0].Amount.Equal(kr("2500")) || !strings.Contains(cs[0].CreditorReference, "-credit-") {
		t.Errorf("creditings at Amili %+v, want one of 2 500 kr", cs)
	}
}
