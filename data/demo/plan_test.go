package demo_test

import (
	"context"
	"testing"

	"paminn/core"
	"paminn/data/demo"
)

// The demo book (issue 22) has a plan set, companies' and consumers' apart; invoices
// due by it at several steps, each shown with its standing; an invoice disputed and
// one on a payment plan, never due; and a customer with several overdue invoices, for
// one letter per customer.
func TestTheDemoFollowsAPlanWithStepsDueAPauseAndACustomerWithSeveralInvoices(t *testing.T) {
	ctx := context.Background()
	d, err := demo.OpenBook(ctx, t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	svc := demoService(d)
	set, err := svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Plan.Companies.Steps) == 0 || len(set.Plan.Consumers.Steps) == 0 || set.Plan.Consumers.Steps[0].Days == set.Plan.Companies.Steps[0].Days {
		t.Errorf("the demo's plans %+v, want one set for companies and another for consumers", set.Plan)
	}

	page, err := svc.DueByPlanPage(ctx, 0, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	steps := map[string]int{}
	for _, c := range page {
		if !c.Standing.Due || c.Standing.Next == "" {
			t.Errorf("invoice %s is listed as due by the plan but stands %+v", c.Invoice.Number, c.Standing)
		}
		steps[c.Standing.Next]++
	}
	t.Logf("steps due today: %v", steps)
	if len(steps) < 3 {
		t.Errorf("the steps due today %v, want at least three different ones", steps)
	}
	if n, err := svc.CountDueByPlan(ctx); err != nil || n != len(page) {
		t.Errorf("CountDueByPlan = %d (%v), the page holds %d", n, err, len(page))
	}

	paused, err := svc.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterPaused})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[core.PauseReason]bool{}
	for _, inv := range paused.Invoices {
		reasons[inv.Pause] = true
		for _, c := range page {
			if c.Invoice.ID == inv.ID {
				t.Errorf("paused invoice %s is due by the plan", inv.Number)
			}
		}
	}
	if !reasons[core.PauseDispute] || !reasons[core.PausePlan] {
		t.Errorf("the paused invoices' reasons %v, want a dispute and a payment plan", reasons)
	}

	cands, err := svc.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perCustomer := map[int64]int{}
	most := 0
	for _, c := range cands {
		perCustomer[c.Invoice.CustomerID]++
		most = max(most, perCustomer[c.Invoice.CustomerID])
	}
	if most < 3 {
		t.Errorf("no customer has more than %d overdue invoices, want one with at least three", most)
	}
}
