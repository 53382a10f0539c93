package data

// This file keeps plan_sums (022_plan_sums.sql) for a manual reminder batch's
// invoices: "Dags enligt planen"'s count by step, customer kind and the day the next
// step counts from. Its triggers follow every other write to the invoices.

// planDay and planDue are plan_sums' day and due of an invoice that has taken step
// steps, last reminded on last (a date's text, empty for never) and due on due, as
// 022_plan_sums.sql writes them.
func planDay(step, last, due string) string {
	return `CASE WHEN ` + step + ` = 0 OR ` + last + ` = '' THEN ` + due + ` ELSE ` + last + ` END`
}

func planDue(step, last, due string) string {
	return `CASE WHEN ` + step + ` = 0 OR ` + last + ` = '' OR ` + due + ` <= ` + last + ` THEN '' ELSE ` + due + ` END`
}

// planSumsMember is whether an invoices row i is in plan_sums at all (rule 1 without
// the due date: open, not with Amili, not paused), as 022_plan_sums.sql writes it.
const planSumsMember = `i.total_ore > i.paid_ore AND i.amili_state IN ('', 'closed') AND i.pause = ''`

// batchPlanSumsSQL moves a batch's manually reminded invoices (its reminders found by
// their batch, ?1) in plan_sums from the rows they stand in to those they stand in
// once markReminded has set their last reminded day to the reminder's and, where ?2
// is true, their step to the reminder's when it is further (planStepSet): one
// statement for the batch, run before that update. plan_sums' update trigger leaves
// that update to the batch. A manual reminder changes none of what puts an invoice
// in the sums.
var batchPlanSumsSQL = `WITH b AS MATERIALIZED (
		SELECT i.plan_step AS step, c.is_company != 0 AS company, i.last_reminded AS last, i.due_date AS due_date,
			CASE WHEN ?2 THEN max(i.plan_step, r.step) ELSE i.plan_step END AS new_step, r.date AS new_last
		FROM reminders r CROSS JOIN invoices i ON i.id = r.invoice_id CROSS JOIN customers c ON c.id = i.customer_id
		WHERE r.batch_id = ?1 AND r.type = 'manual' AND ` + planSumsMember + `)
	INSERT INTO plan_sums (step, company, day, due, n)
	SELECT step, company, day, due, sum(n) FROM (
		SELECT step, company, ` + planDay("step", "last", "due_date") + ` AS day, ` +
	planDue("step", "last", "due_date") + ` AS due, -1 AS n FROM b
		UNION ALL
		SELECT new_step, company, ` + planDay("new_step", "new_last", "due_date") + `, ` +
	planDue("new_step", "new_last", "due_date") + `, 1 FROM b)
	WHERE true GROUP BY 1, 2, 3, 4
	ON CONFLICT (step, company, day, due) DO UPDATE SET n = n + excluded.n`
