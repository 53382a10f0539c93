package core

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// The files below are what Excel writes when asked for "CSV (Macintosh)" (CR line
// ends) and "Unicode Text" (UTF-16, little-endian with a byte-order mark, TAB between
// fields); Microsoft's "Import or export text (.txt or .csv) files" describes both.

// UTF16File encodes s as UTF-16 in order, with a byte-order mark when bom is set.
// Exported for core_test's tests too.
func UTF16File(s string, order binary.AppendByteOrder, bom bool) []byte {
	var b []byte
	if bom {
		b = order.AppendUint16(b, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

// A file from Excel on a Mac or in another encoding reads like the same file saved
// as plain CSV: the same customers, each on its spreadsheet line.
func TestParseCustomersCSVReadsEveryLineEndAndEncodingExcelWrites(t *testing.T) {
	const text = "number\tname\tcity\r\nK1\tÅsa Öberg 🌲\tGävle\r\nK2\tNguyễn\tUmeå\r\n"
	want := []Customer{
		{Number: "K1", Name: "Åsa Öberg 🌲", Address: Address{City: "Gävle", Country: "SE"}},
		{Number: "K2", Name: "Nguyễn", Address: Address{City: "Umeå", Country: "SE"}},
	}
	for _, tt := range []struct {
		name string
		file []byte
	}{
		{"CR line ends, as Excel's CSV (Macintosh) writes", []byte(strings.ReplaceAll(text, "\r\n", "\r"))},
		{"CR line ends without one after the last row", []byte(strings.TrimSuffix(strings.ReplaceAll(text, "\r\n", "\r"), "\r"))},
		{"UTF-16 little-endian with a byte-order mark, Excel's Unicode Text", UTF16File(text, binary.LittleEndian, true)},
		{"UTF-16 big-endian with a byte-order mark", UTF16File(text, binary.BigEndian, true)},
		{"UTF-16 little-endian without a byte-order mark", UTF16File(text, binary.LittleEndian, false)},
		{"UTF-16 big-endian without a byte-order mark", UTF16File(text, binary.BigEndian, false)},
		{"UTF-16 with CR line ends", UTF16File(strings.ReplaceAll(text, "\r\n", "\r"), binary.LittleEndian, true)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, lines, err := parseCustomersCSV(bytes.NewReader(tt.file))
			if err != nil {
				t.Fatalf("parseCustomersCSV: %v", err)
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if fmt.Sprint(lines) != "[2 3]" {
				t.Errorf("lines %v, want [2 3]", lines)
			}
		})
	}
}

// Row errors in a file with CR line ends name the rows' spreadsheet lines: a blank line
// is a row, a quoted line break is not.
func TestParseInvoicesCSVWithCRLineEndsNamesEachBadLine(t *testing.T) {
	file := "number;customer_number;invoice_date;due_date;total\r" +
		"F1;K1;2024-01-01;2024-01-31;100\r\rF2;K1;2024-01-01;2024-01-31;abc\r" +
		"F3;K1;\"2024-\r01-01\";2024-01-31;100\rF4;K1;2024-01-01;2024-01-31;0\r"
	_, err := ParseInvoicesCSV(strings.NewReader(file))
	got := importProblems(t, err)
	want := []rowProblem{{4, "total: abc is not an amount; write it like 1 234,50"},
		{5, "invoice_date: 2024- 01-01 is not a date in the form YYYY-MM-DD"},
		{6, "The total must be more than 0"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("row errors:\n got %v\nwant %v", got, want)
	}
}

// A UTF-16 file with an odd byte at its end or a lone surrogate still reads; the
// broken character becomes U+FFFD.
func TestUTF16BrokenCharactersBecomeReplacementCharacters(t *testing.T) {
	file := UTF16File("number;name\nK1;A", binary.LittleEndian, true)
	file = binary.LittleEndian.AppendUint16(file, 0xD800) // a high surrogate with no low one
	file = append(file, UTF16File("B\nK2;C", binary.LittleEndian, false)...)
	file = append(file, 'x') // half a character
	cs, err := ParseCustomersCSV(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Name != "A\uFFFDB" || cs[1].Name != "C\uFFFD" {
		t.Errorf("got %+v, want names A\uFFFDB and C\uFFFD", cs)
	}
}

// A field longer than MaxFieldLength is a row error quoting an excerpt; one of exactly
// MaxFieldLength characters is taken.
func TestParseCustomersCSVCapsAFieldsLength(t *testing.T) {
	longest := strings.Repeat("å", MaxFieldLength)
	cs, err := ParseCustomersCSV(strings.NewReader("number;name\nK1;" + longest + "\n"))
	if err != nil || len(cs) != 1 || cs[0].Name != longest {
		t.Fatalf("a name of %d characters: %v", MaxFieldLength, err)
	}
	_, err = ParseCustomersCSV(strings.NewReader("number;name;city\nK1;" + longest + "b;Gävle\nK2;Två;" + strings.Repeat("x", 5000) + "\n"))
	got := importProblems(t, err)
	want := []rowProblem{
		{2, fmt.Sprintf("name is longer than %d characters: %s…%sb", MaxFieldLength, strings.Repeat("å", 30), strings.Repeat("å", 29))},
		{3, fmt.Sprintf("city is longer than %d characters: %s…%s", MaxFieldLength, strings.Repeat("x", 30), strings.Repeat("x", 30))},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("row errors:\n got %v\nwant %v", got, want)
	}
}

// Every message about a value quotes at most an excerpt of it.
func TestParseCSVMessagesQuoteAnExcerpt(t *testing.T) {
	long := strings.Repeat("7", 400)
	for _, tt := range []struct {
		name, file string
	}{
		{"a long e-mail address", "number;name;email\nK1;A;" + long + "@\n"},
		{"a long yes or no", "number;name;is_company\nK1;A;" + long + "\n"},
		{"a long country", "number;name;country\nK1;A;" + long + "\n"},
		{"a long unknown column", "number;name;" + strings.Repeat("x", 5000) + "\nK1;A;B\n"},
		{"many unknown columns", "number;name" + strings.Repeat(";"+strings.Repeat("x", 200), 200) + "\nK1;A\n"},
		{"a long column named twice", "number;name;" + long + ";" + long + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCustomersCSV(strings.NewReader(tt.file))
			if err == nil {
				t.Fatal("accepted")
			}
			if n := utf8.RuneCountInString(err.Error()); n > 700 {
				t.Errorf("the message has %d characters: %.200s…", n, err.Error())
			}
		})
	}
	_, err := ParseInvoicesCSV(strings.NewReader("number;customer_number;invoice_date;due_date;total;currency;ocr\n" +
		"F1;K1;" + long + ";2024-01-31;100;" + long + ";" + long + "\n"))
	for _, r := range importProblems(t, err) {
		if n := utf8.RuneCountInString(r.text); n > 150 {
			t.Errorf("line %d: the message has %d characters: %.200s…", r.line, n, r.text)
		}
	}
}

// An amount outside CheckAmountRange is a row error on its line, in total or paid.
func TestParseInvoicesCSVHoldsAmountsToTheOneRange(t *testing.T) {
	const header = "number;customer_number;invoice_date;due_date;total;paid\n"
	file := header + "F1;K1;2024-01-01;2024-01-31;999 999 999,99;0\n" +
		"F2;K1;2024-01-01;2024-01-31;1 000 000 000,00;0\n" +
		"F3;K1;2024-01-01;2024-01-31;100;123456789012345678901234567890\n"
	_, err := ParseInvoicesCSV(strings.NewReader(file))
	got := importProblems(t, err)
	limit := formatSwedish(MaxAmount)
	want := []rowProblem{
		{3, "total: 1 000 000 000,00 is too large an amount; Påminn takes amounts up to " + limit + " kr"},
		{4, "paid: 123456789012345678901234567890 is too large an amount; Påminn takes amounts up to " + limit + " kr"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("row errors:\n got %v\nwant %v", got, want)
	}
}

// generatedFile streams head and then fill over and over, size bytes of it, without
// ever holding the file; read counts what the parser took.
type generatedFile struct {
	head []byte
	fill string
	left int64
	at   int // where in fill the next byte comes from
	read int64
}

func (g *generatedFile) Read(p []byte) (int, error) {
	n := copy(p, g.head)
	g.head = g.head[n:]
	for n < len(p) && g.left > 0 {
		c := copy(p[n:min(len(p), n+int(min(g.left, 1<<30)))], g.fill[g.at:])
		g.at = (g.at + c) % len(g.fill)
		n += c
		g.left -= int64(c)
	}
	g.read += int64(n)
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// allocatedDuring returns how many bytes f allocated in all, freed or not.
func allocatedDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A hostile or broken file is refused after reading a bounded part of it, in bounded
// memory, with a message that names the line and quotes none of it: a 200 MB field,
// header or quoted field of line breaks, in UTF-8 or UTF-16, and 200 MB of rows with
// CR line ends. Where the refusal comes early, even the garbage made on the way is
// bounded (TotalAlloc); 32 MB of rows are parsed before the file is refused, so there
// the heap in use is what is bounded.
func TestParseCSVRefusesAHugeFileOrRowEarlyInBoundedMemory(t *testing.T) {
	const huge = 200 << 20
	const header = "number;customer_number;invoice_date;due_date;total\n"
	tooLong := fmt.Sprintf("Line %%d holds more than %d bytes, more than any row Påminn imports; "+
		"nothing was imported. Is this the file you meant?", maxRowBytes)
	tooLarge := fmt.Sprintf("The file is larger than %d MB; split it into smaller files and import them one at a time",
		MaxImportBytes>>20)
	for _, tt := range []struct {
		name    string
		file    *generatedFile
		want    string
		maxRead int64
		early   bool // refused after its first rows
	}{
		{"a 200 MB field", &generatedFile{head: []byte(header + "F1;K1;2024-01-01;2024-01-31;100\nF2;K"), fill: "x", left: huge},
			fmt.Sprintf(tooLong, 3), 1 << 20, true},
		{"a 200 MB quoted field of line breaks", &generatedFile{head: []byte(header + "F2;\""), fill: "\n", left: huge},
			fmt.Sprintf(tooLong, 2), 1 << 20, true},
		{"a 200 MB header", &generatedFile{head: []byte("number;"), fill: "x", left: huge},
			fmt.Sprintf(tooLong, 1), 1 << 20, true},
		{"a 200 MB field in UTF-16", &generatedFile{head: UTF16File(header+"F2;", binary.LittleEndian, true), fill: "x\x00", left: huge},
			fmt.Sprintf(tooLong, 2), 1 << 20, true},
		{"200 MB of rows with CR line ends", &generatedFile{head: []byte(header), fill: "F1;K1;2024-01-01;2024-01-31;100\r", left: huge},
			tooLarge, MaxImportBytes + 1<<20, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.early && testing.Short() {
				t.Skip("parses 32 MB")
			}
			var err error
			var alloc uint64
			grew := HeapGrowthDuring(func() { alloc = allocatedDuring(func() { _, err = ParseInvoicesCSV(tt.file) }) })
			if ErrorCodeOf(err) != EINVALID || AsError(err).Text() != tt.want {
				t.Fatalf("err = %.300v\nwant %s", err, tt.want)
			}
			if tt.file.read > tt.maxRead {
				t.Errorf("read %d MB of the file before refusing it, want at most %d", tt.file.read>>20, tt.maxRead>>20)
			}
			// Refused early, the parser holds a row or two; after 32 MB of rows it holds
			// up to MaxImportRows parsed rows plus the garbage the collector has not yet
			// taken back, well within the program's 200 MB budget either way.
			limit := int64(16 << 20)
			if !tt.early {
				limit = 48 << 20
			}
			if grew > limit || (tt.early && alloc > 16<<20) {
				t.Errorf("the heap grew by %d MB; %d MB were allocated", grew>>20, alloc>>20)
			}
		})
	}
}

// A read failure while the row is still short is still the disk's, not a long row.
func TestParseCSVReadFailureInALongRowIsAReadFailure(t *testing.T) {
	r := io.MultiReader(strings.NewReader("number;name\nK1;"+strings.Repeat("x", 100)), iotestErrReader{})
	_, err := ParseCustomersCSV(r)
	if ErrorCodeOf(err) != EUNAVAILABLE || !errors.Is(err, errDiskGone) {
		t.Errorf("err = %v, want EUNAVAILABLE wrapping the read error", err)
	}
}
