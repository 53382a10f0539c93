package testbook_test

import (
	"context"
	"testing"

	"paminn/core"
	"paminn/data/testbook"
)

// A charge written by the test helper reaches the list's totals, which are read from
// invoice_sums: the helper writes the charges as the store's writers other than a
// batch do (with paid_ore named), so invoice_sums' trigger follows it
// (022_plan_sums.sql).
func TestAChargeWrittenByTheHelperReachesTheListsTotals(t *testing.T) {
	ctx := context.Background()
	book := testbook.New(t, testbook.Options{Overdue: 2})
	before, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterOverdue})
	if err != nil || len(before.Invoices) == 0 {
		t.Fatalf("the overdue invoices: %v", err)
	}
	testbook.Charge(t, book.Store, before.Invoices[0].ID, testbook.Today.AddDays(-5), core.Parts{Fee: core.FromOre(6000)})
	after, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterOverdue})
	if err != nil {
		t.Fatal(err)
	}
	if want := before.Totals.OverdueAmount.Add(core.FromOre(6000)); !after.Totals.OverdueAmount.Equal(want) {
		t.Errorf("overdue after a charge of 60 kr: %s, want %s", after.Totals.OverdueAmount, want)
	}
}
