package core

import (
	"slices"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// PaymentOutcome is what registering a bank file's payment would do.
type PaymentOutcome string

// The outcomes, in the order the preview totals them.
const (
	OutcomeFull        PaymentOutcome = "full"         // pays the invoice's balance exactly
	OutcomePartly      PaymentOutcome = "partly"       // pays part of the balance
	OutcomeOver        PaymentOutcome = "over"         // pays the balance; the surplus becomes a customer credit
	OutcomeAmili       PaymentOutcome = "amili"        // pays an invoice with Amili, which is told of it
	OutcomeAlreadyPaid PaymentOutcome = "already_paid" // the invoice is paid: the whole amount becomes a customer credit
	OutcomeSuggested   PaymentOutcome = "suggested"    // amount and payer name fit one invoice; registered once the user confirms
	OutcomeNoMatch     PaymentOutcome = "no_match"     // no invoice found; nothing is registered
	OutcomeDeduction   PaymentOutcome = "deduction"    // a BGMax deduction: it lowers the deposit, nothing is registered
	OutcomeSkipped     PaymentOutcome = "skipped"      // the user chose to leave it out
	OutcomeImported    PaymentOutcome = "imported"     // registered from an earlier file: never twice
)

// PaymentOutcomes lists every outcome in the preview's order.
var PaymentOutcomes = []PaymentOutcome{OutcomeFull, OutcomePartly, OutcomeOver, OutcomeAmili, OutcomeAlreadyPaid,
	OutcomeSuggested, OutcomeNoMatch, OutcomeDeduction, OutcomeSkipped, OutcomeImported}

// Registers reports whether registering the import writes anything for the outcome.
func (o PaymentOutcome) Registers() bool {
	switch o {
	case OutcomeFull, OutcomePartly, OutcomeOver, OutcomeAmili, OutcomeAlreadyPaid:
		return true
	case OutcomeSuggested, OutcomeNoMatch, OutcomeDeduction, OutcomeSkipped, OutcomeImported:
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
	// Balance is the invoices' balance before this payment (after earlier rows of
	// the file), in all.
	Balance decimal.Decimal
}

// PaymentSplit is the part of a payment that goes to one invoice.
type PaymentSplit struct {
	Invoice Invoice
	Balance decimal.Decimal // before this payment
	Applied decimal.Decimal
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
	return imp.Total(OutcomeImported).Count > 0 && imp.ToRegister() == 0
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
}

// PaymentRecord is a payment registered on an invoice, for the invoice's history.
type PaymentRecord struct {
	Date   Date
	Amount decimal.Decimal
	Source string // the bank file it came from; "" when typed in
}

// PaymentLookups is what matching needs from the book, read in a few queries.
type PaymentLookups struct {
	// Invoices are the invoices whose OCR reference or number was asked for.
	Invoices []Invoice
	// Registered holds the keys of payments registered from earlier files.
	Registered map[string]bool
}

// ocrCandidate reports whether a payer's reference is an OCR number by the company's
// OCR rule: the one place matching checks it.
func ocrCandidate(ref string) bool { return ValidOCR(ref) }

// words splits a reference or message into the words that might be an invoice
// number: letters, digits, dashes and slashes.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '/')
	}) {
		if w = strings.Trim(w, "-/"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// referenceTokens are the words of a payment's references and message, for looking
// up invoice numbers.
func referenceTokens(p BankPayment) []string {
	out := words(p.Reference)
	for _, x := range p.Extra {
		out = append(out, words(x)...)
	}
	return append(out, words(p.Message)...)
}

// ocrForm is a reference as an OCR number would be written: without spaces.
func ocrForm(ref string) string { return strings.ReplaceAll(strings.TrimSpace(ref), " ", "") }

// paymentRefs are the references of p that may be OCR numbers, for looking them up.
func paymentRefs(p BankPayment) []string {
	refs := make([]string, 0, 1+len(p.Extra))
	for _, r := range append([]string{p.Reference}, p.Extra...) {
		if r = ocrForm(r); ocrCandidate(r) {
			refs = append(refs, r)
		}
	}
	return refs
}

// normalName folds a payer's or customer's name for comparison: lower case, single
// spaces, no punctuation.
func normalName(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&')
	}), " ")
}

// matcher assigns each payment its invoice and outcome, in file order, keeping each
// invoice's running balance so two payments of one invoice see each other.
type matcher struct {
	byOCR       map[string]*Invoice
	byNumber    map[string]*Invoice
	suggestions map[string][]*Invoice // open invoices by normalised customer name
	registered  map[string]bool
	balance     map[int64]decimal.Decimal
}

func newMatcher(l PaymentLookups, open []Invoice, customerNames map[int64]string) *matcher {
	m := &matcher{byOCR: map[string]*Invoice{}, byNumber: map[string]*Invoice{}, suggestions: map[string][]*Invoice{},
		registered: l.Registered, balance: map[int64]decimal.Decimal{}}
	for i := range l.Invoices {
		inv := &l.Invoices[i]
		if inv.OCR != "" {
			m.byOCR[inv.OCR] = inv
		}
		m.byNumber[inv.Number] = inv
		m.balance[inv.ID] = inv.Balance()
	}
	for i := range open {
		inv := &open[i]
		name := normalName(customerNames[inv.CustomerID])
		m.suggestions[name] = append(m.suggestions[name], inv)
		if _, ok := m.balance[inv.ID]; !ok {
			m.balance[inv.ID] = inv.Balance()
		}
	}
	return m
}

// find returns the invoices p pays, in the order it names them, and how they were
// found: the invoice the user chose; else each reference's invoice by OCR number or
// invoice number (a BGMax payment's extra references, records 22/23, name more
// invoices paid together); else the invoice numbers in the message; else a suggestion.
func (m *matcher) find(p BankPayment, choice PaymentChoice) ([]*Invoice, MatchKind) {
	if choice.InvoiceNumber != "" {
		if inv := m.byNumber[strings.TrimSpace(choice.InvoiceNumber)]; inv != nil {
			return []*Invoice{inv}, MatchChosen
		}
		return nil, MatchNone
	}
	var found []*Invoice
	how := MatchNone
	take := func(inv *Invoice, kind MatchKind) {
		if slices.Contains(found, inv) {
			return
		}
		if how == MatchNone {
			how = kind
		}
		found = append(found, inv)
	}
	for _, ref := range append([]string{p.Reference}, p.Extra...) {
		if ocr := ocrForm(ref); ocrCandidate(ocr) && m.byOCR[ocr] != nil {
			take(m.byOCR[ocr], MatchOCR)
			continue
		}
		for _, w := range words(ref) {
			if inv := m.byNumber[w]; inv != nil {
				take(inv, MatchNumber)
			}
		}
	}
	if len(found) == 0 {
		for _, w := range words(p.Message) {
			if inv := m.byNumber[w]; inv != nil {
				take(inv, MatchNumber)
			}
		}
	}
	if len(found) == 0 {
		if inv := m.suggest(p); inv != nil {
			return []*Invoice{inv}, MatchSuggestion
		}
	}
	return found, how
}

// suggest returns the one open invoice of one customer named as the payer whose
// balance is the amount paid, or nil.
func (m *matcher) suggest(p BankPayment) *Invoice {
	name := normalName(p.PayerName)
	if name == "" {
		return nil
	}
	var found *Invoice
	for _, inv := range m.suggestions[name] {
		if m.balance[inv.ID].Equal(p.Amount) {
			if found != nil {
				return nil // more than one fits: no suggestion
			}
			found = inv
		}
	}
	return found
}

// row works out one payment's outcome and moves the running balances: it pays the
// invoices it names in order, each up to its balance, and what is left over becomes
// a credit on the customer.
func (m *matcher) row(p BankPayment, choice PaymentChoice) PaymentRow {
	r := PaymentRow{Payment: p, Outcome: OutcomeNoMatch, Applied: decimal.Zero, Credit: decimal.Zero, Balance: decimal.Zero}
	switch {
	case m.registered[p.Key]:
		r.Outcome = OutcomeImported
		return r
	case p.IsDeduction():
		r.Outcome = OutcomeDeduction
		return r
	case choice.Skip:
		r.Outcome = OutcomeSkipped
		return r
	}
	invs, how := m.find(p, choice)
	if len(invs) == 0 {
		return r
	}
	r.Invoice, r.Match = *invs[0], how
	if how == MatchSuggestion && !choice.Confirm {
		r.Outcome, r.Balance = OutcomeSuggested, m.balance[invs[0].ID]
		return r
	}
	left, amili := p.Amount, false
	for _, inv := range invs {
		bal := m.balance[inv.ID]
		if !bal.IsPositive() || !left.IsPositive() {
			continue
		}
		pay := decimal.Min(bal, left)
		r.Splits = append(r.Splits, PaymentSplit{Invoice: *inv, Balance: bal, Applied: pay})
		r.Balance, r.Applied, left = r.Balance.Add(bal), r.Applied.Add(pay), left.Sub(pay)
		m.balance[inv.ID] = bal.Sub(pay)
		amili = amili || inv.ReportsPaymentsToAmili()
	}
	r.Credit = left
	switch {
	case len(r.Splits) == 0:
		r.Outcome = OutcomeAlreadyPaid
	case amili:
		r.Outcome = OutcomeAmili
	case left.IsPositive():
		r.Outcome = OutcomeOver
	case r.Applied.LessThan(r.Balance):
		r.Outcome = OutcomePartly
	default:
		r.Outcome = OutcomeFull
	}
	if len(r.Splits) > 0 {
		r.Invoice = r.Splits[0].Invoice
	}
	return r
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
