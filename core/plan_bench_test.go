package core_test

import (
	"context"
	"testing"

	"paminn/core"
	"paminn/data/benchbook"
)

// BenchmarkDueByPlanFirstPage is "Dags enligt planen"'s first page: the invoices
// whose next step of the default plan is due (target ≤ 5 ms).
func BenchmarkDueByPlanFirstPage(b *testing.B) {
	svc, _ := benchbook.Service(b)
	ctx := context.Background()
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		cs, err := svc.DueByPlanPage(ctx, 0, core.DefaultPageSize)
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) == 0 {
			b.Fatal("no invoice is due by the plan")
		}
	}
}

// BenchmarkCountDueByPlan is the count of the invoices with a step due ("12 fakturor
// är redo för nästa steg"; target ≤ 20 ms).
func BenchmarkCountDueByPlan(b *testing.B) {
	svc, _ := benchbook.Service(b)
	ctx := context.Background()
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if n, err := svc.CountDueByPlan(ctx); err != nil || n == 0 {
			b.Fatalf("%d due, %v", n, err)
		}
	}
}

// BenchmarkSelectionTotalsByPlan200 adds up 200 invoices due by the plan as their
// steps would charge them (the dialog's totals line after Select all in "Dags enligt
// planen"; SelectionTotals200 is the same outside the plan).
func BenchmarkSelectionTotalsByPlan200(b *testing.B) {
	svc, _ := benchbook.Service(b)
	ctx := context.Background()
	cs, err := svc.DueByPlanPage(ctx, 0, core.MaxBatch)
	if err != nil || len(cs) < core.MaxBatch {
		b.Fatalf("%d due by the plan, %v", len(cs), err)
	}
	req := core.ReminderRequest{Type: core.ReminderManual, ByPlan: true}
	for _, c := range cs {
		req.InvoiceIDs = append(req.InvoiceIDs, c.Invoice.ID)
	}
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		t, err := svc.SelectionTotals(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if t.Count != core.MaxBatch || !t.Interest.IsPositive() {
			b.Fatalf("%d counted, interest %s", t.Count, t.Interest)
		}
	}
}
