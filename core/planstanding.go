package core

import (
	"context"
	"strconv"
)

// PlanStanding is where an invoice stands in its plan, for the list and the dialog:
// read from the one rule, Plan.NextStep.
type PlanStanding struct {
	Taken  string // name of the last step taken, "" when none
	Next   string // name of the next step, "" when nothing more (paid, paused, Amili, done)
	NextOn Date   // the day it falls due (may be before today: due)
	Due    bool   // Next is due today
}

// standingOf is where inv stands in plan today; paused says it or its customer is
// paused. A step taken that the plan (since changed) no longer has is named by its
// number alone ("3").
func standingOf(plan Plan, inv Invoice, paused bool, today Date) PlanStanding {
	var st PlanStanding
	if k := inv.PlanStep; k > 0 && k <= len(plan.Steps) {
		st.Taken = plan.Steps[k-1].Name
	} else if k > 0 {
		st.Taken = strconv.Itoa(k)
	}
	pos := plan.NextStep(PlanFacts{Invoice: inv, History: HistoryOf(inv), Paused: paused}, today)
	if pos.Step < 0 {
		return st
	}
	st.Next, st.NextOn, st.Due = plan.Steps[pos.Step].Name, pos.On, pos.DueOn(today)
	return st
}

// PlanStandings returns where each of invoices stands in its customer's plan today, in
// their order. The invoices are as the list or the dialog read them (their
// customer's kind is read here).
func (s *Service) PlanStandings(ctx context.Context, invoices []Invoice) ([]PlanStanding, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	companies, err := s.companyCustomers(ctx, invoices)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	plans := resolvedPlans(&set)
	out := make([]PlanStanding, len(invoices))
	for i, inv := range invoices {
		out[i] = standingOf(plans[companies[inv.CustomerID]], inv, inv.Has(FactPaused, today), today)
	}
	return out, nil
}

// resolvedPlans are the settings' plans as Plans.For resolves them, by whether the
// customer is a company: resolved once for a page, not once an invoice.
func resolvedPlans(set *Settings) map[bool]Plan {
	return map[bool]Plan{true: set.Plan.For(true, set.Amili.Activated), false: set.Plan.For(false, set.Amili.Activated)}
}

// fillStandings sets each candidate's Standing, as PlanStandings would.
func fillStandings(cs []Candidate, set *Settings, today Date) {
	plans := resolvedPlans(set)
	for i := range cs {
		c := &cs[i]
		c.Standing = standingOf(plans[c.Customer.IsCompany], c.Invoice, c.Invoice.Has(FactPaused, today), today)
	}
}

// companyCustomers says, for each customer of invoices, whether it is a company: each
// customer read once.
func (s *Service) companyCustomers(ctx context.Context, invoices []Invoice) (map[int64]bool, error) {
	out := map[int64]bool{}
	seen := map[int64]bool{}
	for _, inv := range invoices {
		if seen[inv.CustomerID] {
			continue
		}
		seen[inv.CustomerID] = true
		c, err := s.store.Customer(ctx, inv.CustomerID)
		if err != nil {
			return nil, err
		}
		out[c.ID] = c.IsCompany
	}
	return out, nil
}
