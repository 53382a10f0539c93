package core

import (
	"context"
)

// addPlanSteps adds to t what the selection's reminders by the plan would state and
// charge (ReminderRequest.ByPlan; the batch's step when req.Step is set): each
// invoice's reminder is planned by planStep, the rule the batch itself follows, and
// grouped in letters per customer as the batch groups them, so the totals are the
// confirmation's (PreviewReminders) and the batch's to the öre. ids are the selected
// invoices still eligible, in the request's order. An invoice its plan has no step
// today, or whose step refuses it (an inkassokrav before a reminder), adds its
// balance and open charges only: sending refuses it and says why.
func (s *Service) addPlanSteps(ctx context.Context, t *SelectionTotals, req ReminderRequest, ids []int64, set Settings, rates RateTable) error {
	if len(ids) == 0 {
		return nil
	}
	cs, err := s.store.InvoicesForReminder(ctx, ids)
	if err != nil {
		return err
	}
	payments, before, err := s.planCharges(ctx, cs)
	if err != nil {
		return err
	}
	plans := resolvedPlans(&set)
	var rs []Reminder
	var planned []Candidate
	for _, c := range cs {
		r, err := s.planStep(ctx, c, plans[c.Customer.IsCompany], req, payments[c.Invoice.ID], before[c.Invoice.ID], set, rates)
		switch {
		case ErrorCodeOf(err) == EINVALID || ErrorCodeOf(err) == ECONFLICT: // refused: sending says why
			t.addUnplanned(c, req)
			continue
		case err != nil:
			return err
		}
		rs, planned = append(rs, r), append(planned, c)
	}
	if req.PerCustomer && req.Type.TakesOptions() {
		groupLetters(rs, planned)
	}
	sum := sumReminders(rs, "") // as the confirmation adds them up
	t.Balance, t.EarlierCharges = t.Balance.Add(sum.Balance), t.EarlierCharges.Add(sum.EarlierCharges)
	t.Interest, t.InterestBefore = t.Interest.Add(sum.Interest), t.InterestBefore.Add(sum.InterestBefore)
	t.Fees, t.LateCompensation = t.Fees.Add(sum.Fees), t.LateCompensation.Add(sum.LateCompensation)
	t.AmountDue = t.AmountDue.Add(sum.AmountDue)
	return nil
}

// addUnplanned adds an invoice the plan has no step for today: its balance and,
// where the type takes them, its open charges, and nothing charged anew.
func (t *SelectionTotals) addUnplanned(c Candidate, req ReminderRequest) {
	claim := c.Invoice.Balance()
	t.Balance = t.Balance.Add(claim)
	if req.Type.TakesOptions() {
		t.EarlierCharges = t.EarlierCharges.Add(c.Invoice.Charges)
		claim = claim.Add(c.Invoice.Charges)
	}
	t.AmountDue = t.AmountDue.Add(claim)
}
