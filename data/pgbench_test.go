package data_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"paminn/core"
	"paminn/data"
	"paminn/data/benchbook"
	"paminn/data/demo"
)

// The batch's benchmarks on a PostgreSQL server (issue 24), on benchbook's book
// (100,000 invoices, or PAMINN_BENCH_SIZE) imported into a server book once per run
// and copied for each benchmark. Run them with the throwaway server:
//
//	./.ci/pg-server env GOFLAGS=-tags=no_emoji go test -run '^$' -bench 'PG' -benchtime 20x ./data/
//
// Figures: BENCHMARKS.md.

// openPGBench opens a copy of the server's benchmark book as n desktops.
func openPGBench(b *testing.B, n int) []*data.PGStore {
	b.Helper()
	address := data.PGBenchBook(b, func(s *data.PGStore) error {
		cs, invs := demo.Generate(benchbook.Spec())
		_, err := s.Import(benchCtx, cs, invs)
		return err
	})
	desktops := make([]*data.PGStore, n)
	for i := range desktops {
		s, err := data.OpenPostgres(benchCtx, address)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		desktops[i] = s
	}
	return desktops
}

// pgBatch is batch round's 200 reminders (desktop's own slice of the eligible
// invoices), planned from the invoices as the book holds them now.
func pgBatch(b *testing.B, s *data.PGStore, eligible []core.Candidate, round, desktop, desktops int) (core.Batch, []core.Reminder) {
	b.Helper()
	ids := make([]int64, core.MaxBatch)
	for j := range ids {
		ids[j] = eligible[((round*desktops+desktop)*core.MaxBatch+j)%len(eligible)].Invoice.ID
	}
	cs, err := s.InvoicesForReminder(benchCtx, ids)
	if err != nil {
		b.Fatal(err)
	}
	rs := make([]core.Reminder, len(cs))
	for j, c := range cs {
		rs[j] = benchReminder(c.Invoice)
	}
	key := fmt.Sprintf("bench-%d-%d", round, desktop)
	return core.Batch{IdempotencyKey: key, Type: core.ReminderManual, CreatedAt: time.Now()}, rs
}

// BenchmarkPGCreateBatch200 writes one batch of 200 letter reminders on the server, as
// BenchmarkCreateBatch200 does on SQLite (the planning read is outside the timer).
func BenchmarkPGCreateBatch200(b *testing.B) {
	s := openPGBench(b, 1)[0]
	eligible, err := s.EligibleInvoices(benchCtx, benchbook.Today)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer() // the book's copy and the planning read are not the batch's
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		batch, rs := pgBatch(b, s, eligible, i, 0, 1)
		b.StartTimer()
		if _, err := s.CreateBatch(benchCtx, batch, rs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPGBareInsert200 is the floor under PGCreateBatch200, as BareInsert200 is
// on SQLite: one transaction on the same server book inserting 200 reminder rows with
// a prepared statement, and nothing else.
func BenchmarkPGBareInsert200(b *testing.B) {
	bareInsert200(b, data.PGBenchDB(openPGBench(b, 1)[0]))
}

// BenchmarkPGTenDesktopsSend200AtOnce has ten desktops (stores with connections of
// their own) each send a batch of 200 reminders at the same moment, for invoices of
// their own; an operation is the ten batches, from their release to the last one's
// end (ns/op, the wall time). slowest-ms is the slowest batch's own time, on average.
func BenchmarkPGTenDesktopsSend200AtOnce(b *testing.B) {
	const n = 10
	desktops := openPGBench(b, n)
	eligible, err := desktops[0].EligibleInvoices(benchCtx, benchbook.Today)
	if err != nil {
		b.Fatal(err)
	}
	var slowestSum time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		batches := make([]core.Batch, n)
		plans := make([][]core.Reminder, n)
		for d := range desktops {
			batches[d], plans[d] = pgBatch(b, desktops[d], eligible, i, d, n)
		}
		took := make([]time.Duration, n)
		start := make(chan struct{})
		var ready, wg sync.WaitGroup
		for d := range desktops {
			ready.Add(1)
			wg.Go(func() {
				ready.Done()
				<-start
				t0 := time.Now()
				if _, err := desktops[d].CreateBatch(benchCtx, batches[d], plans[d]); err != nil {
					b.Error(err)
				}
				took[d] = time.Since(t0)
			})
		}
		ready.Wait()
		b.StartTimer()
		close(start)
		wg.Wait()
		b.StopTimer()
		slowest := time.Duration(0)
		for _, t := range took {
			slowest = max(slowest, t)
		}
		slowestSum += slowest
		b.StartTimer()
	}
	b.ReportMetric(float64(slowestSum.Microseconds())/1000/float64(b.N), "slowest-ms")
}

// BenchmarkPGCountDueByPlan is "Dags enligt planen"'s count on the server, from
// plan_sums (pgmigrations/022), for the default plans (SQLite's target: ≤ 20 ms).
func BenchmarkPGCountDueByPlan(b *testing.B) {
	s := openPGBench(b, 1)[0]
	due := core.Plans{}.Due(benchbook.Today, false)
	b.ReportAllocs()
	for b.Loop() {
		if n, err := s.CountDueByPlan(benchCtx, due); err != nil || n == 0 {
			b.Fatalf("CountDueByPlan = %d, %v", n, err)
		}
	}
}

// BenchmarkPGDueByPlanPage is the first page (50) of the invoices due by the default
// plans on the server.
func BenchmarkPGDueByPlanPage(b *testing.B) {
	s := openPGBench(b, 1)[0]
	due := core.Plans{}.Due(benchbook.Today, false)
	b.ReportAllocs()
	for b.Loop() {
		if page, err := s.DueByPlanPage(benchCtx, due, 0, 50); err != nil || len(page) != 50 {
			b.Fatalf("DueByPlanPage = %d, %v", len(page), err)
		}
	}
}
