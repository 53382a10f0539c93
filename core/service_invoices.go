package core

import (
	"context"
	"strings"
	"unicode"
)

// ListInvoices returns one page of the invoice list with the totals of all matches.
func (s *Service) ListInvoices(ctx context.Context, q InvoiceQuery) (InvoicePage, error) {
	if q.Limit <= 0 {
		q.Limit = DefaultPageSize
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	if q.Sort == "" {
		q.Sort = SortDueDate
	}
	q.Search = strings.TrimSpace(q.Search)
	return s.store.ListInvoices(ctx, q, s.Today())
}

// Invoice returns one invoice.
func (s *Service) Invoice(ctx context.Context, id int64) (Invoice, error) {
	return s.store.Invoice(ctx, id)
}

// CreateInvoice validates and stores a new invoice. An empty OCR reference is made
// from the invoice number's digits as the company's OCR agreement says, when it has
// any; a given one is checked by it.
func (s *Service) CreateInvoice(ctx context.Context, inv Invoice) (Invoice, error) {
	inv.Number = strings.TrimSpace(inv.Number)
	if inv.Currency == "" {
		inv.Currency = Currency
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return Invoice{}, err
	}
	if err := prepareInvoice(&inv, set.OCR); err != nil {
		return Invoice{}, err
	}
	created, err := s.store.CreateInvoice(ctx, inv)
	if err != nil {
		return Invoice{}, err
	}
	s.changed("invoice created")
	return created, nil
}

// prepareInvoice checks an invoice's own fields and fills its OCR reference, by the
// company's OCR agreement rule.
func prepareInvoice(inv *Invoice, rule OCRRule) error {
	if err := CheckDateRange(inv.InvoiceDate, inv.DueDate); err != nil {
		return err
	}
	data := map[string]any{"Number": inv.Number}
	switch {
	case inv.Number == "":
		return Errorf(EINVALID, "The invoice needs a number", nil)
	case inv.CustomerID == 0:
		return Errorf(EINVALID, "Choose a customer for invoice {{.Number}}", data)
	case inv.InvoiceDate.IsZero() || inv.DueDate.IsZero():
		return Errorf(EINVALID, "Invoice {{.Number}} needs an invoice date and a due date", data)
	case inv.DueDate.Before(inv.InvoiceDate):
		return Errorf(EINVALID, "The due date of invoice {{.Number}} is before its invoice date", data)
	case !inv.Total.IsPositive():
		return Errorf(EINVALID, "The amount of invoice {{.Number}} must be more than 0 kr", data)
	case inv.Paid.IsNegative() || inv.Paid.GreaterThan(inv.Total):
		return Errorf(EINVALID, "The paid amount of invoice {{.Number}} must be between 0 and the invoice amount", data)
	case inv.Currency != Currency:
		return Errorf(EINVALID, "Invoice {{.Number}} must be in SEK", data)
	}
	inv.Total, inv.Paid = RoundOre(inv.Total), RoundOre(inv.Paid)
	if inv.OCR != "" {
		// The message names the reference; an import's row error names its line.
		return CheckOCR(inv.OCR, rule)
	}
	if digits := onlyDigits(inv.Number); digits != "" && len(digits) <= 23 {
		ocr, err := MakeOCRFor(digits, rule)
		if err != nil {
			return err
		}
		inv.OCR = ocr
	}
	return nil
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) && r < 128 {
			return r
		}
		return -1
	}, s)
}

// RegisterPayment records a payment of at most the invoice's claim, allocated over
// the claim's parts in the book's order (Allocate, Settings.PaymentOrder).
func (s *Service) RegisterPayment(ctx context.Context, p Payment) (Invoice, error) {
	inv, err := s.store.Invoice(ctx, p.InvoiceID)
	if err != nil {
		return Invoice{}, err
	}
	claim, order, err := s.claimsOf(ctx, []Invoice{inv})
	if err != nil {
		return Invoice{}, err
	}
	open := claimOf(inv, claim)
	data := map[string]any{"Number": inv.Number}
	switch {
	case !p.Amount.IsPositive():
		return Invoice{}, Errorf(EINVALID, "The payment must be more than 0 kr", data)
	case p.Amount.GreaterThan(open.Sum()):
		return Invoice{}, Errorf(EINVALID, "The payment is larger than what remains of invoice {{.Number}}", data)
	}
	if p.Date.IsZero() {
		p.Date = s.Today()
	}
	if err := CheckDateRange(p.Date); err != nil {
		return Invoice{}, err
	}
	p.Amount = RoundOre(p.Amount)
	p.Parts, _ = Allocate(p.Amount, open, order)
	inv, err = s.store.RegisterPayment(ctx, p, s.clock.Now())
	if err == nil {
		s.changed("payment registered")
		s.WakeDelivery() // a payment on an invoice with Amili is reported to Amili
	}
	return inv, err
}
