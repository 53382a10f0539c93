package core_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

const invoiceHeader = "number;customer_number;invoice_date;due_date;total;paid;currency;ocr\n"

// importRows is what an import reported: line → message, in English.
func importRows(t *testing.T, err error) map[int]string {
	t.Helper()
	var ie *core.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v has no rows", err)
	}
	rows := map[int]string{}
	for _, r := range ie.Rows {
		rows[r.Line] = r.Text()
	}
	return rows
}

// invoiceCount is how many invoices the book holds.
func (b *book) invoiceCount() int {
	b.t.Helper()
	page, err := b.svc.ListInvoices(b.ctx, core.InvoiceQuery{})
	if err != nil {
		b.t.Fatal(err)
	}
	return page.Totals.Count
}

func TestImportReportsTheLineEvenAfterBlankRowsAndFieldsOverSeveralLines(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", true, "")
	file := invoiceHeader +
		"\n" + // line 2: blank
		"2001;K1;2026-09-01;2026-09-30;100;;;\n" + // line 3
		";;;;;;;\n" + // line 4: Excel's empty row
		"2002;K1;2026-09-01;2026-09-30;100;;;\"12\n30\"\n" + // lines 5–6: an OCR field over two lines
		"2003;K9;2026-09-01;2026-09-30;100;;;\n" // line 7
	_, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(file))
	wantCode(t, err, core.EINVALID)
	rows := importRows(t, err)
	if len(rows) != 1 || rows[7] != "Unknown customer number K9" {
		t.Errorf("rows %v, want line 7: the unknown customer", rows)
	}
	if n := b.invoiceCount(); n != 0 {
		t.Errorf("%d invoices imported, want none", n)
	}
}

func TestImportNamesTheLinesOfInvoiceNumbersTheBookAlreadyHas(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	b.invoice("1001", c, "2026-09-30", 500)
	b.invoice("1003", c, "2026-09-30", 500)
	file := invoiceHeader +
		"1001;K1;2026-09-01;2026-09-30;100;;;\n" +
		"1002;K1;2026-09-01;2026-09-30;100;;;\n" +
		"\n" +
		"1003;K1;2026-09-01;2026-09-30;100;;;\n"
	_, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(file))
	wantCode(t, err, core.ECONFLICT)
	rows := importRows(t, err)
	want := map[int]string{2: "Invoice number 1001 already exists", 5: "Invoice number 1003 already exists"}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("rows %v, want %v", rows, want)
	}
	if n := b.invoiceCount(); n != 2 {
		t.Errorf("%d invoices in the book, want the 2 from before", n)
	}
}

func TestImportNamesTheLinesOfCustomerNumbersTheBookAlreadyHas(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", true, "")
	file := "number;name\nK2;Bertil AB\nK1;Anna AB\n"
	_, err := b.svc.ImportCustomersCSV(b.ctx, strings.NewReader(file))
	wantCode(t, err, core.EINVALID)
	if rows := importRows(t, err); len(rows) != 1 || rows[3] != "Customer number K1 already exists" {
		t.Errorf("rows %v, want line 3: K1 exists", rows)
	}
	cs, err := b.svc.Customers(b.ctx)
	if err != nil || len(cs) != 1 {
		t.Errorf("%d customers (%v), want the 1 from before", len(cs), err)
	}
}

func TestImportTakesAmountsWithADecimalCommaOrPoint(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", true, "")
	file := invoiceHeader +
		"2001;K1;2026-09-01;2026-09-30;1 234,50;100,25;;\n" +
		"2002;K1;2026-09-01;2026-09-30;1234.50;100.25;;\n" +
		"2003;K1;2026-09-01;2026-09-30;1.234,50;0;;\n"
	res, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(file))
	if err != nil || res.Invoices != 3 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	page, err := b.svc.ListInvoices(b.ctx, core.InvoiceQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range page.Invoices {
		if !inv.Total.Equal(kr("1234.50")) {
			t.Errorf("invoice %s: total %s, want 1234.50", inv.Number, inv.Total)
		}
	}
}

func TestABadInvoiceFileImportsNothingAndSaysWhy(t *testing.T) {
	cases := []struct {
		name string
		file string
		want string // the message, or a row's message on the line given
		line int
	}{
		{"an empty file", "", "The file is empty", 0},
		{"wrong columns", "fakturanummer;kund;datum;belopp x\n1;K1;2026-09-01;100\n",
			"Missing column(s): Due date, Total", 0},
		{"a bad date", invoiceHeader + "2001;K1;2026-09-31;2026-10-30;100;;;\n",
			"invoice_date: 2026-09-31 is not a date: month 9 of 2026 has 30 days", 2},
		{"a bad amount", invoiceHeader + "2001;K1;2026-09-01;2026-09-30;12,3,4;;;\n",
			"total: 12,3,4 is not an amount; write it like 1 234,50", 2},
		{"a number twice in the file", invoiceHeader + "2001;K1;2026-09-01;2026-09-30;100;;;\n2001;K1;2026-09-01;2026-09-30;100;;;\n",
			"Invoice number 2001 appears again; it was first on line 2", 3},
		{"an unknown customer", invoiceHeader + "2001;K7;2026-09-01;2026-09-30;100;;;\n",
			"Unknown customer number K7", 2},
		{"a wrong OCR check digit", invoiceHeader + "2001;K1;2026-09-01;2026-09-30;100;;;1234\n",
			"ocr: 1234 is not a valid OCR reference (2–25 digits ending in a check digit)", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newBook(t, core.Channels{})
			b.customer("K1", true, "")
			_, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(tc.file))
			wantCode(t, err, core.EINVALID)
			got := core.AsError(err).Text()
			if tc.line > 0 {
				got = importRows(t, err)[tc.line]
			}
			if got != tc.want {
				t.Errorf("message %q, want %q", got, tc.want)
			}
			if n := b.invoiceCount(); n != 0 {
				t.Errorf("%d invoices imported, want none", n)
			}
		})
	}
}

// invoiceFile generates an invoice file of good rows for customer K1 and then one
// bad row, size bytes in all, without holding it in memory.
type invoiceFile struct {
	pending []byte
	n, left int
	bad     bool
}

func newInvoiceFile(size int) *invoiceFile {
	return &invoiceFile{pending: []byte(invoiceHeader), left: size - len(invoiceHeader)}
}

func (f *invoiceFile) Read(p []byte) (int, error) {
	for len(f.pending) == 0 {
		switch {
		case f.left > 100:
			f.n++
			f.pending = fmt.Appendf(nil, "F%d;K1;2026-09-01;2026-09-30;1 234,50;0;SEK;1230\n", f.n)
			f.left -= len(f.pending)
		case !f.bad:
			f.bad = true
			f.pending = []byte("F0;K1;2026-09-01;2026-09-30;ett tusen;0;SEK;1230\n")
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}

func TestAnInvoiceFileWithOneBadRowAtTheEndImportsNothing(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", true, "")
	file := newInvoiceFile(1 << 20)
	_, err := b.svc.ImportInvoicesCSV(b.ctx, file)
	wantCode(t, err, core.EINVALID)
	rows := importRows(t, err)
	if len(rows) != 1 || rows[file.n+2] != "total: ett tusen is not an amount; write it like 1 234,50" {
		t.Errorf("rows %v, want the last line, %d, alone", rows, file.n+2)
	}
	if n := b.invoiceCount(); n != 0 {
		t.Errorf("%d invoices imported, want none", n)
	}
}

func TestA50MBInvoiceFileIsRefusedInBoundedMemoryAndTime(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a large file")
	}
	b := newBook(t, core.Channels{})
	b.customer("K1", true, "")
	start := time.Now()
	var err error
	grew := core.HeapGrowthDuring(func() { _, err = b.svc.ImportInvoicesCSV(b.ctx, newInvoiceFile(50<<20)) })
	took := time.Since(start)

	wantCode(t, err, core.EINVALID)
	want := fmt.Sprintf("The file has more than %d rows; split it into smaller files and import them one at a time", core.MaxImportRows)
	if got := core.AsError(err).Text(); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	if n := b.invoiceCount(); n != 0 {
		t.Errorf("%d invoices imported, want none", n)
	}
	if grew > 250<<20 {
		t.Errorf("the heap grew by %d MB", grew>>20)
	}
	t.Logf("refused in %v, heap grew by at most %d MB", took.Round(time.Millisecond), grew>>20)
}
