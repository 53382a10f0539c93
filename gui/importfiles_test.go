package gui

import (
	"bytes"
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"paminn/core"
)

// sheet builds an .xlsx workbook as Excel saves one: the rows from A1 down, every
// cell a string (the import reads numbers and dates from text cells as from CSV).
func sheet(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		if err := f.SetSheetRow("Sheet1", "A"+string(rune('1'+r)), &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// issue 21, "Imports people already have": a customer file and an invoice file with
// Swedish or English headers, as CSV or as an Excel workbook, go through the import
// as the user meets it: straight to the preview (no mapping step), nothing written
// until Importera is tapped, then every row in the book.
func TestCSVAndExcelFilesWithSwedishOrEnglishHeadersArePreviewedAndImported(t *testing.T) {
	customersSv := [][]string{{"Kundnummer", "Namn", "E-post", "Ort"}, {"K1", "Åkeri AB", "info@akeri.se", "Umeå"}, {"K2", "Anna Berg", "", "Lund"}}
	customersEn := [][]string{{"Customer number", "Name", "E-mail", "City"}, {"K1", "Åkeri AB", "info@akeri.se", "Umeå"}, {"K2", "Anna Berg", "", "Lund"}}
	invoicesSv := [][]string{{"Fakturanummer", "Kundnummer", "Fakturadatum", "Förfallodatum", "Summa"},
		{"1001", "K1", "2026-01-01", "2026-01-31", "1250,50"}, {"1002", "K2", "2026-01-05", "2026-02-04", "400"}, {"1003", "K2", "2026-02-01", "2026-03-03", "80"}}
	invoicesEn := [][]string{{"Invoice number", "Customer number", "Invoice date", "Due date", "Total"},
		{"1001", "K1", "2026-01-01", "2026-01-31", "1250.50"}, {"1002", "K2", "2026-01-05", "2026-02-04", "400"}, {"1003", "K2", "2026-02-01", "2026-03-03", "80"}}
	csv := func(rows [][]string) []byte {
		var b bytes.Buffer
		for _, row := range rows {
			for i, cell := range row {
				if i > 0 {
					b.WriteByte(';')
				}
				b.WriteString(cell)
			}
			b.WriteByte('\n')
		}
		return b.Bytes()
	}
	for _, c := range []struct {
		name                string
		file                func([][]string) []byte
		customers, invoices [][]string
	}{
		{"a CSV file with English headers", csv, customersEn, invoicesEn},
		{"an Excel workbook with Swedish headers", func(r [][]string) []byte { return sheet(t, r) }, customersSv, invoicesSv},
		{"an Excel workbook with English headers", func(r [][]string) []byte { return sheet(t, r) }, customersEn, invoicesEn},
	} {
		t.Run(c.name, func(t *testing.T) {
			w, book := importWindow(t)
			ctx := context.Background()
			for _, step := range []struct {
				kind core.ImportKind
				rows [][]string
				want int
			}{{core.ImportCustomers, c.customers, 2}, {core.ImportInvoices, c.invoices, 3}} {
				var res core.ImportResult
				fi := newFileImport(book.Service, w, step.kind, "fil", c.file(step.rows), func(_ string, r core.ImportResult) { res = r })
				fi.start()
				waitFor(t, "the preview", func() bool { return fi.dlg != nil })
				if fi.nextBtn != nil || fi.importBtn == nil || fi.importBtn.Disabled() {
					t.Fatalf("%s: a mapping step, or no Importera to tap: %q", step.kind, fi.summary.Text)
				}
				if page, _ := book.Service.ListInvoices(ctx, core.InvoiceQuery{}); page.Totals.Count != 0 {
					t.Fatalf("%s: the preview wrote invoices", step.kind)
				}
				test.Tap(fi.importBtn)
				waitFor(t, "the import", func() bool { return res.Customers+res.Invoices == step.want })
			}
			page, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{})
			if err != nil || page.Totals.Count != 3 {
				t.Fatalf("%d invoices in the book (%v), want 3", page.Totals.Count, err)
			}
			for _, inv := range page.Invoices {
				if inv.Number == "1001" && (inv.DueDate.String() != "2026-01-31" || inv.Total.String() != "1250.5") {
					t.Errorf("invoice 1001: due %s, total %s", inv.DueDate, inv.Total)
				}
			}
		})
	}
}
