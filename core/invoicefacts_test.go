package core

import (
	"testing"

	"pgregory.net/rapid"
)

// randomInvoice draws an invoice around today: any balance sign, open charges or
// none, due dates either side of today, reminders or none, any Amili state, paused
// for any reason or not.
func randomInvoice(t *rapid.T) Invoice {
	total := rapid.Int64Range(1, 100000).Draw(t, "total")
	return Invoice{Number: rapid.StringMatching(`[0-9]{1,4}`).Draw(t, "number"),
		Total: FromOre(total), Paid: FromOre(rapid.Int64Range(0, total+100).Draw(t, "paid")),
		Charges:       FromOre(rapid.SampledFrom([]int64{0, 0, 1, 6000, 51000}).Draw(t, "charges")),
		DueDate:       today.AddDays(rapid.IntRange(-30, 30).Draw(t, "due")),
		ReminderCount: rapid.IntRange(0, 3).Draw(t, "reminders"),
		AmiliState: rapid.SampledFrom([]AmiliState{AmiliNone, AmiliPending, AmiliRegistered, AmiliReminderSent,
			AmiliDebtCollection, AmiliPaid, AmiliClosed}).Draw(t, "amili"),
		Pause:    rapid.SampledFrom([]PauseReason{PauseNone, PauseNone, PauseDispute, PausePlan, PauseOther}).Draw(t, "pause"),
		Currency: Currency}
}

// The tables in invoicefacts.go say what the statuses, the filters and rule 1 have
// always meant; spelled out here once more, independently, they must agree.
func TestTheFactTablesSayWhatTheStatusesFiltersAndRuleOneMean(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		inv := randomInvoice(t)
		open := inv.Balance().IsPositive()
		due := inv.DueDate.Before(today)
		withAmili := inv.AmiliState != AmiliNone && inv.AmiliState != AmiliClosed
		charged := inv.Charges.IsPositive()
		paused := inv.Pause != PauseNone
		want := map[Filter]bool{FilterAll: true, FilterUnpaid: open, FilterOverdue: open && due,
			FilterReminded: open && inv.ReminderCount > 0, FilterAmili: withAmili,
			FilterCharges: !open && charged, FilterPaid: !open && !charged,
			FilterPaused: open && paused}
		for f, w := range want {
			if got := f.Matches(inv, today); got != w {
				t.Fatalf("filter %q matches %v, want %v: %+v", f, got, w, inv)
			}
		}
		if len(FilterTerms) != len(want) {
			t.Fatalf("%d filters defined, %d spelled out", len(FilterTerms), len(want))
		}
		var status Status
		switch {
		case !open && !charged:
			status = StatusPaid
		case !open:
			status = StatusCharges
		case withAmili:
			status = StatusAmili
		case paused:
			status = StatusPaused
		case inv.ReminderCount > 0:
			status = StatusReminded
		case due:
			status = StatusOverdue
		default:
			status = StatusUnpaid
		}
		if got := inv.Status(today); got != status {
			t.Fatalf("status %s, want %s: %+v", got, status, inv)
		}
		// Every invoice of a filter has a status rank the filter's range holds.
		for f := range FilterTerms {
			if lo, hi := f.StatusRanks(); f.Matches(inv, today) && (StatusRank(status) < lo || StatusRank(status) > hi) {
				t.Fatalf("filter %q's ranks %d..%d miss %s", f, lo, hi, status)
			}
		}
		eligible := open && due && !withAmili && !paused
		if inv.Meets(EligibleTerms, today) != eligible {
			t.Fatalf("EligibleTerms say %v, want %v: %+v", !eligible, eligible, inv)
		}
		if err := checkEligible(Candidate{Invoice: inv, Customer: &Customer{IDNumber: "556036-0793"}}, ReminderManual, today); (err == nil) != eligible {
			t.Fatalf("checkEligible = %v, want eligible %v: %+v", err, eligible, inv)
		}
	})
}

// The status order is a total order, by rank, then due date, then number; overdue
// sorts before unpaid within the first rank, whatever the day.
func TestTheStatusOrderPutsOverdueBeforeUnpaid(t *testing.T) {
	if StatusRank(StatusOverdue) != StatusRank(StatusUnpaid) || StatusRank(StatusUnpaid) >= StatusRank(StatusReminded) ||
		StatusRank(StatusReminded) >= StatusRank(StatusAmili) || StatusRank(StatusAmili) >= StatusRank(StatusCharges) ||
		StatusRank(StatusCharges) >= StatusRank(StatusPaid) {
		t.Errorf("status order %v", StatusOrder)
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := randomInvoice(t), randomInvoice(t)
		if a.Status(today) == StatusOverdue && b.Status(today) == StatusUnpaid && CompareByStatus(a, b, today) >= 0 {
			t.Fatalf("overdue %+v sorts after unpaid %+v", a, b)
		}
		if CompareByStatus(a, b, today) != -CompareByStatus(b, a, today) {
			t.Fatalf("CompareByStatus is not antisymmetric")
		}
	})
}
