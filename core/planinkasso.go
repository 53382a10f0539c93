package core

import (
	"context"

	"github.com/shopspring/decimal"
)

// The plan's inkassokrav step, sent: the company's own inkassokrav planned by
// PlanCollectionDemand (its rules: due, reminded before on an earlier day, not with
// Amili, at least MinCollectionDays to pay; its fee: CollectionFee, at most the
// step's), committed as a reminder of the batch whose Action is StepInkasso, so it is
// charged to the claim as reminders are and the next step counts from it.

// planCollectionStep plans c's inkassokrav as the plan's step asks it, as a reminder.
func (s *Service) planCollectionStep(ctx context.Context, c Candidate, req ReminderRequest, step PlanStep, set Settings, rates RateTable) (Reminder, error) {
	id := c.Invoice.ID
	in, err := s.collectionInput(ctx, c, CollectionOptions{PayDays: step.PaymentTermDays, ChargeInterest: step.ChargeInterest}, set, rates)
	if err != nil {
		return Reminder{}, err
	}
	charged, err := s.store.CollectionCharged(ctx, []int64{id})
	if err != nil {
		return Reminder{}, err
	}
	in.CollectionCharged = charged[id]
	d, err := PlanCollectionDemand(in)
	if err != nil {
		return Reminder{}, err
	}
	// The channel and the reminder's frame as for a reminder without charges; the
	// figures are the demand's.
	frame := req
	frame.Type, frame.ChargeInterest, frame.ChargeFee, frame.ChargeLateCompensation = ReminderManual, false, false, false
	r, err := planReminder(c, nil, earlierCharges{}, frame, in.Date, set, rates)
	if err != nil {
		return Reminder{}, err
	}
	fillFromDemand(&r, d, decimal.Min(d.Fee, decimal.Max(step.Fee, decimal.Zero)))
	return r, nil
}

// fillFromDemand gives r the demand's figures, with fee as its collection fee (the
// demand's, or less where the step charges less).
func fillFromDemand(r *Reminder, d CollectionDemand, fee decimal.Decimal) {
	r.Balance, r.EarlierCharges = d.Principal, d.EarlierCharges
	r.Interest, r.InterestRate, r.InterestFrom, r.InterestDays = d.Interest.Amount, d.Interest.Rate, d.Interest.From, d.Interest.Days
	if r.Interest.IsZero() {
		r.InterestRate = decimal.Zero
	}
	r.InterestLines = d.Interest.Lines()
	r.InterestBefore = d.InterestBefore
	r.Fee, r.LateCompensation = fee, d.LateCompensation
	r.NewDueDate = d.PayBy
	r.Action = StepInkasso
	r.AmountDue = r.ClaimDue()
}

// CollectionLetterOf is the inkassokrav a committed reminder of Action StepInkasso
// states, for its letter and e-mail: the demand's figures as the reminder recorded
// them, its texts (basis, objection, consequence) as PlanCollectionDemand writes them.
func CollectionLetterOf(l Letter) CollectionLetter {
	r := l.Reminder
	d := CollectionDemand{
		Date: r.Date, PayBy: r.NewDueDate, Principal: r.Balance, EarlierCharges: r.EarlierCharges,
		Interest: Interest{From: r.InterestFrom, To: r.Date, Days: r.InterestDays, Rate: r.InterestRate, Amount: r.Interest},
		Lines:    r.InterestLines, InterestBefore: r.InterestBefore,
		Fee: r.Fee, LateCompensation: r.LateCompensation, AmountDue: r.AmountDue,
	}
	if len(d.Lines) == 0 && r.Interest.IsPositive() {
		// A reminder that kept no lines states its interest as one, on its balance.
		d.Lines = []InterestLine{{From: r.InterestFrom, To: r.Date, Days: r.InterestDays, Rate: r.InterestRate,
			Base: r.Balance, Amount: r.Interest}}
	}
	d.describe(l.Invoice)
	return CollectionLetter{Company: l.Company, Customer: l.Customer, Invoice: l.Invoice, Demand: d, Text: r.LetterText}
}
