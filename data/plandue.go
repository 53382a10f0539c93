package data

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
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
// "0" for a plan without steps.
func cutoffCond(today core.Date, cutoffs []core.Date) (string, []any) {
	if len(cutoffs) == 0 {
		return `0`, nil
	}
	conds := make([]string, len(cutoffs))
	args := make([]any, 0, 2*len(cutoffs)+1)
	for k, c := range cutoffs {
		if k == 0 {
			conds[k] = `(i.plan_step = ? AND i.due_date <= ? AND i.last_reminded < ?)`
			args = append(args, k, dateText(c), dateText(today))
			continue
		}
		conds[k] = `(i.plan_step = ? AND i.last_reminded <= ?)`
		args = append(args, k, dateText(c))
	}
	return `(` + strings.Join(conds, ` OR `) + `)`, args
}

// planDueFrom walks the open invoices by due date, so a page stops after its rows.
const planDueFrom = ` FROM invoices i INDEXED BY invoices_open JOIN customers c ON c.id = i.customer_id`

// CountDueByPlan counts the eligible invoices whose next step of the plan is due.
// It adds one count per plan part, each a range on an index: the invoices at their
// first step by due date, the others by last reminded date; the customer is read
// only where the two plans' cutoffs differ.
func (s *Store) CountDueByPlan(ctx context.Context, due core.PlanDue) (int, error) {
	var n int
	err := s.read(ctx, "count invoices due by the plan", func(tx *sql.Tx) error {
		query, args := countDueByPlanQuery(due)
		return tx.QueryRowContext(ctx, query, args...).Scan(&n)
	})
	return n, err
}

// countDueByPlanQuery is CountDueByPlan's query and its arguments: the first step
// counted by due date (the invoices never reminded, and those reminded outside the
// plan only), the later ones in one walk of the invoices by last reminded date, each
// plan apart only where the two plans differ.
func countDueByPlanQuery(due core.PlanDue) (string, []any) {
	var parts []string
	var args []any
	add := func(part string, partArgs []any) { parts, args = append(parts, part), append(args, partArgs...) }
	if len(due.Companies) > 0 && len(due.Consumers) > 0 && due.Companies[0] == due.Consumers[0] {
		// Both plans' first step at once: the never reminded summed from invoice_sums,
		// reading no invoice.
		add(`(SELECT coalesce(sum(n), 0) FROM invoice_sums WHERE `+sumsNeverReminded.and()+` AND due_date <= ?)`,
			append(sumsNeverReminded.args(due.Today), dateText(due.Companies[0])))
		add(countOutsideThePlan(due.Today, due.Companies, ""))
	} else {
		add(countFirstStep(due.Today, due.Companies, "1"))
		add(countFirstStep(due.Today, due.Consumers, "0"))
		add(countOutsideThePlan(due.Today, due.Companies, "1"))
		add(countOutsideThePlan(due.Today, due.Consumers, "0"))
	}
	if slices.Equal(tail(due.Companies), tail(due.Consumers)) {
		add(countLaterSteps(due.Today, due.Companies, ""))
	} else {
		add(countLaterSteps(due.Today, due.Companies, "1"))
		add(countLaterSteps(due.Today, due.Consumers, "0"))
	}
	return `SELECT ` + strings.Join(parts, ` + `), args
}

// sumsNeverReminded is rule 1 and never reminded, on invoice_sums, taking today.
var sumsNeverReminded = render(append(append([]core.Term(nil), core.EligibleTerms...), core.Not(core.FactReminded)), true)

// tail is the cutoffs of the steps after the first.
func tail(cutoffs []core.Date) []core.Date {
	if len(cutoffs) == 0 {
		return nil
	}
	return cutoffs[1:]
}

// customerJoin limits a count to company customers ("1"), consumers ("0") or
// neither ("").
func customerJoin(company string) string {
	if company == "" {
		return ``
	}
	return ` JOIN customers c ON c.id = i.customer_id AND c.is_company = ` + company
}

// countFirstStep counts the never-reminded eligible invoices of the customers
// company names whose first step is due by cutoffs[0] (a never-reminded invoice has
// taken no step and has no last reminded date).
func countFirstStep(today core.Date, cutoffs []core.Date, company string) (string, []any) {
	if len(cutoffs) == 0 {
		return `0`, nil
	}
	return `(SELECT count(*) FROM invoices i INDEXED BY invoices_eligible_by_reminders` + customerJoin(company) +
			` WHERE ` + isEligible.and() + ` AND i.reminder_count = 0 AND i.due_date <= ?)`,
		append(isEligible.args(today), dateText(cutoffs[0]))
}

// countOutsideThePlan counts the eligible invoices of the customers company names
// reminded outside the plan only (step 0, reminded, none today) whose first step is
// due by cutoffs[0]: a walk of the reminded invoices' index by last reminded date.
func countOutsideThePlan(today core.Date, cutoffs []core.Date, company string) (string, []any) {
	if len(cutoffs) == 0 {
		return `0`, nil
	}
	return `(SELECT count(*) FROM invoices i INDEXED BY invoices_reminded_by_last_reminded` + customerJoin(company) +
			` WHERE ` + isEligible.and() + ` AND i.reminder_count > 0 AND i.last_reminded < ? AND i.plan_step = 0` +
			` AND i.due_date <= ?)`,
		append(isEligible.args(today), dateText(today), dateText(cutoffs[0]))
}

// countLaterSteps counts the eligible invoices past their first step of the
// customers company names whose next step k (1 and on) is due by cutoffs[k]: one walk
// of the reminded invoices' index by last reminded date up to the latest cutoff.
func countLaterSteps(today core.Date, cutoffs []core.Date, company string) (string, []any) {
	if len(cutoffs) < 2 {
		return `0`, nil
	}
	latest := cutoffs[1]
	var cases strings.Builder
	var caseArgs []any
	for k := 1; k < len(cutoffs); k++ {
		if cutoffs[k].After(latest) {
			latest = cutoffs[k]
		}
		cases.WriteString(` WHEN ` + strconv.Itoa(k) + ` THEN i.last_reminded <= ?`)
		caseArgs = append(caseArgs, dateText(cutoffs[k]))
	}
	// The reminded invoices' partial index holds reminder_count > 0: restated, as
	// SQLite proves an index's WHERE only from terms written the same (a step taken is
	// a reminder sent).
	query := `(SELECT count(*) FROM invoices i INDEXED BY invoices_reminded_by_last_reminded` + customerJoin(company) +
		` WHERE ` + isEligible.and() + ` AND i.reminder_count > 0 AND i.last_reminded <= ? AND i.plan_step > 0` +
		` AND (CASE i.plan_step` + cases.String() + ` ELSE 0 END))`
	return query, append(append(isEligible.args(today), dateText(latest)), caseArgs...)
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
