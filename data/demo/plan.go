package demo

import (
	"context"
	"fmt"
	"time"

	"paminn/core"
	"paminn/data"
)

// The demo's reminder plan and pauses (issue 22): a plan set for companies and one
// for consumers, so "Dags enligt planen" has invoices due at several steps (the
// generated book's reminders are the steps its invoices took), one invoice disputed
// after a reminder and one on an agreed payment plan, each of a customer with no
// other overdue invoice (the customers with several keep theirs all open, for one
// letter per customer).

// demoPlans are the demo's plans: companies follow the default plan (Påminnelse 1, 2,
// Inkassokrav, then Amili once activated); consumers a gentler one, a week more
// before each reminder and three weeks to pay the inkassokrav.
func demoPlans() core.Plans {
	consumers := core.DefaultPlan()
	consumers.Steps = append([]core.PlanStep(nil), consumers.Steps...)
	consumers.Steps[0].Days, consumers.Steps[1].Days = 14, 21
	consumers.Steps[2].PaymentTermDays = 21
	return core.Plans{Companies: core.DefaultPlan(), Consumers: consumers}
}

// pauseSome disputes one reminded overdue invoice and pauses one never reminded on a
// payment plan until a month from today, each of a customer with no other overdue
// invoice; now stamps the pauses.
func pauseSome(ctx context.Context, store *data.Store, today core.Date, now time.Time) error {
	cs, err := store.EligibleInvoices(ctx, today)
	if err != nil {
		return err
	}
	overdue := map[int64]int{}
	for _, c := range cs {
		overdue[c.Invoice.CustomerID]++
	}
	pauses := []core.Pause{
		{Reason: core.PauseDispute, Note: "Kunden menar att arbetet inte är klart"},
		{Reason: core.PausePlan, Note: "Avbetalning 2 000 kr i månaden", Until: today.AddDays(30)},
	}
	for i := range pauses {
		reminded := i == 0
		for _, c := range cs {
			if overdue[c.Invoice.CustomerID] == 1 && (c.Invoice.ReminderCount > 0) == reminded {
				pauses[i].InvoiceID, pauses[i].Started = c.Invoice.ID, now
				overdue[c.Invoice.CustomerID] = 0 // not twice
				break
			}
		}
		if pauses[i].InvoiceID == 0 {
			continue // a book too small to have one
		}
		if _, err := store.StartPause(ctx, pauses[i]); err != nil {
			return fmt.Errorf("pause a demo invoice: %w", err)
		}
	}
	return nil
}
