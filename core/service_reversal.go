package core

import (
	"context"
)

// The messages of undoing a payment.
const (
	msgReversedBefore       = "The payment of {{.Amount}} on {{.Date}} on invoice {{.Number}} was undone before"
	msgReversalOfUndo       = "This entry undoes a payment; it cannot be undone itself"
	msgReportedToAmili      = "The payment of {{.Amount}} on {{.Date}} is reported to Amili with the case of invoice {{.Number}}. Amili keeps the case's account itself and Påminn cannot take a payment back from it, so it cannot be undone here: ask Amili to correct the payment."
	msgHistoryPaymentUndone = "Payment of {{.Amount}} on {{.Date}} undone: {{.Reason}}"
)

// ReversePayment undoes a payment, with a reason: a reversal entry negating every
// part of it (the payment itself is never deleted), which reopens the invoice by as
// much and is written to its history. The payment's bank key stays, so importing its
// bank file again still registers nothing twice. Refused, changing nothing: an
// unknown payment (ENOTFOUND), one undone before or itself a reversal (ECONFLICT),
// one reported to Amili (ECONFLICT: Amili keeps the case's account), an empty reason.
func (s *Service) ReversePayment(ctx context.Context, paymentID int64, reason string) (Invoice, error) {
	reason, err := checkReason(reason)
	if err != nil {
		return Invoice{}, err
	}
	p, err := s.store.Payment(ctx, paymentID)
	if err != nil {
		return Invoice{}, err
	}
	inv, err := s.store.Invoice(ctx, p.InvoiceID)
	if err != nil {
		return Invoice{}, err
	}
	if err := checkReversible(p, inv); err != nil {
		return Invoice{}, err
	}
	today := s.Today()
	req := PaymentReversalRequest{PaymentID: p.ID, InvoiceID: inv.ID, Date: today, Reason: reason,
		History: historyMessage(msgHistoryPaymentUndone, map[string]string{
			"Amount": FormatSEK(p.Amount), "Date": p.Date.String(), "Reason": reason})}
	if inv, err = s.store.ReversePayment(ctx, req, s.clock.Now()); err != nil {
		return Invoice{}, err
	}
	s.changed("payment reversed")
	return inv, nil
}

// checkReversible refuses to undo a reversal, a payment undone before, and one
// reported to Amili, saying why.
func checkReversible(p PaymentRecord, inv Invoice) error {
	data := map[string]any{"Amount": FormatSEK(p.Amount), "Date": p.Date.String(), "Number": inv.Number}
	switch {
	case p.Kind == PaymentReversal:
		return Errorf(ECONFLICT, msgReversalOfUndo, nil)
	case p.ReversedBy != 0:
		return Errorf(ECONFLICT, msgReversedBefore, data)
	case p.AmiliReport != "":
		return Errorf(ECONFLICT, msgReportedToAmili, data)
	}
	return nil
}

// Payment returns one payment with whether it was undone and reported to Amili
// (ENOTFOUND for an unknown one).
func (s *Service) Payment(ctx context.Context, paymentID int64) (PaymentRecord, error) {
	return s.store.Payment(ctx, paymentID)
}
