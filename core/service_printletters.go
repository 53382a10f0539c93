package core

import (
	"context"
	"fmt"
)

// This file is printing reminder letters (issue 22, "print when wanted"): a batch's
// posted letters as one PDF, and one reminder's letter, as files in the letters
// folder for the desktop to open.

// BatchLettersFile writes the letters the batch posted (sent by letter, in the
// batch's order) as one PDF in the letters folder and returns its path; the same
// batch again returns the file written before. A letter held back, failed or not yet
// written is not among them: only what went out is printed. EINVALID when the batch
// has no such letter.
func (s *Service) BatchLettersFile(ctx context.Context, batchID int64) (string, error) {
	rs, err := s.store.BatchReminders(ctx, batchID)
	if err != nil {
		return "", err
	}
	var ls []Letter
	shared := map[int64]int{} // a shared letter's place in ls, by its Group (issue 22)
	for _, r := range rs {
		if !r.Channel.KeepsLetterFile() || r.State != DeliverySent {
			continue
		}
		l, err := s.reminderLetter(ctx, r.InvoiceID, r.ID)
		if err != nil {
			return "", err
		}
		if i, ok := shared[r.Group]; ok && r.Group != 0 {
			ls[i].Others = append(ls[i].Others, l) // printed as it was posted: one letter
			continue
		}
		shared[r.Group] = len(ls)
		ls = append(ls, l)
	}
	if len(ls) == 0 {
		return "", Errorf(EINVALID, "The batch has no posted letters to print", nil)
	}
	dir, err := s.LettersFolder(ctx)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("Paminnelser-%s-batch%d.pdf", ls[0].Reminder.Date, batchID)
	return s.channels.Letter.WriteLetters(ctx, dir, name, ls)
}

// ReminderLetterFile writes the letter of one of the invoice's reminders to the
// letters folder (the file it was posted as, when it was) and returns its path:
// the letter printed or attached to the e-mail, from the reminder's figures as
// stored. EINVALID for a hand-over to Amili, which Amili writes, and for a reminder
// held back, which was never sent.
func (s *Service) ReminderLetterFile(ctx context.Context, invoiceID, reminderID int64) (string, error) {
	l, err := s.postedLetter(ctx, invoiceID, reminderID)
	if err != nil {
		return "", err
	}
	switch l.Reminder.State {
	case DeliveryStopped:
		return "", Errorf(EINVALID, "The reminder of invoice {{.Number}} was held back and never sent: it has no letter to open",
			map[string]any{"Number": Excerpt(l.Invoice.Number)})
	case DeliveryPending, DeliverySending, DeliverySent, DeliveryFailed:
	}
	dir, err := s.LettersFolder(ctx)
	if err != nil {
		return "", err
	}
	return s.channels.Letter.WriteLetter(ctx, dir, l)
}
