package core

import (
	"context"
	"strconv"

	"github.com/shopspring/decimal"
)

// Sending by the plan (issue 22): with ReminderRequest.ByPlan each invoice of a batch
// takes its plan's next step, or the step the user chose for the batch, and the step
// makes the reminder: its fee, interest, time to pay, texts and action (core/RULES.md,
// "Sending by the plan").

// planByPlan plans the reminders of a batch sent by the plan, in the request's order;
// cs are the request's invoices, whole. planBatch hands a ByPlan request to it.
func (s *Service) planByPlan(ctx context.Context, req ReminderRequest, cs []Candidate, set Settings, rates RateTable) ([]Reminder, error) {
	if req.Step < 0 {
		return nil, Errorf(EINVALID, "Choose a step of the plan", nil)
	}
	today := s.Today()
	for _, c := range cs {
		if err := checkEligible(c, req.Type, today); err != nil {
			return nil, err
		}
	}
	payments, before, err := s.planCharges(ctx, cs)
	if err != nil {
		return nil, err
	}
	plans := resolvedPlans(&set)
	rs := make([]Reminder, 0, len(cs))
	for _, c := range cs {
		r, err := s.planStep(ctx, c, plans[c.Customer.IsCompany], req, payments[c.Invoice.ID], before[c.Invoice.ID], set, rates)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// planStep plans the reminder of c by its plan under req (stepFor says which step):
// the step's charges, time to pay, texts and action. payments and before are what
// planCharges read for c. It is the one rule of what a step charges: the batch
// (planByPlan) and the dialog's totals (SelectionTotals) both ask it.
func (s *Service) planStep(ctx context.Context, c Candidate, plan Plan, req ReminderRequest, payments []Payment, before earlierCharges, set Settings, rates RateTable) (Reminder, error) {
	today := s.Today()
	k, err := stepFor(c.Invoice, plan, req, today)
	if err != nil {
		return Reminder{}, err
	}
	step := plan.Steps[k]
	var r Reminder
	if step.Action.IsCollectionDemand() {
		r, err = s.planCollectionStep(ctx, c, req, step, set, rates)
	} else {
		r, err = planReminder(c, payments, before, stepRequest(req, step), today, stepSettings(set, step), rates)
	}
	if err != nil {
		return Reminder{}, err
	}
	return r, takeStep(&r, c, k, step, set.Company, today)
}

// planCharges reads what the reminders of a batch by the plan may need, since each
// invoice's step chooses its own charges: the payments interest follows and what
// earlier reminders charged and stated.
func (s *Service) planCharges(ctx context.Context, cs []Candidate) (map[int64][]Payment, map[int64]earlierCharges, error) {
	payments, err := s.paymentsOf(ctx, cs)
	if err != nil {
		return nil, nil, err
	}
	before, err := s.earlierChargesOf(ctx, cs, false)
	if err != nil {
		return nil, nil, err
	}
	before, err = s.interestStatedOf(ctx, cs, before)
	return payments, before, err
}

// stepFor is the index in plan of the step inv takes under req: its own next step
// (NextStep), or the batch's override req.Step. It refuses an invoice with nothing
// next, a step not in the plan, a step already taken (never back), a step on the day
// the invoice was last reminded (never two on one day) and a step whose action the
// request's type cannot take. Skipping forward is allowed: the user chose it.
func stepFor(inv Invoice, plan Plan, req ReminderRequest, today Date) (int, error) {
	taken := HistoryOf(inv).Taken
	data := map[string]any{"Number": Excerpt(inv.Number), "Step": req.Step, "Steps": len(plan.Steps)}
	k := req.Step - 1
	if req.Step == 0 {
		k = plan.NextStep(PlanFacts{Invoice: inv, History: HistoryOf(inv)}, today).Step
		if k < 0 {
			return 0, Errorf(EINVALID, "Invoice {{.Number}} has no next step in its plan: every step has been taken", data)
		}
	}
	switch {
	case k >= len(plan.Steps):
		return 0, Errorf(EINVALID, "The plan of invoice {{.Number}} has no step {{.Step}}: it has {{.Steps}} steps", data)
	case k < taken:
		data["Name"] = Excerpt(plan.Steps[k].Name)
		return 0, Errorf(EINVALID, "Invoice {{.Number}} has already taken step {{.Step}} ({{.Name}}) of its plan: a step already taken is not sent again", data)
	case !inv.LastReminded.IsZero() && !today.After(inv.LastReminded):
		return 0, Errorf(EINVALID, "Invoice {{.Number}} was reminded today: its next step can be sent tomorrow at the earliest", data)
	}
	data["Name"] = Excerpt(plan.Steps[k].Name)
	switch amili := plan.Steps[k].Action.HandsToAmili(); {
	case amili && !req.Type.ViaAmili():
		return 0, Errorf(EINVALID, "Invoice {{.Number}} is at the step {{.Name}}, a hand-over to Amili: send it as a reminder via Amili", data)
	case !amili && req.Type.ViaAmili():
		return 0, Errorf(EINVALID, "Invoice {{.Number}} is at the step {{.Name}}, which Påminn sends itself: send it as a manual reminder, not via Amili", data)
	}
	return k, nil
}

// stepRequest is req as the step asks it: the step's interest and fee, and no
// förseningsersättning (a step has no such choice; rule 6 still keeps the fee off an
// invoice charged förseningsersättning before).
func stepRequest(req ReminderRequest, step PlanStep) ReminderRequest {
	req.ChargeInterest = step.ChargeInterest
	req.ChargeFee = step.Fee.IsPositive()
	req.ChargeLateCompensation = false
	return req
}

// stepSettings are set with the step's fee (never above its action's cap) and time
// to pay in place of the settings' own.
func stepSettings(set Settings, step PlanStep) Settings {
	set.ReminderFee = decimal.Min(step.Fee, step.Action.FeeCap())
	if step.PaymentTermDays > 0 {
		set.PaymentTermDays = step.PaymentTermDays
	}
	return set
}

// takeStep records on r that it takes step k of the plan and fills in the step's
// texts with the invoice's values.
func takeStep(r *Reminder, c Candidate, k int, step PlanStep, co Company, today Date) error {
	r.Step, r.StepName, r.Action = k+1, step.Name, step.Action
	if step.Action.HandsToAmili() {
		return nil // Amili writes its own
	}
	values := planTextValues(c, *r, co, today)
	var err error
	if r.LetterText, err = FillPlanText(step.Letter, values); err != nil {
		return err
	}
	r.EmailText, err = FillPlanText(step.Email, values)
	return err
}

// planTextValues are the values of PlanPlaceholders for reminder r of c's invoice.
func planTextValues(c Candidate, r Reminder, co Company, today Date) map[string]string {
	inv := c.Invoice
	ocr := inv.OCR
	if ocr == "" {
		ocr = inv.Number
	}
	return map[string]string{
		"kund":           c.Customer.Name,
		"fakturanummer":  inv.Number,
		"förfallodatum":  inv.DueDate.String(),
		"belopp":         FormatSEK(r.AmountDue),
		"ocr":            ocr,
		"betala_senast":  r.NewDueDate.String(),
		"dagar_försenad": strconv.Itoa(today.DaysSince(inv.DueDate)),
		"företag":        co.Name,
	}
}

// actionOf is what a reminder of type t does outside the plan.
func actionOf(t ReminderType) StepAction {
	if t.ViaAmili() {
		return StepAmili
	}
	return StepReminder
}
