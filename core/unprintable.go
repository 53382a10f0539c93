package core

import (
	"context"
	"slices"
)

// UnprintableText is a name, address or number that a letter cannot print: the
// characters its fonts lack would show as "." or a gap.
type UnprintableText struct {
	// InvoiceNumber is the invoice whose letter holds Text, quoted by Excerpt; ""
	// for the company's own details, which every letter holds.
	InvoiceNumber string
	Text          string // quoted by Excerpt
}

// UnprintableInLetters lists what the letters of a batch of type t for the given
// invoices cannot print, for the user to be told before sending. A reminder by e-mail
// carries its letter too; a batch through Amili has none (Amili prints its own), and
// neither has a program that writes no letters.
func (s *Service) UnprintableInLetters(ctx context.Context, t ReminderType, invoiceIDs []int64) ([]UnprintableText, error) {
	if s.channels.Letter == nil || !slices.ContainsFunc(t.Channels(), carriesLetter) {
		return nil, nil
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.InvoicesForReminder(ctx, invoiceIDs)
	if err != nil {
		return nil, err
	}
	var out []UnprintableText
	for _, text := range s.channels.Letter.Unprintable(Letter{Company: set.Company}) {
		out = append(out, UnprintableText{Text: text})
	}
	for _, c := range cs {
		for _, text := range s.channels.Letter.Unprintable(Letter{Customer: *c.Customer, Invoice: c.Invoice}) {
			out = append(out, UnprintableText{InvoiceNumber: Excerpt(c.Invoice.Number), Text: text})
		}
	}
	return out, nil
}

// carriesLetter says whether a reminder that goes by ch carries the PDF letter.
func carriesLetter(ch Channel) bool {
	switch ch {
	case ChannelLetter, ChannelEmail:
		return true
	case ChannelAmili:
		return false
	}
	return false
}
