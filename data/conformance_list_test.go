package data

import (
	"fmt"
	"strings"
	"testing"

	"paminn/core"
)

// The invoice list on both engines (pglist.go): the same book gives the same pages and
// totals for every filter, order and direction.

// fillListBook writes a book with invoices of every kind the list's filters tell
// apart: open and overdue, not yet due, part-paid, paid, paid with charges left,
// reminded, with Amili and with a closed Amili case, disputed and paused with its
// customer; customers whose names sort differently byte by byte than by a language's
// rules.
func fillListBook(t *testing.T, s core.Store) {
	t.Helper()
	var cs []core.Customer
	for i, name := range []string{"anna", "Örjan AB", "Zeta HB", "Anna AB", "Ågren"} {
		cs = append(cs, mustCustomer(t, s, fmt.Sprintf("K%d", i+1), name))
	}
	specs := []invoiceSpec{
		{number: "1001", dueIn: -40, total: "1000"},
		{number: "1002", dueIn: -10, total: "250.50", paid: "50"},
		{number: "1003", dueIn: 5, total: "300"},
		{number: "1004", dueIn: -60, total: "800", paid: "800"},
		{number: "1005", dueIn: -30, total: "400", reminders: 2},
		{number: "1006", dueIn: -90, total: "5000", amili: core.AmiliRegistered, caseRef: "c-1"},
		{number: "1007", dueIn: -90, total: "700", amili: core.AmiliClosed, caseRef: "c-2"},
		{number: "1008", dueIn: 20, total: "120", reminders: 1},
		{number: "999", dueIn: -10, total: "99"},
		{number: "1010", dueIn: -10, total: "1000", paid: "1000", reminders: 1},
	}
	for i, spec := range specs {
		mustInvoice(t, s, cs[i%len(cs)], spec)
	}
	// An invoice whose principal is paid and whose charges remain.
	charged := core.Invoice{Number: "1011", CustomerID: cs[1].ID, InvoiceDate: today.AddDays(-50),
		DueDate: today.AddDays(-20), Total: kr("500"), Paid: kr("500"), Charges: kr("60"), Currency: "SEK",
		ReminderCount: 1, LastReminded: today.AddDays(-5)}
	if _, err := s.CreateInvoice(ctx, charged); err != nil {
		t.Fatal(err)
	}
	// A disputed invoice, and a customer paused with all their invoices (1003, 1008).
	started := at("09:00")
	if _, err := s.StartPause(ctx, core.Pause{InvoiceID: 2, Reason: core.PauseDispute, Started: started}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartPause(ctx, core.Pause{CustomerID: cs[2].ID, Reason: core.PausePlan, Started: started}); err != nil {
		t.Fatal(err)
	}
}

// listFilters and listKeys are every filter and sort order of the list.
var (
	listFilters = []core.Filter{core.FilterAll, core.FilterUnpaid, core.FilterOverdue, core.FilterReminded,
		core.FilterAmili, core.FilterCharges, core.FilterPaid, core.FilterPaused}
	listKeys = []core.SortKey{core.SortDueDate, core.SortNumber, core.SortCustomer, core.SortInvoiceDate,
		core.SortTotal, core.SortBalance, core.SortStatus, core.SortReminders, core.SortLastReminded}
)

// pageText is a page as numbers and totals, for comparing.
func pageText(p core.InvoicePage) string {
	var nums []string
	for _, inv := range p.Invoices {
		nums = append(nums, inv.Number+"/"+inv.CustomerName)
	}
	t := p.Totals
	return fmt.Sprintf("%s | count %d overdue %d %s charges %d %s", strings.Join(nums, " "), t.Count,
		t.OverdueCount, t.OverdueAmount.StringFixed(2), t.ChargesCount, t.ChargesAmount.StringFixed(2))
}

func TestEnginesListInvoicesAgreeOnEveryFilterOrderAndPage(t *testing.T) {
	sqlite, pg := mustOpen(t), mustOpenPG(t)
	fillListBook(t, sqlite)
	fillListBook(t, pg)
	for _, f := range listFilters {
		for _, key := range listKeys {
			for _, desc := range []bool{false, true} {
				for _, offset := range []int{0, 4} {
					q := core.InvoiceQuery{Filter: f, Sort: key, Desc: desc, Offset: offset, Limit: 4}
					want, err := sqlite.ListInvoices(ctx, q, today)
					if err != nil {
						t.Fatalf("%+v on SQLite: %v", q, err)
					}
					got, err := pg.ListInvoices(ctx, q, today)
					if err != nil {
						t.Fatalf("%+v on PostgreSQL: %v", q, err)
					}
					if pageText(got) != pageText(want) {
						t.Errorf("filter %q by %s desc=%v offset %d:\n postgres %s\n sqlite   %s", f, key, desc, offset,
							pageText(got), pageText(want))
					}
				}
			}
		}
	}
}

func TestEnginesListInvoicesPagesAndTotals(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		fillListBook(t, s)
		tests := []struct {
			name string
			q    core.InvoiceQuery
			want string
		}{
			{"the overdue by due date, with Amili's and their claims", core.InvoiceQuery{Filter: core.FilterOverdue},
				"1006/anna 1007/Örjan AB 1001/anna 1005/Ågren 1002/Örjan AB 999/Anna AB | count 6 overdue 6 7399.50 charges 0 0.00"},
			{"customers in byte order, each one's invoices as entered", core.InvoiceQuery{Sort: core.SortCustomer, Limit: 5},
				"1004/Anna AB 999/Anna AB 1003/Zeta HB 1008/Zeta HB 1001/anna | count 11 overdue 6 7399.50 charges 1 60.00"},
			{"paused and disputed, by their own pause or their customer's", core.InvoiceQuery{Filter: core.FilterPaused},
				"1002/Örjan AB 1003/Zeta HB 1008/Zeta HB | count 3 overdue 1 200.50 charges 0 0.00"},
			{"costs remaining", core.InvoiceQuery{Filter: core.FilterCharges},
				"1011/Örjan AB | count 1 overdue 0 0.00 charges 1 60.00"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p, err := s.ListInvoices(ctx, tt.q, today)
				if err != nil {
					t.Fatal(err)
				}
				if got := pageText(p); got != tt.want {
					t.Fatalf("page = %s\nwant   %s", got, tt.want)
				}
			})
		}
		for _, q := range []core.InvoiceQuery{{Sort: "nonsense"}, {Filter: "nonsense"}} {
			_, err := s.ListInvoices(ctx, q, today)
			wantCode(t, err, core.EINVALID)
		}
	})
}
