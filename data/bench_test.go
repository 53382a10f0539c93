package data

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"paminn/core"
)

// The benchmarks share one generated book of benchInvoices invoices, benchOverdue of
// them overdue, the size DESIGN.md sets the performance targets for.
const (
	benchInvoices  = 100_000
	benchOverdue   = 30_000
	benchCustomers = 2_000
)

var (
	benchOnce  sync.Once
	benchDir   string
	benchPath  string
	benchErr   error
	benchToday = core.MustDate("2025-06-15")
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchBook opens the shared generated book, building it on first use.
func benchBook(b *testing.B) *Store {
	b.Helper()
	benchOnce.Do(func() {
		if benchDir, benchErr = os.MkdirTemp("", "paminn-bench-"); benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "book.db")
		var s *Store
		if s, benchErr = Open(benchPath); benchErr != nil {
			return
		}
		cs, invs := generateBook(benchToday)
		if _, benchErr = s.Import(ctx, cs, invs); benchErr != nil {
			return
		}
		benchErr = s.Close()
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	s, err := Open(benchPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// generateBook makes a realistic book: most invoices paid, benchOverdue overdue (a
// third of those reminded, some with Amili), the rest not yet due.
func generateBook(today core.Date) ([]core.Customer, []core.ImportInvoice) {
	cs := make([]core.Customer, benchCustomers)
	for i := range cs {
		cs[i] = core.Customer{Number: fmt.Sprintf("K%05d", i), Name: fmt.Sprintf("Kund %04d AB", (i*7919)%benchCustomers),
			IDNumber: "556000-0000", IsCompany: true, Email: fmt.Sprintf("k%d@example.se", i), FeeAgreed: i%2 == 0}
	}
	invs := make([]core.ImportInvoice, benchInvoices)
	for i := range invs {
		total := core.FromOre(int64(10_000 + (i*7919)%5_000_000))
		inv := core.Invoice{Number: fmt.Sprintf("F%07d", i), Total: total, OCR: fmt.Sprint(i)}
		switch {
		case i%10 < 3: // overdue
			inv.DueDate = today.AddDays(-1 - i%400)
			if i%3 == 0 {
				inv.ReminderCount, inv.LastReminded = 1+i%2, today.AddDays(-i%20)
			}
			if i%50 == 1 {
				inv.AmiliState, inv.AmiliCaseRef = core.AmiliRegistered, fmt.Sprintf("case-%d", i)
			}
		case i%10 == 3: // not yet due
			inv.DueDate = today.AddDays(i % 30)
		default: // paid
			inv.DueDate = today.AddDays(-1 - i%700)
			inv.Paid = total
		}
		inv.InvoiceDate = inv.DueDate.AddDays(-30)
		invs[i] = core.ImportInvoice{Invoice: inv, CustomerNumber: cs[(i*31)%benchCustomers].Number}
	}
	return cs, invs
}

func BenchmarkImport100k(b *testing.B) {
	cs, invs := generateBook(benchToday)
	for b.Loop() {
		s, err := Open(filepath.Join(b.TempDir(), "book.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Import(ctx, cs, invs); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func BenchmarkListInvoicesFirstPage(b *testing.B) {
	s := benchBook(b)
	sorts := []core.SortKey{core.SortDueDate, core.SortNumber, core.SortCustomer, core.SortInvoiceDate,
		core.SortTotal, core.SortBalance, core.SortStatus, core.SortReminders, core.SortLastReminded}
	filters := []core.Filter{core.FilterAll, core.FilterOverdue, core.FilterUnpaid, core.FilterReminded, core.FilterAmili, core.FilterPaid}
	for _, f := range filters {
		for _, key := range sorts {
			for _, desc := range []bool{false, true} {
				name := fmt.Sprintf("filter=%s/sort=%s/desc=%v", f, key, desc)
				if f == "" {
					name = fmt.Sprintf("filter=all/sort=%s/desc=%v", key, desc)
				}
				b.Run(name, func(b *testing.B) {
					q := core.InvoiceQuery{Filter: f, Sort: key, Desc: desc}
					for b.Loop() {
						if _, err := s.ListInvoices(ctx, q, benchToday); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

func BenchmarkListInvoicesSearch(b *testing.B) {
	s := benchBook(b)
	for b.Loop() {
		if _, err := s.ListInvoices(ctx, core.InvoiceQuery{Search: "kund 12"}, benchToday); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListTotals(b *testing.B) {
	s := benchBook(b)
	for _, f := range []core.Filter{core.FilterAll, core.FilterOverdue} {
		b.Run("filter="+string(f), func(b *testing.B) {
			where, args, err := listWhere(core.InvoiceQuery{Filter: f}, benchToday)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				tx, err := s.db.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := listTotals(ctx, tx, f, false, where, args, benchToday); err != nil {
					b.Fatal(err)
				}
				tx.Rollback()
			}
		})
	}
}

func BenchmarkEligibleInvoices(b *testing.B) {
	s := benchBook(b)
	for b.Loop() {
		cs, err := s.EligibleInvoices(ctx, benchToday)
		if err != nil {
			b.Fatal(err)
		}
		if len(cs) < benchOverdue*9/10 {
			b.Fatalf("%d eligible", len(cs))
		}
	}
}

func BenchmarkCreateBatch200(b *testing.B) {
	s := benchBook(b)
	cs, err := s.EligibleInvoices(ctx, benchToday)
	if err != nil {
		b.Fatal(err)
	}
	// Each batch is rolled back by a fresh copy being unnecessary: keys differ and the
	// invoices only gain a reminder count, which does not change the timing.
	i := 0
	for b.Loop() {
		rs := make([]core.Reminder, core.MaxBatch)
		for j := range rs {
			inv := cs[(i*core.MaxBatch+j)%len(cs)].Invoice
			rs[j] = plannedReminder(inv, core.ChannelLetter)
		}
		if _, err := s.CreateBatch(ctx, newBatch(fmt.Sprint("bench-", i), core.ReminderManual), rs); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
