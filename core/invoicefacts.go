package core

import "cmp"

// This file is the one definition of an invoice's status, of the invoice list's
// filters, of the status column's order and of the facts rule 1 tests. They are data:
// terms on a few facts about an invoice. The store renders each fact into SQL in one
// place (data/invoicefacts.go) and builds its filters, its status order and its
// eligibility from the tables here, so Go and SQL cannot drift apart.

// Fact is one thing about an invoice that a status, a filter or rule 1 tests.
type Fact int

// The facts.
const (
	// FactOpen: a balance of the principal is left (total above paid).
	FactOpen Fact = iota + 1
	// FactDue: the due date is before today, the one fact that depends on the day.
	FactDue
	// FactReminded: reminded at least once.
	FactReminded
	// FactWithAmili: handed over to Amili, and the case not closed (see
	// AmiliState.WithAmili).
	FactWithAmili
	// FactCharges: charges are open (what reminders charged, not yet settled).
	FactCharges
	// FactPaused: paused or disputed, the invoice itself or its customer (Pause,
	// core/pause.go): never a reminder candidate, never handed over to Amili.
	FactPaused
)

// Facts lists every fact.
var Facts = []Fact{FactOpen, FactDue, FactReminded, FactWithAmili, FactCharges, FactPaused}

// Term asks that a fact hold (Holds) or not.
type Term struct {
	Fact  Fact
	Holds bool
}

// Is is the term that f holds; Not that it does not.
func Is(f Fact) Term { return Term{f, true} }

// Not is the term that f does not hold.
func Not(f Fact) Term { return Term{f, false} }

// Has reports whether fact f holds for the invoice on today.
func (inv Invoice) Has(f Fact, today Date) bool {
	switch f {
	case FactOpen:
		return inv.Balance().IsPositive()
	case FactDue:
		return inv.DueDate.Before(today)
	case FactReminded:
		return inv.ReminderCount > 0
	case FactWithAmili:
		return inv.AmiliState.WithAmili()
	case FactCharges:
		return inv.Charges.IsPositive()
	case FactPaused:
		return inv.Pause != PauseNone
	}
	panic("core: unknown invoice fact")
}

// Meets reports whether the invoice meets every term on today.
func (inv Invoice) Meets(terms []Term, today Date) bool {
	return meets(terms, func(f Fact) bool { return inv.Has(f, today) })
}

func meets(terms []Term, has func(Fact) bool) bool {
	for _, t := range terms {
		if has(t.Fact) != t.Holds {
			return false
		}
	}
	return true
}

// AmiliStatesNotWithAmili are the Amili states of an invoice that is not with Amili:
// never handed over, or its case closed while money is still owed (withdrawn by the
// creditor, or closed by Amili), after which the creditor chases the invoice again. A
// case paid to Amili stays with Amili: the debtor paid there.
var AmiliStatesNotWithAmili = []AmiliState{AmiliNone, AmiliClosed}

// WithAmili reports whether an invoice in state s is with Amili: handed over, and
// its case not closed.
func (s AmiliState) WithAmili() bool {
	for _, off := range AmiliStatesNotWithAmili {
		if s == off {
			return false
		}
	}
	return true
}

// FilterTerms defines the list's filters: an invoice is in a filter when it meets
// every one of the filter's terms.
var FilterTerms = map[Filter][]Term{
	FilterAll:      nil,
	FilterUnpaid:   {Is(FactOpen)},
	FilterOverdue:  {Is(FactOpen), Is(FactDue)},
	FilterReminded: {Is(FactOpen), Is(FactReminded)},
	FilterAmili:    {Is(FactWithAmili)},
	FilterCharges:  {Not(FactOpen), Is(FactCharges)},
	FilterPaid:     {Not(FactOpen), Not(FactCharges)},
	FilterPaused:   {Is(FactOpen), Is(FactPaused)},
}

// Terms returns filter f's terms; ok is false for an unknown filter.
func (f Filter) Terms() (terms []Term, ok bool) {
	terms, ok = FilterTerms[f]
	return terms, ok
}

// Matches reports whether the invoice is in filter f's list on today (false for an
// unknown filter).
func (f Filter) Matches(inv Invoice, today Date) bool {
	terms, ok := f.Terms()
	return ok && inv.Meets(terms, today)
}

// EligibleTerms are rule 1's terms on the invoice, today being the reminder date: a
// balance, due before the reminder date, not with Amili, not paused or disputed.
// (Amili's own terms, SEK and a customer number, are on the currency and the
// customer: see channelProblems.)
var EligibleTerms = []Term{Is(FactOpen), Is(FactDue), Not(FactWithAmili), Not(FactPaused)}

// StatusRule gives an invoice Status when it meets When and no earlier rule applies.
type StatusRule struct {
	When   []Term
	Status Status
}

// StatusRules derive an invoice's status, first match wins: paid (nothing remains),
// else costs remaining (the principal paid), else with Amili, else paused (Pausad or
// Bestriden, by its reason), else reminded, else overdue, else unpaid (the last rule has no terms). Betald only when nothing
// remains: an invoice whose principal was paid while what its reminders charged is
// still open owes those charges (DESIGN.md rule 12).
var StatusRules = []StatusRule{
	{[]Term{Not(FactOpen), Not(FactCharges)}, StatusPaid},
	{[]Term{Not(FactOpen)}, StatusCharges},
	{[]Term{Is(FactWithAmili)}, StatusAmili},
	{[]Term{Is(FactPaused)}, StatusPaused},
	{[]Term{Is(FactReminded)}, StatusReminded},
	{[]Term{Is(FactDue)}, StatusOverdue},
	{nil, StatusUnpaid},
}

// StatusOf is the status of an invoice with the facts has reports, by StatusRules.
func StatusOf(has func(Fact) bool) Status {
	for _, r := range StatusRules {
		if meets(r.When, has) {
			return r.Status
		}
	}
	panic("core: the last status rule must have no terms")
}

// StatusOrder is the status column's order, ascending, rank by rank; within a rank
// invoices go by due date, then number. Overdue and unpaid share the first rank, so
// the order does not depend on the day (an index can hold it): by due date the overdue
// ones come first anyway.
var StatusOrder = [][]Status{{StatusOverdue, StatusUnpaid}, {StatusReminded}, {StatusPaused}, {StatusAmili}, {StatusCharges}, {StatusPaid}}

// StatusRank is status s's place in StatusOrder (0 first).
func StatusRank(s Status) int {
	for rank, statuses := range StatusOrder {
		for _, st := range statuses {
			if st == s {
				return rank
			}
		}
	}
	panic("core: status " + string(s) + " has no place in StatusOrder")
}

// CompareByStatus orders two invoices as the status column does, ascending, on today:
// by status rank, then due date, then number (unique).
func CompareByStatus(a, b Invoice, today Date) int {
	return cmp.Or(cmp.Compare(StatusRank(a.Status(today)), StatusRank(b.Status(today))),
		a.DueDate.Compare(b.DueDate), cmp.Compare(a.Number, b.Number))
}

// StatusRanks is the range of status ranks an invoice in filter f can have, lo to hi
// (each of StatusOrder's ranks when f is unknown or matches every status), so a list
// sorted by status can seek straight to them. It tries every combination of facts.
func (f Filter) StatusRanks() (lo, hi int) {
	lo, hi = len(StatusOrder)-1, 0
	terms, ok := f.Terms()
	if !ok {
		return 0, len(StatusOrder) - 1
	}
	for combo := range 1 << len(Facts) {
		has := func(fact Fact) bool {
			for i, ff := range Facts {
				if ff == fact {
					return combo&(1<<i) != 0
				}
			}
			return false
		}
		if !meets(terms, has) {
			continue
		}
		rank := StatusRank(StatusOf(has))
		lo, hi = min(lo, rank), max(hi, rank)
	}
	return lo, hi
}
