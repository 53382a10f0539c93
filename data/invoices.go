package data

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"paminn/core"
)

// invoiceColumns are the columns scanInvoice reads, for invoices i joined to customers c.
const invoiceColumns = `i.id, i.number, i.customer_id, c.name, i.invoice_date, i.due_date,
	i.total_ore, i.paid_ore, i.currency, i.ocr, i.reminder_count, i.last_reminded,
	i.amili_state, i.amili_case_ref, i.amili_env, i.amili_ocr, i.amili_raw, i.pdf, i.interest_for, i.charges_ore, i.pause,
	i.plan_step`

// invoiceFrom joins each invoice to its customer.
const invoiceFrom = ` FROM invoices i JOIN customers c ON c.id = i.customer_id`

// invoiceDest are the scan destinations for invoiceColumns.
func invoiceDest(inv *core.Invoice) []any {
	return []any{&inv.ID, &inv.Number, &inv.CustomerID, &inv.CustomerName,
		dateCol{&inv.InvoiceDate}, dateCol{&inv.DueDate}, oreCol{&inv.Total}, oreCol{&inv.Paid},
		&inv.Currency, &inv.OCR, &inv.ReminderCount, dateCol{&inv.LastReminded},
		(*string)(&inv.AmiliState), &inv.AmiliCaseRef, (*string)(&inv.AmiliEnv), &inv.AmiliOCR,
		&inv.AmiliRaw, &inv.PDF, &inv.InterestFor, oreCol{&inv.Charges}, (*string)(&inv.Pause), &inv.PlanStep}
}

// queryInvoices runs query, which selects invoiceColumns, and reads every invoice it
// returns, in its order.
func queryInvoices(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]core.Invoice, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var invs []core.Invoice
	for rows.Next() {
		var inv core.Invoice
		if err := scanInvoice(rows, &inv); err != nil {
			return nil, err
		}
		invs = append(invs, inv)
	}
	return invs, rows.Err()
}

// scanInvoice reads invoiceColumns (followed by any extra destinations).
func scanInvoice(row interface{ Scan(...any) error }, inv *core.Invoice, extra ...any) error {
	return row.Scan(append(invoiceDest(inv), extra...)...)
}

// Invoice returns one invoice with CustomerName filled (ENOTFOUND if there is none).
func (s *Store) Invoice(ctx context.Context, id int64) (core.Invoice, error) {
	var inv core.Invoice
	err := s.read(ctx, "read invoice", func(tx *sql.Tx) (err error) {
		inv, err = findInvoice(ctx, tx, id)
		return err
	})
	return inv, err
}

func findInvoice(ctx context.Context, tx *sql.Tx, id int64) (core.Invoice, error) {
	var inv core.Invoice
	err := scanInvoice(tx.QueryRowContext(ctx, `SELECT `+invoiceColumns+invoiceFrom+` WHERE i.id = ?`, id), &inv)
	if err == sql.ErrNoRows {
		return inv, notFound(err, msgNoInvoice, id)
	}
	return inv, err
}

// CreateInvoice inserts an invoice and returns it with its ID and customer name
// (ECONFLICT on a duplicate number, ENOTFOUND for an unknown customer). A positive
// Paid is recorded as one payment on the invoice date.
func (s *Store) CreateInvoice(ctx context.Context, inv core.Invoice) (core.Invoice, error) {
	err := s.write(ctx, "create invoice", func(tx *sql.Tx) (err error) {
		inv, err = createInvoice(ctx, tx, inv)
		return err
	})
	if err != nil {
		return core.Invoice{}, err
	}
	return inv, nil
}

// createInvoice inserts inv (as CreateInvoice) and reads it back.
func createInvoice(ctx context.Context, tx *sql.Tx, inv core.Invoice) (core.Invoice, error) {
	if _, err := findCustomer(ctx, tx, inv.CustomerID); err != nil {
		return core.Invoice{}, err
	}
	w, err := newInvoiceWriter(ctx, tx)
	if err != nil {
		return core.Invoice{}, err
	}
	defer w.close()
	id, err := w.insert(ctx, inv)
	if err != nil {
		return core.Invoice{}, err
	}
	return findInvoice(ctx, tx, id)
}

// invoiceWriter inserts invoices (and their opening payment and charges) with prepared
// statements, so an import of many rows stays fast. On PostgreSQL (onPostgres) an
// invoice's ID comes back by RETURNING, which has no LastInsertId; on SQLite by
// LastInsertId, which costs a third of an import's CPU less than reading a row back.
type invoiceWriter struct {
	invoice, payment, charge *sql.Stmt
	returning                bool // the invoice statement returns the new ID
}

func newInvoiceWriter(ctx context.Context, tx *sql.Tx) (*invoiceWriter, error) {
	// An invoice entered with reminders counted has taken as many steps of its plan
	// (019_plan_steps.sql): plan_step is the reminder count (?9). A number the book
	// has inserts nothing and returns no row, rather than failing: on PostgreSQL a
	// failed statement spoils its transaction, and an import goes on to find every
	// row whose number is taken (importInvoices).
	invoice, err := tx.PrepareContext(ctx, `INSERT INTO invoices (number, customer_id, invoice_date,
		due_date, total_ore, paid_ore, currency, ocr, reminder_count, last_reminded, amili_state,
		amili_case_ref, amili_env, amili_ocr, charges_ore, interest_for, plan_step)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?9)
		ON CONFLICT (number) DO NOTHING`+returningID(ctx))
	if err != nil {
		return nil, err
	}
	// The opening payment went to the principal (015_claim_ledger.sql).
	payment, err := tx.PrepareContext(ctx, `INSERT INTO payments (invoice_id, date, amount_ore, principal_ore)
		VALUES (?1, ?2, ?3, ?3)`)
	if err != nil {
		invoice.Close()
		return nil, err
	}
	charge, err := tx.PrepareContext(ctx, `INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, created_at)
		VALUES (?, 'charge', ?, ?, ?)`)
	if err != nil {
		invoice.Close()
		payment.Close()
		return nil, err
	}
	return &invoiceWriter{invoice: invoice, payment: payment, charge: charge, returning: onPostgres(ctx)}, nil
}

// returningID is the clause that makes an INSERT return the new row's ID where
// LastInsertId does not (onPostgres), else "".
func returningID(ctx context.Context) string {
	if onPostgres(ctx) {
		return ` RETURNING id`
	}
	return ``
}

// insertedID is the ID of the row an INSERT of one row prepared with returningID
// wrote: read back (returning) or from LastInsertId. ok is false when the INSERT wrote
// nothing (ON CONFLICT DO NOTHING).
func insertedID(ctx context.Context, stmt *sql.Stmt, returning bool, args ...any) (id int64, ok bool, err error) {
	if returning {
		err = stmt.QueryRowContext(ctx, args...).Scan(&id)
		if err == sql.ErrNoRows {
			return 0, false, nil
		}
		return id, err == nil, err
	}
	res, err := stmt.ExecContext(ctx, args...)
	if err != nil {
		return 0, false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, false, err
	}
	id, err = res.LastInsertId()
	return id, err == nil, err
}

func (w *invoiceWriter) close() {
	w.invoice.Close()
	w.payment.Close()
	w.charge.Close()
}

// insert writes inv (its CustomerID must exist) and returns its ID.
func (w *invoiceWriter) insert(ctx context.Context, inv core.Invoice) (int64, error) {
	currency := inv.Currency
	if currency == "" {
		currency = core.Currency
	}
	paid, charges := core.ToOre(inv.Paid), core.ToOre(inv.Charges)
	id, ok, err := insertedID(ctx, w.invoice, w.returning, inv.Number, inv.CustomerID, dateText(inv.InvoiceDate),
		dateText(inv.DueDate), core.ToOre(inv.Total), paid, currency, inv.OCR, inv.ReminderCount,
		dateText(inv.LastReminded), string(inv.AmiliState), inv.AmiliCaseRef, string(inv.AmiliEnv), inv.AmiliOCR,
		max(charges, 0), inv.InterestFor)
	if err == nil && !ok || isUnique(err) {
		return 0, core.Wrap(err, core.ECONFLICT, msgDupInvoice, map[string]any{"Number": inv.Number})
	}
	if err != nil {
		return 0, err
	}
	if charges > 0 {
		// Open charges brought in with the invoice (the demo's reminded invoices) are
		// reminder fees an earlier system charged, as of the last reminder: one
		// 'charge' entry, so the ledger adds up to charges_ore.
		at := inv.LastReminded
		if at.IsZero() {
			at = inv.InvoiceDate
		}
		if _, err := w.charge.ExecContext(ctx, id, dateText(at), charges, dateText(at)); err != nil {
			return id, err
		}
	}
	if paid == 0 {
		return id, nil
	}
	// paid_ore is the sum of the payments: the opening amount is one payment row.
	_, err = w.payment.ExecContext(ctx, id, dateText(inv.InvoiceDate), paid)
	return id, err
}

// RegisterPayment records a payment, adds it to the invoice's paid amount and returns
// the updated invoice (ENOTFOUND for an unknown invoice). See recordPayment.
func (s *Store) RegisterPayment(ctx context.Context, p core.Payment, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "register payment", func(tx *sql.Tx) error {
		if _, err := recordPayment(ctx, tx, p, now); err != nil {
			return err
		}
		var err error
		inv, err = findInvoice(ctx, tx, p.InvoiceID)
		return err
	})
	return inv, err
}

// InvoicesForReminder returns the invoices with ids and their customers, in the order
// of ids (ENOTFOUND naming the first missing id).
func (s *Store) InvoicesForReminder(ctx context.Context, ids []int64) ([]core.Candidate, error) {
	var out []core.Candidate
	err := s.read(ctx, "read invoices for reminder", func(tx *sql.Tx) (err error) {
		out, err = invoicesForReminder(ctx, tx, ids)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// invoicesForReminder is InvoicesForReminder in the caller's transaction.
func invoicesForReminder(ctx context.Context, tx *sql.Tx, ids []int64) ([]core.Candidate, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	cs, err := queryCandidates(ctx, tx, `WHERE i.id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]core.Candidate, len(cs))
	for _, c := range cs {
		byID[c.Invoice.ID] = c
	}
	out := make([]core.Candidate, len(ids))
	for i, id := range ids {
		c, ok := byID[id]
		if !ok {
			return nil, notFound(nil, msgNoInvoice, id)
		}
		out[i] = c
	}
	return out, nil
}

// queryCandidates selects invoices with their customers; where holds the WHERE clause
// (and any ORDER BY) for invoices i and customers c.
func queryCandidates(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]core.Candidate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+invoiceColumns+`, `+customerColumns+invoiceFrom+` `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []core.Candidate
	for rows.Next() {
		c := core.Candidate{Customer: &core.Customer{}}
		if err := scanInvoice(rows, &c.Invoice, customerDest(c.Customer)...); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// openCasesSQL selects the invoices with Amili that have a case reference and whose
// case is not final, taking the paid and closed states. They are few: they are read
// through the Amili index, whose WHERE clause is "with Amili" as rendered here, and
// sorted, rather than read from the whole table in ID order.
var openCasesSQL = `SELECT ` + invoiceColumns + ` FROM invoices i INDEXED BY invoices_with_amili
	JOIN customers c ON c.id = i.customer_id
	WHERE ` + fact(core.FactWithAmili) + ` AND i.amili_case_ref != '' AND i.amili_state NOT IN (?, ?)`

// AmiliInvoices returns the invoices with an Amili case reference whose case is not
// final (paid or closed).
func (s *Store) AmiliInvoices(ctx context.Context) ([]core.Invoice, error) {
	var invs []core.Invoice
	err := s.read(ctx, "list Amili invoices", func(tx *sql.Tx) error {
		var err error
		invs, err = queryInvoices(ctx, tx, openCasesSQL+` ORDER BY i.id`, string(core.AmiliPaid), string(core.AmiliClosed))
		return err
	})
	return invs, err
}

// SetAmiliState records what Amili reports about an invoice's case.
func (s *Store) SetAmiliState(ctx context.Context, invoiceID int64, state core.AmiliState) error {
	return s.write(ctx, "set Amili state", func(tx *sql.Tx) error { return setAmiliState(ctx, tx, invoiceID, state) })
}

// setAmiliState is SetAmiliState in the caller's transaction.
func setAmiliState(ctx context.Context, tx *sql.Tx, invoiceID int64, state core.AmiliState) error {
	res, err := tx.ExecContext(ctx, `UPDATE invoices SET amili_state = ? WHERE id = ?`, string(state), invoiceID)
	if err != nil {
		return err
	}
	return mustAffect(res, msgNoInvoice, invoiceID)
}
