package core

import (
	"context"

	"github.com/shopspring/decimal"
)

// LateCompensationAmount is the förseningsersättning a company customer owes when an
// invoice is paid late, without any agreement: 450 kr (lag (1981:739) om ersättning
// för inkassokostnader m.m., 4 a §). Reminder fees already charged on the invoice
// count towards it, and no fee is charged after it (rule 6).
var LateCompensationAmount = decimal.NewFromInt(450)

// earlierCharges is what earlier reminders charged one invoice besides its balance
// (rule 6), and the interest they stated.
type earlierCharges struct {
	fees        decimal.Decimal // reminder fees, together; zero when none or not asked
	compensated bool            // förseningsersättning was charged
	// interest is the most interest an earlier reminder stated; zero when none or
	// not asked (interestStatedOf).
	interest decimal.Decimal
}

// lateCompensationFor applies rule 6 to one invoice: for a company customer whose
// invoice was not charged förseningsersättning before, LateCompensationAmount less
// the reminder fees charged on it before, never below zero; else zero. Lag
// (1981:739) 4 a §: once the creditor gets förseningsersättning, reminder costs are
// due only for the part above it, so the fees and it come to 450 kr in all.
func lateCompensationFor(c *Customer, before earlierCharges) decimal.Decimal {
	switch {
	case !c.IsCompany || before.compensated:
		return decimal.Zero
	case before.fees.IsZero(): // most invoices: no arithmetic, which allocates
		return LateCompensationAmount
	}
	return decimal.Max(decimal.Zero, LateCompensationAmount.Sub(before.fees))
}

// earlierChargesOf returns, for the invoices among cs that have any, what earlier
// reminders charged them. It asks only about invoices reminded before (the store
// counts a reminder on its invoice as it writes it), and for fees, only when
// withFees, only about those whose fees can change förseningsersättning: a company
// customer's not yet charged it.
func (s *Service) earlierChargesOf(ctx context.Context, cs []Candidate, withFees bool) (map[int64]earlierCharges, error) {
	ids := remindedIDs(cs)
	if len(ids) == 0 {
		return nil, nil
	}
	compensated, err := s.store.LateCompensated(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]earlierCharges, len(compensated))
	for id := range compensated {
		out[id] = earlierCharges{compensated: true}
	}
	if !withFees {
		return out, nil
	}
	ids = ids[:0]
	for i := range cs {
		if c := &cs[i]; c.Invoice.ReminderCount > 0 && c.Customer.IsCompany && !compensated[c.Invoice.ID] {
			ids = append(ids, c.Invoice.ID)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	fees, err := s.store.FeesCharged(ctx, ids)
	for id, f := range fees {
		out[id] = earlierCharges{fees: f}
	}
	return out, err
}
