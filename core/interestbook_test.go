package core

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The tests here hold interestBook, the integer twin, to LateInterest, the law as
// räntelagen 6 § reads (dröjsmålsränta per day at the reference rate plus margin,
// actual/365 or 366): the reminder dialog's preview interest comes from the twin, so
// it must be the law's, to the öre and the rate, whatever the balance, dates and table.
func TestInterestBookAgreesWithLateInterest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rates := genRateTable(t)
		remind := genDate(t, "remind")
		margin := decimal.New(rapid.Int64Range(0, 200_000).Draw(t, "marginTenThousandths"), -4)
		book := newInterestBook(remind, margin, rates)
		for i := range rapid.IntRange(1, 20).Draw(t, "invoices") {
			due := genDate(t, "due")
			balance := FromOre(rapid.Int64Range(-1_000, 10_000_000_000).Draw(t, "balanceOre"))
			if i%5 == 0 {
				balance = decimal.New(rapid.Int64Range(1, 1_000_000).Draw(t, "oddBalance"), -3) // not whole öre
			}
			want, wantErr := LateInterest(balance, due, remind, margin, rates)
			amount, rate, err := book.amount(balance, due)
			if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("error %v, want %v", err, wantErr)
			}
			if !amount.Equal(want.Amount) || !rate.Equal(want.Rate) {
				t.Fatalf("%s due %s: %s at %s%%, want %s at %s%%", balance, due, amount, rate, want.Amount, want.Rate)
			}
		}
	})
}

// genRateTable is the default table with some rates redrawn, now and then with more
// decimals than the exact path takes, negative, or missing.
func genRateTable(t *rapid.T) RateTable {
	rates := RateTable(DefaultReferenceRates())
	for i := range rates {
		switch rapid.IntRange(0, 20).Draw(t, "change") {
		case 0:
			rates[i].Rate = decimal.New(rapid.Int64Range(0, 1_000_000_000).Draw(t, "fineRate"), -8)
		case 1:
			rates[i].Rate = decimal.New(-1, 0)
		case 2:
			rates = append(rates[:i:i], rates[i+1:]...)
			return rates
		case 3, 4, 5:
			rates[i].Rate = decimal.New(rapid.Int64Range(0, 2_000).Draw(t, "rate"), -2)
		}
	}
	return rates
}

func TestInterestBookFollowsLateInterestOnAHalfOre(t *testing.T) {
	// 73 days at 3% + 8% earn 2.2% of the balance, so among these balances are many
	// whose interest is exactly half an öre more than a whole one (2.50 kr earns 5.5 öre).
	rates := RateTable(DefaultReferenceRates())
	remind := MustDate("2025-03-31")
	due := remind.AddDays(-73) // 73 days in 2025 H1 at 3% + 8% = 11%
	book := newInterestBook(remind, decimal.NewFromInt(8), rates)
	for ore := int64(1); ore < 20_000; ore++ {
		balance := FromOre(ore)
		want, err := LateInterest(balance, due, remind, decimal.NewFromInt(8), rates)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := book.amount(balance, due)
		if err != nil || !got.Equal(want.Amount) {
			t.Fatalf("%s: %s (%v), want %s", balance, got, err, want.Amount)
		}
	}
}

// forInvoice works in öre from the invoice's total and paid amounts; whatever their
// form, it must give what LateInterest gives on the balance.
func TestInterestBookForInvoiceAgreesWithLateInterest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rates := RateTable(DefaultReferenceRates())
		remind := MustDate("2026-03-16")
		book := newInterestBook(remind, decimal.NewFromInt(8), rates)
		amount := func(label string) decimal.Decimal {
			exp := rapid.Int32Range(-4, 1).Draw(t, label+"Exp")
			return decimal.New(rapid.Int64Range(-1_000, 1_000_000_000).Draw(t, label), exp)
		}
		inv := Invoice{Total: amount("total"), Paid: amount("paid"), DueDate: genDate(t, "due")}
		if rapid.Bool().Draw(t, "nothingPaid") {
			inv.Paid = decimal.Zero
		}
		want, wantErr := LateInterest(inv.Balance(), inv.DueDate, remind, decimal.NewFromInt(8), rates)
		got, rate, err := book.forInvoice(&inv, nil)
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("error %v, want %v", err, wantErr)
		}
		if !got.Equal(want.Amount) || !rate.Equal(want.Rate) {
			t.Fatalf("%s − %s due %s: %s at %s%%, want %s at %s%%", inv.Total, inv.Paid, inv.DueDate, got, rate, want.Amount, want.Rate)
		}
	})
}

func TestWholeOreReadsEveryFormOfAnAmount(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := decimal.New(rapid.Int64().Draw(t, "coefficient"), rapid.Int32Range(-6, 3).Draw(t, "exp"))
		s := d.Shift(2)
		wantOK := s.IsInteger() && s.Abs().Cmp(decimal.New(maxOre, 0)) <= 0
		got, ok := wholeOre(d)
		if ok != wantOK || (ok && got != s.IntPart()) {
			t.Fatalf("wholeOre(%s) = %d, %v; want %s, %v", d, got, ok, s, wantOK)
		}
	})
}

// (Within 292 years of each other: beyond that time.Duration, and so the check, overflows.)
func TestDaysSinceCountsAsTimeDoes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		date := func(label string) Date {
			return Date{Year: rapid.IntRange(1900, 2150).Draw(t, label+"Year"),
				Month: time.Month(rapid.IntRange(-15, 27).Draw(t, label+"Month")), Day: rapid.IntRange(-40, 70).Draw(t, label+"Day")}
		}
		d, e := date("d"), date("e")
		want := int(d.Time().Sub(e.Time()).Hours() / 24)
		if got := d.DaysSince(e); got != want {
			t.Fatalf("%+v.DaysSince(%+v) = %d, want %d", d, e, got, want)
		}
	})
}

// The twin must agree with the law when payments are dated (räntelagen 6 §: each
// day's interest runs on what was unpaid the day before), whatever the dates.
func TestInterestBookAgreesWithLateInterestOnPayments(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rates := RateTable(DefaultReferenceRates())
		remind := genDate(t, "remind")
		book := newInterestBook(remind, decimal.NewFromInt(8), rates)
		due := genDate(t, "due")
		payments := genPayments(t, due, remind)
		inv := Invoice{Total: genBalance(t), DueDate: due, Paid: decimal.Zero}
		for _, p := range payments {
			inv.Total, inv.Paid = inv.Total.Add(p.Amount), inv.Paid.Add(p.Amount)
		}
		want, err1 := LateInterestWithPayments(inv.Balance(), payments, due, remind, decimal.NewFromInt(8), rates)
		got, rate, err2 := book.forInvoice(&inv, payments)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !got.Equal(want.Amount) || !rate.Equal(want.Rate) {
			t.Fatalf("preview %s at %s, exact %s at %s", got, rate, want.Amount, want.Rate)
		}
	})
}
