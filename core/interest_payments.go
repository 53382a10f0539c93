package core

import (
	"sort"

	"github.com/shopspring/decimal"
)

// baseSchedule is the unpaid amount interest runs on, day by day: the balance now
// plus every payment made on or after the day (the day's base is what was unpaid at
// the end of the day before).
type baseSchedule struct {
	balance decimal.Decimal
	dates   []Date            // payment dates after the due date, ascending
	after   []decimal.Decimal // after[i]: the sum of the payments on dates[i] and later
}

// newBaseSchedule keeps the payments made after due: one made on or before it never
// bore interest.
func newBaseSchedule(balance decimal.Decimal, payments []Payment, due Date) baseSchedule {
	later := make([]Payment, 0, len(payments))
	for _, p := range payments {
		if p.Date.After(due) && !p.Amount.IsZero() {
			later = append(later, p)
		}
	}
	sort.SliceStable(later, func(i, j int) bool { return later[i].Date.Before(later[j].Date) })
	s := baseSchedule{balance: balance, dates: make([]Date, len(later)), after: make([]decimal.Decimal, len(later))}
	sum := decimal.Zero
	for i := len(later) - 1; i >= 0; i-- {
		sum = sum.Add(later[i].Amount)
		s.dates[i], s.after[i] = later[i].Date, sum
	}
	return s
}

// owed reports whether any day after the due date has a base above zero: the
// balance now, or it with the payments of some later day. An invoice paid in full
// late (a räntefaktura's, core/RULES.md) owes nothing now and yet bore interest.
func (s baseSchedule) owed() bool {
	if s.balance.IsPositive() {
		return true
	}
	for _, a := range s.after {
		if s.balance.Add(a).IsPositive() {
			return true
		}
	}
	return false
}

// on returns the base of day d; never below zero.
func (s baseSchedule) on(d Date) decimal.Decimal {
	i := sort.Search(len(s.dates), func(i int) bool { return !s.dates[i].Before(d) })
	base := s.balance
	if i < len(s.dates) {
		base = base.Add(s.after[i])
	}
	if base.IsNegative() {
		return decimal.Zero
	}
	return base
}

// nextChange returns the first day after d whose base differs from d's, if one lies
// on or before limit: the day after a payment made on or after d.
func (s baseSchedule) nextChange(d, limit Date) (Date, bool) {
	i := sort.Search(len(s.dates), func(i int) bool { return !s.dates[i].Before(d) })
	if i == len(s.dates) {
		return Date{}, false
	}
	next := s.dates[i].AddDays(1)
	return next, !next.After(limit)
}

// splitAtPayments cuts each period where a payment changes the base and gives each
// part its base.
func splitAtPayments(periods []InterestPeriod, s baseSchedule) []InterestPeriod {
	if len(s.dates) == 0 {
		for i := range periods {
			periods[i].Base = s.balance
		}
		return periods
	}
	out := make([]InterestPeriod, 0, len(periods)+len(s.dates))
	for _, p := range periods {
		for from := p.From; !from.After(p.To); {
			part := p
			part.From, part.Base = from, s.on(from)
			if next, ok := s.nextChange(from, p.To); ok {
				part.To = next.AddDays(-1)
			} else {
				part.To = p.To
			}
			part.Days = part.To.DaysSince(part.From) + 1
			out = append(out, part)
			from = part.To.AddDays(1)
		}
	}
	return out
}
