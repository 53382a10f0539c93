package core

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseCustomersCSV(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []Customer
	}{
		{
			name: "a semicolon file from Swedish Excel with a byte-order mark, in any column order",
			file: "\uFEFFName;Number; IS_COMPANY ;fee_agreed;email;country;city\r\n" +
				"Åkeri AB;K1;ja;x;info@akeri.se;;Umeå\r\n" +
				"Anna Berg;K2;nej;;;no;Oslo\r\n",
			want: []Customer{
				{Number: "K1", Name: "Åkeri AB", IsCompany: true, FeeAgreed: true, Email: "info@akeri.se",
					Address: Address{City: "Umeå", Country: "SE"}},
				{Number: "K2", Name: "Anna Berg", Address: Address{City: "Oslo", Country: "NO"}},
			},
		},
		{
			name: "a comma file with quoted fields holding commas and every column",
			file: "number,name,id_number,is_company,email,address_line1,address_line2,zip_code,city,country,fee_agreed\n" +
				`1001,"Berg, Anna",19800101-1234,false,anna@example.se,"Storgatan 1, lgh 1101",c/o Lind,123 45,Stockholm,SE,yes` + "\n",
			want: []Customer{{Number: "1001", Name: "Berg, Anna", IDNumber: "19800101-1234", Email: "anna@example.se",
				Address:   Address{Line1: "Storgatan 1, lgh 1101", Line2: "c/o Lind", ZipCode: "123 45", City: "Stockholm", Country: "SE"},
				FeeAgreed: true}},
		},
		{
			name: "a file saved as Windows-1252 keeps its Swedish letters",
			file: "number;name;city\n7;\xc5sa \xd6berg;G\xe4vle\n",
			want: []Customer{{Number: "7", Name: "Åsa Öberg", Address: Address{City: "Gävle", Country: "SE"}}},
		},
		{
			name: "a sep= line for Excel names the separator and is not a row",
			file: "SEP=;\r\nnumber;name\r\nK1;Ett AB, Två\r\n",
			want: []Customer{{Number: "K1", Name: "Ett AB, Två", Address: Address{Country: "SE"}}},
		},
		{
			name: "blank rows and rows of empty cells are skipped",
			file: "number;name\n\nK1;Ett AB\n;;\n ; \nK2;Två AB\n",
			want: []Customer{{Number: "K1", Name: "Ett AB", Address: Address{Country: "SE"}},
				{Number: "K2", Name: "Två AB", Address: Address{Country: "SE"}}},
		},
		{
			name: "short rows leave the missing columns empty",
			file: "number;name;email;city\nK1;Ett AB\n",
			want: []Customer{{Number: "K1", Name: "Ett AB", Address: Address{Country: "SE"}}},
		},
		{
			name: "every yes and no spelling is understood",
			file: "number;name;is_company;fee_agreed\n1;A;JA;Nej\n2;B;yes;no\n3;C;TRUE;false\n4;D;1;0\n5;E;X;\n",
			want: []Customer{
				{Number: "1", Name: "A", IsCompany: true, Address: Address{Country: "SE"}},
				{Number: "2", Name: "B", IsCompany: true, Address: Address{Country: "SE"}},
				{Number: "3", Name: "C", IsCompany: true, Address: Address{Country: "SE"}},
				{Number: "4", Name: "D", IsCompany: true, Address: Address{Country: "SE"}},
				{Number: "5", Name: "E", IsCompany: true, Address: Address{Country: "SE"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCustomersCSV(strings.NewReader(tt.file))
			if err != nil {
				t.Fatalf("ParseCustomersCSV: %v", err)
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseInvoicesCSV(t *testing.T) {
	file := "number;customer_number;invoice_date;due_date;total;paid;currency;ocr\r\n" +
		"F1;K1;2024-05-01;2024-05-31;\"1 234,50\";100;sek;1230\r\n" +
		"F2;K2;2024-05-01;2024-05-01;1.234,50;;;\r\n" +
		"F3;K1;2024-06-01;2024-07-01;99.90;99,90;SEK;1234 574\r\n"
	got, err := ParseInvoicesCSV(strings.NewReader(file))
	if err != nil {
		t.Fatalf("ParseInvoicesCSV: %v", err)
	}
	want := []struct {
		number, customer, invoiceDate, due, total, paid, ocr string
	}{
		{"F1", "K1", "2024-05-01", "2024-05-31", "1234.5", "100", "1230"},
		{"F2", "K2", "2024-05-01", "2024-05-01", "1234.5", "0", ""},
		{"F3", "K1", "2024-06-01", "2024-07-01", "99.9", "99.9", "1234574"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d invoices, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Number != w.number || g.CustomerNumber != w.customer || g.InvoiceDate.String() != w.invoiceDate ||
			g.DueDate.String() != w.due || !g.Total.Equal(decimalOf(w.total)) || !g.Paid.Equal(decimalOf(w.paid)) ||
			g.OCR != w.ocr || g.Currency != "SEK" {
			t.Errorf("invoice %d = %+v, want %+v", i, g, w)
		}
	}
}

// rowProblem is one expected row error: its line and rendered text.
type rowProblem struct {
	line int
	text string
}

// importProblems returns the rendered row errors of err, failing unless it is an
// EINVALID error with an *ImportError inside.
func importProblems(t *testing.T, err error) []rowProblem {
	t.Helper()
	if ErrorCodeOf(err) != EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an *ImportError inside", err)
	}
	var got []rowProblem
	for _, r := range ie.Rows {
		got = append(got, rowProblem{r.Line, r.Text()})
	}
	return got
}

func TestParseInvoicesCSVRowErrors(t *testing.T) {
	const header = "number;customer_number;invoice_date;due_date;total;paid;currency;ocr\n"
	tests := []struct {
		name string
		rows string
		want []rowProblem
	}{
		{"an invoice date that is not a date", "F1;K1;2024-13-01;2024-12-31;100;;;\n",
			[]rowProblem{{2, "invoice_date: 2024-13-01 is not a date: there is no month 13"}}},
		{"a due date written the Swedish short way", "F1;K1;2024-01-01;24-01-31;100;;;\n",
			[]rowProblem{{2, "due_date: 24-01-31 is not a date in the form YYYY-MM-DD"}}},
		{"a missing due date", "F1;K1;2024-01-01;;100;;;\n",
			[]rowProblem{{2, "due_date is required"}}},
		{"a due date before the invoice date", "F1;K1;2024-02-01;2024-01-31;100;;;\n",
			[]rowProblem{{2, "The due date 2024-01-31 is before the invoice date 2024-02-01"}}},
		{"a total with three decimals after a comma", "F1;K1;2024-01-01;2024-01-31;100,505;;;\n",
			[]rowProblem{{2, "total: 100,505 has more than two decimals"}}},
		{"a total with three decimals after a point", "F1;K1;2024-01-01;2024-01-31;100.505;;;\n",
			[]rowProblem{{2, "total: 100.505 has more than two decimals"}}},
		{"a total in exponent notation", "F1;K1;2024-01-01;2024-01-31;1e5;;;\n",
			[]rowProblem{{2, "total: 1e5 is not an amount; write it like 1 234,50"}}},
		{"a total with stray commas", "F1;K1;2024-01-01;2024-01-31;\"12,3,4\";;;\n",
			[]rowProblem{{2, "total: 12,3,4 is not an amount; write it like 1 234,50"}}},
		{"a zero total", "F1;K1;2024-01-01;2024-01-31;0,00;;;\n",
			[]rowProblem{{2, "The total must be more than 0"}}},
		{"a negative total", "F1;K1;2024-01-01;2024-01-31;-5;;;\n",
			[]rowProblem{{2, "The total must be more than 0"}}},
		{"a missing total", "F1;K1;2024-01-01;2024-01-31;;;;\n",
			[]rowProblem{{2, "total is required"}}},
		{"paid more than the total", "F1;K1;2024-01-01;2024-01-31;100;100,01;;\n",
			[]rowProblem{{2, "Paid 100,01\u00a0kr is more than the total 100,00\u00a0kr"}}},
		{"a negative payment", "F1;K1;2024-01-01;2024-01-31;100;-1;;\n",
			[]rowProblem{{2, "Paid cannot be negative"}}},
		{"a payment that is not an amount", "F1;K1;2024-01-01;2024-01-31;100;abc;;\n",
			[]rowProblem{{2, "paid: abc is not an amount; write it like 1 234,50"}}},
		{"a currency other than SEK", "F1;K1;2024-01-01;2024-01-31;100;;EUR;\n",
			[]rowProblem{{2, "Only invoices in SEK can be imported, not EUR"}}},
		{"an OCR reference with a wrong check digit", "F1;K1;2024-01-01;2024-01-31;100;;;1231\n",
			[]rowProblem{{2, "ocr: 1231 is not a valid OCR reference (2–25 digits ending in a check digit)"}}},
		{"an OCR reference with letters", "F1;K1;2024-01-01;2024-01-31;100;;;12A0\n",
			[]rowProblem{{2, "ocr: 12A0 is not a valid OCR reference (2–25 digits ending in a check digit)"}}},
		{"a missing invoice and customer number", ";;2024-01-01;2024-01-31;100;;;\n",
			[]rowProblem{{2, "number is required"}, {2, "customer_number is required"}}},
		{"an invoice number that appears twice",
			"F1;K1;2024-01-01;2024-01-31;100;;;\nF2;K1;2024-01-01;2024-01-31;100;;;\nF1;K2;2024-01-01;2024-01-31;100;;;\n",
			[]rowProblem{{4, "Invoice number F1 appears again; it was first on line 2"}}},
		{"a row with more fields than the header", "F1;K1;2024-01-01;2024-01-31;100;;;;extra\n",
			[]rowProblem{{2, "The line has 9 fields but the header has 8"}}},
		{"a quote in the middle of a field", "F1;K\"1;2024-01-01;2024-01-31;100;;;\n",
			[]rowProblem{{2, "A field has a quote mark but does not start with one; put the whole field in quotes and double the quote mark"}}},
		{"a quote that is never closed swallows the rest of the file into one reported row",
			"F1;K1;2024-01-01;2024-01-31;0;;;\nF2;\"K1;2024-01-01;2024-01-31;100;;;\nF3;K1;2024-01-01;2024-01-31;100;;;\n",
			[]rowProblem{{2, "The total must be more than 0"}, {3, "A field that starts with a quote mark is not closed by one"}}},
		{"several bad rows, each reported on its spreadsheet line",
			"F1;K1;2024-01-01;2024-01-31;100;;;\n\nF2;K1;2024-01-01;2024-01-31;abc;;;\n" +
				"F3;K1;2024-01-01;2024-01-31;100;;;\nF4;K1;x;2024-01-31;100;;;\n",
			[]rowProblem{{4, "total: abc is not an amount; write it like 1 234,50"},
				{6, "invoice_date: x is not a date in the form YYYY-MM-DD"}}},
		{"a line break inside a quoted field counts as one row",
			"F1;\"K\n1\";2024-01-01;2024-01-31;100;;;\nF2;K1;2024-01-01;2024-01-31;0;;;\n",
			[]rowProblem{{3, "The total must be more than 0"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			invs, err := ParseInvoicesCSV(strings.NewReader(header + tt.rows))
			if invs != nil {
				t.Errorf("returned %d invoices alongside errors", len(invs))
			}
			got := importProblems(t, err)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("row errors:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestParseCustomersCSVRowErrors(t *testing.T) {
	const header = "number;name;email;is_company;country\n"
	tests := []struct {
		name string
		rows string
		want []rowProblem
	}{
		{"a missing name", "K1;;;;\n", []rowProblem{{2, "name is required"}}},
		{"a missing number", ";Ett AB;;;\n", []rowProblem{{2, "number is required"}}},
		{"an e-mail address without a domain", "K1;Ett AB;anna@;;\n",
			[]rowProblem{{2, "email: anna@ is not an e-mail address"}}},
		{"an e-mail address with a display name", "K1;Ett AB;Anna <anna@example.se>;;\n",
			[]rowProblem{{2, "email: Anna <anna@example.se> is not an e-mail address"}}},
		{"two e-mail addresses in one field", "K1;Ett AB;\"a@example.se, b@example.se\";;\n",
			[]rowProblem{{2, "email: a@example.se, b@example.se is not an e-mail address"}}},
		{"a yes/no field with something else", "K1;Ett AB;;kanske;\n",
			[]rowProblem{{2, "is_company: kanske is not ja or nej"}}},
		{"a country name instead of a code", "K1;Ett AB;;;Sverige\n",
			[]rowProblem{{2, "country: SVERIGE is not a two-letter country code such as SE"}}},
		{"a customer number that appears twice", "K1;Ett AB;;;\nK1;Två AB;;;\n",
			[]rowProblem{{3, "Customer number K1 appears again; it was first on line 2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := ParseCustomersCSV(strings.NewReader(header + tt.rows))
			if cs != nil {
				t.Errorf("returned %d customers alongside errors", len(cs))
			}
			got := importProblems(t, err)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("row errors:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestParseCSVFileErrors(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		message string
	}{
		{"an empty file", "", "The file is empty"},
		{"a byte-order mark alone", "\uFEFF", "The file is empty"},
		{"an Excel separator line alone", "sep=;\n", "The file is empty"},
		{"a header without rows", "number;customer_number;invoice_date;due_date;total\n", "The file is empty"},
		{"a header followed only by blank rows", "number;customer_number;invoice_date;due_date;total\n\n;;;;\n", "The file is empty"},
		{"a customer file given as invoices", "number;name\nK1;Ett AB\n",
			"Missing column(s): Customer number, Invoice date, Due date, Total"},
		{"a column with a misspelt name", "number;customer_number;invoice_date;due_date;total;betlat\nF1;K1;2024-01-01;2024-01-31;100;0\n",
			"Unknown column(s): betlat; the columns are Invoice number, Customer number, Invoice date, Due date, Total, Amount paid, Currency, OCR reference"},
		{"a column named twice", "number;customer_number;invoice_date;due_date;total;Total\n",
			"Column total appears twice"},
		{"a header that cannot be read", "number;\"customer_number\n", "The header line could not be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseInvoicesCSV(strings.NewReader(tt.file))
			if ErrorCodeOf(err) != EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			if got := AsError(err).Text(); got != tt.message {
				t.Errorf("message = %q, want %q", got, tt.message)
			}
			var ie *ImportError
			if errors.As(err, &ie) {
				t.Errorf("a file-level error carries row errors: %v", ie)
			}
		})
	}
}

func TestParseCSVReadFailure(t *testing.T) {
	r := io.MultiReader(strings.NewReader("number;name\nK1;Ett AB\n"), iotestErrReader{})
	_, err := ParseCustomersCSV(r)
	if ErrorCodeOf(err) != EUNAVAILABLE || !errors.Is(err, errDiskGone) {
		t.Errorf("err = %v, want EUNAVAILABLE wrapping the read error", err)
	}
}

var errDiskGone = errors.New("disk gone")

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errDiskGone }

func TestParseCSVCapsRowErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("number;customer_number;invoice_date;due_date;total\n")
	const bad = MaxRowErrors + 500
	for i := range bad {
		fmt.Fprintf(&b, "F%d;K1;2024-01-01;2024-01-31;0\n", i)
	}
	_, err := ParseInvoicesCSV(strings.NewReader(b.String()))
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an *ImportError", err)
	}
	if len(ie.Rows) != MaxRowErrors || ie.Count() != bad || AsError(err).Data["Count"] != bad {
		t.Errorf("collected %d rows, counted %d (%v); want %d collected of %d",
			len(ie.Rows), ie.Count(), AsError(err).Data["Count"], MaxRowErrors, bad)
	}
	if last := ie.Rows[len(ie.Rows)-1].Line; last != MaxRowErrors+1 {
		t.Errorf("last collected line %d, want %d", last, MaxRowErrors+1)
	}
}

// generatedCSV streams a header and then the same row over and over, size bytes in
// all, without ever holding the file in memory.
type generatedCSV struct {
	pending []byte
	row     []byte
	left    int
}

func (g *generatedCSV) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(g.pending) == 0 {
			if g.left <= 0 {
				break
			}
			g.pending = g.row
			g.left -= len(g.row)
		}
		c := copy(p[n:], g.pending)
		g.pending = g.pending[c:]
		n += c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func TestParseInvoicesCSVStreamsALargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 31 MB")
	}
	const size = MaxImportBytes - 1<<20 // as large as a file may be
	// Every row lacks its invoice number, so nothing is kept but the capped errors:
	// memory must stay flat however long the file is.
	row := []byte(";K" + strings.Repeat("1", 200) + ";2024-01-01;2024-01-31;100,00;0;SEK;\r\n")
	file := &generatedCSV{pending: []byte("number;customer_number;invoice_date;due_date;total;paid;currency;ocr\r\n"),
		row: row, left: size}
	rows := size / len(row)
	if size%len(row) != 0 {
		rows++
	}

	var err error
	grew := HeapGrowthDuring(func() { _, err = ParseInvoicesCSV(file) })

	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an *ImportError", err)
	}
	if ie.Count() != rows || len(ie.Rows) != MaxRowErrors {
		t.Errorf("counted %d bad rows (collected %d), want %d (collected %d)", ie.Count(), len(ie.Rows), rows, MaxRowErrors)
	}
	if grew > 32<<20 {
		t.Errorf("the heap grew by %d MB while parsing a %d MB file", grew>>20, size>>20)
	}
}

func BenchmarkParseInvoicesCSV(b *testing.B) {
	var file bytes.Buffer
	file.WriteString("number;customer_number;invoice_date;due_date;total;paid;currency;ocr\n")
	for i := range 10_000 {
		fmt.Fprintf(&file, "F%d;K%d;2024-01-01;2024-01-31;1 234,50;0;SEK;1230\n", i, i%500)
	}
	b.SetBytes(int64(file.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseInvoicesCSV(bytes.NewReader(file.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParseInvoicesCSV checks that no file makes the parser panic, that it fails only
// with EINVALID, and that every invoice it accepts obeys the import rules and comes
// with its line, in file order.
func FuzzParseInvoicesCSV(f *testing.F) {
	const header = "number;customer_number;invoice_date;due_date;total;paid;currency;ocr\n"
	f.Add([]byte(header + "F1;K1;2024-05-01;2024-05-31;1 234,50;100;SEK;1230\n"))
	f.Add([]byte("\uFEFFnumber,customer_number,invoice_date,due_date,total\nF1,K1,2024-05-01,2024-05-31,\"1,5\"\n"))
	f.Add([]byte(header + "F1;K1;2024-05-01;2024-04-30;0;-1;EUR;1231\nF1;\"K\n1\";x;;;;;\n"))
	f.Add([]byte(header + "\n;;\nF2;K\"2;2024-01-01;2024-01-01;1.234,50\n"))
	f.Add([]byte(""))
	f.Add([]byte("number;name\n"))
	// Excel's CSV (Macintosh) and Unicode Text, and a field longer than a row may be.
	f.Add([]byte(strings.ReplaceAll(header, "\n", "\r") + "F1;K1;2024-05-01;2024-05-31;100\r\rF2;\"K\r1\";2024-05-01;2024-05-31;1\r"))
	f.Add([]byte("sep=;\r" + strings.ReplaceAll(header, "\n", "\r") + "F1;K1;2024-05-01;2024-05-31;100"))
	f.Add(UTF16File(strings.ReplaceAll(header, ";", "\t")+"F1\tK1\t2024-05-01\t2024-05-31\t1 234,50\r\n", binary.LittleEndian, true))
	f.Add(UTF16File(header+"F1;Kö🌲;2024-05-01;2024-05-31;1\n", binary.BigEndian, false))
	f.Add([]byte(header + "F1;K1;2024-05-01;2024-05-31;100;;;\nF2;" + strings.Repeat("x", maxRowBytes+1) + "\n"))
	f.Add([]byte(header + "F1;" + strings.Repeat("Å", MaxFieldLength+1) + ";2024-05-01;2024-05-31;1e400\n"))
	f.Fuzz(func(t *testing.T, file []byte) {
		invs, err := ParseInvoicesCSV(bytes.NewReader(file))
		if err != nil {
			if invs != nil {
				t.Fatalf("invoices returned alongside %v", err)
			}
			if ErrorCodeOf(err) != EINVALID {
				t.Fatalf("failed with %v, not EINVALID", err)
			}
			if n := utf8.RuneCountInString(err.Error()); n > maxCauseRunes+maxValueRunes {
				t.Fatalf("a message of %d characters: %.200s…", n, err.Error())
			}
			var ie *ImportError
			if errors.As(err, &ie) && (len(ie.Rows) == 0 || len(ie.Rows) > MaxRowErrors || ie.Rows[0].Line < 2) {
				t.Fatalf("malformed ImportError %v", ie)
			}
			return
		}
		numbers := make(map[string]bool)
		lastLine := 1 // the header's
		for _, inv := range invs {
			if inv.Line <= lastLine {
				t.Fatalf("invoice %q on line %d after line %d", inv.Number, inv.Line, lastLine)
			}
			lastLine = inv.Line
			switch {
			case inv.Number == "" || inv.CustomerNumber == "" || numbers[inv.Number]:
				t.Fatalf("bad or repeated number in %+v", inv)
			case inv.InvoiceDate.IsZero() || inv.DueDate.Before(inv.InvoiceDate):
				t.Fatalf("bad dates in %+v", inv)
			case !inv.Total.IsPositive() || inv.Paid.IsNegative() || inv.Paid.GreaterThan(inv.Total):
				t.Fatalf("bad amounts in %+v", inv)
			case !inv.Total.Equal(RoundOre(inv.Total)) || !inv.Paid.Equal(RoundOre(inv.Paid)):
				t.Fatalf("amounts beyond öre in %+v", inv)
			case inv.Currency != Currency || (inv.OCR != "" && !ValidOCR(inv.OCR)):
				t.Fatalf("bad currency or OCR in %+v", inv)
			case utf8.RuneCountInString(inv.Number) > MaxFieldLength || utf8.RuneCountInString(inv.CustomerNumber) > MaxFieldLength:
				t.Fatalf("a field over MaxFieldLength in %+v", inv)
			}
			numbers[inv.Number] = true
		}
	})
}
