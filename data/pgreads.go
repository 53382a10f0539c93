package data

import (
	"context"
	"database/sql"
	"regexp"
	"time"

	"paminn/core"
)

// More of core.Store on PostgreSQL: the invoice's Amili state, history, payments,
// claim entries and pauses, the failed deliveries, the highest invoice numbers and
// the invoices a reminder is written for. Each is the SQLite method's shared function
// in PGStore's transaction (engine.go); SQLite's index hints are taken out of the
// queries that have them (withoutIndexHints).

// indexHints matches SQLite's INDEXED BY and NOT INDEXED clauses.
var indexHints = regexp.MustCompile(`\s+(INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b`)

// withoutIndexHints is query without SQLite's index hints, for PostgreSQL, whose
// planner chooses by statistics: a hint says how to read, never what, so the query
// means the same without it.
func withoutIndexHints(query string) string { return indexHints.ReplaceAllString(query, "") }

// pgHighestNumbersSQL is highestNumbersSQL without its hint.
var pgHighestNumbersSQL = withoutIndexHints(highestNumbersSQL)

// HighestInvoiceNumbers returns the 20 longest invoice numbers, highest first, as
// Store.HighestInvoiceNumbers.
func (s *PGStore) HighestInvoiceNumbers(ctx context.Context) ([]string, error) {
	var numbers []string
	err := s.read(ctx, "read the highest invoice numbers", func(ctx context.Context, tx *sql.Tx) (err error) {
		numbers, err = highestInvoiceNumbers(ctx, tx, pgHighestNumbersSQL)
		return err
	})
	return numbers, err
}

// pgOpenCasesSQL is openCasesSQL without its hint.
var pgOpenCasesSQL = withoutIndexHints(openCasesSQL)

// AmiliInvoices returns the invoices with an open Amili case, as Store.AmiliInvoices.
func (s *PGStore) AmiliInvoices(ctx context.Context) ([]core.Invoice, error) {
	var invs []core.Invoice
	err := s.read(ctx, "list Amili invoices", func(ctx context.Context, tx *sql.Tx) (err error) {
		invs, err = queryInvoices(ctx, tx, pgOpenCasesSQL+` ORDER BY i.id`, string(core.AmiliPaid), string(core.AmiliClosed))
		return err
	})
	return invs, err
}

// SetAmiliState records what Amili reports about an invoice's case, as
// Store.SetAmiliState.
func (s *PGStore) SetAmiliState(ctx context.Context, invoiceID int64, state core.AmiliState) error {
	return s.write(ctx, "set Amili state", func(ctx context.Context, tx *sql.Tx) error { return setAmiliState(ctx, tx, invoiceID, state) })
}

// InvoicesForReminder returns the invoices with their customers in the order of ids,
// as Store.InvoicesForReminder.
func (s *PGStore) InvoicesForReminder(ctx context.Context, ids []int64) ([]core.Candidate, error) {
	var out []core.Candidate
	err := s.read(ctx, "read invoices for reminder", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = invoicesForReminder(ctx, tx, ids)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// InvoiceHistory returns an invoice's history, as Store.InvoiceHistory.
func (s *PGStore) InvoiceHistory(ctx context.Context, invoiceID int64) ([]core.HistoryEntry, error) {
	var out []core.HistoryEntry
	err := s.read(ctx, "read invoice history", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = invoiceHistory(ctx, tx, invoiceID)
		return err
	})
	return out, err
}

// FailedReminderIDs lists the reminders whose delivery failed, as
// Store.FailedReminderIDs.
func (s *PGStore) FailedReminderIDs(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.read(ctx, "list failed reminders", func(ctx context.Context, tx *sql.Tx) (err error) {
		ids, err = failedReminderIDs(ctx, tx)
		return err
	})
	return ids, err
}

// ClaimEntries returns an invoice's claim entries, as Store.ClaimEntries.
func (s *PGStore) ClaimEntries(ctx context.Context, invoiceID int64) ([]core.ClaimEntry, error) {
	var out []core.ClaimEntry
	err := s.read(ctx, "read claim entries", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = claimEntries(ctx, tx, invoiceID)
		return err
	})
	return out, err
}

// InvoicePayments returns an invoice's payments, as Store.InvoicePayments.
func (s *PGStore) InvoicePayments(ctx context.Context, invoiceID int64) ([]core.PaymentRecord, error) {
	var out []core.PaymentRecord
	err := s.read(ctx, "read payments", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = invoicePayments(ctx, tx, invoiceID)
		return err
	})
	return out, err
}

// StartPause records p as its invoice's or customer's current pause, as
// Store.StartPause.
func (s *PGStore) StartPause(ctx context.Context, p core.Pause) (core.Pause, error) {
	err := s.write(ctx, "pause", func(ctx context.Context, tx *sql.Tx) (err error) {
		p, err = startPause(ctx, tx, p)
		return err
	})
	return p, err
}

// EndPause ends the current pause of an invoice or a customer, as Store.EndPause.
func (s *PGStore) EndPause(ctx context.Context, invoiceID, customerID int64, now time.Time) error {
	return s.write(ctx, "unpause", func(ctx context.Context, tx *sql.Tx) error { return endPause(ctx, tx, invoiceID, customerID, now) })
}

// EndPausesBefore ends every current pause whose end date is before today, as
// Store.EndPausesBefore.
func (s *PGStore) EndPausesBefore(ctx context.Context, today core.Date, now time.Time) (int, error) {
	var n int
	err := s.write(ctx, "end expired pauses", func(ctx context.Context, tx *sql.Tx) (err error) {
		n, err = endPausesBefore(ctx, tx, today, now)
		return err
	})
	return n, err
}

// Pauses returns an invoice's or a customer's pauses, newest first, as Store.Pauses.
func (s *PGStore) Pauses(ctx context.Context, invoiceID, customerID int64) ([]core.Pause, error) {
	var out []core.Pause
	err := s.read(ctx, "read pauses", func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = listPauses(ctx, tx, invoiceID, customerID)
		return err
	})
	return out, err
}

// EligibleInvoices returns the invoices a reminder may be sent for, each with its
// customer, as Store.EligibleInvoices (eligibility rendered from core.EligibleTerms).
func (s *PGStore) EligibleInvoices(ctx context.Context, today core.Date) ([]core.Candidate, error) {
	var cs []core.Candidate
	err := s.read(ctx, "list eligible invoices", func(ctx context.Context, tx *sql.Tx) (err error) {
		cs, err = eligible(ctx, tx, dateText(today))
		return err
	})
	return cs, err
}

// CandidatesByID returns those of ids that are eligible, as Store.CandidatesByID.
func (s *PGStore) CandidatesByID(ctx context.Context, ids []int64, today core.Date) ([]core.Candidate, error) {
	cs := []core.Candidate{}
	if len(ids) == 0 {
		return cs, nil
	}
	err := s.read(ctx, "read the selected reminder candidates", func(ctx context.Context, tx *sql.Tx) (err error) {
		cs, err = candidatesByID(ctx, tx, ids, today)
		return err
	})
	return cs, err
}

// Batches returns all batches, newest first, as Store.Batches.
func (s *PGStore) Batches(ctx context.Context) ([]core.Batch, error) {
	var bs []core.Batch
	err := s.read(ctx, "list reminder batches", func(ctx context.Context, tx *sql.Tx) (err error) {
		bs, err = listBatches(ctx, tx)
		return err
	})
	return bs, err
}

// AmiliReports returns every report to Amili, newest first, as Store.AmiliReports.
func (s *PGStore) AmiliReports(ctx context.Context) ([]core.AmiliReport, error) {
	return s.amiliReports(ctx, "list Amili reports", ``)
}

// InvoiceAmiliReports returns the invoice's reports to Amili, newest first, as
// Store.InvoiceAmiliReports.
func (s *PGStore) InvoiceAmiliReports(ctx context.Context, invoiceID int64) ([]core.AmiliReport, error) {
	return s.amiliReports(ctx, "list an invoice's Amili reports", ` WHERE a.invoice_id = ?`, invoiceID)
}

// amiliReports reads the reports where holds (readAmiliReports).
func (s *PGStore) amiliReports(ctx context.Context, what, where string, args ...any) ([]core.AmiliReport, error) {
	var rs []core.AmiliReport
	err := s.read(ctx, what, func(ctx context.Context, tx *sql.Tx) (err error) {
		rs, err = readAmiliReports(ctx, tx, where, args...)
		return err
	})
	return rs, err
}
