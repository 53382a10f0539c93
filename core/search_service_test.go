package core_test

import (
	"context"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

// A search holding a NUL, another control character or bytes that are not UTF-8 (all
// of them pasted, never typed) finds what holds that text as written, in the list and
// in the reminder dialog; it never widens to every invoice (SQLite's GLOB stops at a
// NUL, so "\x00" was "*") nor to what precedes the NUL ("10001\x00" was "*10001").
func TestASearchWithControlCharactersMatchesThemAsWritten(t *testing.T) {
	book := testbook.New(t, testbook.Options{})
	ctx := context.Background()
	svc := book.Service
	odd, err := svc.SaveCustomer(ctx, core.Customer{Number: "K9", Name: "Ström\x00Bygg AB"})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := svc.SaveCustomer(ctx, core.Customer{Number: "K8", Name: "Vanlig Kund AB"})
	if err != nil {
		t.Fatal(err)
	}
	due := testbook.Today.AddDays(-20)
	for _, inv := range []struct {
		number   string
		customer core.Customer
	}{{"NUL\x00-1", plain}, {"Ström-2", odd}, {"Tab\x01-3", plain}, {"Bad\xff-4", plain}} {
		_, err := svc.CreateInvoice(ctx, core.Invoice{Number: inv.number, CustomerID: inv.customer.ID,
			InvoiceDate: due.AddDays(-30), DueDate: due, Total: decimal.NewFromInt(500)})
		if err != nil {
			t.Fatalf("create %q: %v", inv.number, err)
		}
	}
	for _, tc := range []struct {
		name   string
		search string
		want   []string
	}{
		{"a NUL alone finds the invoices whose number or customer holds one", "\x00", []string{"NUL\x00-1", "Ström-2"}},
		{"a number followed by a NUL finds nothing, not the number", "10001\x00", nil},
		{"a search holding a NUL is matched in its case, as written", "nul\x00-1", nil},
		{"a NUL inside a number, as written, finds that number", "NUL\x00-1", []string{"NUL\x00-1"}},
		{"a NUL inside a customer's name finds the customer's invoices", "m\x00B", []string{"Ström-2"}},
		{"another control character finds what holds it", "\x01", []string{"Tab\x01-3"}},
		{"bytes that are not UTF-8 find what holds them", "\xff", []string{"Bad\xff-4"}},
		{"an ordinary search still ignores case", "STRÖM", []string{"Ström-2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := svc.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterAll, Search: tc.search, Sort: core.SortNumber})
			if err != nil {
				t.Fatal(err)
			}
			var listed []string
			for _, inv := range page.Invoices {
				listed = append(listed, inv.Number)
			}
			if !slices.Equal(listed, tc.want) || page.Totals.Count != len(tc.want) {
				t.Errorf("the list shows %q (count %d), want %q", listed, page.Totals.Count, tc.want)
			}
			q := core.CandidateQuery{Search: tc.search, Sort: core.CandidatesByDueDate}
			cs, err := svc.CandidatePage(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var offered []string
			for _, c := range cs {
				offered = append(offered, c.Invoice.Number)
			}
			slices.Sort(offered)
			n, err := svc.CountCandidates(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(offered, tc.want) || n.Count != len(tc.want) {
				t.Errorf("the dialog offers %q (count %d), want %q", offered, n.Count, tc.want)
			}
		})
	}
}
