package core

import "io"

// MaxImportRows is how many rows one import file may hold. An import is all or
// nothing, so every row is kept until the last is read; the cap bounds that memory
// (a file of 100,000 invoices is a whole book) and ends the reading of a huge file.
const MaxImportRows = 100_000

// ParseCustomersCSV reads a customer file: a header line naming the columns (any order,
// any case, in Swedish or English: customerFields) and one customer per line, separated by ';' or ','. Every row is checked; if
// any is bad it returns no customers and an *ImportError wrapped in an EINVALID *Error.
func ParseCustomersCSV(r io.Reader) ([]Customer, error) {
	cs, _, err := parseCustomersCSV(r)
	return cs, err
}

// parseCustomersCSV is ParseCustomersCSV that also returns each customer's line.
func parseCustomersCSV(r io.Reader) ([]Customer, []int, error) {
	return parseCustomers(r, openNamed(ImportCustomers))
}

// parseCustomers reads a customer file opened by open and also returns each
// customer's line.
func parseCustomers(r io.Reader, open csvOpener) ([]Customer, []int, error) {
	seen := make(map[string]int)
	return parseCSV(r, open, func(row *csvRow) Customer {
		c := Customer{
			Number:    row.required("number"),
			Name:      row.required("name"),
			IDNumber:  row.text("id_number"),
			IsCompany: IsOrganisationNumber(row.text("id_number")),
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
		if row.text("is_company") != "" { // a Företag column filled in decides
			c.IsCompany = row.flag("is_company")
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
	return parseInvoices(r, openNamed(ImportInvoices))
}

// parseInvoices reads an invoice file opened by open.
func parseInvoices(r io.Reader, open csvOpener) ([]ImportInvoice, error) {
	seen := make(map[string]int)
	invs, _, err := parseCSV(r, open, func(row *csvRow) ImportInvoice {
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

// csvOpener opens a file and reads its header, matching its columns to fields.
type csvOpener func(io.Reader) (*csvFile, error)

// parseCSV reads the header with open, which matches its columns to fields, then turns each non-blank row into a T with parseRow, collecting every
// row's problems, and returns the results with the line each came from (as a
// spreadsheet numbers it: blank rows and fields spanning lines counted). It streams:
// one record is held at a time, plus the results.
func parseCSV[T any](r io.Reader, open csvOpener, parseRow func(*csvRow) T) ([]T, []int, error) {
	f, err := open(r)
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
