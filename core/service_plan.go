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
// today, earliest due date first, filled as CandidatePage's store read fills them
// (no preview figures).
func (s *Service) DueByPlanPage(ctx context.Context, offset, limit int) ([]Candidate, error) {
	due, err := s.planDue(ctx)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = DefaultPageSize
	}
	return s.store.DueByPlanPage(ctx, due, max(offset, 0), limit)
}
