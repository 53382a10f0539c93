package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

const msgInvoiceTouched = "Invoice {{.Number}} was reminded, paid, credited or handed over meanwhile; nothing was changed"

// invoiceActivitySQL counts what fixes an invoice: its reminders, payments, credit
// notes (claim entries and the credits rows before them) and any sign of Amili.
const invoiceActivitySQL = `SELECT i.number,
	(SELECT count(*) FROM reminders WHERE invoice_id = i.id) + (i.reminder_count > 0),
	(SELECT count(*) FROM payments WHERE invoice_id = i.id),
	(SELECT count(*) FROM claim_entries WHERE invoice_id = i.id AND kind = 'credit_note')
		+ (SELECT count(*) FROM credits WHERE invoice_id = i.id),
	i.amili_state != '' OR i.amili_case_ref != '' OR EXISTS (SELECT 1 FROM amili_reports WHERE invoice_id = i.id)
	FROM invoices i WHERE i.id = ?`

// InvoiceActivity counts what fixes an invoice (ENOTFOUND for an unknown one).
func (s *Store) InvoiceActivity(ctx context.Context, invoiceID int64) (core.InvoiceActivity, error) {
	var a core.InvoiceActivity
	err := s.read(ctx, "read invoice activity", func(tx *sql.Tx) (err error) {
		a, _, err = activityOf(ctx, tx, invoiceID)
		return err
	})
	return a, err
}

func activityOf(ctx context.Context, tx *sql.Tx, invoiceID int64) (core.InvoiceActivity, string, error) {
	var a core.InvoiceActivity
	var number string
	err := tx.QueryRowContext(ctx, invoiceActivitySQL, invoiceID).Scan(&number, &a.Reminders, &a.Payments,
		&a.CreditNotes, &a.AmiliHandled)
	if err == sql.ErrNoRows {
		return a, "", notFound(err, msgNoInvoice, invoiceID)
	}
	return a, number, err
}

// mustBeUntouched refuses, in the caller's transaction, an invoice something
// happened to since the service looked.
func mustBeUntouched(ctx context.Context, tx *sql.Tx, invoiceID int64) error {
	a, number, err := activityOf(ctx, tx, invoiceID)
	if err != nil {
		return err
	}
	if a != (core.InvoiceActivity{}) {
		return core.Errorf(core.ECONFLICT, msgInvoiceTouched, map[string]any{"Number": number})
	}
	return nil
}

// UpdateInvoice replaces an untouched invoice's number, customer, dates, total and
// OCR and writes history, in one transaction.
func (s *Store) UpdateInvoice(ctx context.Context, inv core.Invoice, history []core.Message, now time.Time) (core.Invoice, error) {
	err := s.write(ctx, "update invoice", func(tx *sql.Tx) (err error) {
		inv, err = updateInvoice(ctx, tx, inv, history, now)
		return err
	})
	return inv, err
}

// updateInvoice is UpdateInvoice in the caller's transaction.
func updateInvoice(ctx context.Context, tx *sql.Tx, inv core.Invoice, history []core.Message, now time.Time) (core.Invoice, error) {
	if err := mustBeUntouched(ctx, tx, inv.ID); err != nil {
		return inv, err
	}
	if _, err := findCustomer(ctx, tx, inv.CustomerID); err != nil {
		return inv, err
	}
	_, err := tx.ExecContext(ctx, `UPDATE invoices SET number = ?, customer_id = ?, invoice_date = ?,
		due_date = ?, total_ore = ?, ocr = ? WHERE id = ?`, inv.Number, inv.CustomerID, dateText(inv.InvoiceDate),
		dateText(inv.DueDate), core.ToOre(inv.Total), inv.OCR, inv.ID)
	if isUnique(err) {
		return inv, core.Wrap(err, core.ECONFLICT, msgDupInvoice, map[string]any{"Number": inv.Number})
	}
	if err != nil {
		return inv, err
	}
	if err := addHistory(ctx, tx, inv.ID, now, history...); err != nil {
		return inv, err
	}
	return findInvoice(ctx, tx, inv.ID)
}

// DeleteInvoice deletes an untouched invoice, and its pauses, and writes history for
// it (kept after it: invoice_history has no foreign key). A credit kept for the customer that names
// the invoice keeps the credit and forgets the invoice. SQLite gives the next invoice
// the row id of the last one when that one is deleted, so the history of a deleted
// invoice moves to core.DeletedInvoiceHistory(id): a new invoice starts with none.
func (s *Store) DeleteInvoice(ctx context.Context, id int64, history core.Message, now time.Time) error {
	return s.write(ctx, "delete invoice", func(tx *sql.Tx) error { return deleteInvoice(ctx, tx, id, history, now) })
}

// deleteInvoice is DeleteInvoice in the caller's transaction.
func deleteInvoice(ctx context.Context, tx *sql.Tx, id int64, history core.Message, now time.Time) error {
	if err := mustBeUntouched(ctx, tx, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE customer_credits SET invoice_id = NULL WHERE invoice_id = ?`, id); err != nil {
		return err
	}
	// Its pauses go with it: the next invoice may get its row id (017_pauses.sql).
	if _, err := tx.ExecContext(ctx, `DELETE FROM pauses WHERE invoice_id = ?`, id); err != nil {
		return err
	}
	// So does its original kept in the book (a server book's, 026_invoice_pdfs.sql).
	if _, err := tx.ExecContext(ctx, `DELETE FROM invoice_pdfs WHERE invoice_id = ?`, id); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM invoices WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if err := mustAffect(res, msgNoInvoice, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE invoice_history SET invoice_id = ? WHERE invoice_id = ?`,
		core.DeletedInvoiceHistory(id), id); err != nil {
		return err
	}
	return addHistory(ctx, tx, core.DeletedInvoiceHistory(id), now, history)
}
