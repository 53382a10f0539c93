package core

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

// interestBook is LateInterest's integer twin: it computes the late interest of many
// invoices up to one reminder date in whole öre with 64-bit arithmetic, to the öre what
// LateInterest (the law, räntelagen 6 §) gives, falling back on LateInterest wherever
// the integers cannot be exact; interestbook_test.go holds it to the law. It does not
// redo for each invoice the work that depends only on its due date: the reminder
// dialog previews tens of thousands at once.
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
// An invoice with a payment after its due date has a base that changes from day to
// day: LateInterestWithPayments works that out.
func (b *interestBook) forInvoice(inv *Invoice, payments []Payment) (amount, rate decimal.Decimal, err error) {
	for _, p := range payments {
		if p.Date.After(inv.DueDate) {
			in, err := LateInterestWithPayments(inv.Balance(), payments, inv.DueDate, b.reminderDate, b.margin, b.rates)
			return in.Amount, in.Rate, err
		}
	}
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
	if 2*r >= t.divisor {
		q++ // half away from zero, as LateInterest rounds its exact sum
	}
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
