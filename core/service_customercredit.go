package core

import (
	"context"

	"github.com/shopspring/decimal"
)

// The messages of using a customer's credit (tillgodo).
const (
	msgCreditNotTheirs      = "Invoice {{.Number}} is not {{.Customer}}'s: a customer's credit pays only their own invoices"
	msgCreditTooLittle      = "{{.Customer}} has {{.Credit}} in credit, less than {{.Amount}}"
	msgCreditAboveClaim     = "{{.Amount}} is more than the {{.Remaining}} that remains of invoice {{.Number}}"
	msgHistoryCreditApplied = "{{.Amount}} of the customer's credit applied"
)

// ApplyCredit pays an open invoice of the customer's with amount of their credit
// (tillgodo): a payment of kind PaymentFromCredit allocated like money, and the use
// recorded against the credit, in one transaction, and in the invoice's history. On
// an invoice with Amili it is reported to Amili like any payment. Refused, changing
// nothing: an amount not above 0 kr, more than the customer's credit or than what
// remains of the invoice, an invoice of another customer.
func (s *Service) ApplyCredit(ctx context.Context, customerID, invoiceID int64, amount decimal.Decimal) (Invoice, error) {
	amount, err := checkCorrectionAmount(amount)
	if err != nil {
		return Invoice{}, err
	}
	inv, err := s.store.Invoice(ctx, invoiceID)
	if err != nil {
		return Invoice{}, err
	}
	c, err := s.store.Customer(ctx, customerID)
	if err != nil {
		return Invoice{}, err
	}
	if err := s.checkCreditUse(ctx, c, amount); err != nil {
		return Invoice{}, err
	}
	claims, order, err := s.claimsOf(ctx, []Invoice{inv})
	if err != nil {
		return Invoice{}, err
	}
	claim := claimOf(inv, claims)
	data := map[string]any{"Number": inv.Number, "Customer": c.Name, "Amount": FormatSEK(amount),
		"Remaining": FormatSEK(claim.Sum())}
	switch {
	case inv.CustomerID != c.ID:
		return Invoice{}, Errorf(EINVALID, msgCreditNotTheirs, data)
	case amount.GreaterThan(claim.Sum()):
		return Invoice{}, Errorf(EINVALID, msgCreditAboveClaim, data)
	}
	// Credit applied settles the claim as money paid does: in the book's order.
	parts, _ := Allocate(amount, claim, order)
	use := CreditUse{Kind: CreditApplied, CustomerID: c.ID, InvoiceID: inv.ID, Date: s.Today(), Amount: amount,
		Parts: parts, History: historyMessage(msgHistoryCreditApplied,
			map[string]string{"Amount": FormatSEK(amount)})}
	if inv, err = s.store.ApplyCredit(ctx, use, s.clock.Now()); err != nil {
		return Invoice{}, err
	}
	s.changed("customer credit applied")
	s.WakeDelivery() // a payment on an invoice with Amili is reported to Amili
	return inv, nil
}

// RefundCredit records that amount of the customer's credit was paid back to them,
// with a reason. Refused, changing nothing: an amount not above 0 kr or more than the
// customer's credit, an empty reason, an unknown customer.
func (s *Service) RefundCredit(ctx context.Context, customerID int64, amount decimal.Decimal, reason string) error {
	amount, err := checkCorrectionAmount(amount)
	if err != nil {
		return err
	}
	if reason, err = checkReason(reason); err != nil {
		return err
	}
	c, err := s.store.Customer(ctx, customerID)
	if err != nil {
		return err
	}
	if err := s.checkCreditUse(ctx, c, amount); err != nil {
		return err
	}
	use := CreditUse{Kind: CreditRefunded, CustomerID: c.ID, Date: s.Today(), Amount: amount, Reason: reason}
	if err := s.store.RefundCredit(ctx, use, s.clock.Now()); err != nil {
		return err
	}
	s.changed("customer credit refunded")
	return nil
}

// checkCreditUse refuses a use of more credit than the customer has.
func (s *Service) checkCreditUse(ctx context.Context, c Customer, amount decimal.Decimal) error {
	credit, err := s.store.CustomerCredit(ctx, c.ID)
	if err != nil {
		return err
	}
	if amount.GreaterThan(credit) {
		return Errorf(EINVALID, msgCreditTooLittle, map[string]any{"Customer": c.Name,
			"Credit": FormatSEK(credit), "Amount": FormatSEK(amount)})
	}
	return nil
}
