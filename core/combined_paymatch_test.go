package core

import (
	"testing"

	"github.com/shopspring/decimal"
)

// How the bank payments of a letter several invoices share (issue 22) are matched,
// which the letter's payment note (data/letter, combinedNote) and core/RULES.md ("One
// letter per customer") rest on: a payment per invoice under its OCR number pays
// each; the invoice numbers together in the message of one payment pay them all, in
// order; one payment of the total under one OCR number pays that invoice and the
// rest is the customer's credit, not lost, for the owner to apply.
func TestPaymentsOfASharedLetterFindTheirInvoices(t *testing.T) {
	ocr := func(base string) string {
		s, err := MakeOCR(base, false)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	customers := []Customer{{ID: 1, Number: "K1", Name: "Berg & Co AB", IDNumber: "556123-4567"}}
	invoices := []Invoice{
		{ID: 1, Number: "1001", CustomerID: 1, OCR: ocr("1001"), Total: decimal.NewFromInt(1000)},
		{ID: 2, Number: "1002", CustomerID: 1, OCR: ocr("1002"), Total: decimal.NewFromInt(2000)},
	}
	tests := []struct {
		name     string
		payments []BankPayment
		want     []PaymentOutcome
		credit   string // the customer's credit after the payments
	}{
		{"a payment per invoice under its OCR number pays each",
			[]BankPayment{{Key: "a", Reference: ocr("1001"), Amount: decimal.NewFromInt(1000)},
				{Key: "b", Reference: ocr("1002"), Amount: decimal.NewFromInt(2000)}},
			[]PaymentOutcome{OutcomeFull, OutcomeFull}, "0"},
		{"one payment naming both invoice numbers pays both",
			[]BankPayment{{Key: "c", Message: "Faktura 1001 och 1002", Amount: decimal.NewFromInt(3000)}},
			[]PaymentOutcome{OutcomeFull}, "0"},
		{"one payment of the total under the first OCR number pays it and leaves the rest as credit",
			[]BankPayment{{Key: "d", Reference: ocr("1001"), Amount: decimal.NewFromInt(3000)}},
			[]PaymentOutcome{OutcomeOver}, "2000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newMatcher(PaymentLookups{Invoices: invoices, Registered: map[string]bool{}}, newPayers(customers),
				customers, nil, nil, PayCostsFirst)
			credit := decimal.Zero
			for i, p := range tc.payments {
				r := m.row(p, PaymentChoice{})
				if r.Outcome != tc.want[i] {
					t.Errorf("payment %s: %s, want %s", p.Key, r.Outcome, tc.want[i])
				}
				credit = credit.Add(r.Credit)
			}
			if !credit.Equal(decimal.RequireFromString(tc.credit)) {
				t.Errorf("credit %s, want %s", credit, tc.credit)
			}
		})
	}
}
