package xlsx_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"paminn/core"
	"paminn/data"
	"paminn/data/xlsx"
)

// workbook builds an .xlsx file as Excel would save it: rows from A1 down, dates as
// date cells in the built-in short date format (14), amounts as numbers.
func workbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if v == nil {
				continue
			}
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				if err := f.SetCellStyle("Sheet1", cell, cell, date); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func day(s string) time.Time { return core.MustDate(s).Time() }

// book is a real temporary book whose service reads workbooks.
func book(t *testing.T) (*core.Service, context.Context) {
	t.Helper()
	store, err := data.Open(filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	svc := core.NewService(store, core.Options{Clock: core.FixedClock(time.Date(2026, 9, 15, 10, 0, 0, 0, time.UTC)),
		Spreadsheets: xlsx.Reader{}, LettersDir: t.TempDir()})
	return svc, context.Background()
}

func TestAWorkbookWithSwedishHeadersIsPreviewedAndImportedAsACSVFileIs(t *testing.T) {
	svc, ctx := book(t)
	customers := workbook(t, [][]any{
		{"Kundnummer", "Namn", "Organisationsnummer", "E-post", "Ort"},
		{"K1", "Åkeri AB", "556677-8899", "info@akeri.se", "Umeå"},
		{"K2", "Anna Berg", nil, nil, "Lund"},
	})
	invoices := workbook(t, [][]any{
		{"Fakturanummer", "Kundnummer", "Fakturadatum", "Förfallodatum", "Summa", "Betalt"},
		{1001, "K1", day("2026-08-01"), day("2026-08-31"), 1250.5, 250},
		{},
		{1002, "K2", day("2026-08-05"), day("2026-09-04"), 400, nil},
	})
	for _, f := range []struct {
		kind core.ImportKind
		file []byte
	}{{core.ImportCustomers, customers}, {core.ImportInvoices, invoices}} {
		p, err := svc.PreviewImport(ctx, f.kind, f.file)
		if err != nil {
			t.Fatal(err)
		}
		if p.NeedsMapping || p.Problems != nil || p.Rows != 2 {
			t.Fatalf("%s preview %+v", f.kind, p)
		}
		if _, err := svc.ImportFile(ctx, f.kind, f.file, p.Mapping); err != nil {
			t.Fatal(err)
		}
	}
	page, err := svc.ListInvoices(ctx, core.InvoiceQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Totals.Count != 2 {
		t.Fatalf("%d invoices", page.Totals.Count)
	}
	for _, inv := range page.Invoices {
		if inv.Number == "1001" && (inv.DueDate.String() != "2026-08-31" || inv.Total.String() != "1250.5" || inv.Balance().String() != "1000.5") {
			t.Errorf("invoice 1001: due %s, total %s, balance %s", inv.DueDate, inv.Total, inv.Balance())
		}
	}
}

func TestABadRowOfAWorkbookIsNamedByItsExcelRowNumber(t *testing.T) {
	svc, ctx := book(t)
	file := workbook(t, [][]any{
		{"Kundnummer", "Namn", "E-post"},
		{"K1", "Ett AB", "info@ett.se"},
		{},
		{"K2", "Två AB", "inte en adress"},
	})
	p, err := svc.PreviewImport(ctx, core.ImportCustomers, file)
	if err != nil {
		t.Fatal(err)
	}
	if p.Problems == nil || len(p.Problems.Rows) != 1 || p.Problems.Rows[0].Line != 4 {
		t.Fatalf("problems %+v, want row 4's e-mail", p.Problems)
	}
	if _, err := svc.ImportFile(ctx, core.ImportCustomers, file, p.Mapping); err == nil {
		t.Error("a workbook with a bad row was imported")
	}
	if cs, _ := svc.Customers(ctx); len(cs) != 0 {
		t.Errorf("%d customers written", len(cs))
	}
}

func TestWhatIsNotAWorkbookIsRefusedInPlainWords(t *testing.T) {
	_, err := xlsx.Reader{}.ToCSV([]byte("PK\x03\x04 not really a zip"))
	var e *core.Error
	if !errors.As(err, &e) || e.Code != core.EINVALID || !strings.Contains(e.Message, "not an Excel workbook") {
		t.Errorf("err = %v", err)
	}
}
