package data

import (
	"fmt"
	"slices"
	"testing"

	"paminn/core"
)

// TestTheStoreFindsTheInvoicesDueByThePlanAsCoreJudgesThem builds a real book of
// company and consumer invoices at every step, some reminded today, some paid, one
// with Amili, some reminded outside the plan (a reminder, no step) and some past a
// step skipped by an override (the step recorded ahead of the reminders), and holds the store's page and count to core's rule (Plan.NextStep)
// invoice by invoice. On both engines.
func TestTheStoreFindsTheInvoicesDueByThePlanAsCoreJudgesThem(t *testing.T) {
	forEachEngine(t, findTheInvoicesDueByThePlan)
}

// findTheInvoicesDueByThePlan is the test above on one engine's new book.
func findTheInvoicesDueByThePlan(t *testing.T, s core.Store) {
	company := mustCustomer(t, s, "K1", "Bygg AB")
	consumer, err := s.CreateCustomer(ctx, core.Customer{Number: "K2", Name: "Anna Andersson", IDNumber: "19800101-1234",
		Address: core.Address{Line1: "Storgatan 2", ZipCode: "111 22", City: "Stockholm", Country: "SE"}})
	if err != nil {
		t.Fatal(err)
	}
	// The consumers follow a plan of their own: two reminders, 5 and 7 days apart.
	own := core.DefaultPlan().Steps[:2]
	own[0].Days, own[1].Days = 5, 7
	plans := core.Plans{Consumers: core.Plan{Steps: own}}
	var invoices []core.Invoice
	n := 0
	for _, cust := range []core.Customer{company, consumer} {
		for _, dueIn := range []int{1, 0, -1, -5, -6, -10, -11, -40} {
			for reminders := range 5 {
				for _, lastAgo := range []int{0, 6, 7, 14, 15} {
					if reminders == 0 && lastAgo > 0 {
						continue
					}
					n++
					spec := invoiceSpec{number: fmt.Sprintf("%d", 1000+n), dueIn: dueIn, total: "100", reminders: reminders}
					switch n % 17 {
					case 3:
						spec.paid = "100"
					case 5:
						spec.amili, spec.caseRef = core.AmiliRegistered, fmt.Sprintf("case-%d", n)
					}
					inv := mustInvoice(t, s, cust, spec)
					if reminders > 0 {
						inv.LastReminded = today.AddDays(-lastAgo)
						switch n % 5 {
						case 1: // one of its reminders was sent outside the plan
							inv.PlanStep = reminders - 1
						case 2: // an override skipped a step
							inv.PlanStep = reminders + 1
						}
						setPlanHistory(t, s, inv.ID, inv.PlanStep, dateText(inv.LastReminded))
					}
					invoices = append(invoices, inv)
				}
			}
		}
	}
	own2 := append([]core.PlanStep(nil), core.DefaultPlan().Steps[:3]...)
	own2[1].Days = 6
	for _, plans := range []core.Plans{plans, {}, {Companies: core.Plan{Steps: own2}}} {
		checkDueByPlan(t, s, plans, invoices, company.ID)
	}
}

// checkDueByPlan holds the store's page and count of the invoices due by plans to
// core's rule.
func checkDueByPlan(t *testing.T, s core.Store, plans core.Plans, invoices []core.Invoice, companyID int64) {
	t.Helper()
	var want []int64
	for _, inv := range invoices {
		plan := plans.For(inv.CustomerID == companyID, false)
		if plan.NextStep(core.PlanFacts{Invoice: inv, History: core.HistoryOf(inv)}, today).DueOn(today) {
			want = append(want, inv.ID)
		}
	}
	due := plans.Due(today, false)
	page, err := s.DueByPlanPage(ctx, due, 0, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, c := range page {
		got = append(got, c.Invoice.ID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if len(want) < 20 || !slices.Equal(got, want) {
		t.Errorf("the store found %d invoices due by the plan, core %d:\nstore %v\ncore  %v", len(got), len(want), got, want)
	}
	count, err := s.CountDueByPlan(ctx, due)
	if err != nil || count != len(want) {
		t.Errorf("CountDueByPlan = %d, %v; want %d", count, err, len(want))
	}
	second, err := s.DueByPlanPage(ctx, due, 10, 10)
	if err != nil || len(second) != 10 || second[0].Invoice.ID != page[10].Invoice.ID {
		t.Errorf("the second page of ten does not start at the eleventh: %v", err)
	}
}
