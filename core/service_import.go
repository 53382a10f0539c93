package core

import (
	"context"
	"io"
)

// ImportCustomersCSV validates every row of a customer CSV file, including that its
// number is not in the book yet, and imports them all, or, if any row is bad, imports
// nothing and reports each bad row by line number.
func (s *Service) ImportCustomersCSV(ctx context.Context, r io.Reader) (ImportResult, error) {
	cs, lines, err := parseCustomersCSV(r)
	if err != nil {
		return ImportResult{}, err
	}
	if err := s.checkCustomers(ctx, cs, lines); err != nil {
		return ImportResult{}, err
	}
	return s.importRows(ctx, cs, nil)
}

// checkCustomers checks parsed customers against the book and the rules, each
// reported by its line; it prepares them for the store.
func (s *Service) checkCustomers(ctx context.Context, cs []Customer, lines []int) error {
	stored, err := s.store.Customers(ctx)
	if err != nil {
		return err
	}
	exists := make(map[string]bool, len(stored))
	for _, c := range stored {
		exists[c.Number] = true
	}
	var bad []RowError
	for i := range cs {
		if exists[cs[i].Number] {
			bad = append(bad, RowError{Line: lines[i], Message: "Customer number {{.Number}} already exists",
				Data: map[string]any{"Number": Excerpt(cs[i].Number)}})
			continue
		}
		if err := prepareCustomer(&cs[i]); err != nil {
			bad = append(bad, rowError(lines[i], err))
		}
	}
	if len(bad) > 0 {
		return badRows(bad)
	}
	return nil
}

// ImportInvoicesCSV validates every row of an invoice CSV file, including that each
// names a known customer, and imports all of them or nothing. An invoice number the
// book already has is reported by the store, by line, and nothing is imported.
func (s *Service) ImportInvoicesCSV(ctx context.Context, r io.Reader) (ImportResult, error) {
	invs, err := ParseInvoicesCSV(r)
	if err != nil {
		return ImportResult{}, err
	}
	if err := s.checkInvoices(ctx, invs); err != nil {
		return ImportResult{}, err
	}
	return s.importRows(ctx, nil, invs)
}

// checkInvoices checks parsed invoices against the book (each names a known
// customer) and the rules, each reported by its line; it prepares them for the store.
func (s *Service) checkInvoices(ctx context.Context, invs []ImportInvoice) error {
	customers, err := s.store.Customers(ctx)
	if err != nil {
		return err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	known := make(map[string]int64, len(customers))
	for _, c := range customers {
		known[c.Number] = c.ID
	}
	var bad []RowError
	for i := range invs {
		inv := &invs[i]
		id, ok := known[inv.CustomerNumber]
		if !ok {
			bad = append(bad, RowError{Line: inv.Line, Message: "Unknown customer number {{.Customer}}",
				Data: map[string]any{"Customer": Excerpt(inv.CustomerNumber)}})
			continue
		}
		inv.CustomerID = id
		if err := prepareInvoice(&inv.Invoice, set.OCR); err != nil {
			bad = append(bad, rowError(inv.Line, err))
		}
	}
	if len(bad) > 0 {
		return badRows(bad)
	}
	return nil
}

func (s *Service) importRows(ctx context.Context, cs []Customer, invs []ImportInvoice) (ImportResult, error) {
	res, err := s.store.Import(ctx, cs, invs)
	if err != nil {
		return ImportResult{}, err
	}
	s.changed("csv imported")
	return res, nil
}

// rowError turns a validation error of the row on line into a RowError.
func rowError(line int, err error) RowError {
	e := AsError(err)
	return RowError{Line: line, Message: e.Message, Data: e.Data}
}

// badRows wraps row errors, one per row, the way the CSV parser does: at most
// MaxRowErrors are kept, all are counted.
func badRows(rows []RowError) error {
	ie := &ImportError{Rows: rows, BadRows: len(rows)}
	if len(rows) > MaxRowErrors {
		ie.Rows = rows[:MaxRowErrors]
	}
	return Wrap(ie, EINVALID, "{{.Count}} rows have errors; nothing was imported", map[string]any{"Count": len(rows)})
}
