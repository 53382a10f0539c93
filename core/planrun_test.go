package core

import (
	"testing"

	"github.com/shopspring/decimal"
)

// stepFor, the rule of which step a batch by the plan gives an invoice: its own next
// step or the override, never one already taken, never two on one day, and an Amili
// step only via Amili, a step Påminn sends only as a manual reminder.
func TestWhichStepABatchByThePlanGivesAnInvoice(t *testing.T) {
	plan := DefaultPlan() // with Amili as step 4
	fresh := planInvoice(0, Date{})
	second := planInvoice(1, planDueDate.AddDays(10))
	skipped := planInvoice(1, planDueDate.AddDays(10))
	skipped.PlanStep = 3 // the override skipped to the inkassokrav
	done := planInvoice(4, planDueDate.AddDays(60))
	day := planDueDate.AddDays(30)
	manual := func(step int) ReminderRequest { return ReminderRequest{Type: ReminderManual, ByPlan: true, Step: step} }
	amili := func(step int) ReminderRequest { return ReminderRequest{Type: ReminderAmili, ByPlan: true, Step: step} }
	tests := []struct {
		name  string
		inv   Invoice
		req   ReminderRequest
		today Date
		want  int // the step's index; -1 for a refusal
	}{
		{"a fresh invoice takes the first step", fresh, manual(0), day, 0},
		{"a reminded invoice takes the step after the one it took", second, manual(0), day, 1},
		{"the next step is the one after the step recorded, not after the reminders counted", skipped, amili(0), day, 3},
		{"the override may skip forward", fresh, manual(3), day, 2},
		{"the override may not go back to a step taken", second, manual(1), day, -1},
		{"no step twice on one day", second, manual(0), planDueDate.AddDays(10), -1},
		{"nothing is next when every step is taken", done, amili(0), day, -1},
		{"a step the plan does not have is refused", fresh, manual(5), day, -1},
		{"an Amili step is refused under a manual batch", skipped, manual(0), day, -1},
		{"a step Påminn sends is refused under Amili", second, amili(0), day, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := stepFor(tt.inv, plan, tt.req, tt.today)
			switch {
			case tt.want < 0 && err == nil:
				t.Errorf("took step %d, want a refusal", k)
			case tt.want >= 0 && (err != nil || k != tt.want):
				t.Errorf("step %d, %v; want %d", k, err, tt.want)
			}
		})
	}
}

// A committed inkassokrav's letter states what its reminder recorded: its interest in
// lines (one on its balance where the reminder kept none), so the rows add up.
func TestAnInkassokravLetterStatesItsRemindersInterest(t *testing.T) {
	r := Reminder{Action: StepInkasso, Date: NewDate(2026, 3, 1), Balance: decimal.NewFromInt(1000),
		Interest: decimal.RequireFromString("12.34"), InterestRate: decimal.NewFromInt(10), InterestFrom: NewDate(2026, 2, 1),
		InterestDays: 28, NewDueDate: NewDate(2026, 3, 9)}
	l := CollectionLetterOf(Letter{Invoice: Invoice{Number: "1"}, Reminder: r})
	lines := l.Demand.InterestLines()
	if len(lines) != 1 || !lines[0].Amount.Equal(r.Interest) || !lines[0].Base.Equal(r.Balance) || l.Demand.PayBy != r.NewDueDate {
		t.Errorf("lines %+v, pay by %s", lines, l.Demand.PayBy)
	}
}
