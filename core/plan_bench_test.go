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
