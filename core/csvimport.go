package core

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// MaxRowErrors is how many row errors an import collects; bad rows beyond it are
// still counted.
const MaxRowErrors = 1000

// MaxImportRows is how many rows one import file may hold. An import is all or
// nothing, so every row is kept until the last is read; the cap bounds that memory
// (a file of 100,000 invoices is a whole book) and ends the reading of a huge file.
const MaxImportRows = 100_000

// RowError is one problem on one line of an imported file.
type RowError struct {
	Line    int            // as a spreadsheet numbers it: the header is line 1
	Message string         // English text/template, also the translation key
	Data    map[string]any // fills Message
}

// Text renders the message.
func (e RowError) Text() string { return Render(e.Message, e.Data) }

// ImportError lists the bad rows of an imported file. Parsers return it wrapped in an
// EINVALID *Error, so both ErrorCodeOf and errors.As work on the result.
type ImportError struct {
	File string
	Rows []RowError // at most MaxRowErrors
	// BadRows counts the rows with at least one problem, including those past the
	// cap; 0 means "count the lines in Rows".
	BadRows int
}

// Count returns the number of bad rows.
func (e *ImportError) Count() int {
	if e.BadRows > 0 {
		return e.BadRows
	}
	n, last := 0, -1
	for _, r := range e.Rows {
		if r.Line != last {
			n, last = n+1, r.Line
		}
	}
	return n
}

// Error summarises the first few problems: "3 bad rows: line 2: …; line 5: …".
func (e *ImportError) Error() string {
	const shown = 3
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File + ": ")
	}
	fmt.Fprintf(&b, "%d bad rows", e.Count())
	for i, r := range e.Rows {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(e.Rows)-shown)
			break
		}
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(&b, "%sline %d: %s", sep, r.Line, r.Text())
	}
	return b.String()
}

// The columns of a customer file; number and name are required.
var customerColumns = []string{"number", "name", "id_number", "is_company", "email",
	"address_line1", "address_line2", "zip_code", "city", "country", "fee_agreed"}

// The columns of an invoice file; the first five are required.
var invoiceColumns = []string{"number", "customer_number", "invoice_date", "due_date", "total",
	"paid", "currency", "ocr"}

// ParseCustomersCSV reads a customer file: a header line naming the columns (any order,
// any case) and one customer per line, separated by ';' or ','. Every row is checked; if
// any is bad it returns no customers and an *ImportError wrapped in an EINVALID *Error.
func ParseCustomersCSV(r io.Reader) ([]Customer, error) {
	cs, _, err := parseCustomersCSV(r)
	return cs, err
}

// parseCustomersCSV is ParseCustomersCSV that also returns each customer's line.
func parseCustomersCSV(r io.Reader) ([]Customer, []int, error) {
	seen := make(map[string]int)
	return parseCSV(r, customerColumns, 2, func(row *csvRow) Customer {
		c := Customer{
			Number:    row.required("number"),
			Name:      row.required("name"),
			IDNumber:  row.text("id_number"),
			IsCompany: row.flag("is_company"),
			Email:     row.email("email"),
			Address: Address{
				Line1:   row.text("address_line1"),
				Line2:   row.text("address_line2"),
				ZipCode: row.text("zip_code"),
				City:    row.text("city"),
				Country: row.country("country"),
			},
			FeeAgreed: row.flag("fee_agreed"),
		}
		row.unique(seen, c.Number, "Customer number {{.Number}} appears again; it was first on line {{.First}}")
		return c
	})
}

// ParseInvoicesCSV reads an invoice file the way ParseCustomersCSV reads customers.
// Dates are YYYY-MM-DD, amounts as ParseAmount accepts them; paid defaults to 0 and
// currency to SEK (the only one accepted); an OCR reference, when given, must verify.
// Each invoice's Line is where it was in the file. Whether each customer exists, and
// whether the book already has the number, is for the caller to check.
func ParseInvoicesCSV(r io.Reader) ([]ImportInvoice, error) {
	seen := make(map[string]int)
	invs, _, err := parseCSV(r, invoiceColumns, 5, func(row *csvRow) ImportInvoice {
		inv := ImportInvoice{Line: row.line}
		inv.Number = row.required("number")
		inv.CustomerNumber = row.required("customer_number")
		inv.InvoiceDate = row.date("invoice_date")
		inv.DueDate = row.date("due_date")
		if !inv.InvoiceDate.IsZero() && !inv.DueDate.IsZero() && inv.DueDate.Before(inv.InvoiceDate) {
			row.fail("The due date {{.Due}} is before the invoice date {{.InvoiceDate}}",
				map[string]any{"Due": inv.DueDate.String(), "InvoiceDate": inv.InvoiceDate.String()})
		}
		inv.Total, inv.Paid = row.amounts()
		inv.Currency = row.currency("currency")
		inv.OCR = row.ocr("ocr")
		row.unique(seen, inv.Number, "Invoice number {{.Number}} appears again; it was first on line {{.First}}")
		return inv
	})
	return invs, err
}

// parseCSV reads the header, checks its columns (the first nRequired of columns are
// required), then turns each non-blank row into a T with parseRow, collecting every
// row's problems, and returns the results with the line each came from (as a
// spreadsheet numbers it: blank rows and fields spanning lines counted). It streams:
// one record is held at a time, plus the results.
func parseCSV[T any](r io.Reader, columns []string, nRequired int, parseRow func(*csvRow) T) ([]T, []int, error) {
	f, err := openCSV(r, columns, columns[:nRequired])
	if err != nil {
		return nil, nil, err
	}
	var out []T
	var lines []int
	problems := &rowProblems{}
	rows := 0
	for {
		row, err := f.next(problems)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		rows++
		if row == nil { // unreadable line, already reported
			continue
		}
		v := parseRow(row)
		if problems.bad == 0 && len(out) == MaxImportRows {
			return nil, nil, Errorf(EINVALID,
				"The file has more than {{.Max}} rows; split it into smaller files and import them one at a time",
				map[string]any{"Max": MaxImportRows})
		}
		if problems.bad == 0 {
			out, lines = append(out, v), append(lines, row.line)
		} else {
			out, lines = nil, nil // nothing will be imported; let the results go
		}
	}
	if rows == 0 {
		return nil, nil, Errorf(EINVALID, "The file is empty", nil)
	}
	if problems.bad > 0 {
		return nil, nil, problems.err()
	}
	return out, lines, nil
}

// rowProblems collects row errors up to MaxRowErrors and counts the bad rows.
type rowProblems struct {
	rows     []RowError
	bad      int
	lastLine int
}

func (p *rowProblems) add(line int, message string, data map[string]any) {
	if line != p.lastLine {
		p.bad++
		p.lastLine = line
	}
	if len(p.rows) < MaxRowErrors {
		p.rows = append(p.rows, RowError{Line: line, Message: message, Data: data})
	}
}

func (p *rowProblems) err() error {
	ie := &ImportError{Rows: p.rows, BadRows: p.bad}
	return Wrap(ie, EINVALID, "{{.Count}} rows have errors; nothing was imported", map[string]any{"Count": p.bad})
}

// csvFile is an open CSV file whose header has been read.
type csvFile struct {
	r       *csv.Reader
	columns map[string]int // column name → field index
	width   int            // number of header fields
	line    int            // spreadsheet line of the last record read
	endLine int            // file line on which the last record's last field starts
}

// openCSV skips a UTF-8 byte-order mark, detects the separator from the header line,
// and checks the header's columns against known and required.
func openCSV(r io.Reader, known, required []string) (*csvFile, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		_, _ = br.Discard(3) // cannot fail: the bytes were just peeked
	}
	sep, ok := excelSeparatorLine(br)
	if !ok {
		sep = detectSeparator(br)
	}
	cr := csv.NewReader(br)
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // short and long rows are reported per row, not fatal
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, Errorf(EINVALID, "The file is empty", nil)
	}
	if err != nil {
		return nil, readError(err)
	}
	f := &csvFile{r: cr, columns: make(map[string]int), width: len(header), line: 1}
	f.endLine, _ = cr.FieldPos(len(header) - 1)
	if err := f.readHeader(header, known, required); err != nil {
		return nil, err
	}
	return f, nil
}

// readError classifies a failure to read the header or the file itself.
func readError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Wrap(err, EINVALID, "The header line could not be read", nil)
	}
	return Wrap(err, EUNAVAILABLE, "The file could not be read", nil)
}

func (f *csvFile) readHeader(header, known, required []string) error {
	isKnown := make(map[string]bool, len(known))
	for _, k := range known {
		isKnown[k] = true
	}
	var unknown []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(decodeText(h)))
		switch {
		case name == "": // an unnamed column, such as after a trailing separator
		case !isKnown[name]:
			unknown = append(unknown, name)
		case hasKey(f.columns, name):
			return Errorf(EINVALID, "Column {{.Column}} appears twice", map[string]any{"Column": name})
		default:
			f.columns[name] = i
		}
	}
	var missing []string
	for _, c := range required {
		if !hasKey(f.columns, c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return Errorf(EINVALID, "Missing column(s): {{.Columns}}", map[string]any{"Columns": strings.Join(missing, ", ")})
	}
	if len(unknown) > 0 {
		return Errorf(EINVALID, "Unknown column(s): {{.Columns}}; the columns are {{.Known}}",
			map[string]any{"Columns": strings.Join(unknown, ", "), "Known": strings.Join(known, ", ")})
	}
	return nil
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// excelSeparatorLine reads the "sep=;" line some files carry for Excel, which Excel
// itself hides, and returns the separator it names.
func excelSeparatorLine(br *bufio.Reader) (rune, bool) {
	head, _ := br.Peek(7) // "sep=;\r\n" at most
	if len(head) < 5 || !bytes.EqualFold(head[:4], []byte("sep=")) {
		return 0, false
	}
	sep := rune(head[4])
	rest := head[5:]
	switch {
	case sep != ';' && sep != ',' && sep != '\t':
		return 0, false
	case bytes.HasPrefix(rest, []byte("\r\n")):
		_, _ = br.Discard(7)
	case bytes.HasPrefix(rest, []byte("\n")) || len(rest) == 0:
		_, _ = br.Discard(5 + min(len(rest), 1))
	default:
		return 0, false
	}
	return sep, true
}

// detectSeparator picks ';' (Excel in a Swedish locale), ',' or a tab, whichever the
// header line holds most of; ',' when it holds none.
func detectSeparator(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size()) // as much as is buffered; an error means a short file
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	best, most := ',', bytes.Count(head, []byte{','})
	for _, sep := range []rune{';', '\t'} {
		if n := bytes.Count(head, []byte{byte(sep)}); n > most {
			best, most = sep, n
		}
	}
	return best
}

// next returns the next non-blank row, or nil (with the problem recorded) for a line
// the CSV reader cannot read, or io.EOF.
func (f *csvFile) next(problems *rowProblems) (*csvRow, error) {
	for {
		record, err := f.r.Read()
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			return nil, io.EOF
		case errors.As(err, &pe):
			f.advance(pe.StartLine, pe.Line)
			problems.add(f.line, unreadableLine(pe), map[string]any{"Reason": pe.Err.Error()})
			return nil, nil
		case err != nil:
			return nil, readError(err)
		}
		start, _ := f.r.FieldPos(0)
		end, _ := f.r.FieldPos(len(record) - 1)
		f.advance(start, end)
		if isBlank(record) { // such as ";;;;" rows Excel writes below the data
			continue
		}
		row := &csvRow{file: f, record: record, line: f.line, problems: problems}
		row.checkWidth()
		return row, nil
	}
}

// unreadableLine explains why the CSV reader could not read a line.
func unreadableLine(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "A field has a quote mark but does not start with one; put the whole field in quotes and double the quote mark"
	case errors.Is(pe.Err, csv.ErrQuote):
		return "A field that starts with a quote mark is not closed by one"
	}
	return "The line could not be read: {{.Reason}}"
}

// advance moves the spreadsheet line on past a record spanning file lines start..end.
// Empty file lines, which the CSV reader skips, still count as spreadsheet rows.
func (f *csvFile) advance(start, end int) {
	f.line += start - f.endLine
	f.endLine = end
}

func isBlank(record []string) bool {
	for _, s := range record {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// csvRow is one data row being parsed; its accessors record problems as they go.
type csvRow struct {
	file     *csvFile
	record   []string
	line     int
	problems *rowProblems
}

func (r *csvRow) fail(message string, data map[string]any) {
	r.problems.add(r.line, message, data)
}

// failWith records err (an *Error from ParseDate, ParseAmount, …) against column.
func (r *csvRow) failWith(column string, err error) {
	e := AsError(err)
	data := map[string]any{"Column": column}
	for k, v := range e.Data {
		data[k] = v
	}
	r.fail("{{.Column}}: "+e.Message, data)
}

func (r *csvRow) checkWidth() {
	for i := r.file.width; i < len(r.record); i++ {
		if strings.TrimSpace(r.record[i]) != "" {
			r.fail("The line has {{.Got}} fields but the header has {{.Want}}",
				map[string]any{"Got": len(r.record), "Want": r.file.width})
			return
		}
	}
}

// text returns the trimmed value of column, "" when the column or field is absent. It
// is a copy, so keeping it does not keep the whole reused line alive.
func (r *csvRow) text(column string) string {
	i, ok := r.file.columns[column]
	if !ok || i >= len(r.record) {
		return ""
	}
	return strings.Clone(strings.TrimSpace(decodeText(r.record[i])))
}

func (r *csvRow) required(column string) string {
	s := r.text(column)
	if s == "" {
		r.fail("{{.Column}} is required", map[string]any{"Column": column})
	}
	return s
}

// flag reads a yes/no column: ja, yes, true, 1 or x; nej, no, false, 0 or empty.
func (r *csvRow) flag(column string) bool {
	s := r.text(column)
	switch strings.ToLower(s) {
	case "ja", "yes", "true", "1", "x":
		return true
	case "nej", "no", "false", "0", "":
		return false
	}
	r.fail("{{.Column}}: {{.Value}} is not ja or nej", map[string]any{"Column": column, "Value": s})
	return false
}

// email reads an optional plain e-mail address such as anna@example.se.
func (r *csvRow) email(column string) string {
	s := r.text(column)
	if s == "" {
		return ""
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		r.fail("{{.Column}}: {{.Value}} is not an e-mail address", map[string]any{"Column": column, "Value": s})
	}
	return s
}

// country reads a two-letter country code, SE when empty.
func (r *csvRow) country(column string) string {
	s := strings.ToUpper(r.text(column))
	if s == "" {
		return "SE"
	}
	if len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
		r.fail("{{.Column}}: {{.Value}} is not a two-letter country code such as SE",
			map[string]any{"Column": column, "Value": s})
	}
	return s
}

func (r *csvRow) date(column string) Date {
	s := r.text(column)
	if s == "" {
		r.fail("{{.Column}} is required", map[string]any{"Column": column})
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		r.failWith(column, err)
	}
	return d
}

// amounts reads total (required, above zero) and paid (optional, 0 to total).
func (r *csvRow) amounts() (total, paid decimal.Decimal) {
	total, okTotal := r.amount("total", r.required("total"))
	if okTotal && !total.IsPositive() {
		r.fail("The total must be more than 0", nil)
		okTotal = false
	}
	s := r.text("paid")
	if s == "" {
		return total, decimal.Zero
	}
	paid, ok := r.amount("paid", s)
	switch {
	case ok && paid.IsNegative():
		r.fail("Paid cannot be negative", nil)
	case ok && okTotal && paid.GreaterThan(total):
		r.fail("Paid {{.Paid}} is more than the total {{.Total}}",
			map[string]any{"Paid": FormatSEK(paid), "Total": FormatSEK(total)})
	}
	return total, paid
}

// amount parses s from column; an empty s has been reported already.
func (r *csvRow) amount(column, s string) (decimal.Decimal, bool) {
	if s == "" {
		return decimal.Zero, false
	}
	d, err := ParseAmount(s)
	if err != nil {
		r.failWith(column, err)
		return decimal.Zero, false
	}
	return d, true
}

func (r *csvRow) currency(column string) string {
	s := strings.ToUpper(r.text(column))
	if s == "" || s == Currency {
		return Currency
	}
	r.fail("Only invoices in SEK can be imported, not {{.Currency}}", map[string]any{"Currency": s})
	return s
}

// ocr reads an optional OCR reference; spaces grouping the digits are dropped.
func (r *csvRow) ocr(column string) string {
	s := strings.Join(strings.Fields(r.text(column)), "")
	if s != "" && !ValidOCR(s) {
		r.fail("{{.Column}}: {{.Value}} is not a valid OCR reference (2–25 digits ending in a check digit)",
			map[string]any{"Column": column, "Value": s})
	}
	return s
}

// unique reports key if an earlier row had it; it records the first line of each key.
func (r *csvRow) unique(seen map[string]int, key, message string) {
	if key == "" {
		return
	}
	if first, dup := seen[key]; dup {
		r.fail(message, map[string]any{"Number": key, "First": first})
		return
	}
	seen[key] = r.line
}

// ParseAmount reads an amount of kronor the way a Swede may write it: "1234,50",
// "1 234,50" (with a space, no-break space or narrow no-break space between thousands),
// "1234.50", "1.234,50", "-0", optionally followed by "kr", "SEK" or ":-". At most two
// decimals; anything ambiguous, such as "1,234" or "12,3,4", is an EINVALID error.
func ParseAmount(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	for _, unit := range []string{"kr", "sek", ":-"} {
		if len(t) >= len(unit) && strings.EqualFold(t[len(t)-len(unit):], unit) {
			t = strings.TrimSpace(t[:len(t)-len(unit)])
			break
		}
	}
	if t == "" {
		return decimal.Zero, Errorf(EINVALID, "Enter an amount", nil)
	}
	neg := false
	switch {
	case strings.HasPrefix(t, "-"), strings.HasPrefix(t, "+"):
		neg, t = t[0] == '-', t[1:]
	case strings.HasPrefix(t, "\u2212"): // the typographic minus sign
		neg, t = true, t[len("\u2212"):]
	}
	whole, frac, err := splitAmount(t)
	if err != nil {
		err.Data = map[string]any{"Value": s}
		return decimal.Zero, err
	}
	d, perr := decimal.NewFromString(whole + "." + frac)
	if perr != nil { // cannot happen: splitAmount returns digits only
		return decimal.Zero, Wrap(perr, EINVALID, "{{.Value}} is not an amount; write it like 1 234,50", map[string]any{"Value": s})
	}
	if neg {
		d = d.Neg()
	}
	return d, nil
}

// maxAmountDigits bounds the whole kronor of an amount so its öre fit an int64.
const maxAmountDigits = 15

// splitAmount splits an unsigned amount into its whole-krona digits (thousands
// separators removed) and its 0–2 decimal digits ("0" when there are none).
func splitAmount(t string) (whole, frac string, err *Error) {
	notAmount := func() *Error { return Errorf(EINVALID, "{{.Value}} is not an amount; write it like 1 234,50", nil) }
	decimalSep, groupSep := amountSeparators(t)
	if decimalSep == '?' {
		return "", "", notAmount()
	}
	whole, frac = t, "0"
	if decimalSep != 0 {
		i := strings.IndexByte(t, decimalSep)
		whole, frac = t[:i], t[i+1:]
		if frac == "" || !isDigits(frac) {
			return "", "", notAmount()
		}
		if len(frac) > 2 {
			return "", "", Errorf(EINVALID, "{{.Value}} has more than two decimals", nil)
		}
	}
	if isDigits(whole) { // the common case: no thousands separators
		return checkMagnitude(whole, frac)
	}
	groups := strings.FieldsFunc(whole, func(r rune) bool {
		return r == ' ' || r == '\u00a0' || r == '\u202f' || (groupSep != 0 && r == rune(groupSep))
	})
	// FieldsFunc drops empty groups, so count separators to catch "1  234" or ".123".
	if len(groups) == 0 || strings.Join(groups, "x") != normaliseGroups(whole, groupSep) {
		return "", "", notAmount()
	}
	for i, g := range groups {
		if !isDigits(g) || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return "", "", notAmount()
		}
	}
	return checkMagnitude(strings.Join(groups, ""), frac)
}

// checkMagnitude refuses more whole digits than maxAmountDigits.
func checkMagnitude(whole, frac string) (string, string, *Error) {
	if len(strings.TrimLeft(whole, "0")) > maxAmountDigits {
		return "", "", Errorf(EINVALID, "{{.Value}} is too large an amount", nil)
	}
	return whole, frac, nil
}

// amountSeparators works out which of '.' and ',' is the decimal separator and which
// separates thousands: with both, the last one is decimal; one alone, once, is decimal;
// one repeated separates thousands. '?' means the use is impossible, as in "1,2,3.4".
func amountSeparators(t string) (decimalSep, groupSep byte) {
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	switch {
	case dots > 0 && commas > 0:
		decimalSep, groupSep = ',', '.'
		if strings.LastIndexByte(t, '.') > strings.LastIndexByte(t, ',') {
			decimalSep, groupSep = '.', ','
		}
		if strings.Count(t, string(decimalSep)) != 1 {
			return '?', 0
		}
	case dots == 1:
		decimalSep = '.'
	case commas == 1:
		decimalSep = ','
	case dots > 1:
		groupSep = '.'
	case commas > 1:
		groupSep = ','
	}
	return decimalSep, groupSep
}

// normaliseGroups replaces each thousands separator in s by "x", so that comparing it
// with the groups joined by "x" shows whether any separator was doubled or stray.
func normaliseGroups(s string, groupSep byte) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || (groupSep != 0 && r == rune(groupSep)) {
			return 'x'
		}
		return r
	}, s)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// decodeText returns s unchanged when it is UTF-8, and otherwise reads it as
// Windows-1252, the encoding Excel in a Swedish locale saves "CSV (semikolonavgränsad)"
// in, so that "Åsa" survives either way.
func decodeText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 && c < 0xa0:
			b.WriteRune(cp1252[c-0x80])
		default: // ASCII and 0xA0–0xFF are Latin-1, the same code points as Unicode
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// cp1252 maps Windows-1252 bytes 0x80–0x9F to Unicode; the five unassigned bytes map
// to the control characters of the same value, as Windows itself does.
var cp1252 = [32]rune{
	'\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
	'\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
	'\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
	'\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
}
