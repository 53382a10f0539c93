package core

import (
	"context"
	"strings"
	"unicode/utf8"
)

// WaiveCharges lets go of what remains of the reminder fees, förseningsersättning
// and interest of the given invoices, with a reason: one waiver entry per invoice
// with costs or interest open, each of exactly what is open of each part (never
// more than is owed), written in one transaction or none. The entries are the
// record: the invoice's history shows them. It returns the waivers written.
// Refused: an empty or overlong reason, an unknown invoice, and a selection with
// nothing to waive.
func (s *Service) WaiveCharges(ctx context.Context, invoiceIDs []int64, reason string) ([]ClaimEntry, error) {
	reason = strings.TrimSpace(reason)
	if err := checkWaiverReason(reason); err != nil {
		return nil, err
	}
	claims, err := s.store.OpenParts(ctx, invoiceIDs)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	var waivers []ClaimEntry
	for _, id := range invoiceIDs {
		open, ok := claims[id]
		if !ok {
			return nil, Errorf(ENOTFOUND, "Invoice {{.ID}} does not exist", map[string]any{"ID": id})
		}
		if let := roundParts(OpenCharges(open)); let.Sum().IsPositive() {
			waivers = append(waivers, ClaimEntry{InvoiceID: id, Kind: EntryWaiver, Date: today, Parts: let.Neg(), Reason: reason})
		}
	}
	if len(waivers) == 0 {
		return nil, Errorf(EINVALID, "The chosen invoices have no costs or interest left to waive", nil)
	}
	if err := s.store.WaiveCharges(ctx, waivers, s.clock.Now()); err != nil {
		return nil, err
	}
	s.changed("charges waived")
	return waivers, nil
}

// checkWaiverReason refuses an empty reason and one longer than maxReasonRunes
// (corrections.go): a waiver, like a correction, always says why.
func checkWaiverReason(reason string) error {
	switch {
	case reason == "":
		return Errorf(EINVALID, "Give a reason for the waiver", nil)
	case utf8.RuneCountInString(reason) > maxReasonRunes:
		return Errorf(EINVALID, "The reason is too long: at most {{.Max}} characters", map[string]any{"Max": maxReasonRunes})
	}
	return nil
}
