package core

import "context"

// planDue is the settings' plans' rule today.
func (s *Service) planDue(ctx context.Context) (PlanDue, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return PlanDue{}, err
	}
	return set.Plan.Due(s.Today(), set.Amili.Activated), nil
}

// CountDueByPlan counts the invoices whose next step of the plan is due today ("12
// fakturor är redo för nästa steg").
func (s *Service) CountDueByPlan(ctx context.Context) (int, error) {
	due, err := s.planDue(ctx)
	if err != nil {
		return 0, err
	}
	return s.store.CountDueByPlan(ctx, due)
}

// DueByPlanPage returns one page of the invoices whose next step of the plan is due
// today, earliest due date first, each filled as CandidatePage fills its rows (days
// overdue, earlier reminders, the preview figures, the channels' problems) and with
// its Standing.
func (s *Service) DueByPlanPage(ctx context.Context, offset, limit int) ([]Candidate, error) {
	set, rates, err := s.rules(ctx)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = DefaultPageSize
	}
	today := s.Today()
	cs, err := s.store.DueByPlanPage(ctx, set.Plan.Due(today, set.Amili.Activated), max(offset, 0), limit)
	if err != nil {
		return nil, err
	}
	fillStandings(cs, &set, today)
	return cs, s.fillCandidates(ctx, cs, today, &set, rates, true, true)
}
