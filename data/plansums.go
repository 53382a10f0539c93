package data

import (
	"context"
	"database/sql"
	"strings"
)

// This file keeps plan_sums (022_plan_sums.sql) for a manual reminder batch's
// invoices: "Dags enligt planen"'s count by step, customer kind and the day the next
// step counts from. Its triggers follow every other write to the invoices.

// planSumsKey is plan_sums' key of an invoices row i joined to its customer c, and
// planSumsMember whether the row is in the sums at all (rule 1 without the due date:
// open, not with Amili, not paused). Both as 022_plan_sums.sql writes them.
const (
	planSumsKey = `i.plan_step, c.is_company != 0,
		CASE WHEN i.plan_step = 0 OR i.last_reminded = '' THEN i.due_date ELSE i.last_reminded END,
		CASE WHEN i.plan_step = 0 OR i.last_reminded = '' OR i.due_date <= i.last_reminded THEN '' ELSE i.due_date END`
	planSumsMember = `i.total_ore > i.paid_ore AND i.amili_state IN ('', 'closed') AND i.pause = ''`
)

// sumPlanSteps adds the batch's manually reminded invoices (their IDs in manual) to
// plan_sums as they stand, times sign: -1 before the batch's update of the invoices
// takes them from their rows, +1 after it adds them to their new ones. plan_sums'
// update trigger leaves that update to the batch, as invoice_sums' does.
func sumPlanSteps(ctx context.Context, tx *sql.Tx, manual []int64, sign int) error {
	if len(manual) == 0 {
		return nil
	}
	args := make([]any, 0, len(manual)+1)
	args = append(args, sign)
	for _, id := range manual {
		args = append(args, id)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO plan_sums (step, company, day, due, n)
		SELECT `+planSumsKey+`, ? * count(*) FROM invoices i JOIN customers c ON c.id = i.customer_id
		WHERE i.id IN (?`+strings.Repeat(`, ?`, len(manual)-1)+`) AND `+planSumsMember+`
		GROUP BY 1, 2, 3, 4
		ON CONFLICT (step, company, day, due) DO UPDATE SET n = n + excluded.n`, args...)
	return err
}
