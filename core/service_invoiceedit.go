package core

import (
	"context"
)

// The messages of changing and deleting an invoice.
const (
	msgLockedReminded = "Invoice {{.Number}} has been reminded, so the customer was told its amount and dates: it can no longer be changed or deleted, only credited"
	msgLockedPaid     = "Invoice {{.Number}} has payments registered: it can no longer be changed or deleted, only credited"
	msgLockedCredited = "Invoice {{.Number}} has been credited: it can no longer be changed or deleted, only credited further"
	msgLockedAmili    = "Invoice {{.Number}} has been handed over to Amili: it can no longer be changed or deleted, only credited"

	msgHistoryNumber      = "Invoice number changed from {{.Old}} to {{.New}}"
	msgHistoryCustomer    = "Customer changed from {{.Old}} to {{.New}}"
	msgHistoryInvoiceDate = "Invoice date changed from {{.Old}} to {{.New}}"
	msgHistoryDueDate     = "Due date changed from {{.Old}} to {{.New}}"
	msgHistoryAmount      = "Amount changed from {{.Old}} to {{.New}}"
	msgHistoryOCR         = "OCR reference changed from {{.Old}} to {{.New}}"
	msgHistoryDeleted     = "Invoice {{.Number}} of {{.Customer}}, {{.Amount}}, deleted"
)

// Locked returns why an invoice with this activity can no longer be changed or
// deleted (ECONFLICT), or nil while nothing was reminded, paid, credited or handed
// over: then what the customer and the books know of it is still only its draft.
func (a InvoiceActivity) Locked(number string) error {
	data := map[string]any{"Number": number}
	switch {
	case a.AmiliHandled:
		return Errorf(ECONFLICT, msgLockedAmili, data)
	case a.Reminders > 0:
		return Errorf(ECONFLICT, msgLockedReminded, data)
	case a.Payments > 0:
		return Errorf(ECONFLICT, msgLockedPaid, data)
	case a.CreditNotes > 0:
		return Errorf(ECONFLICT, msgLockedCredited, data)
	}
	return nil
}

// UpdateInvoice changes an invoice's number, customer, dates, amount and OCR
// reference (an empty one is made from a changed number, as CreateInvoice makes it) while nothing was reminded, paid, credited or handed over (ECONFLICT
// otherwise: credit it instead), checked as CreateInvoice checks a new one. Every
// field changed is written to the invoice's history with its old and new value, in
// the same transaction. A form saved unchanged writes nothing.
func (s *Service) UpdateInvoice(ctx context.Context, inv Invoice) (Invoice, error) {
	old, err := s.unlockedInvoice(ctx, inv.ID)
	if err != nil {
		return Invoice{}, err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return Invoice{}, err
	}
	inv.Paid, inv.Currency = old.Paid, Currency
	// An invoice that went out without an OCR reference keeps none unless its number
	// changes: the customer's copy has none to pay with.
	keepNoOCR := inv.OCR == "" && old.OCR == "" && inv.Number == old.Number
	if err := prepareInvoice(&inv, set.OCR); err != nil {
		return Invoice{}, err
	}
	if keepNoOCR {
		inv.OCR = ""
	}
	if inv.CustomerID != old.CustomerID {
		c, err := s.store.Customer(ctx, inv.CustomerID)
		if err != nil {
			return Invoice{}, err
		}
		inv.CustomerName = c.Name
	}
	history := invoiceChanges(old, inv)
	if len(history) == 0 {
		return old, nil
	}
	updated, err := s.store.UpdateInvoice(ctx, inv, history, s.clock.Now())
	if err != nil {
		return Invoice{}, err
	}
	s.changed("invoice updated")
	return updated, nil
}

// DeleteInvoice deletes an invoice while nothing was reminded, paid, credited or
// handed over (ECONFLICT otherwise: credit it instead). Its history keeps a line
// saying what was deleted.
func (s *Service) DeleteInvoice(ctx context.Context, id int64) error {
	inv, err := s.unlockedInvoice(ctx, id)
	if err != nil {
		return err
	}
	line := historyMessage(msgHistoryDeleted, map[string]string{"Number": inv.Number,
		"Customer": inv.CustomerName, "Amount": FormatSEK(inv.Total)})
	if err := s.store.DeleteInvoice(ctx, id, line, s.clock.Now()); err != nil {
		return err
	}
	s.changed("invoice deleted")
	return nil
}

// unlockedInvoice reads an invoice that may still be changed or deleted.
func (s *Service) unlockedInvoice(ctx context.Context, id int64) (Invoice, error) {
	inv, err := s.store.Invoice(ctx, id)
	if err != nil {
		return Invoice{}, err
	}
	act, err := s.store.InvoiceActivity(ctx, id)
	if err != nil {
		return Invoice{}, err
	}
	return inv, act.Locked(inv.Number)
}

// invoiceChanges is a history line for each field that differs between old and
// new, with both values as the user sees them.
func invoiceChanges(old, inv Invoice) []Message {
	var out []Message
	add := func(template, from, to string) {
		if from != to {
			out = append(out, historyMessage(template, map[string]string{"Old": from, "New": to}))
		}
	}
	add(msgHistoryNumber, old.Number, inv.Number)
	if old.CustomerID != inv.CustomerID { // two customers may share a name
		out = append(out, historyMessage(msgHistoryCustomer, map[string]string{"Old": old.CustomerName, "New": inv.CustomerName}))
	}
	add(msgHistoryInvoiceDate, old.InvoiceDate.String(), inv.InvoiceDate.String())
	add(msgHistoryDueDate, old.DueDate.String(), inv.DueDate.String())
	add(msgHistoryAmount, FormatSEK(old.Total), FormatSEK(inv.Total))
	add(msgHistoryOCR, old.OCR, inv.OCR)
	return out
}

// InvoiceHistory returns the lines of an invoice's history, oldest first.
func (s *Service) InvoiceHistory(ctx context.Context, invoiceID int64) ([]HistoryEntry, error) {
	return s.store.InvoiceHistory(ctx, invoiceID)
}

// InvoiceActivity tells what happened to an invoice that fixes it: with none, it may
// still be changed or deleted (the GUI offers Ändra and Ta bort by it).
func (s *Service) InvoiceActivity(ctx context.Context, invoiceID int64) (InvoiceActivity, error) {
	return s.store.InvoiceActivity(ctx, invoiceID)
}
