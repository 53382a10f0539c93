package core_test

import (
	"testing"
	"time"

	"paminn/core"
)

// DESIGN.md rule 12 (core/RULES.md): a reminder asks for the claim — the unpaid
// principal, what earlier reminders charged and is still open, and what it charges
// anew — and the interest, which each reminder states from the due date (räntelagen
// 6 §, rule 5), is charged once: the second reminder charges only what it states
// beyond the first. Once the principal is paid the invoice is not Betald while
// those charges remain.
func TestAReminderAsksForTheClaim(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID}, ChargeInterest: true,
		ChargeFee: true, IdempotencyKey: "first"}

	first, err := b.svc.SendReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	r1 := first.Reminders[0]
	if !r1.EarlierCharges.IsZero() || !r1.InterestBefore.IsZero() || !r1.Interest.IsPositive() ||
		!r1.AmountDue.Equal(kr("10060").Add(r1.Interest)) {
		t.Fatalf("first reminder: earlier %s, interest %s (before %s), due %s", r1.EarlierCharges, r1.Interest,
			r1.InterestBefore, r1.AmountDue)
	}
	got, err := b.svc.Invoice(b.ctx, inv.ID)
	if err != nil || !got.Charges.Equal(kr("60").Add(r1.Interest)) || !got.Claim().Equal(r1.AmountDue) {
		t.Fatalf("after the first reminder the invoice has charges %s, claim %s (%v); want the reminder's %s",
			got.Charges, got.Claim(), err, r1.AmountDue)
	}

	// Twenty days later, by a service whose day is then.
	later := core.NewService(b.store, core.Options{Clock: core.FixedClock(testNow.Add(20 * 24 * time.Hour)),
		LettersDir: t.TempDir()})
	req.IdempotencyKey = "second"
	pre, err := later.PreviewReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	tot, err := later.SelectionTotals(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	second, err := later.SendReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	r2 := second.Reminders[0]
	want := kr("10000").Add(kr("120")).Add(r2.Interest) // the principal, two fees, the interest stated once
	if !r2.Interest.GreaterThan(r1.Interest) || !r2.InterestBefore.Equal(r1.Interest) ||
		!r2.EarlierCharges.Equal(kr("60").Add(r1.Interest)) || !r2.AmountDue.Equal(want) {
		t.Errorf("second reminder: earlier %s, interest %s (before %s), due %s; want interest before %s, due %s",
			r2.EarlierCharges, r2.Interest, r2.InterestBefore, r2.AmountDue, r1.Interest, want)
	}
	if !pre.Reminders[0].AmountDue.Equal(want) || !tot.AmountDue.Equal(want) || !tot.EarlierCharges.Equal(r2.EarlierCharges) {
		t.Errorf("the preview asks %s and the selection's totals %s (earlier %s); the reminder %s",
			pre.Reminders[0].AmountDue, tot.AmountDue, tot.EarlierCharges, want)
	}

	// The customer pays the invoice amount, and the owner applies payments to the
	// invoice amount first (costs first, the default, would leave part of the invoice
	// amount open instead): the costs remain, and the invoice says so.
	set, err := b.store.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.PaymentOrder = core.PayPrincipalFirst
	if err := b.store.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	paid, err := later.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: kr("10000")})
	if err != nil {
		t.Fatal(err)
	}
	today := later.Today()
	if st := paid.Status(today); st != core.StatusCharges || !paid.Claim().Equal(want.Sub(kr("10000"))) {
		t.Errorf("paid the principal: status %s, claim %s; want %s, %s", st, paid.Claim(), core.StatusCharges, want.Sub(kr("10000")))
	}
	page, err := later.ListInvoices(b.ctx, core.InvoiceQuery{Filter: core.FilterCharges})
	if err != nil || len(page.Invoices) != 1 || page.Totals.ChargesCount != 1 || !page.Totals.ChargesAmount.Equal(paid.Charges) {
		t.Errorf("the costs-remaining filter lists %d invoices, totals %+v (%v)", len(page.Invoices), page.Totals, err)
	}
	if page, err := later.ListInvoices(b.ctx, core.InvoiceQuery{Filter: core.FilterPaid}); err != nil || len(page.Invoices) != 0 {
		t.Errorf("the paid filter lists %d invoices (%v), want none", len(page.Invoices), err)
	}
	// Rule 1 asks for unpaid principal: costs alone are not reminded again.
	if _, err := later.PreviewReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: "third"}); core.ErrorCodeOf(err) != core.EINVALID {
		t.Errorf("a reminder of the costs alone: %v, want it refused", err)
	}
}
