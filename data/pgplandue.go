package data

import (
	"context"
	"database/sql"
	"strings"

	"paminn/core"
)

// "Dags enligt planen" on PostgreSQL: the count from plan_sums (pgmigrations/022) and
// the page of invoices due by the plan, the SQLite methods' queries (plandue.go) in
// PGStore's transactions. Both queries are built per plan, so their PostgreSQL form is
// made from the built text (pgPlanDueQuery) rather than registered as a twin.

// CountDueByPlan counts the eligible invoices whose next step of the plan is due, as
// Store.CountDueByPlan.
func (s *PGStore) CountDueByPlan(ctx context.Context, due core.PlanDue) (int, error) {
	var n int
	err := s.read(ctx, "count invoices due by the plan", func(ctx context.Context, tx *sql.Tx) error {
		query, args := countDueByPlanQuery(due)
		return tx.QueryRowContext(ctx, pgPlanDueQuery(query), args...).Scan(&n)
	})
	return n, err
}

// DueByPlanPage returns one page of the eligible invoices whose next step of the plan
// is due, as Store.DueByPlanPage.
func (s *PGStore) DueByPlanPage(ctx context.Context, due core.PlanDue, offset, limit int) ([]core.Candidate, error) {
	var cs []core.Candidate
	err := s.read(ctx, "list invoices due by the plan", func(ctx context.Context, tx *sql.Tx) error {
		query, args := dueByPlanPageQuery(due, offset, limit)
		var err error
		cs, err = readCandidates(ctx, tx, pgPlanDueQuery(query), args)
		return err
	})
	return cs, err
}

// pgPlanDueQuery is a plan query as PostgreSQL runs it: plan_sums' sums cast back to
// bigint (PostgreSQL sums bigint as numeric) and the customer's kind compared as the
// 0/1 integer the argument is (a comparison is a boolean there). Index hints go in the
// driver (pgStatement).
func pgPlanDueQuery(query string) string {
	query = sumCall.ReplaceAllString(query, `sum(${1})::bigint`)
	return strings.ReplaceAll(query, `(c.is_company != 0) = ?`, `(c.is_company != 0)::int = ?`)
}
