package data

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"paminn/core"
)

// planStepsBackfill is 019_plan_steps.sql's UPDATE statements: what it writes into a
// book's existing rows, run again on rows put back as a book before it held them.
func planStepsBackfill(t *testing.T) []string {
	t.Helper()
	for _, m := range migrations {
		if !strings.HasSuffix(m.name, "_plan_steps") {
			continue
		}
		var code []string
		for _, line := range strings.Split(m.sql, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "--") {
				code = append(code, line)
			}
		}
		var updates []string
		for _, stmt := range strings.Split(strings.Join(code, "\n"), ";") {
			if stmt = strings.TrimSpace(stmt); strings.HasPrefix(stmt, "UPDATE") {
				updates = append(updates, stmt)
			}
		}
		return updates
	}
	t.Fatal("no migration *_plan_steps")
	return nil
}

// A book from before 019: its reminders are numbered as steps in the order they were
// taken (an Amili hand-over recorded as one), after the reminders an invoice's
// imported count told of, and each invoice stands at its reminder count, so the plan
// offers each the step it offered before.
func TestThePlanStepsMigrationNumbersTheRemindersInTheOrderTaken(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	twice := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -40, total: "100"})
	imported := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -40, total: "100", reminders: 2})
	handed := mustInvoice(t, s, c, invoiceSpec{number: "C", dueIn: -40, total: "100"})
	first := plannedReminder(twice, core.ChannelLetter)
	first.Date = today.AddDays(-20)
	if _, err := s.CreateBatch(ctx, newBatch("one", core.ReminderManual), []core.Reminder{first}); err != nil {
		t.Fatal(err)
	}
	twice.ReminderCount = 1
	if _, err := s.CreateBatch(ctx, newBatch("two", core.ReminderManual),
		[]core.Reminder{plannedReminder(twice, core.ChannelLetter), plannedReminder(imported, core.ChannelLetter)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateBatch(ctx, newBatch("amili", core.ReminderAmili), []core.Reminder{plannedReminder(handed, core.ChannelAmili)}); err != nil {
		t.Fatal(err)
	}
	if err := s.write(ctx, "put the book back before 019", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE reminders SET step = 0, action = 'reminder'`)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE invoices SET plan_step = 0`)
		}
		for _, stmt := range planStepsBackfill(t) {
			if err == nil {
				_, err = tx.ExecContext(context.Background(), stmt)
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.Query(`SELECT i.number, r.date, r.step, r.action FROM reminders r JOIN invoices i ON i.id = r.invoice_id
		ORDER BY i.number, r.date, r.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var number, date, action string
		var step int
		if err := rows.Scan(&number, &date, &step, &action); err != nil {
			t.Fatal(err)
		}
		got = append(got, number+" "+date+" "+string(rune('0'+step))+" "+action)
	}
	want := []string{
		"A " + dateText(today.AddDays(-20)) + " 1 reminder", "A " + dateText(today) + " 2 reminder",
		"B " + dateText(today) + " 3 reminder", // after the two reminders its count told of
		"C " + dateText(today) + " 1 amili",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reminders\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, inv := range []core.Invoice{twice, imported, handed} {
		now, err := s.Invoice(ctx, inv.ID)
		if err != nil || now.PlanStep != now.ReminderCount {
			t.Errorf("invoice %s stands at step %d after %d reminders (%v)", inv.Number, now.PlanStep, now.ReminderCount, err)
		}
	}
}
