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

// interestStatedOf adds to before (which it returns, made if nil) the most interest
// an earlier reminder stated on each of cs's invoices reminded before.
func (s *Service) interestStatedOf(ctx context.Context, cs []Candidate, before map[int64]earlierCharges) (map[int64]earlierCharges, error) {
	ids := remindedIDs(cs)
	if len(ids) == 0 {
		return before, nil
	}
	stated, err := s.store.InterestStated(ctx, ids)
	if err != nil {
		return nil, err
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
