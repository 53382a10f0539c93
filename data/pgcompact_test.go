package data

import (
	"fmt"
	"testing"

	"paminn/core"
)

// An import of many invoices into a server book leaves the list's sum tables as
// short as their rows need: the invoices' triggers update each sum row once per
// invoice, and in one transaction none of those updates' old rows can be reclaimed
// (at 1,000,000 invoices invoice_sums was 13,334 pages for 4,856 rows, and every
// list's totals read it whole). The tables are compacted after the commit.
func TestAServerImportOfManyInvoicesLeavesTheSumTablesCompact(t *testing.T) {
	s := mustOpenPG(t)
	defer func(n int) { bulkWrite = n }(bulkWrite)
	bulkWrite = 2_000 // the threshold, lowered so the test stays small
	invoices := make([]core.ImportInvoice, bulkWrite)
	for i := range invoices {
		invoices[i] = core.ImportInvoice{Invoice: core.Invoice{Number: fmt.Sprint(10_000 + i),
			InvoiceDate: today.AddDays(-60), DueDate: today.AddDays(-(i % 10)), Total: kr("100")}, CustomerNumber: "K1"}
	}
	if _, err := s.Import(ctx, []core.Customer{{Number: "K1", Name: "Anna AB"}}, invoices); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"invoice_sums", "plan_sums"} {
		var pages, rows int
		if err := s.db.QueryRow(`SELECT pg_relation_size($1::regclass) / current_setting('block_size')::int,
			(SELECT count(*) FROM `+table+`)`, table).Scan(&pages, &rows); err != nil {
			t.Fatal(err)
		}
		if rows == 0 || pages > 1 {
			t.Errorf("%s: %d pages for %d rows after importing %d invoices, want one page", table, pages, rows, len(invoices))
		}
	}
	p, err := s.ListInvoices(ctx, core.InvoiceQuery{}, today)
	if err != nil || p.Totals.Count != len(invoices) {
		t.Fatalf("the list's totals after the import: %+v (%v)", p.Totals, err)
	}
}
