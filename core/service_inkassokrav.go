package core

import (
	"context"

	"github.com/shopspring/decimal"
)

// CollectionOptions are the choices for one inkassokrav: the time to pay and whether
// it states late-payment interest (rule 5) and charges förseningsersättning (rule 6).
type CollectionOptions struct {
	PayDays                int // at least MinCollectionDays
	ChargeInterest         bool
	ChargeLateCompensation bool
}

// PreviewCollectionDemand plans, without writing anything, the company's own
// inkassokrav for one invoice today, as the reminder plan's inkassokrav step shows and
// sends it: the letter's every figure and text (core/RULES.md, "The company's own
// inkassokrav"), or why the invoice may not get one. What earlier reminders charged
// and stated comes from the book.
func (s *Service) PreviewCollectionDemand(ctx context.Context, invoiceID int64, opt CollectionOptions) (CollectionLetter, error) {
	set, rates, err := s.rules(ctx)
	if err != nil {
		return CollectionLetter{}, err
	}
	cs, err := s.store.InvoicesForReminder(ctx, []int64{invoiceID})
	if err != nil {
		return CollectionLetter{}, err
	}
	if len(cs) != 1 {
		return CollectionLetter{}, Errorf(ENOTFOUND, "Invoice {{.ID}} does not exist", map[string]any{"ID": invoiceID})
	}
	in, err := s.collectionInput(ctx, cs[0], opt, set, rates)
	if err != nil {
		return CollectionLetter{}, err
	}
	d, err := PlanCollectionDemand(in)
	if err != nil {
		return CollectionLetter{}, err
	}
	return CollectionLetter{Company: set.Company, Customer: *cs[0].Customer, Invoice: cs[0].Invoice, Demand: d}, nil
}

// collectionInput reads from the book what PlanCollectionDemand needs of c: the fees
// and förseningsersättning earlier reminders charged, and, when asked, the interest
// to today with what earlier reminders stated of it. An earlier inkassokrav is not
// yet recorded in the book (demands are not committed yet), so CollectionCharged
// stays false.
func (s *Service) collectionInput(ctx context.Context, c Candidate, opt CollectionOptions, set Settings, rates RateTable) (CollectionInput, error) {
	today := s.Today()
	in := CollectionInput{Invoice: c.Invoice, Customer: *c.Customer, Date: today, PayDays: opt.PayDays,
		FeesCharged: decimal.Zero, LateCompensated: decimal.Zero, InterestBefore: decimal.Zero,
		ChargeLateCompensation: opt.ChargeLateCompensation}
	if c.Invoice.ReminderCount > 0 {
		ids := []int64{c.Invoice.ID}
		fees, err := s.store.FeesCharged(ctx, ids)
		if err != nil {
			return in, err
		}
		compensated, err := s.store.LateCompensated(ctx, ids)
		if err != nil {
			return in, err
		}
		in.FeesCharged = fees[c.Invoice.ID]
		if compensated[c.Invoice.ID] {
			// Rule 6: no fee follows förseningsersättning, so what it charged was
			// LateCompensationAmount less the fees before it, which are all the fees.
			in.LateCompensated = decimal.Max(decimal.Zero, LateCompensationAmount.Sub(in.FeesCharged))
		}
	}
	if !opt.ChargeInterest {
		return in, nil
	}
	cs := []Candidate{c}
	payments, err := s.paymentsOf(ctx, cs)
	if err != nil {
		return in, err
	}
	before, err := s.interestStatedOf(ctx, cs, nil)
	if err != nil {
		return in, err
	}
	in.Interest, err = LateInterestWithPayments(c.Invoice.Balance(), payments[c.Invoice.ID], c.Invoice.DueDate,
		today, set.InterestMargin, rates)
	in.InterestBefore = before[c.Invoice.ID].interest
	return in, err
}
