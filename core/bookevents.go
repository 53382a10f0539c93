package core

import "github.com/shopspring/decimal"

// BookEventKind is what happened to the money, as the bookkeeping export reads it.
type BookEventKind string

// The events the export books, each read from its own row (Store.BookEvents).
const (
	// BookCharge is a claim entry of kind charge: what a committed reminder charged.
	BookCharge BookEventKind = "charge"
	// BookWaiver is a claim entry of kind waiver (negative parts).
	BookWaiver BookEventKind = "waiver"
	// BookCreditNote is a claim entry of kind credit_note (negative principal).
	BookCreditNote BookEventKind = "credit_note"
	// BookInterestInvoice is a räntefaktura issued (invoices.interest_for != 0); its
	// Parts.Interest is its total.
	BookInterestInvoice BookEventKind = "interest_invoice"
	// BookPayment is money received on an invoice, by its allocation.
	BookPayment BookEventKind = "payment"
	// BookCreditApplied is a customer's credit applied to an invoice (a payment of
	// kind credit), by its allocation.
	BookCreditApplied BookEventKind = "credit_applied"
	// BookReversal undoes a payment (every part negated); Reversed says of which kind.
	BookReversal BookEventKind = "reversal"
	// BookCreditArose is money received beyond the claim, kept as the customer's
	// credit (customer_credits); Parts.Principal is the amount.
	BookCreditArose BookEventKind = "credit_arose"
	// BookCreditRefunded is a customer's credit paid back (customer_credit_uses of
	// kind refunded); Parts.Principal is the amount.
	BookCreditRefunded BookEventKind = "credit_refunded"
)

// BookEvent is one event of the money on one date, as the store read it.
type BookEvent struct {
	Kind BookEventKind
	ID   int64 // the row's id in its own table: with Kind, unique
	Date Date
	// InvoiceNumber and CustomerNumber name whom it concerns ("" for none).
	InvoiceNumber  string
	CustomerNumber string
	Parts          Parts // signed as stored (core/claim.go)
	// OnInterestInvoice is whether the invoice is a räntefaktura: its principal is
	// interest revenue.
	OnInterestInvoice bool
	// Reversed is the kind of the payment a reversal undoes (PaymentMoney or
	// PaymentFromCredit).
	Reversed PaymentKind
}

// Verification is one balanced entry of the books: its lines sum to zero.
type Verification struct {
	Date  Date
	Text  string
	Lines []VerificationLine
}

// VerificationLine books Amount on Account: a debit positive, a credit negative, as
// SIE writes them.
type VerificationLine struct {
	Account string
	Amount  decimal.Decimal
}

// Balance is the sum of v's lines (zero when v balances).
func (v Verification) Balance() decimal.Decimal {
	sum := decimal.Zero
	for _, l := range v.Lines {
		sum = sum.Add(l.Amount)
	}
	return sum
}
