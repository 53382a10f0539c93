package core_test

import (
	"slices"
	"testing"

	"paminn/core"
)

// listed says whether the invoice list under filter f holds the invoice.
func (b *deliveryBook) listed(f core.Filter, id int64) bool {
	b.t.Helper()
	page, err := b.svc.ListInvoices(b.ctx, core.InvoiceQuery{Filter: f, Sort: core.SortStatus, Limit: 1000})
	if err != nil {
		b.t.Fatal(err)
	}
	return slices.ContainsFunc(page.Invoices, func(inv core.Invoice) bool { return inv.ID == id })
}

// candidate says whether the reminder dialog offers the invoice.
func (b *deliveryBook) candidate(id int64) bool {
	b.t.Helper()
	cs, err := b.svc.ReminderCandidates(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	return slices.ContainsFunc(cs, func(c core.Candidate) bool { return c.Invoice.ID == id })
}

// An invoice whose Amili case the creditor withdrew, with its balance still owed, is
// no longer with Amili: it is an open, overdue (here reminded) invoice again in every
// filter and in the reminder dialog, and it can be reminded manually (not handed to
// Amili a second time), through the real sandbox and the real store.
func TestAWithdrawnCasesInvoiceCanBeRemindedManuallyAgain(t *testing.T) {
	b := newDeliveryBook(t)
	inv := b.invoice("7001", b.customer("K001", true, ""), "2026-10-27", 5000)
	b.send(core.ReminderAmili, inv)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("delivery %+v (%v), want the case", rep, err)
	}
	handed, _ := b.svc.Invoice(b.ctx, inv.ID)
	if handed.Status(core.Today(b.clock)) != core.StatusAmili || !b.listed(core.FilterAmili, inv.ID) || b.candidate(inv.ID) {
		t.Fatalf("a handed-over invoice is %s, in the Amili filter %v, a candidate %v",
			handed.Status(core.Today(b.clock)), b.listed(core.FilterAmili, inv.ID), b.candidate(inv.ID))
	}
	_, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: core.NewIdempotencyKey()})
	wantCode(t, err, core.EINVALID)

	if err := b.svc.WithdrawFromAmili(b.ctx, inv.ID); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("reports %+v (%v), want the withdrawal", rep, err)
	}
	withdrawn, _ := b.svc.Invoice(b.ctx, inv.ID)
	today := core.Today(b.clock)
	if withdrawn.AmiliState != core.AmiliClosed || withdrawn.Status(today) != core.StatusReminded || !withdrawn.Balance().IsPositive() {
		t.Fatalf("the withdrawn invoice is %q, status %s, balance %s; want closed, reminded (by the hand-over), owed",
			withdrawn.AmiliState, withdrawn.Status(today), withdrawn.Balance())
	}
	for f, want := range map[core.Filter]bool{core.FilterAll: true, core.FilterUnpaid: true, core.FilterOverdue: true,
		core.FilterReminded: true, core.FilterAmili: false, core.FilterPaid: false} {
		if got := b.listed(f, inv.ID); got != want {
			t.Errorf("the withdrawn invoice in filter %q: %v, want %v", f, got, want)
		}
	}
	page, err := b.svc.ListInvoices(b.ctx, core.InvoiceQuery{Filter: core.FilterOverdue})
	if err != nil || page.Totals.Count != 1 || page.Totals.OverdueCount != 1 || !page.Totals.OverdueAmount.Equal(withdrawn.Balance()) {
		t.Errorf("overdue totals %+v (%v), want the withdrawn invoice", page.Totals, err)
	}
	cs, err := b.svc.ReminderCandidates(b.ctx)
	if err != nil || len(cs) != 1 || cs[0].Invoice.ID != inv.ID {
		t.Fatalf("candidates %+v (%v), want the withdrawn invoice", cs, err)
	}
	// Not through Amili again: a second hand-over would find the closed case.
	if p, blocked := cs[0].ProblemFor(core.ReminderAmili); !blocked || p.Code != core.ProblemClosedAmiliCase {
		t.Errorf("Amili takes the withdrawn invoice again: %v %+v", blocked, p)
	}
	_, err = b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: core.NewIdempotencyKey()})
	wantCode(t, err, core.EINVALID)
	if n, err := b.svc.CountCandidates(b.ctx, core.CandidateQuery{}); err != nil || n.Count != 1 {
		t.Errorf("counted %+v (%v) candidates, want the withdrawn invoice", n, err)
	}
	res := b.send(core.ReminderManual, withdrawn)
	if len(res.Reminders) != 1 || res.Reminders[0].Level != 2 || res.Reminders[0].Channel != core.ChannelLetter {
		t.Fatalf("manual batch %+v, want a second reminder by letter", res.Reminders)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("delivery %+v (%v), want the letter", rep, err)
	}
	if got, _ := b.svc.Invoice(b.ctx, inv.ID); got.ReminderCount != 2 || got.AmiliState != core.AmiliClosed {
		t.Errorf("after the manual reminder: %d reminders, Amili %q", got.ReminderCount, got.AmiliState)
	}
}
