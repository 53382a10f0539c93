package core

import (
	"context"

	"github.com/shopspring/decimal"
)

// This file is the one place a reminder's claim is worked out: what it charges anew
// and what it asks the customer to pay (DESIGN.md rule 12). The letter, the e-mail,
// the preview and the store's charge entry all read these.

// NewCharges is what the reminder charges anew, as its 'charge' claim entry records
// it (015_claim_ledger.sql): its fee, its förseningsersättning, and the interest it
// states beyond what earlier reminders of the invoice stated. The principal is zero.
func (r Reminder) NewCharges() Parts {
	return Parts{Principal: decimal.Zero, Fee: r.Fee, Compensation: r.LateCompensation,
		Interest: decimal.Max(decimal.Zero, r.Interest.Sub(r.InterestBefore))}
}

// ClaimDue is the claim the reminder states: the unpaid balance, the charges earlier
// reminders left open, and its own new charges. It never double-counts interest: an
// earlier statement of interest is in EarlierCharges (what of it is still open) and
// not again in NewCharges.
func (r Reminder) ClaimDue() decimal.Decimal {
	return r.Balance.Add(r.EarlierCharges).Add(r.NewCharges().Charges())
}

// interestStatedOf adds to before (which it returns, made if nil) the interest
// stated before on each of cs's invoices: the most an earlier reminder stated (each
// states it from the day after the due date) plus what a räntefaktura of the invoice
// charged (core/RULES.md, "Räntefakturor": the days after that reminder through a
// payment, which an undone payment leaves for the next reminder to state again).
func (s *Service) interestStatedOf(ctx context.Context, cs []Candidate, before map[int64]earlierCharges) (map[int64]earlierCharges, error) {
	if len(cs) == 0 {
		return before, nil
	}
	stated := map[int64]decimal.Decimal{}
	if ids := remindedIDs(cs); len(ids) > 0 {
		var err error
		if stated, err = s.store.InterestStated(ctx, ids); err != nil {
			return nil, err
		}
	}
	invoiced, err := s.store.InterestInvoicesFor(ctx, candidateIDs(cs))
	if err != nil {
		return nil, err
	}
	for id, rf := range invoiced {
		stated[id] = stated[id].Add(rf.Total)
	}
	if before == nil {
		before = make(map[int64]earlierCharges, len(stated))
	}
	for id, interest := range stated {
		b := before[id]
		b.interest = interest
		before[id] = b
	}
	return before, nil
}

// candidateIDs are the IDs of cs's invoices.
func candidateIDs(cs []Candidate) []int64 {
	ids := make([]int64, len(cs))
	for i := range cs {
		ids[i] = cs[i].Invoice.ID
	}
	return ids
}

// remindedIDs are the IDs of cs's invoices reminded before: the only ones earlier
// reminders charged.
func remindedIDs(cs []Candidate) []int64 {
	var ids []int64
	for i := range cs {
		if cs[i].Invoice.ReminderCount > 0 {
			ids = append(ids, cs[i].Invoice.ID)
		}
	}
	return ids
}
