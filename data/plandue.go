package data

import (
	"context"
	"database/sql"
	"strings"

	"paminn/core"
)

// The invoices due by the reminder plan: core's rule as cutoff dates (core.PlanDue),
// rendered as plain comparisons on the row's plan step taken (invoices.plan_step,
// 019_plan_steps.sql), its last reminded date, due date and customer. core.HistoryOf
// is the rule's reading of the same columns: the steps taken are plan_step, and the
// day of the last the last reminder (a reminder outside the plan moves the day the
// next step counts from, never the step).

// planDueWhere is the WHERE clause (with a leading space) and its arguments for the
// eligible invoices due by due: rule 1, then the customer's plan's cutoff for the
// steps the invoice has taken.
func planDueWhere(due core.PlanDue) (string, []any) {
	args := isEligible.args(due.Today)
	company, cArgs := cutoffCond(due.Today, due.Companies)
	consumer, pArgs := cutoffCond(due.Today, due.Consumers)
	args = append(append(args, cArgs...), pArgs...)
	return ` WHERE ` + isEligible.and() + ` AND (CASE WHEN c.is_company != 0 THEN ` + company +
		` ELSE ` + consumer + ` END)`, args
}

// cutoffCond is one plan's condition: taken k steps and the day counted from on or
// before cutoffs[k] (for the first step, the due date, and no reminder sent today);
// "1 = 0" for a plan without steps (a condition on both engines; PostgreSQL's CASE
// takes no integer for one).
func cutoffCond(today core.Date, cutoffs []core.Date) (string, []any) {
	if len(cutoffs) == 0 {
		return `1 = 0`, nil
	}
	conds := make([]string, len(cutoffs))
	args := make([]any, 0, 2*len(cutoffs)+1)
	for k, c := range cutoffs {
		if k == 0 {
			conds[k] = `(i.plan_step = ? AND i.due_date <= ? AND i.last_reminded < ?)`
			args = append(args, k, dateText(c), dateText(today))
			continue
		}
		// Without a reminder day (a step entered with the invoice), the step counts
		// from the due date, as core.Plan.NextStep does.
		conds[k] = `(i.plan_step = ? AND i.last_reminded <= ? AND (i.last_reminded != '' OR i.due_date <= ?))`
		args = append(args, k, dateText(c), dateText(c))
	}
	return `(` + strings.Join(conds, ` OR `) + `)`, args
}

// planDueFrom walks the open invoices by due date, so a page stops after its rows.
const planDueFrom = ` FROM invoices i INDEXED BY invoices_open JOIN customers c ON c.id = i.customer_id`

// CountDueByPlan counts the eligible invoices whose next step of the plan is due,
// from plan_sums (022_plan_sums.sql): a range of its rows for each step of each plan,
// less the few invoices at step 0 reminded today, read from the index by last
// reminded date.
func (s *Store) CountDueByPlan(ctx context.Context, due core.PlanDue) (int, error) {
	var n int
	err := s.read(ctx, "count invoices due by the plan", func(tx *sql.Tx) error {
		query, args := countDueByPlanQuery(due)
		return tx.QueryRowContext(ctx, query, args...).Scan(&n)
	})
	return n, err
}

// countDueByPlanQuery is CountDueByPlan's query and its arguments: for each plan
// (the companies', 1, and the consumers', 0) and each of its steps k, plan_sums' rows
// of the invoices that have taken k steps and count from a day on or before
// cutoffs[k], due before today; less, for the first step, the invoices reminded on or
// after today (outside the plan), whose first step is never due that day.
func countDueByPlanQuery(due core.PlanDue) (string, []any) {
	query := `SELECT 0`
	var args []any
	today := dateText(due.Today)
	for _, plan := range []struct {
		company int
		cutoffs []core.Date
	}{{1, due.Companies}, {0, due.Consumers}} {
		for k, cutoff := range plan.cutoffs {
			query += ` + (SELECT coalesce(sum(n), 0) FROM plan_sums WHERE step = ? AND company = ? AND day <= ? AND due < ?)`
			args = append(args, k, plan.company, dateText(cutoff), today)
		}
		if len(plan.cutoffs) > 0 {
			query += ` - (SELECT count(*) FROM invoices i INDEXED BY invoices_by_last_reminded
				JOIN customers c ON c.id = i.customer_id AND (c.is_company != 0) = ?
				WHERE i.last_reminded >= ? AND i.plan_step = 0 AND ` + isEligible.and() + ` AND i.due_date <= ?)`
			args = append(append(append(args, plan.company, today), isEligible.args(due.Today)...), dateText(plan.cutoffs[0]))
		}
	}
	return query, args
}

// DueByPlanPage returns one page of the eligible invoices whose next step of the plan
// is due, earliest due date then number first, filled as CandidatePage fills them.
func (s *Store) DueByPlanPage(ctx context.Context, due core.PlanDue, offset, limit int) ([]core.Candidate, error) {
	var cs []core.Candidate
	err := s.read(ctx, "list invoices due by the plan", func(tx *sql.Tx) error {
		query, args := dueByPlanPageQuery(due, offset, limit)
		var err error
		cs, err = readCandidates(ctx, tx, query, args)
		return err
	})
	return cs, err
}

// dueByPlanPageQuery is DueByPlanPage's query and its arguments.
func dueByPlanPageQuery(due core.PlanDue, offset, limit int) (string, []any) {
	where, args := planDueWhere(due)
	return `SELECT ` + candidateColumnsSQL + planDueFrom + where + ` ORDER BY i.due_date, i.number LIMIT ? OFFSET ?`,
		append(args, limit, offset)
}
