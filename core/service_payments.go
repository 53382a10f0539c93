package core

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// PreviewPaymentFile previews a bank file held in memory; see PreviewPaymentReader.
func (s *Service) PreviewPaymentFile(ctx context.Context, name string, content []byte) (PaymentImport, error) {
	return s.PreviewPaymentReader(ctx, name, bytes.NewReader(content))
}

// PreviewPaymentReader reads a bank file (BGMax or camt.054) from r and previews what
// registering it would do: every payment with its match and outcome, and the totals
// per outcome. Nothing is written. A file for another bankgiro number than the
// company's is refused, naming the line that says so. The file is read as a stream;
// cancelling ctx stops the reading (the GUI's Cancel).
func (s *Service) PreviewPaymentReader(ctx context.Context, name string, r io.Reader) (PaymentImport, error) {
	if s.bankFiles == nil {
		return PaymentImport{}, Errorf(EUNAVAILABLE, "Reading bank files is not available", nil)
	}
	f, err := s.bankFiles.ReadBankFile(ctx, name, r)
	if err != nil {
		return PaymentImport{}, err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return PaymentImport{}, err
	}
	if err := checkAccounts(f, set.Company.Bankgiro); err != nil {
		return PaymentImport{}, err
	}
	return s.PlanPayments(ctx, PaymentImport{File: f})
}

// checkAccounts refuses a file that names a bankgiro number other than the company's.
func checkAccounts(f BankFile, bankgiro string) error {
	own := onlyDigits(bankgiro)
	for _, a := range f.Accounts {
		if a.Bankgiro == "" {
			continue
		}
		if own == "" {
			return Errorf(EINVALID, "{{.File}} is for bankgiro {{.Bankgiro}}; enter the company's bankgiro number under Settings first",
				map[string]any{"File": f.Name, "Bankgiro": a.Bankgiro})
		}
		if strings.TrimLeft(a.Bankgiro, "0") != strings.TrimLeft(own, "0") {
			return Errorf(EINVALID, "{{.File}}, line {{.Line}}: the file is for bankgiro {{.Bankgiro}}, not the company's {{.Own}}",
				map[string]any{"File": f.Name, "Line": a.Line, "Bankgiro": a.Bankgiro, "Own": bankgiro})
		}
	}
	return nil
}

// PlanPayments matches imp.File's payments again under imp.Choices (the user's
// re-matches, skips and confirmed suggestions) against the book as it is now.
func (s *Service) PlanPayments(ctx context.Context, imp PaymentImport) (PaymentImport, error) {
	if err := checkPaymentDates(imp.File); err != nil {
		return PaymentImport{}, err
	}
	pays := imp.File.Payments
	q := PaymentQuery{Keys: make([]string, len(pays))}
	for i, p := range pays {
		q.Keys[i] = p.Key
		q.OCRs = append(q.OCRs, paymentRefs(p)...)
		q.Numbers = append(q.Numbers, referenceTokens(p)...)
		if ref := p.BankRef(); ref != "" {
			q.BankRefs = append(q.BankRefs, ref)
		}
		if c := imp.Choices[p.Key]; c.InvoiceNumber != "" {
			q.Numbers = append(q.Numbers, strings.TrimSpace(c.InvoiceNumber))
		}
	}
	l, err := s.store.PaymentLookups(ctx, q)
	if err != nil {
		return PaymentImport{}, err
	}
	if err := checkChoices(imp.Choices, l.Invoices); err != nil {
		return PaymentImport{}, err
	}
	var customers []Customer
	if len(pays) > 0 {
		if customers, err = s.store.Customers(ctx); err != nil {
			return PaymentImport{}, err
		}
	}
	ps := newPayers(customers)
	open, err := s.suggestionBase(ctx, imp, customers, newMatcher(l, ps, nil, nil, nil, PayCostsFirst))
	if err != nil {
		return PaymentImport{}, err
	}
	claims, order, err := s.claimsOf(ctx, l.Invoices, open)
	if err != nil {
		return PaymentImport{}, err
	}
	m := newMatcher(l, ps, customers, open, claims, order)
	imp.Rows = make([]PaymentRow, len(pays))
	for i, p := range pays {
		imp.Rows[i] = m.row(p, imp.Choices[p.Key])
	}
	if imp.Totals, err = totals(imp.File, imp.Rows); err != nil {
		return PaymentImport{}, err
	}
	return imp, nil
}

// checkChoices refuses a re-match to an invoice number the book does not have and
// a waiver without a good reason.
func checkChoices(choices map[string]PaymentChoice, found []Invoice) error {
	have := make(map[string]bool, len(found))
	for _, inv := range found {
		have[inv.Number] = true
	}
	for _, c := range choices {
		if c.WaiveReason != "" {
			if err := checkWaiverReason(strings.TrimSpace(c.WaiveReason)); err != nil {
				return err
			}
		}
		if n := strings.TrimSpace(c.InvoiceNumber); n != "" && !have[n] {
			return Errorf(ENOTFOUND, "There is no invoice number {{.Number}}", map[string]any{"Number": Excerpt(n)})
		}
	}
	return nil
}

// suggestionBase reads the open invoices of the customers named as payers of the
// payments nothing else matches, for the amount-and-name suggestions.
func (s *Service) suggestionBase(ctx context.Context, imp PaymentImport, customers []Customer, m *matcher) ([]Invoice, error) {
	wanted := map[string]bool{}
	for _, p := range imp.File.Payments {
		if name := normalName(p.PayerName); name != "" && !p.IsDeduction() && !m.registered[p.Key] {
			if invs, _ := m.find(p, imp.Choices[p.Key]); len(invs) == 0 {
				wanted[name] = true
			}
		}
	}
	if len(wanted) == 0 {
		return nil, nil
	}
	var ids []int64
	for _, c := range customers {
		if wanted[normalName(c.Name)] {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.store.OpenInvoicesOf(ctx, ids)
}

// RegisterPayments registers the payments of a previewed bank file — matched again
// against the book as it is now, under the same choices, and refused (ECONFLICT)
// when that is not what imp.Rows showed — in one transaction, or none of them: each on its invoice through the store's one payment function, each
// surplus as a credit on the customer. Payments registered from an earlier file are
// left out, so importing a file again registers nothing new.
func (s *Service) RegisterPayments(ctx context.Context, imp PaymentImport) (PaymentImportResult, error) {
	shown := imp.Rows
	imp, err := s.PlanPayments(ctx, imp)
	if err != nil {
		return PaymentImportResult{}, err
	}
	if !samePlan(shown, imp.Rows) {
		return PaymentImportResult{}, Errorf(ECONFLICT,
			"The book changed since the preview of {{.File}}; nothing was registered. Look at the preview again.",
			map[string]any{"File": imp.File.Name})
	}
	var res PaymentImportResult
	var regs []BankRegistration
	for _, r := range imp.Rows {
		if !r.Outcome.Registers() {
			continue
		}
		regs = append(regs, registrations(imp.File.Name, r)...)
		if r.Applied.IsPositive() {
			res.Payments++
			res.Amount = res.Amount.Add(r.Applied)
		}
		res.Credits = res.Credits.Add(r.Credit)
		if r.Outcome == OutcomeAmili {
			res.Amili++
		}
	}
	if len(regs) == 0 {
		if imp.NothingNew() {
			return res, Errorf(ECONFLICT, "The payments in {{.File}} were registered before; nothing new was registered",
				map[string]any{"File": imp.File.Name})
		}
		return res, Errorf(EINVALID, "No payment in {{.File}} can be registered", map[string]any{"File": imp.File.Name})
	}
	if err := s.store.RegisterBankPayments(ctx, regs, s.clock.Now()); err != nil {
		return PaymentImportResult{}, err
	}
	s.changed("bank payments registered")
	s.WakeDelivery() // a payment on an invoice with Amili is reported to Amili at once
	return res, nil
}

// samePlan reports whether the rows the user saw are the rows that would be
// registered now: the same outcome and the same amounts on the same invoices.
func samePlan(shown, now []PaymentRow) bool {
	if len(shown) != len(now) {
		return false
	}
	for i := range now {
		a, b := shown[i], now[i]
		if a.Outcome != b.Outcome || !a.Applied.Equal(b.Applied) || !a.Credit.Equal(b.Credit) ||
			a.Invoice.ID != b.Invoice.ID || len(a.Splits) != len(b.Splits) || !sameParts(a.Waived, b.Waived) {
			return false
		}
		for j := range a.Splits {
			if a.Splits[j].Invoice.ID != b.Splits[j].Invoice.ID || !a.Splits[j].Applied.Equal(b.Splits[j].Applied) ||
				!sameParts(a.Splits[j].Parts, b.Splits[j].Parts) {
				return false
			}
		}
	}
	return true
}

// registrations turns a row into what the store writes: a payment on each invoice
// it pays with its allocation (the first keyed by the bank's key, the next by that
// key and "/2", "/3" …, so every payment row stays unique), the waiver the user
// chose before the first, and the surplus as a credit on the customer of the last.
// A payment of invoices already paid is all credit.
func registrations(source string, r PaymentRow) []BankRegistration {
	regs := registrationsOf(source, r)
	if r.Waived.Sum().IsPositive() {
		regs[0].Waiver = ClaimEntry{InvoiceID: r.Invoice.ID, Kind: EntryWaiver, Date: r.Payment.Date,
			Parts: roundParts(r.Waived).Neg(), Reason: strings.TrimSpace(r.WaiveReason)}
	}
	return regs
}

// registrationsOf is registrations without the waiver.
func registrationsOf(source string, r PaymentRow) []BankRegistration {
	if len(r.Splits) == 0 {
		return []BankRegistration{{Payment: Payment{Date: r.Payment.Date, Source: source, ExternalKey: r.Payment.Key},
			CustomerID: r.Invoice.CustomerID, Credit: RoundOre(r.Credit), CreditInvoiceID: r.Invoice.ID, BankRef: r.Payment.BankRef()}}
	}
	regs := make([]BankRegistration, len(r.Splits))
	for i, sp := range r.Splits {
		key := r.Payment.Key
		if i > 0 {
			key += "/" + strconv.Itoa(i+1)
		}
		regs[i] = BankRegistration{Payment: Payment{InvoiceID: sp.Invoice.ID, Date: r.Payment.Date, Amount: RoundOre(sp.Applied),
			Source: source, ExternalKey: key, Parts: roundParts(sp.Parts)}, CustomerID: sp.Invoice.CustomerID,
			CreditInvoiceID: sp.Invoice.ID}
	}
	regs[0].BankRef = r.Payment.BankRef()
	regs[len(regs)-1].Credit = RoundOre(r.Credit)
	return regs
}

// InvoicePayments lists the payments registered on an invoice, oldest first.
func (s *Service) InvoicePayments(ctx context.Context, invoiceID int64) ([]PaymentRecord, error) {
	return s.store.InvoicePayments(ctx, invoiceID)
}

// CustomerCredits returns each customer's credit: the surpluses of bank payments
// (overpayments, payments of invoices already paid) kept for them, by customer ID.
func (s *Service) CustomerCredits(ctx context.Context) (map[int64]decimal.Decimal, error) {
	return s.store.CustomerCredits(ctx)
}
