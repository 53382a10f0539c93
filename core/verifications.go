package core

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Verifications books events as set says (core/RULES.md, "Bookkeeping export"): one
// verification per event that moves an account, in the order given. An event that
// books nothing under the method (a charge under kontantmetoden) gives none.
func Verifications(events []BookEvent, set BookkeepingSettings) ([]Verification, error) {
	out := make([]Verification, 0, len(events))
	for _, e := range events {
		v, ok, err := Book(e, set)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// Book is e's verification as set says; ok is false when e books nothing under the
// method. A verification that would not balance is an EINTERNAL error: a bug, never
// a file.
func Book(e BookEvent, set BookkeepingSettings) (v Verification, ok bool, err error) {
	lines := bookLines(e, set.Accounts.Effective(), set.Method)
	if len(lines) == 0 {
		return Verification{}, false, nil
	}
	v = Verification{Date: e.Date, Text: verificationText(e), Lines: lines}
	if !v.Balance().IsZero() {
		return Verification{}, false, Errorf(EINTERNAL, "A verification of {{.Text}} does not balance",
			map[string]any{"Text": v.Text})
	}
	return v, true, nil
}

// bookLines are e's lines on acc under method, lines of one account summed and
// zero lines left out.
func bookLines(e BookEvent, acc Accounts, method BookingMethod) []VerificationLine {
	p := e.Parts
	var l ledger
	switch e.Kind {
	case BookCharge, BookWaiver, BookCreditNote, BookInterestInvoice:
		if method == BookWhenPaid {
			return nil // kontantmetoden: booked when paid, if ever
		}
		l.add(acc.Receivables, p.Sum())
		l.add(acc.CreditNotes, p.Principal.Neg())
		l.revenue(acc, p)
	case BookPayment, BookCreditApplied, BookReversal:
		from := acc.Bank
		if e.Kind == BookCreditApplied || (e.Kind == BookReversal && e.Reversed == PaymentFromCredit) {
			from = acc.CustomerCredit
		}
		l.add(from, p.Sum())
		l.settle(e, acc, method)
	case BookCreditArose:
		l.add(acc.Bank, p.Sum())
		l.add(acc.CustomerCredit, p.Sum().Neg())
	case BookCreditRefunded:
		l.add(acc.CustomerCredit, p.Sum())
		l.add(acc.Bank, p.Sum().Neg())
	}
	return l.lines
}

// settle credits what a payment (or its reversal, negated) settles: under
// faktureringsmetoden the receivable alone; under kontantmetoden the charges are
// revenue now, and a räntefaktura's principal is interest revenue.
func (l *ledger) settle(e BookEvent, acc Accounts, method BookingMethod) {
	p := e.Parts
	if method != BookWhenPaid {
		l.add(acc.Receivables, p.Sum().Neg())
		return
	}
	if e.OnInterestInvoice {
		l.add(acc.Interest, p.Principal.Neg())
	} else {
		l.add(acc.Receivables, p.Principal.Neg())
	}
	l.revenue(acc, p)
}

// revenue credits p's charges to their revenue accounts (a negative part debits).
func (l *ledger) revenue(acc Accounts, p Parts) {
	l.add(acc.Fees, p.Fee.Neg())
	l.add(acc.Compensation, p.Compensation.Neg())
	l.add(acc.Interest, p.Interest.Neg())
}

// ledger gathers a verification's lines, one per account in first-booked order.
type ledger struct{ lines []VerificationLine }

func (l *ledger) add(account string, amount decimal.Decimal) {
	if amount.IsZero() {
		return
	}
	for i := range l.lines {
		if l.lines[i].Account == account {
			l.lines[i].Amount = l.lines[i].Amount.Add(amount)
			if l.lines[i].Amount.IsZero() {
				l.lines = append(l.lines[:i], l.lines[i+1:]...)
			}
			return
		}
	}
	l.lines = append(l.lines, VerificationLine{account, amount})
}

// verificationTexts are the verification texts, in Swedish: the books they go to
// are Swedish whatever language the window speaks.
var verificationTexts = map[BookEventKind]string{
	BookCharge:          "Påminnelse, faktura %s",
	BookWaiver:          "Eftergivna avgifter och ränta, faktura %s",
	BookCreditNote:      "Kreditering, faktura %s",
	BookInterestInvoice: "Räntefaktura %s",
	BookPayment:         "Inbetalning, faktura %s",
	BookCreditApplied:   "Tillgodo använt, faktura %s",
	BookReversal:        "Återförd betalning, faktura %s",
	BookCreditArose:     "Inbetalning till tillgodo, kund %s",
	BookCreditRefunded:  "Återbetalt tillgodo, kund %s",
}

// verificationText says what e was and whom it concerns.
func verificationText(e BookEvent) string {
	who := e.InvoiceNumber
	if e.Kind == BookCreditArose || e.Kind == BookCreditRefunded {
		who = e.CustomerNumber
	}
	return fmt.Sprintf(verificationTexts[e.Kind], who)
}
