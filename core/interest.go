package core

import "github.com/shopspring/decimal"

// InterestPeriod is one stretch of days inside a single calendar half-year, and so at
// a single rate and a single day count, between two payments, and so on a single base.
type InterestPeriod struct {
	From, To Date
	Days     int
	YearDays int             // 365, or 366 in a leap year
	Rate     decimal.Decimal // annual percent, reference rate plus margin
	Base     decimal.Decimal // the unpaid amount interest runs on in this period
	Amount   decimal.Decimal // unrounded (to interestPrecision decimal places), for showing
	// exact is the period's interest times interestDenominator, exactly: the periods
	// are summed and rounded from these, never from Amount.
	exact decimal.Decimal
}

// Interest is the late-payment interest on one invoice up to a reminder date.
type Interest struct {
	From, To Date // first and last day interest runs; zero when Days is 0
	Days     int
	// Rate is the annual percent in force on the reminder date: the reference rate of
	// that half-year plus the margin. Zero when Days is 0.
	Rate    decimal.Decimal
	Periods []InterestPeriod
	Amount  decimal.Decimal // the exact sum of the periods, rounded once to öre
}

// interestPrecision is how many decimal places a period's Amount keeps for showing.
// Nothing is summed or rounded from it: a total lying exactly on a half öre would
// land on either side of it once each period was cut to these places (issue 19).
const interestPrecision = 28

// interestDenominator is the common denominator of every period's interest: percent
// (100) times 365 times 366. A period's interest is base × rate × days / (100 ×
// yearDays), so over this denominator its numerator is base × rate × days × 366 in
// a 365-day year and × 365 in a 366-day one, an exact decimal; the numerators of
// any periods add up exactly, and the sum is divided and rounded once.
var interestDenominator = decimal.NewFromInt(100 * 365 * 366)

// exactInterest returns base × rate% × days / yearDays times interestDenominator.
func exactInterest(base, rate decimal.Decimal, days, yearDays int) decimal.Decimal {
	return base.Mul(rate).Mul(decimal.NewFromInt(int64(days * (365 * 366 / yearDays))))
}

// LateInterest computes dröjsmålsränta (räntelagen 6 §) on balance: simple interest for
// each day from the day after due through reminderDate inclusive, at the reference rate
// of that day's calendar half-year plus margin percentage points, actual/365 (366 for
// days in a leap year). The days are split at 1 January and 1 July, each part at its
// own rate and day count; the parts are summed exactly and rounded once to öre, half
// away from zero.
//
// A reminder date on or before the due date, or nothing unpaid on any day after the
// due date, gives zero interest. A negative margin, a missing rate, a rate that with
// the margin is below zero, or a missing date is an EINVALID error.
func LateInterest(balance decimal.Decimal, due, reminderDate Date, margin decimal.Decimal, rates RateTable) (Interest, error) {
	return LateInterestWithPayments(balance, nil, due, reminderDate, margin, rates)
}

// LateInterestWithPayments is LateInterest on an invoice that was paid in part
// (rule 5): the interest of each day runs on what was unpaid at the end of the day
// before, so a payment lowers the base from the day after it was made. balance is
// what is unpaid now, after every payment; payments are the dated payments, in any
// order. A payment on or before the due date never bore interest, so it counts as if
// it had never been owed; one made later adds to the base of every day up to and
// including its own. The days are split at each such payment as well as at 1 January
// and 1 July, and the parts are summed exactly and rounded once, as LateInterest's are.
func LateInterestWithPayments(balance decimal.Decimal, payments []Payment, due, reminderDate Date, margin decimal.Decimal, rates RateTable) (Interest, error) {
	if err := checkInterestTerms(due, reminderDate, margin); err != nil {
		return Interest{}, err
	}
	base := newBaseSchedule(balance, payments, due)
	if !reminderDate.After(due) || !base.owed() {
		return Interest{Amount: decimal.Zero}, nil
	}
	in, err := interestPeriods(due, reminderDate, margin, rates)
	if err != nil {
		return Interest{}, err
	}
	in.Periods = splitAtPayments(in.Periods, base)
	sum := decimal.Zero
	for i := range in.Periods {
		p := &in.Periods[i]
		p.exact = exactInterest(p.Base, p.Rate, p.Days, p.YearDays)
		p.Amount = p.exact.DivRound(interestDenominator, interestPrecision)
		sum = sum.Add(p.exact)
	}
	// One division, rounded half away from zero as RoundOre rounds.
	in.Amount = sum.DivRound(interestDenominator, 2)
	return in, nil
}

// checkInterestTerms refuses a negative margin and a missing date.
func checkInterestTerms(due, reminderDate Date, margin decimal.Decimal) error {
	switch {
	case margin.IsNegative():
		return Errorf(EINVALID, "The interest margin cannot be negative", nil)
	case due.IsZero() || reminderDate.IsZero():
		return Errorf(EINVALID, "Interest needs both a due date and a reminder date", nil)
	}
	return nil
}

// interestPeriods is LateInterest without the amounts, for a reminder date after
// due: the days from the day after due through reminderDate, split at 1 January and
// 1 July, each part with its rate and day count.
func interestPeriods(due, reminderDate Date, margin decimal.Decimal, rates RateTable) (Interest, error) {
	in := Interest{From: due.AddDays(1), To: reminderDate}
	for from := in.From; !from.After(reminderDate); {
		to := endOfHalf(from)
		if to.After(reminderDate) {
			to = reminderDate
		}
		p, err := interestPeriod(from, to, margin, rates)
		if err != nil {
			return Interest{}, err
		}
		in.Periods = append(in.Periods, p)
		in.Days += p.Days
		from = to.AddDays(1)
	}
	// The last period contains the reminder date, so its rate is the one in force then.
	in.Rate = in.Periods[len(in.Periods)-1].Rate
	return in, nil
}

// interestPeriod is the period from..to, which lie in one half-year, without its amount.
func interestPeriod(from, to Date, margin decimal.Decimal, rates RateTable) (InterestPeriod, error) {
	ref, err := rates.RateFor(from)
	if err != nil {
		return InterestPeriod{}, err
	}
	p := InterestPeriod{From: from, To: to, Days: to.DaysSince(from) + 1, YearDays: daysInYear(from.Year)}
	p.Rate = ref.Rate.Add(margin)
	if p.Rate.IsNegative() {
		return InterestPeriod{}, errNegativeInterestRate(ref)
	}
	return p, nil
}

// errNegativeInterestRate refuses a half-year whose reference rate plus margin is
// below zero: interest the debtor would earn is no dröjsmålsränta.
func errNegativeInterestRate(r ReferenceRate) error {
	return Errorf(EINVALID, "The interest rate for {{.Year}} half-year {{.Half}} (reference rate plus margin) is below zero",
		map[string]any{"Year": r.Year, "Half": r.Half})
}

// daysInYear returns 366 for a leap year and 365 otherwise.
func daysInYear(year int) int {
	if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 366
	}
	return 365
}
