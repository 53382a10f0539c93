package core

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// This file is the vocabulary of corrections (issue "The money after a reminder",
// "What was paid, and correcting it"): a payment undone, a customer's credit applied
// or refunded, an invoice changed or deleted while nothing happened to it yet, and
// the history each leaves. Nothing that touched money is ever deleted: a correction
// is one more entry.

// PaymentReversalRequest is what the store writes to undo a payment: a reversal row
// negating every part of the original, the invoice reopened by as much, and History
// on the invoice, in one transaction.
type PaymentReversalRequest struct {
	PaymentID int64
	InvoiceID int64
	Date      Date    // the day of the reversal (when the books see it)
	Reason    string  // why, as the user gave it
	History   Message // the line the invoice's history shows
}

// CreditUseKind is what became of a customer's credit (customer_credit_uses.kind).
type CreditUseKind string

// The uses of a customer's credit.
const (
	// CreditApplied is credit applied to an open invoice of the customer's, through a
	// payment of kind PaymentFromCredit.
	CreditApplied CreditUseKind = "applied"
	// CreditRefunded is credit paid back to the customer.
	CreditRefunded CreditUseKind = "refunded"
)

// CreditUse is one use of a customer's credit, as the store records it. An applied
// use pays InvoiceID by Parts (their sum is Amount) and writes History there; a
// refund names no invoice.
type CreditUse struct {
	Kind       CreditUseKind
	CustomerID int64
	InvoiceID  int64 // applied: the invoice paid; 0 for a refund
	Date       Date
	Amount     decimal.Decimal
	Parts      Parts // applied: the allocation of Amount over the invoice's claim
	Reason     string
	History    Message // applied: the line the invoice's history shows
}

// InvoiceActivity is what has happened to an invoice that fixes it as it stands:
// once it was reminded, paid, credited or handed over to Amili, its amount and dates
// are what the customer was told and the books hold, so it is corrected by a credit
// note rather than changed or deleted.
type InvoiceActivity struct {
	Reminders    int // reminders of any type, committed
	Payments     int // payments rows, reversals included
	CreditNotes  int // credit notes (claim entries and the older credits rows)
	AmiliHandled bool
}

// HistoryEntry is one line of an invoice's history (invoice_history): a change no
// other table tells, as a message to show in the user's language.
type HistoryEntry struct {
	ID        int64
	InvoiceID int64
	At        time.Time // when the change was made
	Message   Message
	// By is who made it: the user the desktop signed in to a book on a server as;
	// "" on a file, which one user keeps, and on lines written before the book
	// recorded it.
	By string
}

// DeletedInvoiceHistory is the key the history of the deleted invoice id is kept
// under (InvoiceHistory reads it): the book may give a later invoice the same id,
// which starts with a history of its own.
func DeletedInvoiceHistory(id int64) int64 { return -id }

// maxReasonRunes bounds a reason typed for a correction: a sentence or two, kept
// whole in the book and shown in the history.
const maxReasonRunes = 500

// checkReason returns the reason trimmed, or an EINVALID error when it is empty or
// longer than maxReasonRunes: a correction always says why.
func checkReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return "", Errorf(EINVALID, "Give a reason: it is kept with the correction", nil)
	case utf8.RuneCountInString(reason) > maxReasonRunes:
		return "", Errorf(EINVALID, "The reason is too long: at most {{.Max}} characters", map[string]any{"Max": maxReasonRunes})
	}
	return reason, nil
}

// checkCorrectionAmount refuses an amount that is not above 0 kr or outside the
// amount range (CheckAmountRange), and returns it rounded to öre.
func checkCorrectionAmount(amount decimal.Decimal) (decimal.Decimal, error) {
	if err := CheckAmountRange(amount, formatSwedish(amount)); err != nil {
		return decimal.Zero, err
	}
	amount = RoundOre(amount)
	if !amount.IsPositive() {
		return decimal.Zero, Errorf(EINVALID, "The amount must be more than 0 kr", nil)
	}
	return amount, nil
}

// historyMessage is a history line: template with data as text.
func historyMessage(template string, data map[string]string) Message {
	return Message{Template: template, Data: data}
}
