package core

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The worked examples of a räntefaktura's interest (core/RULES.md, "Räntefakturor"),
// each worked out by hand from räntelagen 6 § (the reference rate plus 8 percentage
// points, simple interest on each day's unpaid amount) and 9 § (the rate of each
// calendar half-year), with the Riksbank's reference rates as DefaultReferenceRates
// ships them (Sveriges riksbank, "Referensränta": 2023 H2 3,50 %, 2024 H1 4,00 %,
// 2025 H1 3,00 %, 2025 H2 2,00 %, 2026 H1 2,00 %), actual/365 (366 in 2024).
func TestTheInterestOfARäntefakturaByHand(t *testing.T) {
	rates := RateTable(DefaultReferenceRates())
	margin := decimal.NewFromInt(8)
	pay := func(date, amount string) Payment {
		return Payment{Date: MustDate(date), Amount: decimal.RequireFromString(amount)}
	}
	tests := []struct {
		name     string
		due      string
		stated   string // the latest reminder that stated interest, "" for none
		total    string
		payments []Payment
		want     string
		from, to string
	}{
		{
			// 2025-06-21…30: 10 days at 3,00 + 8 = 11 %; 2025-07-01…08-10: 41 days at
			// 2,00 + 8 = 10 %. 10 000 × (11 % × 10 + 10 % × 41) / 365 = 142,4657… kr.
			name: "a reminder stated interest to 20 June and the invoice was paid on 10 August",
			due:  "2025-05-31", stated: "2025-06-20", total: "10000",
			payments: []Payment{pay("2025-08-10", "10000")},
			want:     "142.47", from: "2025-06-21", to: "2025-08-10",
		},
		{
			// 2026-01-16…02-14: 30 days on 5 000; 02-15…03-16: 30 days on 3 000; 10 %.
			// (5 000 × 30 + 3 000 × 30) × 10 % / 365 = 65,7534… kr.
			name: "an invoice never reminded runs from its due date, the base falling the day after each payment",
			due:  "2026-01-15", total: "5000",
			payments: []Payment{pay("2026-02-14", "2000"), pay("2026-03-16", "3000")},
			want:     "65.75", from: "2026-01-16", to: "2026-03-16",
		},
		{
			// 2023-12-21…31: 11 days at 3,50 + 8 = 11,5 % / 365; 2024-01-01…19: 19 days
			// at 4,00 + 8 = 12 % / 366. 1 200 × 11,5 % × 11 / 365 + 1 200 × 12 % × 19 /
			// 366 = 4,1589… + 7,4754… = 11,6343… kr.
			name: "across new year into a leap year each part takes its half-year's rate and year",
			due:  "2023-12-20", total: "1200",
			payments: []Payment{pay("2024-01-19", "1200")},
			want:     "11.63", from: "2023-12-21", to: "2024-01-19",
		},
		{
			// The reminder stated interest on 10 000 through 06-10 and on 6 000 to
			// 06-20. After it: 06-21…30 10 days at 11 %, 07-01…10 10 days at 10 %, on
			// 6 000: 6 000 × (11 % × 10 + 10 % × 10) / 365 = 34,5205… kr.
			name: "a part paid before the reminder is no longer in the base after it",
			due:  "2025-05-31", stated: "2025-06-20", total: "10000",
			payments: []Payment{pay("2025-06-10", "4000"), pay("2025-07-10", "6000")},
			want:     "34.52", from: "2025-06-21", to: "2025-07-10",
		},
		{
			name: "paid before the reminder's date, nothing is left to charge",
			due:  "2025-05-31", stated: "2025-06-20", total: "10000",
			payments: []Payment{pay("2025-06-18", "10000")},
			want:     "0",
		},
		{
			name: "paid on the due date, no interest ran",
			due:  "2025-05-31", total: "10000",
			payments: []Payment{pay("2025-05-31", "10000")},
			want:     "0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total := decimal.RequireFromString(tt.total)
			lp := LatePaid{Invoice: Invoice{DueDate: MustDate(tt.due), Total: total, Paid: total}}
			if tt.stated != "" {
				lp.InterestStated = MustDate(tt.stated)
			}
			got, err := InterestAfterCharge(lp, tt.payments, margin, rates)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Amount.Equal(decimal.RequireFromString(tt.want)) {
				t.Errorf("interest %s kr, worked out by hand %s kr", got.Amount, tt.want)
			}
			if tt.from != "" && (got.From != MustDate(tt.from) || got.To != MustDate(tt.to)) {
				t.Errorf("interest runs %s…%s, want %s…%s", got.From, got.To, tt.from, tt.to)
			}
		})
	}
}

// A räntefaktura's interest is rule 5 read day by day on an invoice paid in full:
// the day-by-day oracle over the days from the charged day through the last payment.
func TestTheInterestOfARäntefakturaIsTheDayByDaySum(t *testing.T) {
	rates := RateTable(DefaultReferenceRates())
	rapid.Check(t, func(t *rapid.T) {
		due, end := genShortSpan(t)
		payments := genPayments(t, due, end)
		total := decimal.Zero
		last := Date{}
		for i := range payments {
			p := &payments[i]
			if p.Date.After(end) { // within the rate table
				p.Date = end
			}
			total = total.Add(p.Amount)
			if p.Date.After(due) && p.Date.After(last) {
				last = p.Date
			}
		}
		margin := genMargin(t)
		lp := LatePaid{Invoice: Invoice{DueDate: due, Total: total, Paid: total}}
		got, err := InterestAfterCharge(lp, payments, margin, rates)
		if err != nil {
			t.Fatal(err)
		}
		want := decimal.Zero
		if !last.IsZero() {
			want = dayByDay(t, decimal.Zero, payments, due, last, margin, rates)
		}
		if !got.Amount.Equal(want) || got.Amount.IsNegative() {
			t.Fatalf("interest %s, day by day %s", got.Amount, want)
		}
	})
}

func TestARäntefakturaChargesNeitherAmilisCasesNorItself(t *testing.T) {
	rates := RateTable(DefaultReferenceRates())
	paidLate := func(change func(*Invoice)) LatePaid {
		inv := Invoice{ID: 7, DueDate: MustDate("2025-05-31"), Total: decimal.NewFromInt(1000), Paid: decimal.NewFromInt(1000)}
		change(&inv)
		return LatePaid{Invoice: inv}
	}
	payments := []Payment{{Date: MustDate("2025-07-31"), Amount: decimal.NewFromInt(1000)}}
	tests := []struct {
		name   string
		change func(*Invoice)
		want   bool
	}{
		{"an invoice paid late is charged", func(*Invoice) {}, true},
		{"an invoice with an Amili case is not: Amili charges its own (rule 4)", func(i *Invoice) { i.AmiliCaseRef, i.AmiliState = "C-1", AmiliPaid }, false},
		{"an invoice handed to Amili is not, even before its case", func(i *Invoice) { i.AmiliState = AmiliPending }, false},
		{"a räntefaktura paid late is not: no interest on interest this way", func(i *Invoice) { i.InterestFor = 3 }, false},
		{"an invoice not paid in full is not: its next reminder states the interest", func(i *Invoice) { i.Paid = decimal.NewFromInt(999) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ok, err := interestCandidate(paidLate(tt.change), payments, decimal.Zero, decimal.NewFromInt(8), rates)
			if err != nil || ok != tt.want {
				t.Errorf("charged %v (%v), want %v", ok, err, tt.want)
			}
		})
	}
	_, ok, _ := interestCandidate(paidLate(func(*Invoice) {}), payments, decimal.NewFromInt(1000), decimal.NewFromInt(8), rates)
	if ok {
		t.Error("an interest below the minimum is charged")
	}
}
