package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"paminn/core"
	"paminn/data/safefile"
)

// recordPayment is the one path every payment takes into the book, in the caller's
// transaction: a payment typed in (RegisterPayment) and each payment read from a bank
// file (RegisterBankPayments). It records the allocation the Service computed
// (p.Parts, which add up to p.Amount): the principal part goes to the invoice's paid
// amount — never beyond its total — and the costs and interest parts lower its open
// charges — never below what is open of each part; it records the payment with its
// date, parts, source file and the file's external key, and, when the invoice's
// case is with Amili, queues the report to Amili
// (POST /creditor--payments) in the same transaction, so a payment is never recorded
// without its report, nor reported twice: the report's reference is unique, made of the
// book's identity and the payment's row id. ENOTFOUND for an unknown invoice, ECONFLICT
// when the payment exceeds the balance (it changed since it was checked) or its
// external key was registered before.
func recordPayment(ctx context.Context, tx *sql.Tx, p core.Payment, now time.Time) (paymentID int64, err error) {
	amount, parts := core.ToOre(p.Amount), orePartsOf(p.Parts)
	if parts.sum() != amount {
		return 0, core.Errorf(core.EINTERNAL, msgPartsNotAmount, map[string]any{"Parts": core.FormatSEK(p.Parts.Sum()),
			"Amount": core.FormatSEK(p.Amount)})
	}
	if err := settle(ctx, tx, p.InvoiceID, parts, msgBalanceChanged); err != nil {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO payments (invoice_id, date, amount_ore, source, external_key,
			principal_ore, fee_ore, compensation_ore, interest_ore, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.InvoiceID, dateText(p.Date), amount, p.Source, p.ExternalKey,
		parts.principal, parts.fee, parts.compensation, parts.interest, createdText(now)).Scan(&paymentID)
	if isUnique(err) {
		return 0, core.Wrap(err, core.ECONFLICT, msgPaymentTwice, map[string]any{"File": p.Source})
	}
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO amili_reports (kind, invoice_id, payment_id, amili_env,
			case_ref, amount_ore, date, reference, created_at, updated_at)
		SELECT 'payment', i.id, ?1, i.amili_env, i.amili_case_ref, ?2, ?3,
			'paminn-' || (SELECT uid FROM book_identity) || '-payment-' || ?8, ?4, ?4
		FROM invoices i WHERE i.id = ?5 AND i.amili_case_ref != '' AND i.amili_state NOT IN (?6, ?7)`,
		paymentID, amount, dateText(p.Date), instantText(now), p.InvoiceID,
		string(core.AmiliPaid), string(core.AmiliClosed), strconv.FormatInt(paymentID, 10)) // ?8: the ID as text, for PostgreSQL
	return paymentID, err
}

// CreditInvoice records a credit note on an invoice: the principal settled goes up by
// the amount (never beyond the total: ECONFLICT), a 'credit_note' claim entry of
// negative principal with its reason, a credits row with its number and c.History in
// the invoice's history and, when its case is with Amili, the crediting is queued for
// Amili (POST /creditor--creditings) in the same transaction, with a reference unique
// to the book and the credit. ENOTFOUND for an unknown invoice.
func (s *Store) CreditInvoice(ctx context.Context, c core.Credit, now time.Time) (core.Invoice, error) {
	var inv core.Invoice
	err := s.write(ctx, "credit invoice", func(tx *sql.Tx) (err error) {
		inv, err = creditInvoice(ctx, tx, c, now)
		return err
	})
	return inv, err
}

// creditInvoice is CreditInvoice in the caller's transaction.
func creditInvoice(ctx context.Context, tx *sql.Tx, c core.Credit, now time.Time) (core.Invoice, error) {
	amount := core.ToOre(c.Amount)
	if err := settlePrincipal(ctx, tx, c.InvoiceID, amount, msgCreditChangedInvoice); err != nil {
		return core.Invoice{}, err
	}
	var creditID int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO credits (invoice_id, date, amount_ore, number) VALUES (?, ?, ?, ?)
		RETURNING id`, c.InvoiceID, dateText(c.Date), amount, c.Number).Scan(&creditID); err != nil {
		return core.Invoice{}, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO claim_entries (invoice_id, kind, date, principal_ore, reason,
		created_at) VALUES (?, 'credit_note', ?, ?, ?, ?)`, c.InvoiceID, dateText(c.Date), -amount, c.Reason,
		instantText(now)); err != nil {
		return core.Invoice{}, err
	}
	if err := addHistory(ctx, tx, c.InvoiceID, now, c.History); err != nil {
		return core.Invoice{}, err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO amili_reports (kind, invoice_id, credit_id, amili_env,
			case_ref, amount_ore, date, reference, credit_number, created_at, updated_at)
		SELECT 'crediting', i.id, ?1, i.amili_env, i.amili_case_ref, ?2, ?3,
			'paminn-' || (SELECT uid FROM book_identity) || '-credit-' || ?9, ?4, ?5, ?5
		FROM invoices i WHERE i.id = ?6 AND i.amili_case_ref != '' AND i.amili_state NOT IN (?7, ?8)`,
		creditID, amount, dateText(c.Date), c.Number, instantText(now), c.InvoiceID,
		string(core.AmiliPaid), string(core.AmiliClosed), strconv.FormatInt(creditID, 10)) // ?9: the ID as text, for PostgreSQL
	if err != nil {
		return core.Invoice{}, err
	}
	return findInvoice(ctx, tx, c.InvoiceID)
}

// msgCreditChangedInvoice refuses a credit note the invoice's balance no longer takes.
const msgCreditChangedInvoice = "Invoice {{.Number}} changed meanwhile: the credit is larger than what is unpaid of its amount; nothing was credited"

// settlePrincipal raises the invoice's principal settled by amount öre, never
// beyond its total: ENOTFOUND for an unknown invoice, ECONFLICT with message (which
// names the invoice's Number) when its balance no longer takes the amount.
func settlePrincipal(ctx context.Context, tx *sql.Tx, invoiceID, amount int64, message string) error {
	res, err := tx.ExecContext(ctx, `UPDATE invoices SET paid_ore = paid_ore + ? WHERE id = ? AND paid_ore + ? <= total_ore`,
		amount, invoiceID, amount)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	inv, err := findInvoice(ctx, tx, invoiceID) // ENOTFOUND for an unknown invoice
	if err != nil {
		return err
	}
	return core.Errorf(core.ECONFLICT, message, map[string]any{"Number": inv.Number})
}

// reportColumns are the columns scanReport reads, for amili_reports a joined to
// invoices i.
const reportColumns = `a.id, a.kind, a.invoice_id, i.number, a.amili_env, a.case_ref, a.amount_ore,
	a.date, a.reference, a.file, a.state, a.error, a.attempts, a.external_ref, a.updated_at, a.credit_number,
	a.uncertain, a.error_message, a.by_user`

func reportDest(r *core.AmiliReport) []any {
	return []any{&r.ID, (*string)(&r.Kind), &r.InvoiceID, &r.InvoiceNumber, (*string)(&r.Environment),
		&r.CaseRef, oreCol{&r.Amount}, dateCol{&r.Date}, &r.Reference, &r.File, (*string)(&r.State),
		&r.Error, &r.Attempts, &r.ExternalRef, instantCol{&r.UpdatedAt}, &r.CreditNumber, &r.Uncertain, messagePtrCol{&r.Failure}, &r.By}
}

// QueueCancellation queues the withdrawal of the invoice's case: ECONFLICT when the
// invoice has no open case or its withdrawal is already queued or sent.
func (s *Store) QueueCancellation(ctx context.Context, invoiceID int64, now time.Time) (core.AmiliReport, error) {
	var r core.AmiliReport
	err := s.write(ctx, "queue Amili cancellation", func(tx *sql.Tx) (err error) {
		r, err = queueCancellation(ctx, tx, invoiceID, now)
		return err
	})
	return r, err
}

// queueCancellation is QueueCancellation within tx.
func queueCancellation(ctx context.Context, tx *sql.Tx, invoiceID int64, now time.Time) (core.AmiliReport, error) {
	var r core.AmiliReport
	inv, err := findInvoice(ctx, tx, invoiceID)
	if err != nil {
		return r, err
	}
	data := map[string]any{"Number": inv.Number}
	if inv.AmiliCaseRef == "" || inv.AmiliState == core.AmiliPaid || inv.AmiliState == core.AmiliClosed {
		return r, core.Errorf(core.ECONFLICT, "Invoice {{.Number}} has no open case with Amili to withdraw", data)
	}
	ref := fmt.Sprintf("cancellation-%s-%s", inv.AmiliEnv, inv.AmiliCaseRef)
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO amili_reports (kind, invoice_id, amili_env, case_ref,
		reference, created_at, updated_at) VALUES ('cancellation', ?, ?, ?, ?, ?, ?) RETURNING id`,
		inv.ID, string(inv.AmiliEnv), inv.AmiliCaseRef, ref, instantText(now), instantText(now)).Scan(&id)
	if isUnique(err) {
		return r, core.Wrap(err, core.ECONFLICT, "The withdrawal of invoice {{.Number}} from Amili is already under way", data)
	}
	if err != nil {
		return r, err
	}
	return r, scanReportByID(ctx, tx, id, &r)
}

func scanReportByID(ctx context.Context, tx *sql.Tx, id int64, r *core.AmiliReport) error {
	return tx.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM amili_reports a
		JOIN invoices i ON i.id = a.invoice_id WHERE a.id = ?`, id).Scan(reportDest(r)...)
}

// queueUpload queues the upload of the invoice's PDF to its case, once per case and
// file; nothing when the invoice has no PDF or no case.
func queueUpload(ctx context.Context, tx *sql.Tx, invoiceID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO amili_reports (kind, invoice_id, amili_env, case_ref,
			file, reference, created_at, updated_at)
		SELECT 'upload', i.id, i.amili_env, i.amili_case_ref, i.pdf,
			'upload-' || i.amili_env || '-' || i.amili_case_ref || '-' || i.pdf, ?, ?
		FROM invoices i WHERE i.id = ? AND i.pdf != '' AND i.amili_case_ref != ''
		ON CONFLICT (reference) DO NOTHING`, instantText(now), instantText(now), invoiceID)
	return err
}

// dueReportsSQL selects due reports as dueSQL selects reminders: pending, failed and
// due again, or sending and stale (uncertain).
const dueReportsSQL = `WITH due (id, since, uncertain) AS (
		SELECT id, next_attempt, 0 FROM amili_reports WHERE state != 'sent' AND state = 'pending'
		UNION ALL
		SELECT id, next_attempt, 0 FROM amili_reports WHERE state != 'sent' AND state = 'failed' AND next_attempt <= ?1
		UNION ALL
		SELECT id, claimed_at, 1 FROM amili_reports WHERE state != 'sent' AND state = 'sending' AND claimed_at < ?2
		ORDER BY 2, 1 LIMIT ?3)
	SELECT ` + reportColumns + `, d.uncertain FROM due d JOIN amili_reports a ON a.id = d.id
	JOIN invoices i ON i.id = a.invoice_id ORDER BY d.since, d.id`

// ClaimAmiliReports marks up to limit due reports as sending and returns them; a
// report is uncertain when its last attempt never finished or is marked so.
func (s *Store) ClaimAmiliReports(ctx context.Context, now, staleBefore time.Time, limit int) ([]core.AmiliReport, error) {
	var rs []core.AmiliReport
	err := s.write(ctx, "claim Amili reports", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, dueReportsSQL, instantText(now), instantText(staleBefore), limit)
		if err != nil {
			return err
		}
		if rs, err = scanDueReports(rows); err != nil || len(rs) == 0 {
			return err
		}
		if err := markReportsSending(ctx, tx, rs, now); err != nil {
			return err
		}
		// An original kept in the book (one moved back from a server) goes to a
		// temporary file; one kept beside the book is read where it is.
		return s.uploads.fetch(ctx, tx, rs)
	})
	if err != nil {
		for _, r := range rs {
			s.uploads.drop(r.ID)
		}
		return nil, err
	}
	return rs, nil
}

// scanDueReports reads due reports (reportColumns and whether the row is stale) and
// closes rows; a report is uncertain when it is marked so or stale.
func scanDueReports(rows *sql.Rows) ([]core.AmiliReport, error) {
	defer rows.Close()
	var rs []core.AmiliReport
	for rows.Next() {
		var r core.AmiliReport
		var stale bool
		if err := rows.Scan(append(reportDest(&r), &stale)...); err != nil {
			return nil, err
		}
		r.Uncertain = r.Uncertain || stale
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// markReportsSending records the start of one more attempt on each claimed report
// and updates rs to match.
func markReportsSending(ctx context.Context, tx *sql.Tx, rs []core.AmiliReport, now time.Time) error {
	ids := make([]any, 0, len(rs)+2)
	ids = append(ids, instantText(now), instantText(now))
	for i := range rs {
		ids = append(ids, rs[i].ID)
		rs[i].State, rs[i].Attempts = core.DeliverySending, rs[i].Attempts+1
	}
	_, err := tx.ExecContext(ctx, `UPDATE amili_reports SET state = 'sending', claimed_at = ?,
			updated_at = ?, attempts = attempts + 1 WHERE id IN (?`+strings.Repeat(", ?", len(rs)-1)+`)`, ids...)
	return err
}

// FinishAmiliReport records a report's outcome, and whether it is uncertain; a
// cancellation Amili accepted closes the invoice's case.
func (s *Store) FinishAmiliReport(ctx context.Context, o core.AmiliReportOutcome) error {
	defer s.uploads.drop(o.ReportID)
	return s.write(ctx, "finish Amili report", func(tx *sql.Tx) error { return finishAmiliReport(ctx, tx, o) })
}

// finishAmiliReport is FinishAmiliReport within tx.
func finishAmiliReport(ctx context.Context, tx *sql.Tx, o core.AmiliReportOutcome) error {
	res, err := tx.ExecContext(ctx, `UPDATE amili_reports SET state = ?, error = ?, error_message = ?,
			external_ref = CASE WHEN ? != '' THEN ? ELSE external_ref END,
			updated_at = ?, next_attempt = ?, claimed_at = NULL, uncertain = ? WHERE id = ?`,
		string(o.State), o.Error, messageText(o.Failure), o.ExternalRef, o.ExternalRef, instantText(o.At),
		instantText(o.NextAttempt), boolInt(o.Uncertain), o.ReportID)
	if err != nil {
		return err
	}
	if err := mustAffect(res, msgNoReport, o.ReportID); err != nil || !o.CloseCase {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE invoices SET amili_state = ?, amili_raw = ''
			WHERE id = (SELECT invoice_id FROM amili_reports WHERE id = ?)`, string(core.AmiliClosed), o.ReportID)
	return err
}

// msgNoReport is ENOTFOUND's message for an unknown report.
const msgNoReport = "There is no report to Amili with id {{.ID}}"

// AmiliReports returns every report to Amili, newest first.
func (s *Store) AmiliReports(ctx context.Context) ([]core.AmiliReport, error) {
	return s.amiliReports(ctx, "list Amili reports", ``)
}

// InvoiceAmiliReports returns the invoice's reports to Amili, newest first.
func (s *Store) InvoiceAmiliReports(ctx context.Context, invoiceID int64) ([]core.AmiliReport, error) {
	return s.amiliReports(ctx, "list an invoice's Amili reports", ` WHERE a.invoice_id = ?`, invoiceID)
}

// amiliReports reads the reports where (with a leading space, "" for all) holds,
// newest first.
func (s *Store) amiliReports(ctx context.Context, what, where string, args ...any) ([]core.AmiliReport, error) {
	var rs []core.AmiliReport
	err := s.read(ctx, what, func(tx *sql.Tx) (err error) {
		rs, err = readAmiliReports(ctx, tx, where, args...)
		return err
	})
	return rs, err
}

// readAmiliReports is amiliReports in the caller's transaction.
func readAmiliReports(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]core.AmiliReport, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+reportColumns+` FROM amili_reports a
		JOIN invoices i ON i.id = a.invoice_id`+where+` ORDER BY a.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []core.AmiliReport
	for rows.Next() {
		var r core.AmiliReport
		if err := rows.Scan(reportDest(&r)...); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// reportStateSQL reads a report's state before it is sent again (on a server, with
// the row locked: pgqueue.go).
const reportStateSQL = `SELECT state FROM amili_reports WHERE id = ?`

// RetryAmiliReport puts a failed report back in the queue, due now: the user sends
// it again, so an uncertain one is no longer held back (its mark is cleared).
func (s *Store) RetryAmiliReport(ctx context.Context, id int64, now time.Time) error {
	return s.write(ctx, "retry Amili report", func(tx *sql.Tx) error { return retryAmiliReport(ctx, tx, id, now) })
}

// retryAmiliReport is RetryAmiliReport within tx.
func retryAmiliReport(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	var state string
	err := tx.QueryRowContext(ctx, reportStateSQL, id).Scan(&state)
	if err == sql.ErrNoRows {
		return notFound(err, msgNoReport, id)
	}
	if err != nil {
		return err
	}
	if core.DeliveryState(state) != core.DeliveryFailed {
		return core.Errorf(core.ECONFLICT, "Only a failed report to Amili can be sent again", nil)
	}
	_, err = tx.ExecContext(ctx, `UPDATE amili_reports SET state = 'pending', next_attempt = ?,
			updated_at = ?, uncertain = 0 WHERE id = ?`, instantText(now), instantText(now), id)
	return err
}

// AmiliCases returns the invoices with a case in env whose case is not final (paid
// or closed).
func (s *Store) AmiliCases(ctx context.Context, env core.AmiliEnvironment) ([]core.Invoice, error) {
	var invs []core.Invoice
	err := s.read(ctx, "list Amili cases", func(tx *sql.Tx) (err error) {
		invs, err = amiliCases(ctx, tx, env)
		return err
	})
	return invs, err
}

// amiliCases is AmiliCases in the caller's transaction.
func amiliCases(ctx context.Context, tx *sql.Tx, env core.AmiliEnvironment) ([]core.Invoice, error) {
	return queryInvoices(ctx, tx, openCasesSQL+` AND i.amili_env = ? ORDER BY i.id`, string(core.AmiliPaid), string(core.AmiliClosed), string(env))
}

// SetAmiliCase records what Amili reports about an invoice's case: its state and,
// for a state Påminn does not know, Amili's text.
func (s *Store) SetAmiliCase(ctx context.Context, invoiceID int64, c core.AmiliCase) error {
	return s.write(ctx, "set Amili case", func(tx *sql.Tx) error { return setAmiliCase(ctx, tx, invoiceID, c) })
}

// setAmiliCase is SetAmiliCase in the caller's transaction.
func setAmiliCase(ctx context.Context, tx *sql.Tx, invoiceID int64, c core.AmiliCase) error {
	res, err := tx.ExecContext(ctx, `UPDATE invoices SET amili_state = ?, amili_raw = ?,
		amili_ocr = CASE WHEN ? != '' THEN ? ELSE amili_ocr END WHERE id = ?`,
		string(c.State), c.Raw, c.OCR, c.OCR, invoiceID)
	if err != nil {
		return err
	}
	return mustAffect(res, msgNoInvoice, invoiceID)
}

// AttachInvoicePDF copies the PDF at src beside the book (into "<book> PDF/", under
// attachmentName) and records it as the invoice's original; when the invoice already
// has a case with Amili, its upload is queued. EINVALID for a file that is not a PDF.
func (s *Store) AttachInvoicePDF(ctx context.Context, invoiceID int64, src string, now time.Time) (core.Invoice, error) {
	inv, err := s.Invoice(ctx, invoiceID)
	if err != nil {
		return core.Invoice{}, err
	}
	pdf, err := readPDF(src)
	if err != nil {
		return core.Invoice{}, err
	}
	dir := strings.TrimSuffix(s.path, filepath.Ext(s.path)) + " PDF"
	dst, err := safefile.Write(filepath.Join(dir, attachmentName(inv, pdf)), pdf, 0o600)
	if err != nil {
		return core.Invoice{}, core.Wrap(err, core.EUNAVAILABLE, "The invoice PDF could not be saved in {{.Path}}: {{.Reason}}",
			map[string]any{"Path": dir, "Reason": reason(err)})
	}
	err = s.write(ctx, "attach invoice PDF", func(tx *sql.Tx) (err error) {
		inv, err = recordAttachment(ctx, tx, invoiceID, dst, now)
		return err
	})
	return inv, err
}

// recordAttachment names an invoice's original, pdf (a path beside the book, or a
// name in invoice_pdfs on a server), queues its upload to Amili and returns the
// invoice as it now stands.
func recordAttachment(ctx context.Context, tx *sql.Tx, invoiceID int64, pdf string, now time.Time) (core.Invoice, error) {
	res, err := tx.ExecContext(ctx, `UPDATE invoices SET pdf = ? WHERE id = ?`, pdf, invoiceID)
	if err != nil {
		return core.Invoice{}, err
	}
	if err := mustAffect(res, msgNoInvoice, invoiceID); err != nil {
		return core.Invoice{}, err
	}
	if err := queueUpload(ctx, tx, invoiceID, now); err != nil {
		return core.Invoice{}, err
	}
	return findInvoice(ctx, tx, invoiceID)
}

// maxPDF caps an attached invoice: Amili's uploads are documents, not archives.
const maxPDF = 20 << 20

// readPDF reads the PDF file at src, at most maxPDF bytes.
func readPDF(src string) ([]byte, error) {
	data := map[string]any{"Path": src}
	f, err := os.Open(src)
	if err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The invoice PDF {{.Path}} could not be read", data)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPDF+1))
	switch {
	case err != nil:
		return nil, core.Wrap(err, core.EINVALID, "The invoice PDF {{.Path}} could not be read", data)
	case len(b) > maxPDF || !bytes.HasPrefix(b, []byte("%PDF-")):
		return nil, core.Errorf(core.EINVALID, "{{.Path}} is not a PDF file of at most 20 MB", data)
	}
	return b, nil
}

// attachmentName names an invoice's original PDF "faktura-<id>-<number>-<digest>.pdf":
// the invoice's ID makes it the invoice's own, whatever the number looks like once
// made safe for a file name; the first 8 hex digits of the content's SHA-256 give a
// different PDF attached later a file of its own (and its own upload), while the same
// PDF attached again is the same file.
func attachmentName(inv core.Invoice, pdf []byte) string {
	sum := sha256.Sum256(pdf)
	return fmt.Sprintf("faktura-%d-%s-%x.pdf", inv.ID, safefile.Name(inv.Number), sum[:4])
}

// reason is what the system said about a failed file operation, without the path
// (the message names the folder): "permission denied", "no space left on device".
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}
