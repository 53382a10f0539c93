package core

import (
	"context"

	"github.com/shopspring/decimal"
)

// LateCompensationAmount is the förseningsersättning a company customer owes when an
// invoice is paid late, without any agreement: 450 kr (lag (1981:739) om ersättning
// för inkassokostnader m.m., 4 a §). It is charged once per invoice, and a reminder
// fee is then not charged on that invoice (rule 6).
var LateCompensationAmount = decimal.NewFromInt(450)

// lateCompensationFor applies rule 6 to one invoice: LateCompensationAmount for a
// company customer whose invoice was not charged it before, else zero.
func lateCompensationFor(c *Customer, chargedBefore bool) decimal.Decimal {
	if !c.IsCompany || chargedBefore {
		return decimal.Zero
	}
	return LateCompensationAmount
}

// lateCompensated returns the invoices, among cs, that an earlier reminder charged
// förseningsersättning.
func (s *Service) lateCompensated(ctx context.Context, cs []Candidate) (map[int64]bool, error) {
	ids := make([]int64, len(cs))
	for i := range cs {
		ids[i] = cs[i].Invoice.ID
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.store.LateCompensated(ctx, ids)
}
