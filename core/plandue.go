package core

// PlanHistory is where an invoice stands in its plan: how many steps were taken and
// the day of the last. HistoryOf reads it from the invoice.
type PlanHistory struct {
	Taken int  // steps taken so far (the last step's number); 0 when none
	Last  Date // the day of the last reminder; zero when none
}

// HistoryOf is the plan history the invoice's reminders make: the steps taken are
// the step its last plan reminder recorded (Invoice.PlanStep: an override may have
// skipped a step, so it is not the reminders' count), and the day of the last is its
// last reminder's, any reminder's: one sent outside the plan takes no step but the
// next step counts its days from it, and never falls on its day.
func HistoryOf(inv Invoice) PlanHistory {
	return PlanHistory{Taken: inv.PlanStep, Last: inv.LastReminded}
}

// PlanPosition is what the plan has next for one invoice.
type PlanPosition struct {
	// Step is the index in the plan's steps of the next step; -1 when the plan has
	// nothing more to do for the invoice (paid, paused, with Amili, or every step
	// taken).
	Step int
	// On is the day the next step falls due (zero when Step is -1). It may lie
	// before today: a step not taken when due stays due.
	On Date
}

// DueOn says whether the next step is due on today.
func (p PlanPosition) DueOn(today Date) bool { return p.Step >= 0 && !today.Before(p.On) }

// PlanFacts is what the rule of the plan judges for one invoice.
type PlanFacts struct {
	Invoice Invoice
	History PlanHistory
	// Paused is the seam for pauses and disputes: true for an invoice or customer
	// paused on the day asked about. Until pauses exist the caller leaves it false.
	Paused bool
}

// NextStep is the rule of the plan: the invoice's next step and the day it falls
// due. Steps go strictly in order: the next is the one after those taken, due its
// Days after the due date (the first) or after the last step taken (every other),
// and never on the day a step was last taken, so never twice on one day. Nothing is
// next for an invoice that is not eligible for a reminder today (rule 1: paid, not
// yet due or with Amili), that is paused, or that has taken every step.
func (plan Plan) NextStep(f PlanFacts, today Date) PlanPosition {
	none := PlanPosition{Step: -1}
	h := f.History
	if f.Paused || !f.Invoice.Meets(EligibleTerms, today) || h.Taken < 0 || h.Taken >= len(plan.Steps) {
		return none
	}
	step := plan.Steps[h.Taken]
	from := f.Invoice.DueDate
	if h.Taken > 0 && !h.Last.IsZero() {
		from = h.Last
	}
	on := from.AddDays(max(step.Days, 1))
	if !h.Last.IsZero() && !on.After(h.Last) {
		on = h.Last.AddDays(1)
	}
	return PlanPosition{Step: h.Taken, On: on}
}

// Cutoffs are the plan's rule as dates, for a store to render as comparisons (no
// date arithmetic per row): an eligible, unpaused invoice that has taken k steps
// (k < len(cutoffs)) is due on today exactly when the day it counts from (its due
// date when k is 0, else the day of its last reminder) is on or before cutoffs[k],
// and, when k is 0, it was not reminded (outside the plan) today.
// NextStep is the rule; a property test holds Cutoffs to it.
func (plan Plan) Cutoffs(today Date) []Date {
	cutoffs := make([]Date, len(plan.Steps))
	for k, s := range plan.Steps {
		cutoffs[k] = today.AddDays(-max(s.Days, 1))
	}
	return cutoffs
}

// PlanDue is both plans' rule on one day as cutoff dates (Plan.Cutoffs), for the
// store's reads of the invoices due by the plan.
type PlanDue struct {
	Today     Date
	Companies []Date // the companies' plan's cutoffs
	Consumers []Date // the consumers' plan's cutoffs
}

// Due is the plans' rule on today, as Plans.For resolves each plan.
func (p Plans) Due(today Date, amiliActivated bool) PlanDue {
	return PlanDue{Today: today, Companies: p.For(true, amiliActivated).Cutoffs(today),
		Consumers: p.For(false, amiliActivated).Cutoffs(today)}
}
