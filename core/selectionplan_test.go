package core_test

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"paminn/core"
)

// Issue 22: the dialog's totals under the plan (ReminderRequest.ByPlan, each invoice
// its plan's next step, or the batch's step) are what each invoice's step charges,
// by the rule the batch follows (core/RULES.md, "Sending by the plan"): for random
// books, histories, selections and steps, SelectionTotals equals the sums of
// PreviewReminders, which equal what SendReminders records, to the öre.
func TestTheSelectionsTotalsByThePlanAreWhatTheBatchCharges(t *testing.T) {
	compared := 0
	rapid.Check(t, func(rt *rapid.T) {
		b := newBook(t, core.Channels{})
		ids := planHistory(rt, b)
		sel := rapid.SliceOfNDistinct(rapid.SampledFrom(ids), 1, len(ids), rapid.ID).Draw(rt, "selection")
		req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: sel, ByPlan: true,
			Step:        rapid.IntRange(0, 3).Draw(rt, "step"),
			PerCustomer: rapid.Bool().Draw(rt, "per customer"), IdempotencyKey: "totals"}
		svc := b.on("2026-10-20")
		p, err := svc.PreviewReminders(b.ctx, req)
		if err != nil {
			return // the batch is refused (a step taken, or none next): nothing to agree on
		}
		got, err := svc.SelectionTotals(b.ctx, req)
		if err != nil {
			rt.Fatal(err)
		}
		want := p.Totals
		sameTotals(rt, "SelectionTotals against PreviewReminders", got, want.Balance, want.EarlierCharges, want.Interest,
			want.InterestBefore, want.Fees, want.LateCompensation, want.AmountDue)
		res, err := svc.SendReminders(b.ctx, req)
		if err != nil {
			rt.Fatal(err)
		}
		var sent core.ReminderTotals
		for _, r := range b.reminders(res.Batch.ID) {
			sent = addReminder(sent, r)
		}
		sameTotals(rt, "SelectionTotals against the batch recorded", got, sent.Balance, sent.EarlierCharges, sent.Interest,
			sent.InterestBefore, sent.Fees, sent.LateCompensation, sent.AmountDue)
		if got.Fees.IsZero() && got.Interest.IsZero() && got.LateCompensation.IsZero() {
			return
		}
		compared++
	})
	if compared == 0 {
		t.Fatal("no selection charged anything: the property compared nothing")
	}
}

// planHistory makes a book of two to four customers with one to three overdue
// invoices each, some of them taken a step or two of the plan already and some
// paid in part; it returns the invoices.
func planHistory(rt *rapid.T, b *book) []int64 {
	var ids []int64
	for c := range rapid.IntRange(2, 4).Draw(rt, "customers") {
		cust := b.customer(fmt.Sprintf("K%d", c), rapid.Bool().Draw(rt, "fee agreed"), "")
		for i := range rapid.IntRange(1, 3).Draw(rt, "invoices") {
			due := core.MustDate("2026-06-01").AddDays(rapid.IntRange(0, 90).Draw(rt, "due"))
			inv := b.invoice(fmt.Sprintf("%d%02d", c+1, i), cust, due.String(), rapid.Int64Range(100, 50000).Draw(rt, "total"))
			ids = append(ids, inv.ID)
			at := due
			for k := range rapid.IntRange(0, 2).Draw(rt, "steps taken") {
				at = at.AddDays(15)
				if _, err := b.byPlan(b.on(at.String()), fmt.Sprintf("h%d-%d", inv.ID, k), 0, inv.ID); err != nil {
					break
				}
			}
			if part := rapid.Int64Range(0, 99).Draw(rt, "per cent paid"); part > 50 {
				amount := decimal.NewFromInt(inv.Total.IntPart() * (part - 50) / 100)
				if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Date: at.AddDays(3), Amount: amount}); err != nil {
					rt.Fatal(err)
				}
			}
		}
	}
	return ids
}

// addReminder adds r to t as the confirmation adds a batch's reminders.
func addReminder(t core.ReminderTotals, r core.Reminder) core.ReminderTotals {
	add := func(a, b decimal.Decimal) decimal.Decimal { return a.Add(b) }
	t.Balance, t.EarlierCharges = add(t.Balance, r.Balance), add(t.EarlierCharges, r.EarlierCharges)
	t.Interest, t.InterestBefore = add(t.Interest, r.Interest), add(t.InterestBefore, r.InterestBefore)
	t.Fees, t.LateCompensation = add(t.Fees, r.Fee), add(t.LateCompensation, r.LateCompensation)
	t.AmountDue = add(t.AmountDue, r.AmountDue)
	return t
}

// sameTotals fails unless got's figures are the ones given, to the öre.
func sameTotals(rt *rapid.T, what string, got core.SelectionTotals, balance, earlier, interest, before, fees, comp, due decimal.Decimal) {
	pairs := []struct {
		name      string
		got, want decimal.Decimal
	}{{"balance", got.Balance, balance}, {"earlier charges", got.EarlierCharges, earlier}, {"interest", got.Interest, interest},
		{"interest stated before", got.InterestBefore, before}, {"fees", got.Fees, fees},
		{"förseningsersättning", got.LateCompensation, comp}, {"amount due", got.AmountDue, due}}
	for _, p := range pairs {
		if !p.got.Equal(p.want) {
			rt.Fatalf("%s: %s %s, want %s", what, p.name, p.got, p.want)
		}
	}
}
