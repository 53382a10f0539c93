package core

import (
	"context"
	"io"
)

// ImportCustomersCSV validates every row of a customer CSV file and imports them all,
// or, if any row is bad, imports nothing and reports each bad row by line number.
func (s *Service) ImportCustomersCSV(ctx context.Context, r io.Reader) (ImportResult, error) {
	cs, err := ParseCustomersCSV(r)
	if err != nil {
		return ImportResult{}, err
	}
	var bad []RowError
	for i := range cs {
		if err := prepareCustomer(&cs[i]); err != nil {
			bad = append(bad, rowError(i, err))
		}
	}
	if len(bad) > 0 {
		return ImportResult{}, badRows(bad)
	}
	return s.importRows(ctx, cs, nil)
}

// ImportInvoicesCSV validates every row of an invoice CSV file, including that each
// names a known customer, and imports all of them or nothing.
func (s *Service) ImportInvoicesCSV(ctx context.Context, r io.Reader) (ImportResult, error) {
	invs, err := ParseInvoicesCSV(r)
	if err != nil {
		return ImportResult{}, err
	}
	customers, err := s.store.Customers(ctx)
	if err != nil {
		return ImportResult{}, err
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
			bad = append(bad, RowError{Line: i + 2, Message: "Unknown customer number {{.Customer}}",
				Data: map[string]any{"Customer": inv.CustomerNumber}})
			continue
		}
		inv.CustomerID = id
		if err := prepareInvoice(&inv.Invoice); err != nil {
			bad = append(bad, rowError(i, err))
		}
	}
	if len(bad) > 0 {
		return ImportResult{}, badRows(bad)
	}
	return s.importRows(ctx, nil, invs)
}

func (s *Service) importRows(ctx context.Context, cs []Customer, invs []ImportInvoice) (ImportResult, error) {
	res, err := s.store.Import(ctx, cs, invs)
	if err != nil {
		return ImportResult{}, err
	}
	s.notify()
	return res, nil
}

// rowError turns a validation error of data row i (0-based) into a RowError; the
// header is line 1 of the file.
func rowError(i int, err error) RowError {
	e := AsError(err)
	return RowError{Line: i + 2, Message: e.Message, Data: e.Data}
}

// badRows wraps row errors the way the CSV parser does.
func badRows(rows []RowError) error {
	return Wrap(&ImportError{Rows: rows}, EINVALID, "{{.Count}} rows have errors; nothing was imported",
		map[string]any{"Count": len(rows)})
}
