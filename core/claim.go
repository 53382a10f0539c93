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
