package core_test

import (
	"testing"

	"paminn/core"
)

func TestTheServiceListsAndCountsTheInvoicesDueByThePlan(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	due := b.invoice("1001", c, "2026-11-16", 1000) // ten days overdue today: Påminnelse 1 is due
	b.invoice("1002", c, "2026-11-17", 1000)        // nine days: not yet
	b.invoice("1003", c, "2026-12-01", 1000)        // not due
	b.invoice("1004", c, "2026-10-01", 1000)        // long overdue: due too
	page, err := b.svc.DueByPlanPage(b.ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 2 || page[0].Invoice.Number != "1004" || page[1].Invoice.ID != due.ID {
		t.Errorf("page %v, want 1004 then 1001", page)
	}
	if n, err := b.svc.CountDueByPlan(b.ctx); err != nil || n != 2 {
		t.Errorf("CountDueByPlan = %d, %v; want 2", n, err)
	}
	// A plan whose first step comes 30 days after the due date leaves only 1004.
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	steps := core.DefaultPlan().Steps[:1]
	steps[0].Days = 30
	set.Plan = core.Plans{Companies: core.Plan{Steps: steps}}
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	if n, err := b.svc.CountDueByPlan(b.ctx); err != nil || n != 1 {
		t.Errorf("with the first step at 30 days: CountDueByPlan = %d, %v; want 1", n, err)
	}
}
