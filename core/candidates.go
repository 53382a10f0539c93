package core

import (
	"context"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// CandidateSort is a column the reminder dialog's list of candidates sorts by.
type CandidateSort string

// The candidates' sort orders. Days overdue is the due date the other way round.
const (
	CandidatesByDueDate     CandidateSort = "due_date"
	CandidatesByDaysOverdue CandidateSort = "days_overdue"
	CandidatesByCustomer    CandidateSort = "customer"
	CandidatesByBalance     CandidateSort = "balance"
	CandidatesByReminders   CandidateSort = "reminders"
)

// CandidateQuery asks for one page of the reminder candidates, the invoices
// eligible for a reminder today.
type CandidateQuery struct {
	Search string // matches invoice number or customer name, case-insensitively
	Sort   CandidateSort
	Desc   bool
	Offset int
	Limit  int // 0 means DefaultPageSize
	// AmiliOnly keeps to the candidates Amili can take (SEK, and a customer with an
	// organisation or personal number).
	AmiliOnly bool
}

// CandidateCount counts the candidates a query's search matches (all of them
// without a search) and adds up their balance.
type CandidateCount struct {
	Count   int
	Balance decimal.Decimal
	// More says more than Count candidates match, as InvoiceTotals.More: Balance is
	// then zero, not added up.
	More bool
}

// SelectionTotals adds up what a selection of candidates would be reminded of under
// a request's type and options: Amili charges its own interest and fees, so under
// Amili those are zero.
type SelectionTotals struct {
	Count    int // the selected invoices still eligible
	Balance  decimal.Decimal
	Interest decimal.Decimal
	Fees     decimal.Decimal
	// LateCompensation is the förseningsersättning charged (rule 6), apart from Fees.
	LateCompensation decimal.Decimal
	// EarlierCharges are the selected invoices' open charges (manual only): what
	// earlier reminders charged and nothing settled yet.
	EarlierCharges decimal.Decimal
	// InterestBefore is the part of Interest earlier reminders already stated
	// (Reminder.InterestBefore), not charged again.
	InterestBefore decimal.Decimal
	// AmountDue is the claims the reminders would state (Reminder.ClaimDue): balance,
	// earlier charges, and the new interest, fees and förseningsersättning.
	AmountDue decimal.Decimal
	// LateCompensationCharged says whether the request charges förseningsersättning
	// at all (its option ticked, and a type that takes options), so that its part of
	// the totals is worth showing even when it is zero.
	LateCompensationCharged bool
	// letters are the letters that already carry a fee, with req.PerCustomer.
	letters feeLetters
	// Blocked are the selected invoices the request's type cannot take (Amili: not in
	// SEK, or a customer without an organisation or personal number), in the
	// request's order. The other figures count them still: the dialog unticks them.
	Blocked []int64
}

// CandidatePage returns one page of the reminder candidates in q's order, each with
// days overdue, earlier reminders and the preview interest and fee of a manual
// reminder today: the work is that of the page's rows, whatever the book holds.
func (s *Service) CandidatePage(ctx context.Context, q CandidateQuery) ([]Candidate, error) {
	q, err := normalCandidateQuery(q)
	if err != nil {
		return nil, err
	}
	set, rates, err := s.rules(ctx)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	cs, err := s.store.CandidatePage(ctx, q, today)
	if err != nil {
		return nil, err
	}
	fillStandings(cs, &set, today)
	return cs, s.fillCandidates(ctx, cs, today, &set, rates, true, true)
}

// CountCandidates counts the candidates q's search matches and sums their balance,
// in the store, without reading them.
func (s *Service) CountCandidates(ctx context.Context, q CandidateQuery) (CandidateCount, error) {
	q, err := normalCandidateQuery(q)
	if err != nil {
		return CandidateCount{}, err
	}
	return s.store.CountCandidates(ctx, q, s.Today())
}

// Selection is what Select all ticks, and what it left out and why.
type Selection struct {
	IDs  []int64 // at most MaxBatch, in the order shown
	More bool    // more candidates would have been ticked
	// Recent counts the candidates left out because they were reminded within
	// RecentDays (rule 11); none when they were asked for.
	Recent int
	// Blocked counts the candidates left out because no channel of the type can
	// take them (under Amili: Problem.Message says why), by problem code.
	Blocked map[ProblemCode]int
}

// Skipped counts every candidate the selection left out.
func (s Selection) Skipped() int {
	n := s.Recent
	for _, k := range s.Blocked {
		n += k
	}
	return n
}

// SelectCandidates returns what Select all ticks: the first MaxBatch candidates in
// q's order (q's offset and limit are ignored) that a reminder of type typ can
// take, leaving out those reminded within RecentDays unless withRecent, and counts
// what it left out before the last one ticked, by reason. It reads the candidates
// up to the first that would be one too many.
func (s *Service) SelectCandidates(ctx context.Context, q CandidateQuery, typ ReminderType, withRecent bool) (Selection, error) {
	q, err := normalCandidateQuery(q)
	if err != nil {
		return Selection{}, err
	}
	today := s.Today()
	sel := Selection{Blocked: map[ProblemCode]int{}}
	err = s.store.WalkCandidates(ctx, q, today, func(c *Candidate) bool {
		c.Problems = appendProblems(c.Problems[:0], c) // the walk hands the same candidate each time
		if p, blocked := c.ProblemFor(typ); blocked {
			sel.Blocked[p.Code]++
			return true
		}
		if !withRecent && isRecentlyReminded(&c.Invoice, today) {
			sel.Recent++
			return true
		}
		if len(sel.IDs) == MaxBatch {
			sel.More = true
			return false
		}
		sel.IDs = append(sel.IDs, c.Invoice.ID)
		return true
	})
	if err != nil {
		return Selection{}, err
	}
	return sel, nil
}

// SelectionTotals adds up the selected candidates (req.InvoiceIDs, at most a batch)
// as req's type and options would remind them, from their preview figures; selected
// invoices no longer eligible are left out. It reads the selection only.
func (s *Service) SelectionTotals(ctx context.Context, req ReminderRequest) (SelectionTotals, error) {
	if req.ByPlan { // each step chooses its own charges (service_planrun.go)
		req.ChargeInterest, req.ChargeFee, req.ChargeLateCompensation = false, false, false
	}
	t := SelectionTotals{Balance: decimal.Zero, Interest: decimal.Zero, Fees: decimal.Zero,
		LateCompensation: decimal.Zero, EarlierCharges: decimal.Zero, InterestBefore: decimal.Zero, AmountDue: decimal.Zero,
		LateCompensationCharged: req.ChargesLateCompensation()}
	if len(req.InvoiceIDs) == 0 {
		return t, nil
	}
	if len(req.InvoiceIDs) > MaxBatch {
		return t, Errorf(EINVALID, "You can select up to {{.Max}} invoices at a time ({{.Count}} selected)",
			map[string]any{"Max": MaxBatch, "Count": len(req.InvoiceIDs)})
	}
	set, rates, err := s.rules(ctx)
	if err != nil {
		return t, err
	}
	today := s.Today()
	cs, err := s.store.CandidatesByID(ctx, req.InvoiceIDs, today)
	if err != nil {
		return t, err
	}
	manual := req.Type.TakesOptions()
	// Without interest to preview, no payments or reference rate are needed; without
	// förseningsersättning, no earlier fees.
	if err := s.fillCandidates(ctx, cs, today, &set, rates, manual && req.ChargeInterest, t.LateCompensationCharged); err != nil {
		return t, err
	}
	var before map[int64]earlierCharges
	if manual && req.ChargeInterest {
		if before, err = s.interestStatedOf(ctx, cs, nil); err != nil {
			return t, err
		}
	}
	byID := make(map[int64]*Candidate, len(cs))
	for i := range cs {
		byID[cs[i].Invoice.ID] = &cs[i]
	}
	var ids []int64 // the selected invoices still eligible, in the request's order
	for _, id := range req.InvoiceIDs {
		if c, ok := byID[id]; ok {
			t.add(c, req, before[id])
			ids = append(ids, id)
		}
	}
	if req.ByPlan {
		return t, s.addPlanSteps(ctx, &t, req, ids, set, rates)
	}
	t.AmountDue = t.Balance.Add(t.EarlierCharges).Add(t.Interest).Sub(t.InterestBefore).Add(t.Fees).Add(t.LateCompensation)
	return t, nil
}

// add adds one selected candidate to the totals as req would remind it; before is
// what earlier reminders stated of its interest.
func (t *SelectionTotals) add(c *Candidate, req ReminderRequest, before earlierCharges) {
	manual := req.Type.TakesOptions()
	t.Count++
	if _, blocked := c.ProblemFor(req.Type); blocked {
		t.Blocked = append(t.Blocked, c.Invoice.ID)
	}
	if req.ByPlan {
		return // the steps' reminders add the rest (addPlanSteps)
	}
	t.Balance = t.Balance.Add(c.Invoice.Balance())
	if manual {
		t.EarlierCharges = t.EarlierCharges.Add(c.Invoice.Charges)
	}
	if manual && req.ChargeInterest {
		t.Interest = t.Interest.Add(c.Interest)
		t.InterestBefore = t.InterestBefore.Add(decimal.Min(before.interest, c.Interest))
	}
	var comp decimal.Decimal
	if t.LateCompensationCharged {
		comp = c.LateCompensation
		t.LateCompensation = t.LateCompensation.Add(comp)
	}
	// Rule 6: förseningsersättning, now or before, leaves no room for a fee
	// (c.Fee is already zero where it was charged before).
	if manual && req.ChargeFee && comp.IsZero() && t.letters.takesFee(c, req) {
		t.Fees = t.Fees.Add(c.Fee)
	}
}

// fillCandidates fills what the store left zero in each candidate: its flags, its
// förseningsersättning (less the fees charged before, rule 6) and, when withInterest,
// its preview interest, which follows the payments after the due date (rule 5). It
// reads the payments and earlier charges of these candidates only, and the fees
// charged before only withFees: without them LateCompensation takes no account of
// the fees and must not be shown.
func (s *Service) fillCandidates(ctx context.Context, cs []Candidate, today Date, set *Settings, rates RateTable, withInterest, withFees bool) error {
	before, err := s.earlierChargesOf(ctx, cs, withFees)
	if err != nil {
		return err
	}
	if !withInterest {
		for i := range cs {
			fillCandidateFlags(&cs[i], before[cs[i].Invoice.ID], today, set)
		}
		return nil
	}
	payments, err := s.paymentsOf(ctx, cs)
	if err != nil {
		return err
	}
	interest := newInterestBook(today, set.InterestMargin, rates)
	for i := range cs {
		id := cs[i].Invoice.ID
		if err := fillCandidate(&cs[i], payments[id], before[id], today, set, interest); err != nil {
			return err
		}
	}
	return nil
}

var candidateSorts = []CandidateSort{CandidatesByDueDate, CandidatesByDaysOverdue, CandidatesByCustomer,
	CandidatesByBalance, CandidatesByReminders}

// normalCandidateQuery gives q its defaults and refuses an unknown order.
func normalCandidateQuery(q CandidateQuery) (CandidateQuery, error) {
	if q.Sort == "" {
		q.Sort = CandidatesByDueDate
	}
	if !slices.Contains(candidateSorts, q.Sort) {
		return q, Errorf(EINVALID, "Unknown sort order {{.Sort}}", map[string]any{"Sort": string(q.Sort)})
	}
	if q.Limit <= 0 {
		q.Limit = DefaultPageSize
	}
	q.Offset = max(q.Offset, 0)
	q.Search = strings.TrimSpace(q.Search)
	return q, nil
}
