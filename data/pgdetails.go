package data

import (
	"context"
	"database/sql"

	"paminn/core"
)

// An invoice's and a customer's details and the bookkeeping's events on PostgreSQL:
// each the SQLite method's shared function in PGStore's transaction, one snapshot of
// the book (engine.go); the customer's credit movements and the events run as their
// twins (pgtwins.go).

// InvoiceDetails returns everything the book holds about one invoice, as
// Store.InvoiceDetails.
func (s *PGStore) InvoiceDetails(ctx context.Context, id int64) (core.InvoiceDetails, error) {
	var d core.InvoiceDetails
	err := s.read(ctx, "read invoice details", func(ctx context.Context, tx *sql.Tx) (err error) {
		d, err = invoiceDetails(ctx, tx, id)
		return err
	})
	return d, err
}

// CustomerDetails returns one customer with their invoices and credit, as
// Store.CustomerDetails.
func (s *PGStore) CustomerDetails(ctx context.Context, id int64) (core.CustomerDetails, error) {
	var d core.CustomerDetails
	err := s.read(ctx, "read customer details", func(ctx context.Context, tx *sql.Tx) (err error) {
		d, err = customerDetails(ctx, tx, id)
		return err
	})
	return d, err
}

// BookEvents calls each with every event of the money dated from from through to, as
// Store.BookEvents: each's error ends the reading and is returned as it is.
func (s *PGStore) BookEvents(ctx context.Context, from, to core.Date, each func(core.BookEvent) error) error {
	var eachErr error
	err := s.read(ctx, "read the events to book", func(ctx context.Context, tx *sql.Tx) error {
		return readBookEvents(ctx, tx, from, to, each, &eachErr)
	})
	if eachErr != nil {
		return eachErr
	}
	return err
}

// LastBookEventDate is the date of the latest event BookEvents would read, as
// Store.LastBookEventDate.
func (s *PGStore) LastBookEventDate(ctx context.Context, from, to core.Date) (core.Date, error) {
	var last core.Date
	err := s.read(ctx, "read the latest event to book", func(ctx context.Context, tx *sql.Tx) (err error) {
		last, err = lastBookEventDate(ctx, tx, from, to)
		return err
	})
	return last, err
}
