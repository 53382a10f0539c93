package data

import (
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// ownPlan is a plan a user made: two reminders, the second without a fee, then Amili.
func ownPlan() core.Plan {
	d := core.DefaultPlan().Steps
	second := d[1]
	second.Name, second.Days, second.Fee, second.ChargeInterest = "Sista påminnelse", 21, decimal.Zero, false
	second.Letter = "Hej {kund}, betala {belopp} senast {betala_senast}."
	first := d[0]
	first.Fee = decimal.RequireFromString("45.50")
	return core.Plan{Steps: []core.PlanStep{first, second, d[3]}}
}

func TestTheReminderPlanIsStoredAndReadBack(t *testing.T) {
	tests := []struct {
		name  string
		plans core.Plans
	}{
		{"a book that never set a plan keeps the default (no steps stored)", core.Plans{}},
		{"the consumers' own plan, the companies' the default", core.Plans{Consumers: ownPlan()}},
		{"both plans of their own", core.Plans{Companies: core.Plan{Steps: ownPlan().Steps[:1]}, Consumers: ownPlan()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t)
			set := core.DefaultSettings()
			set.Plan = tt.plans
			if err := s.SaveSettings(ctx, set); err != nil {
				t.Fatal(err)
			}
			got, err := s.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !samePlan(got.Plan.Companies, tt.plans.Companies) || !samePlan(got.Plan.Consumers, tt.plans.Consumers) {
				t.Errorf("plans %+v\nwant  %+v", got.Plan, tt.plans)
			}
		})
	}
}

func TestABookSavedBeforeThePlanFollowsTheDefault(t *testing.T) {
	s := mustOpen(t)
	// The settings document as a version before the plan wrote it.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (id, json) VALUES (1, '{"payment_term_days": 20}')`); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Plan.Companies.Steps) != 0 || len(got.Plan.Consumers.Steps) != 0 {
		t.Errorf("plans %+v, want none set", got.Plan)
	}
	if n := len(got.Plan.For(false, false).Steps); n != 3 {
		t.Errorf("a consumer follows %d steps, want the default's 3 without Amili", n)
	}
}
