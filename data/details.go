package data

import (
	"context"
	"database/sql"

	"paminn/core"
)

// InvoiceDetails returns everything the book holds about one invoice, each list
// oldest first, in one read transaction (ENOTFOUND if there is no such invoice).
// Every query seeks by the invoice's own index: the cost is the invoice's rows, not
// the book's.
func (s *Store) InvoiceDetails(ctx context.Context, id int64) (core.InvoiceDetails, error) {
	var d core.InvoiceDetails
	err := s.read(ctx, "read invoice details", func(tx *sql.Tx) (err error) {
		d, err = invoiceDetails(ctx, tx, id)
		return err
	})
	return d, err
}

// invoiceDetails is InvoiceDetails in the caller's transaction.
func invoiceDetails(ctx context.Context, tx *sql.Tx, id int64) (core.InvoiceDetails, error) {
	var d core.InvoiceDetails
	var err error
	if d.Invoice, err = findInvoice(ctx, tx, id); err != nil {
		return d, err
	}
	if d.Customer, err = findCustomer(ctx, tx, d.Invoice.CustomerID); err != nil {
		return d, err
	}
	// "!= 0" lets the räntefaktura be found in invoices_interest_for, a partial index.
	if err := tx.QueryRowContext(ctx, interestLinksSQL, id).Scan(&d.InterestFor, &d.InterestInvoice); err != nil {
		return d, err
	}
	if d.Reminders, err = queryReminders(ctx, tx, remindersOfInvoiceWhere, id); err != nil {
		return d, err
	}
	return d, readInvoiceLedger(ctx, tx, id, &d)
}

// readInvoiceLedger reads an invoice's claim entries, payments, credit notes, reports
// to Amili and recorded changes into d.
func readInvoiceLedger(ctx context.Context, tx *sql.Tx, id int64, d *core.InvoiceDetails) error {
	reads := []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{entriesOfInvoiceSQL, func(rows *sql.Rows) error {
			e := core.ClaimEntry{InvoiceID: id}
			err := rows.Scan(append([]any{&e.ID, (*string)(&e.Kind), dateCol{&e.Date}}, append(partsDest(&e.Parts), &e.ReminderID, &e.Reason, &e.By)...)...)
			d.Entries = append(d.Entries, e)
			return err
		}},
		{paymentsOfInvoiceSQL, func(rows *sql.Rows) error {
			var p core.PaymentRecord
			err := rows.Scan(append([]any{&p.ID, (*string)(&p.Kind), dateCol{&p.Date}, oreCol{&p.Amount}}, append(partsDest(&p.Parts), &p.Reverses, &p.Reason, &p.Source, &p.By)...)...)
			d.Payments = append(d.Payments, p)
			return err
		}},
		{creditsOfInvoiceSQL, func(rows *sql.Rows) error {
			c := core.Credit{InvoiceID: id}
			err := rows.Scan(dateCol{&c.Date}, oreCol{&c.Amount}, &c.Number)
			d.Credits = append(d.Credits, c)
			return err
		}},
		{reportsOfInvoiceSQL, func(rows *sql.Rows) error {
			var r core.AmiliReport
			err := rows.Scan(reportDest(&r)...)
			d.AmiliReports = append(d.AmiliReports, r)
			return err
		}},
		{historyOfInvoiceSQL, func(rows *sql.Rows) error {
			h, err := scanHistory(rows)
			d.History = append(d.History, h)
			return err
		}},
	}
	for _, r := range reads {
		if err := eachRow(ctx, tx, r.query, []any{id}, r.scan); err != nil {
			return err
		}
	}
	return nil
}

// The queries of an invoice's details, each by its invoice's index (details_test.go
// checks their plans).
const (
	entriesOfInvoiceSQL = `SELECT id, kind, date, principal_ore, fee_ore, compensation_ore, interest_ore,
		coalesce(reminder_id, 0), reason, by_user FROM claim_entries WHERE invoice_id = ? ORDER BY date, id`
	paymentsOfInvoiceSQL = `SELECT id, kind, date, amount_ore, principal_ore, fee_ore, compensation_ore, interest_ore,
		coalesce(reverses, 0), reason, source, by_user FROM payments WHERE invoice_id = ? ORDER BY date, id`
	creditsOfInvoiceSQL = `SELECT date, amount_ore, number FROM credits WHERE invoice_id = ? ORDER BY date, id`
	reportsOfInvoiceSQL = `SELECT ` + reportColumns + ` FROM amili_reports a JOIN invoices i ON i.id = a.invoice_id
		WHERE a.invoice_id = ? ORDER BY a.id`
	remindersOfInvoiceWhere = ` WHERE r.invoice_id = ? ORDER BY r.id`
	interestLinksSQL        = `SELECT coalesce((SELECT f.number FROM invoices f WHERE f.id = i.interest_for), ''),
		coalesce((SELECT r.number FROM invoices r WHERE r.interest_for = i.id AND r.interest_for != 0), '')
		FROM invoices i WHERE i.id = ?`
	invoicesOfCustomerSQL = `SELECT ` + invoiceColumns + invoiceFrom + `
		WHERE i.customer_id = ? ORDER BY i.invoice_date DESC, i.id DESC`
)

// partsDest are the scan destinations of the four parts' öre columns, in the order
// principal, fee, compensation, interest.
func partsDest(p *core.Parts) []any {
	return []any{oreCol{&p.Principal}, oreCol{&p.Fee}, oreCol{&p.Compensation}, oreCol{&p.Interest}}
}

// eachRow runs query and calls scan on each row it returns.
func eachRow(ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CustomerDetails returns one customer with their invoices, newest first, each with
// its open charges, and the movements of their credit, oldest first, in one read
// transaction (ENOTFOUND if there is no such customer).
func (s *Store) CustomerDetails(ctx context.Context, id int64) (core.CustomerDetails, error) {
	var d core.CustomerDetails
	err := s.read(ctx, "read customer details", func(tx *sql.Tx) (err error) {
		d, err = customerDetails(ctx, tx, id)
		return err
	})
	return d, err
}

// customerDetails is CustomerDetails in the caller's transaction.
func customerDetails(ctx context.Context, tx *sql.Tx, id int64) (core.CustomerDetails, error) {
	var d core.CustomerDetails
	var err error
	if d.Customer, err = findCustomer(ctx, tx, id); err != nil {
		return d, err
	}
	err = eachRow(ctx, tx, invoicesOfCustomerSQL, []any{id}, func(rows *sql.Rows) error {
		var inv core.Invoice
		err := scanInvoice(rows, &inv)
		d.Invoices = append(d.Invoices, inv)
		return err
	})
	if err != nil {
		return d, err
	}
	return d, eachRow(ctx, tx, creditMovementsSQL, []any{id}, func(rows *sql.Rows) error {
		var m core.CreditMovement
		err := rows.Scan((*string)(&m.Kind), dateCol{&m.Date}, oreCol{&m.Amount}, &m.InvoiceNumber, &m.Source, &m.Reason)
		d.Credit = append(d.Credit, m)
		return err
	})
}

// creditMovementsSQL reads a customer's credit as it arose (customer_credits) and was
// applied or refunded (customer_credit_uses, negative), by date, arising first.
const creditMovementsSQL = `SELECT kind, date, amount, number, source, reason FROM (
	SELECT 0 AS o, cc.id AS id, 'arose' AS kind, cc.date AS date, cc.amount_ore AS amount,
		coalesce(i.number, '') AS number, cc.source AS source, '' AS reason
	FROM customer_credits cc LEFT JOIN invoices i ON i.id = cc.invoice_id WHERE cc.customer_id = ?1
	UNION ALL
	SELECT 1, u.id, u.kind, u.date, -u.amount_ore, coalesce(i.number, ''), '', u.reason
	FROM customer_credit_uses u LEFT JOIN payments p ON p.id = u.payment_id
		LEFT JOIN invoices i ON i.id = p.invoice_id WHERE u.customer_id = ?1)
	ORDER BY date, o, id`
