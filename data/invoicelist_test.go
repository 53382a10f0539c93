package data

import (
	"strings"
	"testing"

	"paminn/core"
)

// listBook is a small book covering every status, for the list tests.
func listBook(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t)
	writeListBook(t, s)
	return s
}

// writeListBook writes listBook's customers and invoices into s, on either engine.
func writeListBook(t *testing.T, s core.Store) {
	t.Helper()
	anna := mustCustomer(t, s, "K1", "Anna AB")
	orjan := mustCustomer(t, s, "K2", "Örjan Åkesson")
	bertil := mustCustomer(t, s, "K3", "bertil hb")
	for _, x := range []struct {
		c    core.Customer
		spec invoiceSpec
	}{
		{anna, invoiceSpec{number: "1001", dueIn: -40, total: "1000"}},                       // overdue
		{anna, invoiceSpec{number: "1002", dueIn: -10, total: "500", paid: "200"}},           // overdue, 300 left
		{orjan, invoiceSpec{number: "1003", dueIn: 5, total: "700"}},                         // unpaid
		{orjan, invoiceSpec{number: "1004", dueIn: -20, total: "300", paid: "300"}},          // paid
		{bertil, invoiceSpec{number: "1005", dueIn: -5, total: "200", reminders: 1}},         // reminded, overdue
		{bertil, invoiceSpec{number: "1006", dueIn: -60, total: "900", amili: "registered"}}, // with Amili, overdue
		{orjan, invoiceSpec{number: "X-2", dueIn: 0, total: "50"}},                           // due today: unpaid
		{anna, invoiceSpec{number: "1008", dueIn: -1, total: "80", paid: "100"}},             // overpaid
	} {
		mustInvoice(t, s, x.c, x.spec)
	}
}

func numbers(p core.InvoicePage) string {
	var ns []string
	for _, inv := range p.Invoices {
		ns = append(ns, inv.Number)
	}
	return strings.Join(ns, " ")
}

func TestListInvoicesFiltersSearchesAndTotals(t *testing.T) {
	s := listBook(t)
	tests := []struct {
		name          string
		q             core.InvoiceQuery
		want          string // numbers by due date
		overdueCount  int
		overdueAmount string
	}{
		{"all invoices are listed by due date", core.InvoiceQuery{},
			"1006 1001 1004 1002 1005 1008 X-2 1003", 4, "2400"},
		{"unpaid are those with a balance", core.InvoiceQuery{Filter: core.FilterUnpaid},
			"1006 1001 1002 1005 X-2 1003", 4, "2400"},
		{"overdue are unpaid and due before today", core.InvoiceQuery{Filter: core.FilterOverdue},
			"1006 1001 1002 1005", 4, "2400"},
		{"reminded are unpaid and reminded", core.InvoiceQuery{Filter: core.FilterReminded},
			"1005", 1, "200"},
		{"with Amili are those handed over", core.InvoiceQuery{Filter: core.FilterAmili},
			"1006", 1, "900"},
		{"paid include overpaid", core.InvoiceQuery{Filter: core.FilterPaid},
			"1004 1008", 0, "0"},
		{"search matches the invoice number", core.InvoiceQuery{Search: "x-"},
			"X-2", 0, "0"},
		{"search matches part of the customer name ignoring case", core.InvoiceQuery{Search: "ANNA"},
			"1001 1002 1008", 2, "1300"},
		{"search folds Swedish letters", core.InvoiceQuery{Search: "örjan åke"},
			"1004 X-2 1003", 0, "0"},
		{"search matches Swedish letters as typed", core.InvoiceQuery{Search: "Åkesson"},
			"1004 X-2 1003", 0, "0"},
		{"search and filter combine", core.InvoiceQuery{Search: "Bertil", Filter: core.FilterOverdue},
			"1006 1005", 2, "1100"},
		{"search treats wildcards literally", core.InvoiceQuery{Search: "1*"},
			"", 0, "0"},
		{"search for nothing in particular lists all", core.InvoiceQuery{Search: "  "},
			"1006 1001 1004 1002 1005 1008 X-2 1003", 4, "2400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.ListInvoices(ctx, tt.q, today)
			if err != nil {
				t.Fatal(err)
			}
			if got := numbers(p); got != tt.want {
				t.Errorf("invoices = %q, want %q", got, tt.want)
			}
			want := core.InvoiceTotals{Count: len(strings.Fields(tt.want)), OverdueCount: tt.overdueCount, OverdueAmount: kr(tt.overdueAmount)}
			if p.Totals.Count != want.Count || p.Totals.OverdueCount != want.OverdueCount || !p.Totals.OverdueAmount.Equal(want.OverdueAmount) {
				t.Errorf("totals = %+v, want %+v", p.Totals, want)
			}
		})
	}
}

func TestListInvoicesSortsEveryColumnBothWays(t *testing.T) {
	s := listBook(t)
	tests := []struct {
		sort core.SortKey
		want string // ascending
	}{
		{core.SortDueDate, "1006 1001 1004 1002 1005 1008 X-2 1003"},
		{"", "1006 1001 1004 1002 1005 1008 X-2 1003"},
		{core.SortNumber, "1001 1002 1003 1004 1005 1006 1008 X-2"},
		{core.SortCustomer, "1001 1002 1008 1005 1006 1003 1004 X-2"}, // Anna, bertil, Örjan (byte order); then by id
		{core.SortInvoiceDate, "1006 1001 1004 1002 1005 1008 X-2 1003"},
		{core.SortTotal, "X-2 1008 1005 1004 1002 1003 1006 1001"},
		{core.SortBalance, "1008 1004 X-2 1005 1002 1003 1006 1001"},
		{core.SortStatus, "1001 1002 X-2 1003 1005 1006 1004 1008"}, // overdue, unpaid, reminded, Amili, paid
		{core.SortReminders, "1001 1002 1003 1004 1006 X-2 1008 1005"},
		{core.SortLastReminded, "1001 1002 1003 1004 1006 X-2 1008 1005"},
	}
	for _, tt := range tests {
		t.Run("sorting by "+string(tt.sort), func(t *testing.T) {
			p, err := s.ListInvoices(ctx, core.InvoiceQuery{Sort: tt.sort}, today)
			if err != nil {
				t.Fatal(err)
			}
			if got := numbers(p); got != tt.want {
				t.Errorf("ascending = %q, want %q", got, tt.want)
			}
			p, err = s.ListInvoices(ctx, core.InvoiceQuery{Sort: tt.sort, Desc: true}, today)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := numbers(p), reversed(tt.want); got != want {
				t.Errorf("descending = %q, want %q", got, want)
			}
		})
	}
}

func reversed(s string) string {
	f := strings.Fields(s)
	for i, j := 0, len(f)-1; i < j; i, j = i+1, j-1 {
		f[i], f[j] = f[j], f[i]
	}
	return strings.Join(f, " ")
}

func TestListInvoicesPagesWithoutGapsOrRepeats(t *testing.T) {
	s := listBook(t)
	var pages []string
	for offset := 0; offset < 10; offset += 3 {
		p, err := s.ListInvoices(ctx, core.InvoiceQuery{Sort: core.SortReminders, Offset: offset, Limit: 3}, today)
		if err != nil {
			t.Fatal(err)
		}
		if p.Totals.Count != 8 {
			t.Errorf("page at %d counts %d matches, want 8", offset, p.Totals.Count)
		}
		pages = append(pages, numbers(p))
	}
	if got, want := strings.Join(pages, "|"), "1001 1002 1003|1004 1006 X-2|1008 1005|"; got != want {
		t.Errorf("pages = %q, want %q", got, want)
	}
}

func TestListInvoicesFillsTheCustomerAndUsesTheDefaultPageSize(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	var invs []core.ImportInvoice
	for i := range core.DefaultPageSize + 5 {
		invs = append(invs, core.ImportInvoice{CustomerNumber: "K1", Invoice: core.Invoice{
			Number: "N" + string(rune('A'+i/26)) + string(rune('a'+i%26)), InvoiceDate: today, DueDate: today, Total: kr("1")}})
	}
	if _, err := s.Import(ctx, nil, invs); err != nil {
		t.Fatal(err)
	}
	p, err := s.ListInvoices(ctx, core.InvoiceQuery{}, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Invoices) != core.DefaultPageSize || p.Totals.Count != core.DefaultPageSize+5 {
		t.Fatalf("page of %d of %d, want %d of %d", len(p.Invoices), p.Totals.Count, core.DefaultPageSize, core.DefaultPageSize+5)
	}
	if p.Invoices[0].CustomerName != c.Name {
		t.Errorf("CustomerName = %q", p.Invoices[0].CustomerName)
	}
	empty, err := s.ListInvoices(ctx, core.InvoiceQuery{Offset: 1000}, today)
	if err != nil || empty.Invoices == nil || len(empty.Invoices) != 0 {
		t.Errorf("a page past the end = %#v, %v; want an empty, non-nil page", empty.Invoices, err)
	}
}

func TestListInvoicesRefusesUnknownFiltersAndSorts(t *testing.T) {
	s := mustOpen(t)
	_, err := s.ListInvoices(ctx, core.InvoiceQuery{Filter: "late"}, today)
	wantCode(t, err, core.EINVALID)
	_, err = s.ListInvoices(ctx, core.InvoiceQuery{Sort: "colour"}, today)
	wantCode(t, err, core.EINVALID)
}

func TestCaseInsensitiveGlob(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ab", "*[aA][bB]*"},
		{"Ö1", "*[öÖ]1*"},
		{"a*?[", "*[aA][*][?][[]*"},
	}
	for _, tt := range tests {
		if got := caseInsensitiveGlob(tt.in); got != tt.want {
			t.Errorf("caseInsensitiveGlob(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
