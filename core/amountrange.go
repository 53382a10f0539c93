package core

import "github.com/shopspring/decimal"

// maxAmountOre is one öre more than the largest amount Påminn accepts, in either
// direction: 1 000 000 000 kr. Every amount that enters the program (bank files, CSV,
// forms, Amili's answers) is held to it by CheckAmountRange before it is used, so öre
// always fit the book's INTEGER columns and a sum over ten million such amounts still
// fits SQLite's 64-bit SUM. A small business's invoice is far below it.
const maxAmountOre = 100_000_000_000

// MaxAmount is the largest amount, in kronor, that Påminn accepts (999 999 999,99 kr);
// its negative is the smallest.
var MaxAmount = FromOre(maxAmountOre - 1)

// maxAmountDigits bounds the whole kronor of a written amount, so a reader can refuse
// a long run of digits before it spends work on them; CheckAmountRange decides.
const maxAmountDigits = 9

// CheckAmountRange returns an EINVALID error when d, rounded to öre, lies outside
// ±MaxAmount. The message names the amount as written (value); callers that read a
// file put the line in front of it.
func CheckAmountRange(d decimal.Decimal, value string) error {
	if RoundOre(d).Abs().GreaterThan(MaxAmount) {
		return Errorf(EINVALID, "{{.Value}} is too large an amount; Påminn takes amounts up to {{.Max}} kr",
			map[string]any{"Value": Excerpt(value), "Max": formatSwedish(MaxAmount)})
	}
	return nil
}
