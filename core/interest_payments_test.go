package core

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// dayByDay is rule 5 read as the law reads (räntelagen 6 §: interest on the unpaid
// amount for each day; 9 §: the reference rate of that calendar half-year): for each
// day after due through remind, the unpaid amount at the end of the day before, times
// the day's rate over 365 or 366. It sums exact fractions per year length and rounds
// once: an oracle that shares no code with LateInterestWithPayments but the table.
func dayByDay(t *rapid.T, balance decimal.Decimal, payments []Payment, due, remind Date, margin decimal.Decimal, rates RateTable) decimal.Decimal {
	if !remind.After(due) {
		return decimal.Zero
	}
	sums := map[int]decimal.Decimal{365: decimal.Zero, 366: decimal.Zero} // Σ base × rate, by year length
	for d := due.AddDays(1); !d.After(remind); d = d.AddDays(1) {
		base := balance
		for _, p := range payments {
			if p.Date.After(due) && !p.Date.Before(d) {
				base = base.Add(p.Amount)
			}
		}
		r, err := rates.RateFor(d)
		if err != nil {
			t.Fatal(err)
		}
		yearDays := 365
		if y := d.Year; y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			yearDays = 366
		}
		sums[yearDays] = sums[yearDays].Add(base.Mul(r.Rate.Add(margin)))
	}
	exact := sums[365].DivRound(decimal.NewFromInt(36500), 40).Add(sums[366].DivRound(decimal.NewFromInt(36600), 40))
	return RoundOre(exact)
}

// genPayments draws payments between due and a little after remind.
func genPayments(t *rapid.T, due, remind Date) []Payment {
	n := rapid.IntRange(0, 4).Draw(t, "payments")
	span := max(remind.DaysSince(due), 0)
	ps := make([]Payment, n)
	for i := range ps {
		ps[i] = Payment{Date: due.AddDays(rapid.IntRange(-10, span+10).Draw(t, "paymentDay")),
			Amount: FromOre(rapid.Int64Range(1, 10_000_000).Draw(t, "paymentOre"))}
	}
	return ps
}

// genShortSpan draws due and remind at most two years apart, so the day-by-day
// oracle stays quick.
func genShortSpan(t *rapid.T) (due, remind Date) {
	due = genDate(t, "due")
	end := tableStart.AddDays(tableDays)
	return due, due.AddDays(rapid.IntRange(-5, min(730, end.DaysSince(due))).Draw(t, "days"))
}

func TestLateInterestFollowsThePayments(t *testing.T) {
	rates := RateTable(DefaultReferenceRates())

	t.Run("interest is the day-by-day sum over what was unpaid the day before", rapid.MakeCheck(func(t *rapid.T) {
		due, remind := genShortSpan(t)
		balance, margin := genBalance(t), genMargin(t)
		payments := genPayments(t, due, remind)
		got, err := LateInterestWithPayments(balance, payments, due, remind, margin, rates)
		if err != nil {
			t.Fatal(err)
		}
		if want := dayByDay(t, balance, payments, due, remind, margin, rates); !got.Amount.Equal(want) {
			t.Fatalf("interest %s, day by day %s", got.Amount, want)
		}
	}))

	t.Run("paying nothing is LateInterest on the balance", rapid.MakeCheck(func(t *rapid.T) {
		due, remind := genShortSpan(t)
		balance, margin := genBalance(t), genMargin(t)
		got, err1 := LateInterestWithPayments(balance, nil, due, remind, margin, rates)
		want, err2 := LateInterest(balance, due, remind, margin, rates)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !got.Amount.Equal(want.Amount) || !got.Amount.Equal(dayByDay(t, balance, nil, due, remind, margin, rates)) {
			t.Fatalf("%s with no payments, LateInterest %s", got.Amount, want.Amount)
		}
	}))

	t.Run("a payment on the due date is interest on the rest", rapid.MakeCheck(func(t *rapid.T) {
		due, remind := genShortSpan(t)
		rest, margin := genBalance(t), genMargin(t)
		paid := Payment{Date: due, Amount: FromOre(rapid.Int64Range(1, 1_000_000_000).Draw(t, "paidOre"))}
		got, err1 := LateInterestWithPayments(rest, []Payment{paid}, due, remind, margin, rates)
		want, err2 := LateInterest(rest, due, remind, margin, rates)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !got.Amount.Equal(want.Amount) {
			t.Fatalf("paid %s on the due date: %s, interest on the rest %s", paid.Amount, got.Amount, want.Amount)
		}
	}))

	t.Run("splitting the period anywhere never changes the sum", rapid.MakeCheck(func(t *rapid.T) {
		a := genDate(t, "a")
		b := genDateFrom(t, a, "b")
		c := genDateFrom(t, b, "c")
		balance, margin := genBalance(t), genMargin(t)
		payments := genPayments(t, a, c)
		whole, err1 := LateInterestWithPayments(balance, payments, a, c, margin, rates)
		// The second part starts on b: what was unpaid then is the balance plus the
		// payments made after b.
		first, err2 := LateInterestWithPayments(balance, payments, a, b, margin, rates)
		second, err3 := LateInterestWithPayments(balance, payments, b, c, margin, rates)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatal(err1, err2, err3)
		}
		// A payment on or before b counts for the second part as paid before its "due
		// date" b, which is what it was on the days of that part.
		diff := unroundedSum(whole).Sub(unroundedSum(first).Add(unroundedSum(second))).Abs()
		if diff.GreaterThan(decimal.New(1, -25)) {
			t.Fatalf("whole %s ≠ %s + %s", unroundedSum(whole), unroundedSum(first), unroundedSum(second))
		}
	}))

	t.Run("interest is never negative with rates that are not", rapid.MakeCheck(func(t *rapid.T) {
		due, remind := genDate(t, "due"), genDate(t, "remind")
		balance := FromOre(rapid.Int64Range(-1_000_000, 1_000_000_000).Draw(t, "balanceOre"))
		in, err := LateInterestWithPayments(balance, genPayments(t, due, remind), due, remind, genMargin(t), rates)
		if err != nil {
			t.Fatal(err)
		}
		if in.Amount.IsNegative() {
			t.Fatalf("negative interest %s", in.Amount)
		}
		for _, p := range in.Periods {
			if p.Base.IsNegative() || p.Amount.IsNegative() {
				t.Fatalf("period %+v is negative", p)
			}
		}
	}))

	t.Run("the letter's lines add up to the interest", rapid.MakeCheck(func(t *rapid.T) {
		due, remind := genDate(t, "due"), genDate(t, "remind")
		in, err := LateInterestWithPayments(genBalance(t), genPayments(t, due, remind), due, remind, genMargin(t), rates)
		if err != nil {
			t.Fatal(err)
		}
		sum, days := decimal.Zero, 0
		for _, l := range in.Lines() {
			sum, days = sum.Add(l.Amount), days+l.Days
			if !l.Amount.Equal(RoundOre(l.Amount)) || l.Amount.IsNegative() {
				t.Fatalf("line amount %s", l.Amount)
			}
		}
		if !sum.Equal(in.Amount) || (in.Amount.IsPositive() && days != in.Days) {
			t.Fatalf("lines sum to %s over %d days; interest %s over %d", sum, days, in.Amount, in.Days)
		}
	}))

	t.Run("with payments too the interest is the exact sum of its periods rounded once, and each line within an öre of its own",
		rapid.MakeCheck(func(t *rapid.T) {
			due, remind := genDate(t, "due"), genDate(t, "remind")
			in, err := LateInterestWithPayments(genBalance(t), genPayments(t, due, remind), due, remind, genMargin(t), rates)
			if err != nil {
				t.Fatal(err)
			}
			if want := roundRatToOre(ratSum(in)); !in.Amount.Equal(want) {
				t.Fatalf("Amount %s, want the exact %s rounded once: %s", in.Amount, ratSum(in).FloatString(30), want)
			}
			for _, l := range in.Lines() {
				exact := new(big.Rat).Mul(l.Base.Rat(), l.Rate.Rat())
				exact.Mul(exact, big.NewRat(int64(l.Days), int64(100*daysInYear(l.From.Year))))
				if l.From.Year != l.To.Year {
					continue // a line over 1 January mixes two day counts; the sum above holds it
				}
				if diff := new(big.Rat).Sub(l.Amount.Rat(), exact); diff.Abs(diff).Cmp(big.NewRat(1, 100)) >= 0 {
					t.Fatalf("line %+v is %s from its exact %s", l, diff.FloatString(4), exact.FloatString(6))
				}
			}
		}))
}

// A worked case (räntelagen 6 §, rates from the Riksbank's series: 2024 H1 and H2
// 4.00 %): 10 000 kr due 2024-03-31, 4 000 kr paid on 2024-04-30, reminded
// 2024-05-30, 2024 a leap year. 1–30 April: 30 days on 10 000 at 12 %, 1–30 May:
// 30 days on 6 000: (10 000 + 6 000) × 0.12 × 30 / 366 = 157.3770… → 157.38 kr,
// where today's balance for the whole period would give 118.03 kr.
func TestAPartPaymentLowersTheBaseFromTheDayAfter(t *testing.T) {
	rates := RateTable(DefaultReferenceRates())
	in, err := LateInterestWithPayments(decimalOf("6000"),
		[]Payment{{Date: MustDate("2024-04-30"), Amount: decimalOf("4000")}},
		MustDate("2024-03-31"), MustDate("2024-05-30"), decimalOf("8"), rates)
	if err != nil {
		t.Fatal(err)
	}
	if !in.Amount.Equal(decimalOf("157.38")) || in.Days != 60 {
		t.Errorf("interest %s over %d days, want 157.38 over 60", in.Amount, in.Days)
	}
	lines := in.Lines()
	if len(lines) != 2 || !lines[0].Base.Equal(decimalOf("10000")) || lines[0].To != MustDate("2024-04-30") ||
		!lines[1].Base.Equal(decimalOf("6000")) || lines[1].From != MustDate("2024-05-01") {
		t.Fatalf("lines %+v", lines)
	}
	// 10 000 × 0.12 × 30 / 366 = 98.3606… and 6 000 × … = 59.0163…: 98.36 + 59.02.
	if !lines[0].Amount.Equal(decimalOf("98.36")) || !lines[1].Amount.Equal(decimalOf("59.02")) {
		t.Errorf("line amounts %s and %s, want 98.36 and 59.02", lines[0].Amount, lines[1].Amount)
	}
}
