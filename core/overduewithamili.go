package core

import "context"

// OverdueWithAmili counts the overdue invoices that are with Amili: the invoice
// list counts them as overdue (FilterTerms), Skapa flera påminnelser leaves them out
// (EligibleTerms: not with Amili), and this is the difference, so the dialog can
// say why its count is lower than the list's.
func (s *Service) OverdueWithAmili(ctx context.Context) (int, error) {
	page, err := s.ListInvoices(ctx, InvoiceQuery{Filter: FilterOverdue, Limit: 1})
	if err != nil {
		return 0, err
	}
	count, err := s.CountCandidates(ctx, CandidateQuery{})
	if err != nil {
		return 0, err
	}
	return max(page.Totals.OverdueCount-count.Count, 0), nil
}
