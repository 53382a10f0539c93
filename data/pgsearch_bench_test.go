package data_test

import (
	"fmt"
	"log/slog"
	"testing"
	"time"

	"paminn/core"
	"paminn/data"
	"paminn/data/bankfile"
	"paminn/data/benchbook"
)

// The screens' benchmarks on a PostgreSQL server (issue 24: the same targets as on
// SQLite), on the server's benchmark book (openPGBench: benchbook's invoices and
// customers imported). Each asks what core's benchmark of the same name asks of a
// Service over a SQLite book, of a Service over the server book. Run them with the
// throwaway server:
//
//	./.ci/pg-server env GOFLAGS=-tags=no_emoji go test -run '^$' -bench 'PG(List|Remind|Select|Typed)' -benchtime 20x ./data/
//
// Figures: BENCHMARKS.md, "Search and the screens on a server book".

// pgService is a Service over a copy of the server's benchmark book, on benchbook's
// clock, with no delivery channels.
func pgService(b *testing.B) (*core.Service, *data.PGStore) {
	b.Helper()
	store := openPGBench(b, 1)[0]
	svc := core.NewService(store, core.Options{Clock: core.FixedClock(benchbook.Today.Time().Add(10 * time.Hour)),
		LettersDir: b.TempDir(), Logger: slog.New(slog.DiscardHandler), BankFiles: bankfile.Reader{}})
	return svc, store
}

var (
	pgBenchFilters = []core.Filter{core.FilterAll, core.FilterOverdue, core.FilterUnpaid,
		core.FilterReminded, core.FilterAmili, core.FilterCharges, core.FilterPaid}
	pgBenchSorts = []core.SortKey{core.SortDueDate, core.SortNumber, core.SortCustomer, core.SortInvoiceDate,
		core.SortTotal, core.SortBalance, core.SortStatus, core.SortReminders, core.SortLastReminded}
)

// BenchmarkPGListInvoicesFirstPage is the list's first page alone in each filter,
// order and direction (target ≤ 5 ms).
func BenchmarkPGListInvoicesFirstPage(b *testing.B) {
	svc, _ := pgService(b)
	for _, f := range pgBenchFilters {
		for _, key := range pgBenchSorts {
			for _, desc := range []bool{false, true} {
				q := core.InvoiceQuery{Filter: f, Sort: key, Desc: desc, SkipTotals: true}
				b.Run(fmt.Sprintf("filter=%s/sort=%s/desc=%v", f, key, desc), func(b *testing.B) {
					pgBenchList(b, svc, q)
				})
			}
		}
	}
}

// BenchmarkPGListInvoicesFirstPageWithTotals is the first page and the totals in one
// call, as the list asks when it opens or its filter changes (the totals' target is
// ≤ 20 ms).
func BenchmarkPGListInvoicesFirstPageWithTotals(b *testing.B) {
	svc, _ := pgService(b)
	for _, f := range pgBenchFilters {
		q := core.InvoiceQuery{Filter: f, Sort: core.SortStatus}
		b.Run(fmt.Sprintf("filter=%s/sort=%s", f, q.Sort), func(b *testing.B) { pgBenchList(b, svc, q) })
	}
}

func pgBenchList(b *testing.B, svc *core.Service, q core.InvoiceQuery) {
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.ListInvoices(benchCtx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPGRemindDialogLoad is what the reminder dialog asks the service for when
// it opens (target ≤ 50 ms with the dialog built).
func BenchmarkPGRemindDialogLoad(b *testing.B) {
	svc, _ := pgService(b)
	defer benchbook.ReportCPU(b)()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.CandidatePage(benchCtx, core.CandidateQuery{Limit: core.DefaultPageSize}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.CountCandidates(benchCtx, core.CandidateQuery{}); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.AmiliStatus(benchCtx); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.DefaultReminderType(benchCtx); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Settings(benchCtx); err != nil {
			b.Fatal(err)
		}
		if _, err := svc.InterestRateToday(benchCtx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPGSelectCandidates is Select all: the first 200 in an order (target
// ≤ 20 ms), for manual reminders and for Amili.
func BenchmarkPGSelectCandidates(b *testing.B) {
	svc, _ := pgService(b)
	for _, typ := range []core.ReminderType{core.ReminderManual, core.ReminderAmili} {
		for _, key := range []core.CandidateSort{core.CandidatesByDueDate, core.CandidatesByCustomer, core.CandidatesByBalance} {
			b.Run(fmt.Sprintf("type=%s/sort=%s", typ, key), func(b *testing.B) {
				defer benchbook.ReportCPU(b)()
				b.ReportAllocs()
				for b.Loop() {
					sel, err := svc.SelectCandidates(benchCtx, core.CandidateQuery{Sort: key}, typ, false)
					if err != nil {
						b.Fatal(err)
					}
					if len(sel.IDs) != core.MaxBatch {
						b.Fatalf("%d selected", len(sel.IDs))
					}
				}
			})
		}
	}
}

// BenchmarkPGTypedSearch is BenchmarkTypedSearch on the server book (target: the
// first page and the count ≤ 20 ms): each search asked as newly typed.
func BenchmarkPGTypedSearch(b *testing.B) {
	_, s := pgService(b)
	benchTypedSearches(b, s)
}

// BenchmarkPGTypedSearchInOrders is BenchmarkTypedSearchInOrders on the server.
func BenchmarkPGTypedSearchInOrders(b *testing.B) {
	_, s := pgService(b)
	benchSearchesInOrders(b, s)
}
