package core

import (
	"cmp"
	"context"
	"slices"

	"github.com/shopspring/decimal"
)

// InterestCandidates is what Skapa räntefakturor lists: the invoices paid late whose
// interest a räntefaktura can charge (core/RULES.md, "Räntefakturor").
type InterestCandidates struct {
	// Candidates are ordered by the day their interest ends, oldest first, then by
	// invoice number.
	Candidates []InterestCandidate
	// Minimum is the least interest offered (Settings.InterestInvoiceMinimum);
	// BelowMinimum counts the invoices left out for owing less.
	Minimum      decimal.Decimal
	BelowMinimum int
	// Missing are the half-years without a reference rate that the interest of
	// MissingCount invoices needs; those invoices are left out until it is entered.
	Missing      []HalfYear
	MissingCount int
	// DueDate is the due date the räntefakturor get: today plus the payment term.
	DueDate Date
}

// InterestInvoiceResult is what CreateInterestInvoices did.
type InterestInvoiceResult struct {
	// Created are the räntefakturor made, in the order of the invoices asked for.
	Created []Invoice
	// Existing are räntefakturor made before for invoices asked for: none is made
	// twice (a second press of Skapa finds them here).
	Existing []Invoice
	// Dropped counts invoices asked for that no longer owe interest a räntefaktura
	// charges (a payment undone, the minimum raised, …).
	Dropped int
}

// Total is the interest of the räntefakturor made.
func (r InterestInvoiceResult) Total() decimal.Decimal {
	sum := decimal.Zero
	for _, inv := range r.Created {
		sum = sum.Add(inv.Total)
	}
	return sum
}

// InterestInvoiceCandidates lists the invoices paid late whose interest after the
// last charged day a räntefaktura can charge, with what each owes.
func (s *Service) InterestInvoiceCandidates(ctx context.Context) (InterestCandidates, error) {
	set, rates, err := s.rules(ctx)
	if err != nil {
		return InterestCandidates{}, err
	}
	out := InterestCandidates{Minimum: set.InterestInvoiceMinimum, DueDate: s.Today().AddDays(set.PaymentTermDays)}
	late, err := s.store.LatePaidInvoices(ctx, nil)
	if err != nil {
		return out, err
	}
	payments, err := s.store.PaymentsAfterDue(ctx, latePaidIDs(late))
	if err != nil {
		return out, err
	}
	for _, lp := range late {
		c, ok, err := interestCandidate(lp, payments[lp.Invoice.ID], decimal.Zero, set.InterestMargin, rates)
		switch h, missing := MissingRateOf(err); {
		case missing:
			out.MissingCount++
			if !slices.Contains(out.Missing, h) {
				out.Missing = append(out.Missing, h)
			}
		case err != nil:
			return out, err
		case !ok:
		case c.Interest.Amount.LessThan(set.InterestInvoiceMinimum):
			out.BelowMinimum++
		default:
			out.Candidates = append(out.Candidates, c)
		}
	}
	sortInterestCandidates(out.Candidates)
	slices.SortFunc(out.Missing, func(a, b HalfYear) int { return a.Year*2 + a.Half - b.Year*2 - b.Half })
	return out, nil
}

// sortInterestCandidates orders cs by the day their interest ends, then by number.
func sortInterestCandidates(cs []InterestCandidate) {
	slices.SortStableFunc(cs, func(a, b InterestCandidate) int {
		if d := a.To.DaysSince(b.To); d != 0 {
			return d
		}
		return cmp.Compare(a.Invoice.Number, b.Invoice.Number)
	})
}

func latePaidIDs(late []LatePaid) []int64 {
	ids := make([]int64, len(late))
	for i, lp := range late {
		ids[i] = lp.Invoice.ID
	}
	return ids
}

// CreateInterestInvoices makes a räntefaktura for each of the invoices (IDs of
// originals) that still owes interest after its late payment: an ordinary invoice
// to the same customer, numbered by the next-number rule (NextInvoiceNumber), its
// OCR reference made by the company's OCR agreement, dated today and due today plus
// the payment term, for the interest, naming the original (Invoice.InterestFor).
// One transaction; an original never gets two (asked again, its räntefaktura is in
// Existing), so a second press creates nothing.
func (s *Service) CreateInterestInvoices(ctx context.Context, invoiceIDs []int64) (InterestInvoiceResult, error) {
	if err := checkInterestInvoiceRequest(invoiceIDs); err != nil {
		return InterestInvoiceResult{}, err
	}
	var res InterestInvoiceResult
	var err error
	// A number taken by another desktop between reading the highest number and
	// writing is a conflict: read again and retry, a few times.
	for attempt := 0; attempt < 3; attempt++ {
		res, err = s.createInterestInvoices(ctx, invoiceIDs)
		if ErrorCodeOf(err) != ECONFLICT {
			break
		}
	}
	if err == nil && len(res.Created) > 0 {
		s.changed("räntefakturor created")
	}
	return res, err
}

// checkInterestInvoiceRequest refuses an empty request and an invoice asked twice.
func checkInterestInvoiceRequest(ids []int64) error {
	if len(ids) == 0 {
		return Errorf(EINVALID, "Select at least one invoice", nil)
	}
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return Errorf(EINVALID, "An invoice was selected twice", map[string]any{"ID": id})
		}
		seen[id] = true
	}
	return nil
}

// createInterestInvoices is one attempt of CreateInterestInvoices.
func (s *Service) createInterestInvoices(ctx context.Context, ids []int64) (InterestInvoiceResult, error) {
	var res InterestInvoiceResult
	existing, err := s.store.InterestInvoicesFor(ctx, ids)
	if err != nil {
		return res, err
	}
	set, rates, err := s.rules(ctx)
	if err != nil {
		return res, err
	}
	cs, err := s.interestCandidatesOf(ctx, ids, set, rates)
	if err != nil {
		return res, err
	}
	var invs []Invoice
	for _, id := range ids {
		if inv, ok := existing[id]; ok {
			res.Existing = append(res.Existing, inv)
			continue
		}
		c, ok := cs[id]
		if !ok {
			res.Dropped++
			continue
		}
		invs = append(invs, Invoice{CustomerID: c.Invoice.CustomerID, Total: c.Interest.Amount, InterestFor: id})
	}
	if len(invs) == 0 {
		return res, nil
	}
	if err := s.prepareInterestInvoices(ctx, invs, set); err != nil {
		return res, err
	}
	writes := make([]NewInterestInvoice, len(invs))
	for i, inv := range invs {
		writes[i] = NewInterestInvoice{Invoice: inv, History: interestInvoiceHistory(inv)}
	}
	created, raced, err := s.store.CreateInterestInvoices(ctx, writes, s.clock.Now())
	if err != nil {
		return InterestInvoiceResult{}, err
	}
	res.Created, res.Existing = created, append(res.Existing, raced...)
	return res, nil
}

// interestCandidatesOf is the candidates among ids, by ID, as
// InterestInvoiceCandidates judges them; an ID that is none has no entry.
func (s *Service) interestCandidatesOf(ctx context.Context, ids []int64, set Settings, rates RateTable) (map[int64]InterestCandidate, error) {
	late, err := s.store.LatePaidInvoices(ctx, ids)
	if err != nil {
		return nil, err
	}
	payments, err := s.store.PaymentsAfterDue(ctx, latePaidIDs(late))
	if err != nil {
		return nil, err
	}
	out := make(map[int64]InterestCandidate, len(late))
	for _, lp := range late {
		c, ok, err := interestCandidate(lp, payments[lp.Invoice.ID], set.InterestInvoiceMinimum, set.InterestMargin, rates)
		if err != nil {
			return nil, err
		}
		if ok {
			out[lp.Invoice.ID] = c
		}
	}
	return out, nil
}

// prepareInterestInvoices numbers the räntefakturor from the book's highest number
// on, dates them today, due today plus the payment term, and gives each its OCR
// reference by the company's agreement, as CreateInvoice would.
func (s *Service) prepareInterestInvoices(ctx context.Context, invs []Invoice, set Settings) error {
	highest, err := s.store.HighestInvoiceNumbers(ctx)
	if err != nil {
		return err
	}
	today := s.Today()
	number := nextInvoiceNumber(highest)
	for i := range invs {
		if number == "" {
			return Errorf(ECONFLICT, "No invoice number in the book ends in digits to count on from; create an invoice with a number first", nil)
		}
		inv := &invs[i]
		inv.Number, inv.Currency = number, Currency
		inv.InvoiceDate, inv.DueDate = today, today.AddDays(set.PaymentTermDays)
		if err := prepareInvoice(inv, set.OCR); err != nil {
			return err
		}
		number = nextInvoiceNumber([]string{number})
	}
	return nil
}
