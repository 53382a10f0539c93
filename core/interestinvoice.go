package core

import "github.com/shopspring/decimal"

// This file is the rule of räntefakturor (core/RULES.md, "Räntefakturor"): the
// late-payment interest an invoice paid late still owes for the days after the last
// day a reminder charged interest for, up to the day it was paid.

// LatePaid is an invoice whose principal is paid in full, some of it after the due
// date, as the store reads it for räntefakturor.
type LatePaid struct {
	Invoice Invoice
	// InterestStated is the date of the invoice's latest reminder that stated
	// interest: that reminder charged interest through that day. Zero when no
	// reminder stated interest.
	InterestStated Date
}

// ChargedThrough is the last day interest was charged for: the latest reminder
// that stated interest, else the due date (no interest runs before it: räntelagen
// 2 § and 3 §).
func (lp LatePaid) ChargedThrough() Date {
	if lp.InterestStated.After(lp.Invoice.DueDate) {
		return lp.InterestStated
	}
	return lp.Invoice.DueDate
}

// InterestCandidate is an invoice paid late whose interest a räntefaktura can charge.
type InterestCandidate struct {
	Invoice Invoice // the invoice paid late
	// From is the first day of the interest (the day after ChargedThrough), To the
	// last: the day of the last payment.
	From, To Date
	Interest Interest // its Amount is what the räntefaktura charges
	// Reminded is whether a reminder stated interest before: From follows it.
	Reminded bool
}

// InterestAfterCharge is the interest a räntefaktura charges for lp: rule 5's
// interest on each day's unpaid principal, at the half-year's reference rate plus
// margin, from the day after lp.ChargedThrough() through the last payment made
// after it, so the day a payment is made bears interest on it and the day after
// does not. payments are the invoice's payments after its due date (their
// principal, as Store.PaymentsAfterDue gives them, in any order); those on or
// before ChargedThrough were in the interest a reminder stated, or bore none.
// Zero interest when nothing was paid after ChargedThrough. The interest is
// computed by LateInterestWithPayments, once, so it rounds as every reminder's does.
func InterestAfterCharge(lp LatePaid, payments []Payment, margin decimal.Decimal, rates RateTable) (Interest, error) {
	from := lp.ChargedThrough()
	last := Date{}
	for _, p := range payments {
		if p.Date.After(from) && p.Date.After(last) && !p.Amount.IsZero() {
			last = p.Date
		}
	}
	if last.IsZero() {
		return Interest{Amount: decimal.Zero}, nil
	}
	return LateInterestWithPayments(lp.Invoice.Balance(), payments, from, last, margin, rates)
}

// interestCandidate is lp as a candidate with its interest, or false when a
// räntefaktura does not charge it: it is with Amili (Amili charges its own, rule
// 4), is a räntefaktura itself (no interest on interest is charged this way), or
// its interest is zero or below minimum.
func interestCandidate(lp LatePaid, payments []Payment, minimum, margin decimal.Decimal, rates RateTable) (InterestCandidate, bool, error) {
	inv := lp.Invoice
	if inv.AmiliCaseRef != "" || inv.AmiliState != AmiliNone || inv.InterestFor != 0 || inv.Balance().IsPositive() {
		return InterestCandidate{}, false, nil
	}
	in, err := InterestAfterCharge(lp, payments, margin, rates)
	if err != nil || !in.Amount.IsPositive() || in.Amount.LessThan(minimum) {
		return InterestCandidate{}, false, err
	}
	return InterestCandidate{Invoice: inv, From: in.From, To: in.To, Interest: in,
		Reminded: lp.InterestStated.After(inv.DueDate)}, true, nil
}

// NewInterestInvoice is a räntefaktura to write (Store.CreateInterestInvoices) with
// the line it adds to its original's history when it is made.
type NewInterestInvoice struct {
	Invoice Invoice
	History Message
}

// msgHistoryInterestInvoice is the line a räntefaktura writes to the history of the
// invoice whose interest it charges.
const msgHistoryInterestInvoice = "Räntefaktura {{.Number}} created, {{.Amount}}"

// interestInvoiceHistory is the history line of the räntefaktura inv.
func interestInvoiceHistory(inv Invoice) Message {
	return historyMessage(msgHistoryInterestInvoice, map[string]string{"Number": inv.Number, "Amount": FormatSEK(inv.Total)})
}
