package core

import (
	"math/bits"
	"time"

	"github.com/shopspring/decimal"
)

// RateTable is the Riksbank reference-rate table that late-payment interest is
// computed from: one ReferenceRate per calendar half-year.
type RateTable []ReferenceRate

// halfOf returns the calendar half-year of d: 1 for January–June, 2 for July–December.
func halfOf(d Date) int {
	if d.Month <= time.June {
		return 1
	}
	return 2
}

// RateFor returns the reference rate of d's calendar half-year. A half-year missing
// from the table is an EINVALID error whose cause is a *MissingRateError (see
// MissingRateOf), never a silent zero rate.
func (t RateTable) RateFor(d Date) (ReferenceRate, error) {
	year, half := d.Year, halfOf(d)
	for _, r := range t {
		if r.Year == year && r.Half == half {
			return r, nil
		}
	}
	return ReferenceRate{}, errMissingRate(HalfYear{Year: year, Half: half})
}

// Validate checks that every entry names half-year 1 or 2 and that no half-year
// appears twice. A negative rate is valid: the Riksbank's reference rate was −0.50 %
// from 2016 H2 through 2019 H1.
func (t RateTable) Validate() error {
	seen := make(map[[2]int]bool, len(t))
	for _, r := range t {
		data := map[string]any{"Year": r.Year, "Half": r.Half}
		switch {
		case r.Half != 1 && r.Half != 2:
			return Errorf(EINVALID, "The reference rate for {{.Year}} names half-year {{.Half}}; it must be 1 or 2", data)
		case seen[[2]int{r.Year, r.Half}]:
			return Errorf(EINVALID, "The reference rate for {{.Year}} half-year {{.Half}} is entered twice", data)
		}
		seen[[2]int{r.Year, r.Half}] = true
	}
	return nil
}

// errNegativeInterestRate refuses a half-year whose reference rate plus margin is
// below zero: interest the debtor would earn is no dröjsmålsränta.
func errNegativeInterestRate(r ReferenceRate) error {
	return Errorf(EINVALID, "The interest rate for {{.Year}} half-year {{.Half}} (reference rate plus margin) is below zero",
		map[string]any{"Year": r.Year, "Half": r.Half})
}

// DefaultReferenceRates returns the Riksbank reference rates published for 2010 H1
// through 2026 H1, plus 2026 H2 marked Preliminary; a new book starts with these, and
// migration 003 adds the ones an older book lacks.
//
// Source for 2010 H1–2020 H2: Sveriges riksbank, "Referensränta" (historical series,
// riksbank.se/sv/statistik/sok-rantor--valutakurser/referensranta/, updated
// 2020-07-01), cross-checked against the Riksbank's announcements in SFS (2010:1
// 0,5 %; 2011:941 2,0 %; 2012:533 1,5 %; 2017:1 and 2017:843 −0,50 %). The series
// is −0.50 % from 2016 H2 through 2019 H1; 2015 H2 and 2016 H1 are 0.00 %, the repo
// rate then (−0.25 % and −0.35 %) rounded up to the next half percent (räntelagen 9 §).
func DefaultReferenceRates() []ReferenceRate {
	published := []struct {
		year, half int
		rate       string
	}{
		{2010, 1, "0.50"}, {2010, 2, "0.50"},
		{2011, 1, "1.50"}, {2011, 2, "2.00"},
		{2012, 1, "2.00"}, {2012, 2, "1.50"},
		{2013, 1, "1.00"}, {2013, 2, "1.00"},
		{2014, 1, "1.00"}, {2014, 2, "1.00"},
		{2015, 1, "0.00"}, {2015, 2, "0.00"},
		{2016, 1, "0.00"}, {2016, 2, "-0.50"},
		{2017, 1, "-0.50"}, {2017, 2, "-0.50"},
		{2018, 1, "-0.50"}, {2018, 2, "-0.50"},
		{2019, 1, "-0.50"}, {2019, 2, "0.00"},
		{2020, 1, "0.00"}, {2020, 2, "0.00"},
		{2021, 1, "0.00"}, {2021, 2, "0.00"},
		{2022, 1, "0.00"}, {2022, 2, "0.50"},
		{2023, 1, "2.50"}, {2023, 2, "3.50"},
		{2024, 1, "4.00"}, {2024, 2, "4.00"},
		{2025, 1, "3.00"}, {2025, 2, "2.00"},
		{2026, 1, "2.00"},
	}
	rates := make([]ReferenceRate, 0, len(published)+1)
	for _, p := range published {
		rates = append(rates, ReferenceRate{Year: p.year, Half: p.half, Rate: decimal.RequireFromString(p.rate)})
	}
	return append(rates, ReferenceRate{Year: 2026, Half: 2, Rate: decimal.RequireFromString("2.00"), Preliminary: true})
}

// InterestPeriod is one stretch of days inside a single calendar half-year, and so at
// a single rate and a single day count.
type InterestPeriod struct {
	From, To Date
	Days     int
	YearDays int             // 365, or 366 in a leap year
	Rate     decimal.Decimal // annual percent, reference rate plus margin
	Amount   decimal.Decimal // unrounded (to interestPrecision decimal places)
}

// Interest is the late-payment interest on one invoice up to a reminder date.
type Interest struct {
	From, To Date // first and last day interest runs; zero when Days is 0
	Days     int
	// Rate is the annual percent in force on the reminder date: the reference rate of
	// that half-year plus the margin. Zero when Days is 0.
	Rate    decimal.Decimal
	Periods []InterestPeriod
	Amount  decimal.Decimal // the sum of the periods, rounded once to öre
}

// interestPrecision is how many decimal places an unrounded period amount keeps. The
// exact amount is a fraction over 365 or 366; 28 places leave the final rounding to
// öre exact, since an amount that is not exactly on a half öre lies far further than
// 1e-28 from it.
const interestPrecision = 28

// LateInterest computes dröjsmålsränta (räntelagen 6 §) on balance: simple interest for
// each day from the day after due through reminderDate inclusive, at the reference rate
// of that day's calendar half-year plus margin percentage points, actual/365 (366 for
// days in a leap year). The days are split at 1 January and 1 July, each part at its
// own rate and day count; the parts are summed unrounded and rounded once to öre.
//
// A reminder date on or before the due date, or a balance that is not positive, gives
// zero interest. A negative margin, a missing rate, a rate that with the margin is
// below zero, or a missing date is an EINVALID error.
func LateInterest(balance decimal.Decimal, due, reminderDate Date, margin decimal.Decimal, rates RateTable) (Interest, error) {
	if err := checkInterestTerms(due, reminderDate, margin); err != nil {
		return Interest{}, err
	}
	if !reminderDate.After(due) || !balance.IsPositive() {
		return Interest{Amount: decimal.Zero}, nil
	}
	in, err := interestPeriods(due, reminderDate, margin, rates)
	if err != nil {
		return Interest{}, err
	}
	sum := decimal.Zero
	for i := range in.Periods {
		p := &in.Periods[i]
		// balance × rate% × days / yearDays, dividing last so only one step is inexact.
		p.Amount = balance.Mul(p.Rate).Mul(decimal.NewFromInt(int64(p.Days))).
			DivRound(decimal.NewFromInt(int64(100*p.YearDays)), interestPrecision)
		sum = sum.Add(p.Amount)
	}
	in.Amount = RoundOre(sum)
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

// endOfHalf returns the last day of d's calendar half-year: 30 June or 31 December.
func endOfHalf(d Date) Date {
	if halfOf(d) == 1 {
		return Date{Year: d.Year, Month: time.June, Day: 30}
	}
	return Date{Year: d.Year, Month: time.December, Day: 31}
}

// daysInYear returns 366 for a leap year and 365 otherwise.
func daysInYear(year int) int {
	if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 366
	}
	return 365
}

// interestBook computes the late interest of many invoices up to one reminder date,
// as LateInterest does, without redoing for each invoice the work that depends only
// on its due date: the reminder dialog previews it for tens of thousands at once.
type interestBook struct {
	reminderDate Date
	margin       decimal.Decimal
	rates        RateTable
	byDue        map[Date]interestTerms
	lastDue      Date // the due date of last, the terms asked for last
	last         interestTerms
}

// interestTerms is what the interest from one due date depends on besides the
// balance: the rate in force on the reminder date and the days at each rate,
// weighted so that the exact interest in öre is
//
//	balance in öre × weighted / (10^scale × 100 × 365 × 366),
//
// since a day in a 365-day year weighs 366 and one in a 366-day year 365.
type interestTerms struct {
	rate     decimal.Decimal
	weighted uint64 // Σ rate×10^scale × days × (365·366 / yearDays)
	divisor  uint64 // 10^scale × 100 × 365 × 366
	exact    bool   // false: the rates have too many decimals; use LateInterest
}

func newInterestBook(reminderDate Date, margin decimal.Decimal, rates RateTable) *interestBook {
	return &interestBook{reminderDate: reminderDate, margin: margin, rates: rates, byDue: map[Date]interestTerms{}}
}

// amount returns LateInterest's Amount and Rate for balance and due.
func (b *interestBook) amount(balance decimal.Decimal, due Date) (amount, rate decimal.Decimal, err error) {
	ore, ok := positiveOre(balance)
	if !ok {
		return b.slow(balance, due)
	}
	return b.amountOre(ore, due)
}

// forInvoice is amount for inv's balance, worked out in öre without building the
// balance as a decimal first when its amounts are whole öre, as stored amounts are.
func (b *interestBook) forInvoice(inv *Invoice) (amount, rate decimal.Decimal, err error) {
	total, ok1 := wholeOre(inv.Total)
	paid, ok2 := wholeOre(inv.Paid)
	if !ok1 || !ok2 || total-paid <= 0 {
		return b.amount(inv.Balance(), inv.DueDate)
	}
	return b.amountOre(total-paid, inv.DueDate)
}

// amountOre is amount for a balance of ore öre.
func (b *interestBook) amountOre(ore int64, due Date) (amount, rate decimal.Decimal, err error) {
	if ore <= 0 || ore > maxOre || !b.reminderDate.After(due) {
		return b.slow(FromOre(ore), due)
	}
	t, err := b.termsFor(due)
	if err != nil {
		return decimal.Decimal{}, decimal.Decimal{}, err
	}
	if !t.exact {
		return b.slow(FromOre(ore), due)
	}
	hi, lo := bits.Mul64(uint64(ore), t.weighted)
	if hi >= t.divisor {
		return b.slow(FromOre(ore), due) // beyond any real invoice: the quotient needs more than 64 bits
	}
	q, r := bits.Div64(hi, lo, t.divisor)
	switch {
	case 2*r == t.divisor:
		// Exactly half an öre: LateInterest sums the periods rounded to
		// interestPrecision places first, which may tip it either way; follow it.
		return b.slow(FromOre(ore), due)
	case 2*r > t.divisor:
		q++ // half away from zero, as RoundOre does
	}
	// Anywhere else, rounding the exact amount and rounding LateInterest's sum agree:
	// the exact amount lies at least 1/(2·divisor) öre from a half öre, far more than
	// the sum's error of under 10^-interestPrecision.
	return FromOre(int64(q)), t.rate, nil
}

// termsFor returns the terms for due, worked out once per due date. The last ones
// are kept at hand: candidates come in due-date order.
func (b *interestBook) termsFor(due Date) (interestTerms, error) {
	if b.lastDue == due && !due.IsZero() {
		return b.last, nil
	}
	t, ok := b.byDue[due]
	if !ok {
		var err error
		if t, err = b.terms(due); err != nil {
			return interestTerms{}, err
		}
		b.byDue[due] = t
	}
	b.lastDue, b.last = due, t
	return t, nil
}

// slow is LateInterest itself.
func (b *interestBook) slow(balance decimal.Decimal, due Date) (amount, rate decimal.Decimal, err error) {
	in, err := LateInterest(balance, due, b.reminderDate, b.margin, b.rates)
	return in.Amount, in.Rate, err
}

// interestScale is how many decimals of a rate the exact path handles.
const interestScale = 4

// terms works out the interest terms for a due date before the reminder date from
// LateInterest's own checks and periods, so the periods, rates and errors are
// LateInterest's.
func (b *interestBook) terms(due Date) (interestTerms, error) {
	if err := checkInterestTerms(due, b.reminderDate, b.margin); err != nil {
		return interestTerms{}, err
	}
	in, err := interestPeriods(due, b.reminderDate, b.margin, b.rates)
	if err != nil {
		return interestTerms{}, err
	}
	t := interestTerms{rate: in.Rate, divisor: 10_000 * 100 * 365 * 366, exact: true}
	for _, p := range in.Periods {
		scaled := p.Rate.Shift(interestScale)
		if !scaled.IsInteger() || scaled.IsNegative() || scaled.GreaterThan(decimal.NewFromInt(1_000_000_000)) {
			return interestTerms{rate: in.Rate}, nil
		}
		weight := uint64(365*366) / uint64(p.YearDays)
		t.weighted += uint64(scaled.IntPart()) * uint64(p.Days) * weight
	}
	return t, nil
}

// positiveOre is d in whole öre, if d is a whole number of öre from 1 to maxOre.
func positiveOre(d decimal.Decimal) (int64, bool) {
	ore, ok := wholeOre(d)
	if !ok || ore <= 0 || ore > maxOre {
		return 0, false
	}
	return ore, true
}

// maxOre bounds the balances the exact path takes (a billion billion öre, beyond any
// invoice).
const maxOre = 1_000_000_000_000_000_000

// wholeOre is d in öre, if d is a whole number of öre from -maxOre to maxOre. For the
// exponents amounts have (-2 from FromOre, 0 for decimal.Zero and whole kronor) it
// reads the coefficient without allocating: the reminder dialog asks for tens of
// thousands at once.
func wholeOre(d decimal.Decimal) (int64, bool) {
	if exp := d.Exponent(); exp >= -2 && exp <= 0 && d.NumDigits() <= 16 {
		return d.CoefficientInt64() * [...]int64{1, 10, 100}[exp+2], true // |d| < 10^16 × 100 = maxOre
	}
	s := d.Shift(2)
	if !s.IsInteger() || s.Abs().Cmp(decimal.New(maxOre, 0)) > 0 {
		return 0, false
	}
	return s.IntPart(), true
}
