package core

import (
	"sort"

	"github.com/shopspring/decimal"
)

// InterestLine is one line of a reminder's interest as the letter shows it: the days
// at one rate on one base. Consecutive periods with the same rate and base make one
// line, so an invoice with no payments in one half-year shows a single line.
type InterestLine struct {
	From, To Date
	Days     int
	Rate     decimal.Decimal // annual percent
	Base     decimal.Decimal // the unpaid amount the interest ran on
	// Amount is the line's share of the interest, in öre: the lines of a reminder add
	// up to its interest exactly (the rounded total is shared out by the largest
	// remainders), and each lies within an öre of its exact amount.
	Amount decimal.Decimal
}

// Lines returns in's interest as letter lines, oldest first; none when there is no
// interest.
func (in Interest) Lines() []InterestLine {
	if !in.Amount.IsPositive() {
		return nil
	}
	var lines []InterestLine
	var exact []decimal.Decimal // each line's interest times interestDenominator
	for _, p := range in.Periods {
		if n := len(lines); n > 0 && lines[n-1].Rate.Equal(p.Rate) && lines[n-1].Base.Equal(p.Base) && lines[n-1].To.AddDays(1) == p.From {
			lines[n-1].To, lines[n-1].Days = p.To, lines[n-1].Days+p.Days
			exact[n-1] = exact[n-1].Add(p.exact)
			continue
		}
		lines = append(lines, InterestLine{From: p.From, To: p.To, Days: p.Days, Rate: p.Rate, Base: p.Base})
		exact = append(exact, p.exact)
	}
	shareOut(lines, exact, in.Amount)
	return lines
}

// shareOut sets the lines' amounts from their exact interest (times
// interestDenominator): each rounded down to öre, and the öre left of total to the
// lines with the largest remainders. What is left is never negative and under one
// öre per line: total is the exact sum rounded to öre.
func shareOut(lines []InterestLine, exact []decimal.Decimal, total decimal.Decimal) {
	left := total
	rest := make([]int, len(lines))
	remainder := make([]decimal.Decimal, len(lines))
	for i := range lines {
		// Interest is never negative, so the quotient is rounded down.
		lines[i].Amount, remainder[i] = exact[i].QuoRem(interestDenominator, 2)
		left = left.Sub(lines[i].Amount)
		rest[i] = i
	}
	sort.SliceStable(rest, func(a, b int) bool { return remainder[rest[a]].GreaterThan(remainder[rest[b]]) })
	ore := decimal.New(1, -2)
	for k := 0; left.IsPositive() && len(rest) > 0; k = (k + 1) % len(rest) {
		i := rest[k]
		lines[i].Amount = lines[i].Amount.Add(ore)
		left = left.Sub(ore)
	}
}
