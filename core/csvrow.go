package core

import (
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// csvRow is one data row being parsed; its accessors record problems as they go.
type csvRow struct {
	file     *csvFile
	record   []string
	line     int
	problems *rowProblems
}

// fail records a problem of the row; a column in data is named as the file's header
// names it, so a Swedish file's messages say Förfallodatum, not due_date.
func (r *csvRow) fail(message string, data map[string]any) {
	if c, ok := data["Column"].(string); ok {
		data["Column"] = r.file.columnName(c)
	}
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
// is a copy, so keeping it does not keep the whole reused line alive. A value longer
// than MaxFieldLength is a problem of the row.
func (r *csvRow) text(column string) string {
	i, ok := r.file.columns[column]
	if !ok || i >= len(r.record) {
		return ""
	}
	s := strings.TrimSpace(decodeText(r.record[i]))
	if len(s) > MaxFieldLength && utf8.RuneCountInString(s) > MaxFieldLength {
		r.fail("{{.Column}} is longer than {{.Max}} characters: {{.Value}}",
			map[string]any{"Column": column, "Max": MaxFieldLength, "Value": Excerpt(s)})
	}
	return strings.Clone(s)
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
	r.fail("{{.Column}}: {{.Value}} is not ja or nej", map[string]any{"Column": column, "Value": Excerpt(s)})
	return false
}

// email reads an optional plain e-mail address such as anna@example.se.
func (r *csvRow) email(column string) string {
	s := r.text(column)
	if s == "" {
		return ""
	}
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
		r.fail("{{.Column}}: {{.Value}} is not an e-mail address", map[string]any{"Column": column, "Value": Excerpt(s)})
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
			map[string]any{"Column": column, "Value": Excerpt(s)})
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
	r.fail("Only invoices in SEK can be imported, not {{.Currency}}", map[string]any{"Currency": Excerpt(s)})
	return s
}

// ocr reads an optional OCR reference; spaces grouping the digits are dropped.
func (r *csvRow) ocr(column string) string {
	s := strings.Join(strings.Fields(r.text(column)), "")
	if s != "" && !ValidOCR(s) {
		r.fail("{{.Column}}: {{.Value}} is not a valid OCR reference (2–25 digits ending in a check digit)",
			map[string]any{"Column": column, "Value": Excerpt(s)})
	}
	return s
}

// unique reports key if an earlier row had it; it records the first line of each key.
func (r *csvRow) unique(seen map[string]int, key, message string) {
	if key == "" {
		return
	}
	if first, dup := seen[key]; dup {
		r.fail(message, map[string]any{"Number": Excerpt(key), "First": first})
		return
	}
	seen[key] = r.line
}
