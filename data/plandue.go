package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"paminn/core"
)

// The invoices due by the reminder plan: core's rule as cutoff dates (core.PlanDue),
// rendered as plain comparisons on the open invoices' index, which holds the
// reminder count, the last reminded date and the customer.

// planDueWhere is the WHERE clause (with a leading space) and its arguments for the
// eligible invoices due by due: rule 1, then the customer's plan's cutoff for the
// steps the invoice has taken.
func planDueWhere(due core.PlanDue) (string, []any) {
	args := isEligible.args(due.Today)
	company, cArgs := cutoffCond(due.Companies)
	consumer, pArgs := cutoffCond(due.Consumers)
	args = append(append(args, cArgs...), pArgs...)
	return ` WHERE ` + isEligible.and() + ` AND (CASE WHEN c.is_company != 0 THEN ` + company +
		` ELSE ` + consumer + ` END)`, args
}

// cutoffCond is one plan's condition: taken k steps and the day counted from on or
// before cutoffs[k]; "0" for a plan without steps.
func cutoffCond(cutoffs []core.Date) (string, []any) {
	if len(cutoffs) == 0 {
		return `0`, nil
	}
	conds := make([]string, len(cutoffs))
	args := make([]any, 0, 2*len(cutoffs))
	for k, c := range cutoffs {
		from := `i.last_reminded`
		if k == 0 {
			from = `i.due_date`
		}
		conds[k] = `(i.reminder_count = ? AND ` + from + ` <= ?)`
		args = append(args, k, dateText(c))
	}
	return `(` + strings.Join(conds, ` OR `) + `)`, args
}

// planDueFrom walks the open invoices by due date, so a page stops after its rows.
const planDueFrom = ` FROM invoices i INDEXED BY invoices_open JOIN customers c ON c.id = i.customer_id`

// CountDueByPlan counts the eligible invoices whose next step of the plan is due.
// It adds one count per step and plan, each a range on an index: the invoices not
// yet reminded by due date, the reminded ones by last reminded date; the customer is
// read only where the two plans' cutoffs differ.
func (s *Store) CountDueByPlan(ctx context.Context, due core.PlanDue) (int, error) {
	var n int
	err := s.read(ctx, "count invoices due by the plan", func(tx *sql.Tx) error {
		query, args := countDueByPlanQuery(due)
		return tx.QueryRowContext(ctx, query, args...).Scan(&n)
	})
	return n, err
}

// countDueByPlanQuery is CountDueByPlan's query and its arguments.
func countDueByPlanQuery(due core.PlanDue) (string, []any) {
	parts, args := []string{`0`}, []any{}
	add := func(k int, cutoff core.Date, company string) {
		// The reminded invoices' partial index holds reminder_count > 0: restated,
		// as SQLite proves an index's WHERE only from terms written the same.
		cond, index := ` AND i.reminder_count > 0 AND i.last_reminded <= ?`, `invoices_reminded_by_last_reminded`
		if k == 0 {
			cond, index = ` AND i.due_date <= ?`, `invoices_eligible_by_reminders`
		}
		join := ``
		if company != "" {
			join = ` JOIN customers c ON c.id = i.customer_id AND c.is_company = ` + company
		}
		parts = append(parts, `(SELECT count(*) FROM invoices i INDEXED BY `+index+join+` WHERE `+isEligible.and()+
			` AND i.reminder_count = `+strconv.Itoa(k)+cond+`)`)
		args = append(append(args, isEligible.args(due.Today)...), dateText(cutoff))
	}
	for k := range max(len(due.Companies), len(due.Consumers)) {
		switch {
		case k < len(due.Companies) && k < len(due.Consumers) && due.Companies[k] == due.Consumers[k]:
			add(k, due.Companies[k], "")
		default:
			if k < len(due.Companies) {
				add(k, due.Companies[k], "1")
			}
			if k < len(due.Consumers) {
				add(k, due.Consumers[k], "0")
			}
		}
	}
	return `SELECT ` + strings.Join(parts, ` + `), args
}

// DueByPlanPage returns one page of the eligible invoices whose next step of the plan
// is due, earliest due date then number first, filled as CandidatePage fills them.
func (s *Store) DueByPlanPage(ctx context.Context, due core.PlanDue, offset, limit int) ([]core.Candidate, error) {
	var cs []core.Candidate
	err := s.read(ctx, "list invoices due by the plan", func(tx *sql.Tx) error {
		where, args := planDueWhere(due)
		args = append(args, limit, offset)
		var err error
		cs, err = readCandidates(ctx, tx, `SELECT `+candidateColumnsSQL+planDueFrom+where+
			` ORDER BY i.due_date, i.number LIMIT ? OFFSET ?`, args)
		return err
	})
	return cs, err
}
