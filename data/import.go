package data

import (
	"context"
	"database/sql"

	"paminn/core"
)

// Import inserts the customers and then the invoices in one transaction: all or
// nothing. Each invoice names its customer by number, found among the existing and
// the newly imported customers (EINVALID if unknown); a duplicate number is ECONFLICT.
// An invoice's Paid becomes one payment on its invoice date; its reminder count,
// last reminded date and Amili state and case are kept as given.
func (s *Store) Import(ctx context.Context, customers []core.Customer, invoices []core.ImportInvoice) (core.ImportResult, error) {
	var res core.ImportResult
	err := s.write(ctx, "import", func(tx *sql.Tx) (err error) {
		res, err = importBook(ctx, tx, customers, invoices)
		return err
	})
	if err != nil {
		return core.ImportResult{}, err
	}
	return res, nil
}

// importBook is Import in the caller's transaction.
func importBook(ctx context.Context, tx *sql.Tx, customers []core.Customer, invoices []core.ImportInvoice) (core.ImportResult, error) {
	ids, err := customerIDs(ctx, tx)
	if err != nil {
		return core.ImportResult{}, err
	}
	if err := importCustomers(ctx, tx, customers, ids); err != nil {
		return core.ImportResult{}, err
	}
	if err := importInvoices(ctx, tx, invoices, ids); err != nil {
		return core.ImportResult{}, err
	}
	return core.ImportResult{Customers: len(customers), Invoices: len(invoices)}, nil
}

// customerIDs maps every stored customer number to its ID.
func customerIDs(ctx context.Context, tx *sql.Tx) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT number, id FROM customers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make(map[string]int64)
	for rows.Next() {
		var number string
		var id int64
		if err := rows.Scan(&number, &id); err != nil {
			return nil, err
		}
		ids[number] = id
	}
	return ids, rows.Err()
}

// importCustomers inserts customers and adds them to ids.
func importCustomers(ctx context.Context, tx *sql.Tx, customers []core.Customer, ids map[string]int64) error {
	if len(customers) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, insertCustomerSQL+returningID(ctx))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, c := range customers {
		id, _, err := insertedID(ctx, stmt, onPostgres(ctx), customerArgs(c)...)
		if err != nil {
			return customerConflict(err, c)
		}
		ids[c.Number] = id
	}
	return nil
}

// importInvoices inserts invoices whose customers are all in ids. Invoices from a
// file (Line set) whose numbers the book already has are all reported, by line, in
// one ECONFLICT error wrapping a *core.ImportError; the caller then rolls back.
func importInvoices(ctx context.Context, tx *sql.Tx, invoices []core.ImportInvoice, ids map[string]int64) error {
	if len(invoices) == 0 {
		return nil
	}
	w, err := newInvoiceWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	dups := &core.ImportError{}
	for _, ii := range invoices {
		id, ok := ids[ii.CustomerNumber]
		if !ok {
			return core.Errorf(core.EINVALID, "Invoice {{.Number}} names customer {{.Customer}}, who does not exist",
				map[string]any{"Number": ii.Number, "Customer": ii.CustomerNumber})
		}
		inv := ii.Invoice
		inv.CustomerID = id
		_, err := w.insert(ctx, inv)
		if ii.Line > 0 && core.ErrorCodeOf(err) == core.ECONFLICT {
			// A taken number inserts nothing (invoiceWriter), so the rest can still be checked.
			dups.BadRows++
			if len(dups.Rows) < core.MaxRowErrors {
				dups.Rows = append(dups.Rows, core.RowError{Line: ii.Line, Message: msgDupInvoice,
					Data: map[string]any{"Number": ii.Number}})
			}
			continue
		}
		if err != nil {
			return err
		}
	}
	if dups.BadRows > 0 {
		return core.Wrap(dups, core.ECONFLICT, "{{.Count}} rows have errors; nothing was imported",
			map[string]any{"Count": dups.BadRows})
	}
	return nil
}
