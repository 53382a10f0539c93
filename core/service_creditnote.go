package core

import (
	"context"
	"strings"
)

// The messages of crediting an invoice.
const (
	msgCreditAbovePrincipal = "The credit of {{.Amount}} is larger than the {{.Remaining}} of invoice {{.Number}}'s amount that is unpaid"
	msgHistoryCredited      = "Credited {{.Amount}}: {{.Reason}}"
)

// CreditInvoice records a credit note on an invoice, in full or in part, with a
// reason: a 'credit_note' claim entry of negative principal, the principal settled
// (paid) raised by as much, and a line in the invoice's history, in one transaction;
// when the invoice is with Amili, the crediting is reported to Amili so its claim
// goes down too. Refused, changing nothing: an amount not above 0 kr or larger than
// the unpaid principal (a credit note takes back invoiced amount, not costs or
// interest: those are waived), an empty reason.
func (s *Service) CreditInvoice(ctx context.Context, c Credit) (Invoice, error) {
	inv, err := s.store.Invoice(ctx, c.InvoiceID)
	if err != nil {
		return Invoice{}, err
	}
	if c.Amount, err = checkCorrectionAmount(c.Amount); err != nil {
		return Invoice{}, err
	}
	if c.Amount.GreaterThan(inv.Balance()) {
		return Invoice{}, Errorf(EINVALID, msgCreditAbovePrincipal, map[string]any{"Number": inv.Number,
			"Amount": FormatSEK(c.Amount), "Remaining": FormatSEK(inv.Balance())})
	}
	if c.Reason, err = checkReason(c.Reason); err != nil {
		return Invoice{}, err
	}
	if c.Date.IsZero() {
		c.Date = s.Today()
	}
	if err := CheckDateRange(c.Date); err != nil {
		return Invoice{}, err
	}
	c.Number = strings.TrimSpace(c.Number)
	c.History = historyMessage(msgHistoryCredited, map[string]string{"Amount": FormatSEK(c.Amount), "Reason": c.Reason})
	if inv, err = s.store.CreditInvoice(ctx, c, s.clock.Now()); err != nil {
		return Invoice{}, err
	}
	s.changed("invoice credited")
	s.WakeDelivery()
	return inv, nil
}
