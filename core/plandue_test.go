package core

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// planDueDate is the due date of the invoices of these tests.
var planDueDate = NewDate(2026, 3, 1)

func planInvoice(count int, last Date) Invoice {
	return Invoice{ID: 1, DueDate: planDueDate, Total: decimal.NewFromInt(1000), ReminderCount: count, LastReminded: last,
		PlanStep: count}
}

func TestWhichStepOfThePlanIsDue(t *testing.T) {
	plan := DefaultPlan() // 10 days after due, then 14, 14, 14
	paid := planInvoice(0, Date{})
	paid.Paid = paid.Total
	amili := planInvoice(1, planDueDate.AddDays(10))
	amili.AmiliState = AmiliRegistered
	tests := []struct {
		name   string
		facts  PlanFacts
		today  Date
		step   int
		on     Date
		dueNow bool
	}{
		{"a fresh invoice is due for the first step its days after the due date",
			PlanFacts{Invoice: planInvoice(0, Date{})}, planDueDate.AddDays(10), 0, planDueDate.AddDays(10), true},
		{"the day before, the first step is not due yet",
			PlanFacts{Invoice: planInvoice(0, Date{})}, planDueDate.AddDays(9), 0, planDueDate.AddDays(10), false},
		{"a step not taken when due stays due",
			PlanFacts{Invoice: planInvoice(0, Date{})}, planDueDate.AddDays(40), 0, planDueDate.AddDays(10), true},
		{"the second step counts from the day the first was taken, not from when it was due",
			PlanFacts{Invoice: planInvoice(1, planDueDate.AddDays(20)), History: PlanHistory{1, planDueDate.AddDays(20)}},
			planDueDate.AddDays(34), 1, planDueDate.AddDays(34), true},
		{"a step taken today leaves the next for another day",
			PlanFacts{Invoice: planInvoice(1, planDueDate.AddDays(30)), History: PlanHistory{1, planDueDate.AddDays(30)}},
			planDueDate.AddDays(30), 1, planDueDate.AddDays(44), false},
		{"every step taken: nothing more",
			PlanFacts{Invoice: planInvoice(4, planDueDate.AddDays(60)), History: PlanHistory{4, planDueDate.AddDays(60)}},
			planDueDate.AddDays(200), -1, Date{}, false},
		{"a paid invoice has no next step", PlanFacts{Invoice: paid}, planDueDate.AddDays(40), -1, Date{}, false},
		{"an invoice with Amili has no next step",
			PlanFacts{Invoice: amili, History: HistoryOf(amili)}, planDueDate.AddDays(40), -1, Date{}, false},
		{"a paused invoice has no next step",
			PlanFacts{Invoice: planInvoice(0, Date{}), Paused: true}, planDueDate.AddDays(40), -1, Date{}, false},
		{"an invoice not yet due has no next step",
			PlanFacts{Invoice: planInvoice(0, Date{})}, planDueDate, -1, Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plan.NextStep(tt.facts, tt.today)
			if got.Step != tt.step || got.On != tt.on || got.DueOn(tt.today) != tt.dueNow {
				t.Errorf("got step %d on %v (due now %v), want %d on %v (%v)",
					got.Step, got.On, got.DueOn(tt.today), tt.step, tt.on, tt.dueNow)
			}
		})
	}
}

// An invoice's history is the step its reminders recorded, not their count (a
// reminder outside the plan takes no step, an override may skip one), and the day of
// its last reminder.
func TestHistoryOfAnInvoiceIsTheStepRecordedAndTheLastReminder(t *testing.T) {
	inv := planInvoice(3, NewDate(2026, 4, 2))
	inv.PlanStep = 2
	if h := HistoryOf(inv); h != (PlanHistory{Taken: 2, Last: NewDate(2026, 4, 2)}) {
		t.Errorf("history %+v", h)
	}
}

// genPlan is a valid plan: one to four reminders, maybe an inkassokrav, maybe Amili.
func genPlan(t *rapid.T) Plan {
	base := DefaultPlan().Steps
	var steps []PlanStep
	for i := range rapid.IntRange(1, 4).Draw(t, "reminders") {
		s := base[0]
		s.Days = rapid.IntRange(1, 60).Draw(t, "days")
		s.Name = s.Name[:len(s.Name)-1] + string(rune('1'+i))
		steps = append(steps, s)
	}
	for _, s := range base[2:] {
		if rapid.Bool().Draw(t, "take "+s.Name) {
			s.Days = rapid.IntRange(1, 60).Draw(t, "days")
			steps = append(steps, s)
		}
	}
	return Plan{Steps: steps}
}

// TestThePlanRunsInOrderOnceADayAndStops walks an invoice through its plan day by
// day, taking each step the day the rule says it is due, with payments and pauses
// drawn at random, and on some days the user's override of the step (stepFor, as a
// batch by the plan asks it) or a reminder sent outside the plan: a step is never
// offered or taken out of order (never one already taken), never two on one day,
// never while paused and never after the invoice is paid; and every step is offered
// in the end to an invoice left unpaid and unpaused, with no override.
func TestThePlanRunsInOrderOnceADayAndStops(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		plan := genPlan(t)
		if err := ValidatePlan(plan); err != nil {
			t.Fatalf("generated an invalid plan: %v", err)
		}
		inv := planInvoice(0, Date{})
		payDay := rapid.IntRange(1, 400).Draw(t, "pay day")
		neverPays := rapid.Bool().Draw(t, "never pays")
		pauseFrom, pauseDays := rapid.IntRange(0, 300).Draw(t, "pause from"), rapid.IntRange(0, 40).Draw(t, "pause days")
		meddles := rapid.Bool().Draw(t, "the user overrides and reminds outside the plan")
		takenOn := map[Date]int{}
		for d := 0; d <= 400; d++ {
			today := planDueDate.AddDays(d)
			if !neverPays && d == payDay {
				inv.Paid = inv.Total
			}
			paused := d >= pauseFrom && d < pauseFrom+pauseDays
			if meddles && meddle(t, plan, &inv, today, paused, d, takenOn) {
				continue
			}
			pos := plan.NextStep(PlanFacts{Invoice: inv, History: HistoryOf(inv), Paused: paused}, today)
			if !pos.DueOn(today) {
				continue
			}
			switch {
			case pos.Step != inv.PlanStep:
				t.Fatalf("day %d: offered step %d after %d taken", d, pos.Step, inv.PlanStep)
			case paused:
				t.Fatalf("day %d: offered step %d while paused", d, pos.Step)
			case !inv.Balance().IsPositive():
				t.Fatalf("day %d: offered step %d after payment", d, pos.Step)
			case takenOn[today] > 0:
				t.Fatalf("day %d: offered a second step on one day", d)
			}
			take(&inv, plan, pos.Step, today, takenOn)
		}
		if !meddles && neverPays && pauseDays == 0 && inv.PlanStep != len(plan.Steps) {
			t.Fatalf("took %d of %d steps of an invoice never paid", inv.PlanStep, len(plan.Steps))
		}
	})
}

// take records that inv took step k (0-based) today, as a batch by the plan does.
func take(inv *Invoice, plan Plan, k int, today Date, takenOn map[Date]int) {
	takenOn[today]++
	inv.ReminderCount++
	inv.PlanStep = k + 1
	inv.LastReminded = today
	if plan.Steps[k].Action.HandsToAmili() {
		inv.AmiliState = AmiliRegistered
	}
}

// meddle does, on some days, what a user may do besides following the plan: send a
// reminder outside it (no step taken) or override the step for a batch, which
// stepFor judges; it says whether it did anything, and fails the test where stepFor
// let a step be taken out of order, twice on one day, while paused or after payment
// (a batch checks rule 1 and pauses before stepFor: checkEligible).
func meddle(t *rapid.T, plan Plan, inv *Invoice, today Date, paused bool, d int, takenOn map[Date]int) bool {
	switch rapid.IntRange(0, 9).Draw(t, "what the user does") {
	case 0:
		if paused || !inv.Meets(EligibleTerms, today) || takenOn[today] > 0 {
			return false
		}
		takenOn[today]++ // a reminder outside the plan: the day moves, the step stays
		inv.ReminderCount++
		inv.LastReminded = today
		return true
	case 1:
		if paused || !inv.Meets(EligibleTerms, today) {
			return false
		}
		step := rapid.IntRange(1, len(plan.Steps)).Draw(t, "override")
		typ := ReminderManual
		if plan.Steps[step-1].Action.HandsToAmili() {
			typ = ReminderAmili
		}
		k, err := stepFor(*inv, plan, ReminderRequest{Type: typ, ByPlan: true, Step: step}, today)
		if err != nil {
			return false
		}
		if k < inv.PlanStep || takenOn[today] > 0 {
			t.Fatalf("day %d: the override took step %d after %d taken, %d today", d, k, inv.PlanStep, takenOn[today])
		}
		take(inv, plan, k, today, takenOn)
		return true
	}
	return false
}

// TestThePlanNeverOffersAStepOutOfOrder: for any history and any day, the step
// offered is the one after those taken, never on the day of the last, and none is
// offered to a paid or paused invoice.
func TestThePlanNeverOffersAStepOutOfOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		plan := genPlan(t)
		taken := rapid.IntRange(0, len(plan.Steps)+1).Draw(t, "taken")
		var last Date
		if taken > 0 {
			last = planDueDate.AddDays(rapid.IntRange(1, 300).Draw(t, "last"))
		}
		inv := planInvoice(taken, last)
		inv.Paid = FromOre(rapid.Int64Range(0, 100_000).Draw(t, "paid öre"))
		paused := rapid.Bool().Draw(t, "paused")
		today := planDueDate.AddDays(rapid.IntRange(-10, 400).Draw(t, "today"))
		pos := plan.NextStep(PlanFacts{Invoice: inv, History: HistoryOf(inv), Paused: paused}, today)
		if !pos.DueOn(today) {
			return
		}
		if pos.Step != taken || paused || !inv.Balance().IsPositive() || (!last.IsZero() && !today.After(last)) {
			t.Fatalf("offered step %d on %v: taken %d, last %v, paused %v, balance %v",
				pos.Step, today, taken, last, paused, inv.Balance())
		}
	})
}

// TestThePlansCutoffsAgreeWithTheRule: for any plan, history and day, the cutoff
// dates a store compares with say "due" exactly when NextStep does.
func TestThePlansCutoffsAgreeWithTheRule(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		plan := genPlan(t)
		taken := rapid.IntRange(0, len(plan.Steps)-1).Draw(t, "taken")
		var last Date
		if taken > 0 {
			last = planDueDate.AddDays(rapid.IntRange(1, 300).Draw(t, "last"))
		}
		if taken == 0 && rapid.Bool().Draw(t, "reminded outside the plan") {
			last = planDueDate.AddDays(rapid.IntRange(1, 300).Draw(t, "outside"))
		}
		inv := planInvoice(taken, last)
		today := planDueDate.AddDays(rapid.IntRange(1, 400).Draw(t, "today"))
		from := inv.DueDate
		if taken > 0 {
			from = last
		}
		// As data/plandue.go compares: the first step also on no reminder today or later.
		byCutoff := !from.After(plan.Cutoffs(today)[taken]) && (taken > 0 || last.IsZero() || last.Before(today))
		byRule := plan.NextStep(PlanFacts{Invoice: inv, History: HistoryOf(inv)}, today).DueOn(today)
		if byCutoff != byRule {
			t.Fatalf("taken %d, from %v, today %v: cutoff says %v, rule %v", taken, from, today, byCutoff, byRule)
		}
	})
}
