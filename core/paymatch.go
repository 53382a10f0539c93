package core

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// ocrCandidate reports whether a payer's reference is an OCR number by the company's
// OCR rule: the one place matching checks it.
func ocrCandidate(ref string) bool { return ValidOCR(ref) }

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

// referenceTokens are the numbers a payment's references and message mention, for
// looking up invoice numbers.
func referenceTokens(p BankPayment) []string {
	var out []string
	for _, s := range append(append([]string{p.Reference}, p.Extra...), p.Message) {
		for _, m := range mentions(s) {
			out = append(out, m.text)
		}
	}
	return out
}

// target is an invoice a payment pays, with the most the file says it pays on it
// (zero: as much as the balance takes).
type target struct {
	inv *Invoice
	cap decimal.Decimal
}

// matcher assigns each payment its invoice and outcome, in file order, keeping what
// is open of each invoice's claim, part by part, so two payments of one invoice see
// each other; each payment is allocated over the claim in the book's order.
type matcher struct {
	byOCR       map[string]*Invoice
	byNumber    map[string]*Invoice
	payers      payers
	suggestions map[string][]*Invoice // open invoices by normalised customer name
	registered  map[string]bool
	elsewhere   map[string]int
	claims      map[int64]Parts // what is open of each invoice's claim
	order       PaymentOrder
}

// newMatcher matches against l's invoices and the open invoices of customers (for
// suggestions), whose claims are claims (OpenParts; an invoice without an entry
// there owes its balance).
func newMatcher(l PaymentLookups, ps payers, customers []Customer, open []Invoice, claims map[int64]Parts,
	order PaymentOrder) *matcher {
	m := &matcher{byOCR: map[string]*Invoice{}, byNumber: map[string]*Invoice{}, payers: ps,
		suggestions: map[string][]*Invoice{}, registered: l.Registered, elsewhere: map[string]int{},
		claims: map[int64]Parts{}, order: order}
	for k, n := range l.Elsewhere {
		m.elsewhere[k] = n
	}
	for i := range l.Invoices {
		inv := &l.Invoices[i]
		if inv.OCR != "" {
			m.byOCR[inv.OCR] = inv
		}
		m.byNumber[inv.Number] = inv
		m.claims[inv.ID] = claimOf(*inv, claims)
	}
	if len(open) == 0 {
		return m
	}
	names := make(map[int64]string, len(customers))
	for _, c := range customers {
		names[c.ID] = c.Name
	}
	for i := range open {
		inv := &open[i]
		name := normalName(names[inv.CustomerID])
		m.suggestions[name] = append(m.suggestions[name], inv)
		if _, ok := m.claims[inv.ID]; !ok {
			m.claims[inv.ID] = claimOf(*inv, claims)
		}
	}
	return m
}

// find returns the invoices p pays, in the order it names them, and how they were
// found: the invoice the user chose; else each reference's invoice by OCR number or
// by an invoice number it mentions (a BGMax payment's extra references, record 22,
// name more invoices paid together; a credit note deducted, record 23, is none);
// else the invoice numbers in the message; else a suggestion.
func (m *matcher) find(p BankPayment, choice PaymentChoice) ([]target, MatchKind) {
	if choice.InvoiceNumber != "" {
		if inv := m.byNumber[strings.TrimSpace(choice.InvoiceNumber)]; inv != nil {
			return []target{{inv: inv}}, MatchChosen
		}
		return nil, MatchNone
	}
	refs := append([]string{p.Reference}, p.Extra...)
	caps := referenceCaps(p)
	said := make([][]mention, len(refs)+1) // each reference's mentions, then the message's
	byOCR := make([]*Invoice, len(refs))
	for i, ref := range refs {
		if ocr := ocrForm(ref); ocrCandidate(ocr) {
			byOCR[i] = m.byOCR[ocr]
		}
		if byOCR[i] == nil {
			said[i] = mentions(ref)
		}
	}
	said[len(refs)] = mentions(p.Message)
	payer := lazyPayer{p: p, said: said, payers: m.payers}
	var found []target
	how := MatchNone
	for i := range refs {
		if byOCR[i] != nil {
			found = addTarget(found, target{byOCR[i], caps[i]})
			if how == MatchNone {
				how = MatchOCR
			}
			continue
		}
		for _, inv := range m.byNumbers(said[i], &payer) {
			found = addTarget(found, target{inv, caps[i]})
			if how == MatchNone {
				how = MatchNumber
			}
		}
	}
	if len(found) == 0 {
		for _, inv := range m.byNumbers(said[len(refs)], &payer) {
			found, how = addTarget(found, target{inv: inv}), MatchNumber
		}
	}
	if len(found) == 0 {
		if inv := m.suggest(p); inv != nil {
			return []target{{inv: inv}}, MatchSuggestion
		}
	}
	return found, how
}

func addTarget(found []target, t target) []target {
	if slices.ContainsFunc(found, func(f target) bool { return f.inv == t.inv }) {
		return found
	}
	return append(found, t)
}

// referenceCaps is what the file says each reference pays (Reference first, then
// Extra): a record 22's own amount, and for the payment's own reference the rest of
// the payment (a deducted credit note, record 23, has already lowered the payment's
// amount). Zero where the file says nothing.
func referenceCaps(p BankPayment) []decimal.Decimal {
	caps := make([]decimal.Decimal, 1+len(p.Extra))
	if len(p.ExtraAmounts) == 0 {
		return caps
	}
	given := decimal.Zero
	for i := range p.Extra {
		if i < len(p.ExtraAmounts) && p.ExtraAmounts[i].IsPositive() {
			caps[i+1] = p.ExtraAmounts[i]
			given = given.Add(p.ExtraAmounts[i])
		}
	}
	if given.IsPositive() {
		caps[0] = decimal.Max(p.Amount.Sub(given), decimal.Zero)
		if caps[0].IsZero() {
			caps[0] = decimal.New(-1, 0) // nothing left for it: pays nothing
		}
	}
	return caps
}

// byNumbers returns the invoices the mentions name by number, when it is safe to
// say the payment pays them: the invoice's customer is the payer (by a customer
// number in the text, the organisation number or the name), or, when nothing says
// who pays, every invoice named is one customer's and no number named is just as
// well a customer's number. A number written as a customer's or a credit note's is
// no invoice paid. No match is better than a wrong one.
//
// A number read as an invoice's does not also vouch for that invoice as its own
// customer's number (invoice 7 of customer 7, named by a lone "7", is not thereby
// the payer's), and invoices of more than one customer are never matched together
// ("2/1" from customer 1 may be invoice 2 of customer 1 or invoice 1 of customer 2):
// the user chooses.
func (m *matcher) byNumbers(said []mention, lazy *lazyPayer) []*Invoice {
	var invs []*Invoice
	var payer map[int64]int
	ambiguous := false
	for _, s := range said {
		inv := m.byNumber[s.text]
		if inv == nil || s.role == roleCustomer || s.role == roleCredit || slices.Contains(invs, inv) {
			continue
		}
		if payer = lazy.evidence(); len(payer) > 0 {
			vouching := payer[inv.CustomerID]
			if id, ok := m.payers.customerNamed(s); ok && id == inv.CustomerID {
				vouching-- // the number itself, read as the customer's
			}
			if vouching > 0 {
				invs = append(invs, inv)
			}
			continue
		}
		if _, isCustomer := m.payers.customerNamed(s); isCustomer {
			ambiguous = true
		}
		invs = append(invs, inv)
	}
	if !oneCustomer(invs) || (len(payer) == 0 && ambiguous) {
		return nil
	}
	return invs
}

func oneCustomer(invs []*Invoice) bool {
	for _, inv := range invs {
		if inv.CustomerID != invs[0].CustomerID {
			return false
		}
	}
	return true
}

// claimOf is what is open of inv's claim: its parts in claims, or its balance.
func claimOf(inv Invoice, claims map[int64]Parts) Parts {
	if p, ok := claims[inv.ID]; ok {
		return p
	}
	return Parts{Principal: inv.Balance(), Fee: decimal.Zero, Compensation: decimal.Zero, Interest: decimal.Zero}
}

// suggest returns the one open invoice of one customer named as the payer whose
// claim, or whose unpaid invoice amount, is the amount paid, or nil.
func (m *matcher) suggest(p BankPayment) *Invoice {
	name := normalName(p.PayerName)
	if name == "" {
		return nil
	}
	var found *Invoice
	for _, inv := range m.suggestions[name] {
		if c := m.claims[inv.ID]; c.Sum().Equal(p.Amount) || c.Principal.Equal(p.Amount) {
			if found != nil {
				return nil // more than one fits: no suggestion
			}
			found = inv
		}
	}
	return found
}

// registeredElsewhere reports whether p is a payment registered from another file,
// using up one such registration so two equal payments need two.
func (m *matcher) registeredElsewhere(p BankPayment) bool {
	if len(m.elsewhere) == 0 {
		return false
	}
	ref := p.BankRef()
	if ref == "" || m.elsewhere[ref] == 0 {
		return false
	}
	m.elsewhere[ref]--
	return true
}

// row works out one payment's outcome and moves the running balances: it pays the
// invoices it names in order, each up to its balance (and up to what the file says
// it pays on it), and what is left over becomes a credit on the customer.
func (m *matcher) row(p BankPayment, choice PaymentChoice) PaymentRow {
	r := PaymentRow{Payment: p, Outcome: OutcomeNoMatch, Applied: decimal.Zero, Credit: decimal.Zero, Balance: decimal.Zero}
	switch {
	case m.registered[p.Key]:
		r.Outcome = OutcomeImported
		return r
	case p.IsDeduction():
		r.Outcome = OutcomeDeduction
		return r
	case m.registeredElsewhere(p):
		r.Outcome = OutcomeElsewhere
		return r
	case choice.Skip:
		r.Outcome = OutcomeSkipped
		return r
	}
	targets, how := m.find(p, choice)
	if len(targets) == 0 {
		return r
	}
	r.Invoice, r.Match = *targets[0].inv, how
	if how == MatchSuggestion && !choice.Confirm {
		r.Outcome, r.Balance = OutcomeSuggested, m.claims[targets[0].inv.ID].Sum()
		return r
	}
	if choice.WaiveReason != "" {
		m.waive(&r, targets[0].inv.ID, choice.WaiveReason)
	}
	m.apply(&r, targets)
	return r
}

// settleClaim allocates pay (at most the claim) over claim and returns the
// allocation and what remains open. Most invoices owe their principal alone: they
// take the payment whole, without the parts' arithmetic (a bank file's 10,000
// payments are matched in one preview).
func settleClaim(pay decimal.Decimal, claim Parts, order PaymentOrder) (alloc, rest Parts) {
	if claim.Fee.IsZero() && claim.Compensation.IsZero() && claim.Interest.IsZero() {
		return Parts{Principal: pay, Fee: decimal.Zero, Compensation: decimal.Zero, Interest: decimal.Zero},
			Parts{Principal: claim.Principal.Sub(pay), Fee: decimal.Zero, Compensation: decimal.Zero, Interest: decimal.Zero}
	}
	alloc, _ = Allocate(pay, claim, order)
	return alloc, claim.Add(alloc.Neg())
}

// waive lets go of what is open of the costs and interest of the invoice before
// the payment is allocated, as the user chose for the row.
func (m *matcher) waive(r *PaymentRow, invoiceID int64, reason string) {
	c := m.claims[invoiceID]
	w := OpenCharges(c)
	if !w.Sum().IsPositive() {
		return
	}
	r.Waived, r.WaiveReason = w, reason
	m.claims[invoiceID] = c.Add(w.Neg())
}

// apply pays the targets in order out of the payment and sets the row's outcome.
func (m *matcher) apply(r *PaymentRow, targets []target) {
	left, amili := r.Payment.Amount, false
	for _, t := range targets {
		claim := m.claims[t.inv.ID]
		bal := claim.Sum()
		if !bal.IsPositive() || !left.IsPositive() || t.cap.IsNegative() {
			continue
		}
		pay := decimal.Min(bal, left)
		if t.cap.IsPositive() {
			pay = decimal.Min(pay, t.cap)
		}
		parts, rest := settleClaim(pay, claim, m.order)
		r.Splits = append(r.Splits, PaymentSplit{Invoice: *t.inv, Balance: bal, Principal: claim.Principal,
			Applied: pay, Parts: parts})
		r.Balance, r.Applied, left = r.Balance.Add(bal), r.Applied.Add(pay), left.Sub(pay)
		m.claims[t.inv.ID] = rest
		amili = amili || t.inv.ReportsPaymentsToAmili()
	}
	r.Credit = left
	r.Outcome = outcomeOf(*r, amili)
	if len(r.Splits) > 0 {
		r.Invoice = r.Splits[0].Invoice
	}
}

// outcomeOf is what the payment of r does, its splits made: a payment of one
// invoice that pays exactly its unpaid invoice amount while costs or interest
// remain pays "the invoice amount" (the owner may waive the rest in one click).
func outcomeOf(r PaymentRow, amili bool) PaymentOutcome {
	switch {
	case len(r.Splits) == 0:
		return OutcomeAlreadyPaid
	case amili:
		return OutcomeAmili
	case r.Credit.IsPositive():
		return OutcomeOver
	case len(r.Splits) == 1 && r.Applied.LessThan(r.Balance) && r.Applied.Equal(r.Splits[0].Principal):
		return OutcomePrincipalOnly
	case r.Applied.LessThan(r.Balance):
		return OutcomePartly
	}
	return OutcomeFull
}
