package core

import "github.com/shopspring/decimal"

// This file is the vocabulary of an invoice's claim (issue "The money after a
// reminder"): what the customer owes is the unpaid principal plus what committed
// reminders charged, less what settled it. The store keeps every amount split into
// Parts (data/migrations/015_claim_ledger.sql).

// Parts is an amount split over what a claim is made of. Signs follow the ledger: a
// charge is positive, what settles a claim (a waiver, a credit note) negative; money
// in (a payment) is positive, its reversal negative.
type Parts struct {
	Principal    decimal.Decimal // the invoice amount
	Fee          decimal.Decimal // reminder fees (påminnelseavgift)
	Compensation decimal.Decimal // förseningsersättning (lag 1981:739 4 a §)
	Interest     decimal.Decimal // late-payment interest (räntelagen)
}

// Sum is the parts together.
func (p Parts) Sum() decimal.Decimal {
	return p.Principal.Add(p.Fee).Add(p.Compensation).Add(p.Interest)
}

// Charges is the parts other than the principal together: fees, förseningsersättning
// and interest.
func (p Parts) Charges() decimal.Decimal { return p.Fee.Add(p.Compensation).Add(p.Interest) }

// Neg is p with every part negated.
func (p Parts) Neg() Parts {
	return Parts{p.Principal.Neg(), p.Fee.Neg(), p.Compensation.Neg(), p.Interest.Neg()}
}

// Add is p and q part by part.
func (p Parts) Add(q Parts) Parts {
	return Parts{p.Principal.Add(q.Principal), p.Fee.Add(q.Fee), p.Compensation.Add(q.Compensation),
		p.Interest.Add(q.Interest)}
}

// ZeroParts is Parts with every part zero (decimal's zero value is zero too, but a
// written zero compares equal with Equal and prints "0").
var ZeroParts = Parts{decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero}

// EntryKind is what a claim entry records (claim_entries.kind).
type EntryKind string

// The claim entries.
const (
	// EntryCharge is what a committed reminder charged: fee, förseningsersättning and
	// the interest its reminder stated beyond what earlier reminders stated.
	EntryCharge EntryKind = "charge"
	// EntryWaiver is costs or interest the owner let go, with a reason (negative).
	EntryWaiver EntryKind = "waiver"
	// EntryCreditNote is the invoice credited in full or part, with a reason
	// (negative principal).
	EntryCreditNote EntryKind = "credit_note"
)

// ClaimEntry is one entry of an invoice's claim other than money in.
type ClaimEntry struct {
	ID         int64
	InvoiceID  int64
	Kind       EntryKind
	Date       Date // the day it takes effect (a charge: its reminder's date)
	Parts      Parts
	ReminderID int64  // a charge's reminder; 0 otherwise
	Reason     string // a waiver's or credit note's reason
	// By is who wrote the entry: a server book's user, "" on a file (issue 24).
	By string
}

// PaymentKind is what a payments row records (payments.kind).
type PaymentKind string

// The kinds of money in.
const (
	// PaymentMoney is money received (typed in or from a bank file).
	PaymentMoney PaymentKind = "payment"
	// PaymentFromCredit is the customer's credit (tillgodo) applied to the invoice.
	PaymentFromCredit PaymentKind = "credit"
	// PaymentReversal undoes an earlier payment (Reverses), every part negated.
	PaymentReversal PaymentKind = "reversal"
)

// PaymentOrder is how a payment is allocated over a claim's parts (Settings).
type PaymentOrder string

// The allocation orders. The zero value is the default, so a book from before the
// setting existed allocates as the law's practice has it.
const (
	// PayCostsFirst allocates to costs (fees, förseningsersättning), then interest,
	// then the principal: the order core/RULES.md gives with its source.
	PayCostsFirst PaymentOrder = ""
	// PayPrincipalFirst allocates to the invoice amount first, then costs, then
	// interest; a letter then states what remains.
	PayPrincipalFirst PaymentOrder = "principal_first"
)
