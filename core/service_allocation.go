package core

import "context"

// InvoiceClaim returns what is open of an invoice's claim, part by part: the unpaid
// invoice amount and the reminder fees, förseningsersättning and interest charged
// and not yet paid or waived. ENOTFOUND for an unknown invoice.
func (s *Service) InvoiceClaim(ctx context.Context, invoiceID int64) (Parts, error) {
	inv, err := s.store.Invoice(ctx, invoiceID)
	if err != nil {
		return Parts{}, err
	}
	claims, _, err := s.claimsOf(ctx, []Invoice{inv})
	if err != nil {
		return Parts{}, err
	}
	return claimOf(inv, claims), nil
}

// ClaimEntries lists what raised or lowered an invoice's claim other than money in
// (charges, waivers with their reasons, credit notes), oldest first: the invoice's
// history of its claim.
func (s *Service) ClaimEntries(ctx context.Context, invoiceID int64) ([]ClaimEntry, error) {
	return s.store.ClaimEntries(ctx, invoiceID)
}

// claimsOf reads what is open of the claims of the invoices a bank file may pay,
// and the order the book allocates payments in.
func (s *Service) claimsOf(ctx context.Context, lists ...[]Invoice) (map[int64]Parts, PaymentOrder, error) {
	var ids []int64
	for _, invs := range lists {
		for _, inv := range invs {
			ids = append(ids, inv.ID)
		}
	}
	if len(ids) == 0 {
		return nil, PayCostsFirst, nil
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return nil, PayCostsFirst, err
	}
	claims, err := s.store.OpenParts(ctx, ids)
	return claims, set.PaymentOrder, err
}
