package core

import (
	"cmp"
	"context"
	"slices"
)

// This file delivers a letter several reminders share (issue 22, "One letter per
// customer"; core/RULES.md): claimed whole (Store.ClaimDeliveries), judged reminder
// by reminder, sent once, and recorded for all its reminders in one transaction.

// lettersOf splits claimed deliveries into letters: the reminders of one batch's
// Group together, in the order the first of them was claimed; every other reminder
// a letter of its own.
func lettersOf(ds []Delivery) [][]Delivery {
	type key struct{ batch, group int64 }
	var out [][]Delivery
	at := map[key]int{}
	for _, d := range ds {
		if d.Reminder.Group == 0 {
			out = append(out, []Delivery{d})
			continue
		}
		k := key{d.Reminder.BatchID, d.Reminder.Group}
		if i, ok := at[k]; ok {
			out[i] = append(out[i], d)
			continue
		}
		at[k] = len(out)
		out = append(out, []Delivery{d})
	}
	return out
}

// deliverLetter makes one attempt at the letter unit's reminders share and says how
// it ended for each. A reminder whose invoice was paid, credited or paused meanwhile
// is held back (HeldBack), never sent, and the letter goes without it, its figures
// and total made from the reminders that remain; when none remains nothing is sent.
func (s *Service) deliverLetter(ctx context.Context, set Settings, unit []Delivery) []DeliveryOutcome {
	if len(unit) == 1 {
		return []DeliveryOutcome{s.deliver(ctx, set, unit[0], nil)}
	}
	var out []DeliveryOutcome
	var going []Delivery
	for _, d := range unit {
		if why, stop := HeldBack(d); stop {
			out = append(out, s.heldBack(d, why))
			continue
		}
		going = append(going, d)
	}
	if len(going) == 0 {
		return out
	}
	o := s.deliver(ctx, set, going[0], going[1:])
	for _, d := range going {
		each := o
		each.ReminderID = d.Reminder.ID
		out = append(out, each)
	}
	return out
}

// heldBack is the outcome of a delivery HeldBack keeps from going out.
func (s *Service) heldBack(d Delivery, why Message) DeliveryOutcome {
	s.log.Info("delivery held back", "reminder", d.Reminder.ID, "why", why.Text())
	return DeliveryOutcome{ReminderID: d.Reminder.ID, State: DeliveryStopped, Failure: why, Error: why.Text(), At: s.clock.Now(),
		Withdraw: d.Reminder.NewCharges()}
}

// finish records a letter's outcomes: one reminder's alone, several in one
// transaction.
func (s *Service) finish(ctx context.Context, outcomes []DeliveryOutcome) error {
	if len(outcomes) == 1 {
		return s.store.FinishDelivery(ctx, outcomes[0])
	}
	return s.store.FinishDeliveries(ctx, outcomes)
}

// postedLetter is the letter one of the invoice's reminders went out in
// (reminderLetter): for a reminder sharing a letter (Reminder.Group), that letter,
// its reminders not held back in the order delivery took them (by ID), so the
// details view and the file opened from a row show what the customer got. A
// reminder held back has only its own.
func (s *Service) postedLetter(ctx context.Context, invoiceID, reminderID int64) (Letter, error) {
	l, err := s.reminderLetter(ctx, invoiceID, reminderID)
	if err != nil || l.Reminder.Group == 0 || l.Reminder.State == DeliveryStopped {
		return l, err
	}
	rs, err := s.store.BatchReminders(ctx, l.Reminder.BatchID)
	if err != nil {
		return Letter{}, err
	}
	var parts []Letter
	for _, r := range rs {
		if r.Group != l.Reminder.Group || r.State == DeliveryStopped {
			continue
		}
		p, err := s.reminderLetter(ctx, r.InvoiceID, r.ID)
		if err != nil {
			return Letter{}, err
		}
		parts = append(parts, p)
	}
	slices.SortFunc(parts, func(a, b Letter) int { return cmp.Compare(a.Reminder.ID, b.Reminder.ID) })
	if len(parts) < 2 {
		return l, nil
	}
	lead := parts[0]
	lead.Others = parts[1:]
	return lead, nil
}
