package core

import (
	"strings"

	"github.com/shopspring/decimal"
)

// nbsp is the no-break space Swedish typography puts between digit groups and before
// a unit, so "1 234,50 kr" never breaks across lines.
const nbsp = "\u00a0"

// FormatSEK formats an amount the Swedish way, rounded to öre: "1 234,50 kr", with
// no-break spaces between thousands and before "kr", and "-1 234,50 kr" when negative.
func FormatSEK(d decimal.Decimal) string {
	return formatSwedish(d) + nbsp + "kr"
}

// FormatPercent formats a percentage the Swedish way with two decimals: "10,00 %",
// with a no-break space before the sign.
func FormatPercent(d decimal.Decimal) string {
	return formatSwedish(d) + nbsp + "%"
}

// formatSwedish writes d rounded to two decimals with a decimal comma and no-break
// spaces between groups of thousands.
func formatSwedish(d decimal.Decimal) string {
	d = RoundOre(d)
	fixed := d.Abs().StringFixed(2) // "1234.50"
	whole, frac, _ := strings.Cut(fixed, ".")
	var b strings.Builder
	if d.IsNegative() { // after rounding, so -0,001 does not print as "-0,00"
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(nbsp)
		}
		b.WriteRune(r)
	}
	b.WriteByte(',')
	b.WriteString(frac)
	return b.String()
}
