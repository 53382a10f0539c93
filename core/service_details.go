package core

import (
	"context"
	"strings"
)

// InvoiceDetails returns everything the book holds about one invoice, for its
// details view: the claim line by line (InvoiceDetails.ClaimLines), payments,
// reminders with their delivery, the Amili case's reports and the recorded changes.
// It reads the book once and changes nothing.
func (s *Service) InvoiceDetails(ctx context.Context, id int64) (InvoiceDetails, error) {
	return s.store.InvoiceDetails(ctx, id)
}

// CustomerDetails returns one customer with their invoices and what became of their
// credit, for the customer's details view. It reads the book once and changes nothing.
func (s *Service) CustomerDetails(ctx context.Context, id int64) (CustomerDetails, error) {
	return s.store.CustomerDetails(ctx, id)
}

// SentEmail is a reminder e-mail as Påminn writes it: recipient, subject and body.
type SentEmail struct {
	To        string
	Subject   string
	Body      string
	MessageID string // the Message-ID it went with, without its angle brackets; "" while not sent
}

// ReminderLetterPDF renders the letter of one of the invoice's reminders, as a PDF:
// the letter printed or attached to the e-mail, from the reminder's figures as
// stored. A hand-over to Amili has no letter from Påminn (EINVALID).
func (s *Service) ReminderLetterPDF(ctx context.Context, invoiceID, reminderID int64) ([]byte, error) {
	l, err := s.postedLetter(ctx, invoiceID, reminderID)
	if err != nil {
		return nil, err
	}
	if s.channels.Letter == nil {
		return nil, Errorf(EUNAVAILABLE, "Letters cannot be written from this program", nil)
	}
	return s.channels.Letter.RenderLetter(l)
}

// ReminderEmail is the e-mail of one of the invoice's reminders as Påminn writes it
// (the letter as its text, the PDF attached), from the reminder's figures as stored
// and the customer's address as it is now. Only an e-mailed reminder has one (EINVALID).
func (s *Service) ReminderEmail(ctx context.Context, invoiceID, reminderID int64) (SentEmail, error) {
	l, err := s.postedLetter(ctx, invoiceID, reminderID)
	if err != nil {
		return SentEmail{}, err
	}
	data := map[string]any{"Number": l.Invoice.Number}
	if !l.Reminder.Channel.SendsEmail() {
		return SentEmail{}, Errorf(EINVALID, "This reminder of invoice {{.Number}} was not sent by e-mail", data)
	}
	if s.channels.Mail == nil {
		return SentEmail{}, Errorf(EUNAVAILABLE, "E-mail cannot be sent from this program", nil)
	}
	subject, body := s.channels.Mail.Compose(l)
	e := SentEmail{To: l.Customer.Email, Subject: subject, Body: body}
	if l.Reminder.State == DeliverySent {
		e.MessageID = strings.Trim(l.Reminder.ExternalRef, "<>")
	}
	return e, nil
}

// reminderLetter is what one of the invoice's reminders says, with the company as
// the settings name it now; EINVALID for a hand-over to Amili, which Amili writes.
func (s *Service) reminderLetter(ctx context.Context, invoiceID, reminderID int64) (Letter, error) {
	d, err := s.store.InvoiceDetails(ctx, invoiceID)
	if err != nil {
		return Letter{}, err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return Letter{}, err
	}
	for _, r := range d.Reminders {
		if r.ID != reminderID {
			continue
		}
		if !r.Channel.WritesLetter() {
			return Letter{}, Errorf(EINVALID, "Amili writes its own reminders: invoice {{.Number}} has no letter from Påminn",
				map[string]any{"Number": d.Invoice.Number})
		}
		return Letter{Company: set.Company, Customer: d.Customer, Invoice: d.Invoice, Reminder: r}, nil
	}
	return Letter{}, Errorf(ENOTFOUND, "Invoice {{.Number}} has no such reminder", map[string]any{"Number": d.Invoice.Number})
}
