package core

import "github.com/shopspring/decimal"

// PaymentOutcome is what registering a bank file's payment would do.
type PaymentOutcome string

// The outcomes, in the order the preview totals them.
const (
	OutcomeFull   PaymentOutcome = "full"   // pays the invoice's balance exactly
	OutcomePartly PaymentOutcome = "partly" // pays part of the balance
	// OutcomePrincipalOnly pays exactly the unpaid invoice amount of one invoice while
	// costs or interest a reminder charged remain (the rest of the claim is shown, and
	// the owner may waive it: PaymentChoice.WaiveReason).
	OutcomePrincipalOnly PaymentOutcome = "principal_only"
	OutcomeOver          PaymentOutcome = "over"         // pays the balance; the surplus becomes a customer credit
	OutcomeAmili         PaymentOutcome = "amili"        // pays an invoice with Amili, which is told of it
	OutcomeAlreadyPaid   PaymentOutcome = "already_paid" // the invoice is paid: the whole amount becomes a customer credit
	OutcomeSuggested     PaymentOutcome = "suggested"    // amount and payer name fit one invoice; registered once the user confirms
	OutcomeNoMatch       PaymentOutcome = "no_match"     // no invoice found; nothing is registered
	OutcomeDeduction     PaymentOutcome = "deduction"    // a BGMax deduction: it lowers the deposit, nothing is registered
	OutcomeSkipped       PaymentOutcome = "skipped"      // the user chose to leave it out
	OutcomeImported      PaymentOutcome = "imported"     // registered from an earlier file: never twice
	// OutcomeElsewhere is a payment registered from another file (say the BGMax file
	// of the same money as this camt.054): the same account, date, amount and
	// reference. Never twice.
	OutcomeElsewhere PaymentOutcome = "elsewhere"
)

// PaymentOutcomes lists every outcome in the preview's order.
var PaymentOutcomes = []PaymentOutcome{OutcomeFull, OutcomePartly, OutcomePrincipalOnly, OutcomeOver, OutcomeAmili, OutcomeAlreadyPaid,
	OutcomeSuggested, OutcomeNoMatch, OutcomeDeduction, OutcomeSkipped, OutcomeImported, OutcomeElsewhere}

// Registers reports whether registering the import writes anything for the outcome.
func (o PaymentOutcome) Registers() bool {
	switch o {
	case OutcomeFull, OutcomePartly, OutcomePrincipalOnly, OutcomeOver, OutcomeAmili, OutcomeAlreadyPaid:
		return true
	case OutcomeSuggested, OutcomeNoMatch, OutcomeDeduction, OutcomeSkipped, OutcomeImported, OutcomeElsewhere:
		return false
	}
	return false
}

// MatchKind says how a payment found its invoice.
type MatchKind string

// The ways a payment is matched, most certain first.
const (
	MatchNone       MatchKind = ""
	MatchOCR        MatchKind = "ocr"        // the reference is the invoice's OCR number
	MatchNumber     MatchKind = "number"     // the invoice number is in the reference or message
	MatchSuggestion MatchKind = "suggestion" // the amount and payer name fit one open invoice
	MatchChosen     MatchKind = "chosen"     // the user picked the invoice
)

// PaymentChoice is what the user decided for one payment in the preview.
type PaymentChoice struct {
	Skip          bool
	InvoiceNumber string // match this invoice instead
	Confirm       bool   // accept the suggested invoice
	// WaiveReason, when not empty, waives what is open of the costs and interest of
	// the invoice the payment pays (the first it names) before the payment is
	// allocated, with this reason: one click on a payment of the invoice amount.
	WaiveReason string
}

// PaymentRow is one payment of a bank file with its match and outcome.
type PaymentRow struct {
	Payment BankPayment
	// Invoice is the (first) invoice the payment pays, or the one suggested; zero
	// when nothing matched.
	Invoice Invoice
	Match   MatchKind
	Outcome PaymentOutcome
	// Splits are what the payment pays on each invoice it names, in order (one for
	// most payments; a BGMax payment with extra references may pay several).
	Splits  []PaymentSplit
	Applied decimal.Decimal // what goes to the invoices, in all
	Credit  decimal.Decimal // the surplus kept as a credit on the customer
	// Balance is what the invoices' claims were before this payment (after earlier
	// rows of the file and the waiver), in all.
	Balance decimal.Decimal
	// Waived is what the user's choice waives of the costs and interest of Invoice
	// before the payment (positive parts; zero when nothing), with WaiveReason.
	Waived      Parts
	WaiveReason string
}

// Left is what remains of the claims the row pays after it.
func (r PaymentRow) Left() decimal.Decimal { return r.Balance.Sub(r.Applied) }

// PaymentSplit is the part of a payment that goes to one invoice.
type PaymentSplit struct {
	Invoice   Invoice
	Balance   decimal.Decimal // the claim before this payment
	Principal decimal.Decimal // the unpaid invoice amount before this payment
	Applied   decimal.Decimal
	Parts     Parts // Applied allocated over the claim
}

// Numbers lists the invoice numbers the row pays (or the suggested one).
func (r PaymentRow) Numbers() []string {
	if len(r.Splits) == 0 {
		if r.Invoice.Number == "" {
			return nil
		}
		return []string{r.Invoice.Number}
	}
	out := make([]string, len(r.Splits))
	for i, sp := range r.Splits {
		out[i] = sp.Invoice.Number
	}
	return out
}

// OutcomeTotal counts and sums the payments of one outcome.
type OutcomeTotal struct {
	Outcome PaymentOutcome
	Count   int
	Amount  decimal.Decimal
}

// PaymentImport is the preview of a bank file: every payment with its match and
// outcome, the totals per outcome (which add up to the file's own total) and the
// user's choices so far. Nothing has been written.
type PaymentImport struct {
	File   BankFile
	Rows   []PaymentRow
	Totals []OutcomeTotal // one per PaymentOutcomes entry, in that order
	// Choices are the user's, by BankPayment.Key; PlanPayments applies them.
	Choices map[string]PaymentChoice
}

// Total returns the count and amount of one outcome.
func (imp PaymentImport) Total(o PaymentOutcome) OutcomeTotal {
	for _, t := range imp.Totals {
		if t.Outcome == o {
			return t
		}
	}
	return OutcomeTotal{Outcome: o}
}

// ToRegister counts the payments registering would write.
func (imp PaymentImport) ToRegister() int {
	n := 0
	for _, r := range imp.Rows {
		if r.Outcome.Registers() {
			n++
		}
	}
	return n
}

// NothingNew reports whether the file was imported before: payments of it were
// registered from an earlier file and nothing else in it can be registered.
func (imp PaymentImport) NothingNew() bool {
	return imp.Total(OutcomeImported).Count+imp.Total(OutcomeElsewhere).Count > 0 && imp.ToRegister() == 0
}

// PaymentImportResult is what Registrera betalningar wrote.
type PaymentImportResult struct {
	Payments int             // payments registered on invoices
	Amount   decimal.Decimal // their sum
	Credits  decimal.Decimal // kept as customer credits
	Amili    int             // payments on invoices with Amili
}

// BankRegistration is one bank payment to write: Applied to the invoice (through the
// same store function as a payment typed in by hand) and Credit to the customer.
type BankRegistration struct {
	Payment    Payment // not written when its Amount is zero (a payment all credit)
	CustomerID int64
	Credit     decimal.Decimal
	// CreditInvoiceID is the invoice the credit's payment named, 0 for none.
	CreditInvoiceID int64
	// BankRef is the bank payment's BankRef, on the first registration of it only,
	// so the same money in another file is recognised.
	BankRef string
	// Waiver, when its Kind is EntryWaiver, is written before the payment: the
	// costs and interest the owner let go when the payment paid the invoice amount.
	Waiver ClaimEntry
}

// PaymentRecord is a payment registered on an invoice, for the invoice's history:
// money in, customer credit applied, or the reversal of either.
type PaymentRecord struct {
	ID        int64
	InvoiceID int64
	Kind      PaymentKind
	Date      Date
	Amount    decimal.Decimal
	Parts     Parts  // its allocation (a reversal's negated)
	Source    string // the bank file it came from; "" when typed in
	Reverses  int64  // a reversal: the payment it undoes; 0 otherwise
	Reason    string // a reversal's reason
	// ReversedBy is the reversal that undid the payment, 0 when none did.
	ReversedBy int64
	// AmiliReport is the state of the payment's report to Amili, "" when it was not
	// reported (the invoice had no open case when it was paid).
	AmiliReport DeliveryState
	// By is who registered the payment or reversal: a server book's user, "" on a
	// file (issue 24).
	By string
}

// PaymentQuery is what matching a bank file asks the book.
type PaymentQuery struct {
	OCRs     []string // OCR references
	Numbers  []string // words that may be invoice numbers
	Keys     []string // the file's payment keys (BankPayment.Key)
	BankRefs []string // the file's payments as any file shows them (BankPayment.BankRef)
}

// PaymentLookups is what matching needs from the book, read in a few queries.
type PaymentLookups struct {
	// Invoices are the invoices whose OCR reference or number was asked for.
	Invoices []Invoice
	// Registered holds the keys of payments registered from earlier files.
	Registered map[string]bool
	// Elsewhere counts, by BankRef, the payments registered from other files under
	// keys this file does not have: the same money read from another file.
	Elsewhere map[string]int
}

// totals adds up the rows per outcome and checks that they make the file's total.
func totals(f BankFile, rows []PaymentRow) ([]OutcomeTotal, error) {
	idx := map[PaymentOutcome]int{}
	out := make([]OutcomeTotal, len(PaymentOutcomes))
	for i, o := range PaymentOutcomes {
		out[i], idx[o] = OutcomeTotal{Outcome: o, Amount: decimal.Zero}, i
	}
	sum := decimal.Zero
	for _, r := range rows {
		t := &out[idx[r.Outcome]]
		t.Count++
		t.Amount = t.Amount.Add(r.Payment.Amount)
		sum = sum.Add(r.Payment.Amount)
	}
	if !sum.Equal(f.Total) {
		return nil, Errorf(EINTERNAL, "The payments of {{.File}} add up to {{.Got}}, the file's own total is {{.Want}}",
			map[string]any{"File": f.Name, "Got": FormatSEK(sum), "Want": FormatSEK(f.Total)})
	}
	return out, nil
}
