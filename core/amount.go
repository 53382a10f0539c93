package core

import (
	"strings"

	"github.com/shopspring/decimal"
)

// ParseAmount reads an amount of kronor the way a Swede may write it: "1234,50",
// "1 234,50" (with a space, no-break space or narrow no-break space between thousands),
// "1234.50", "1.234,50", "-0", optionally followed by "kr", "SEK" or ":-". At most two
// decimals; anything ambiguous, such as "1,234" or "12,3,4", is an EINVALID error.
func ParseAmount(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	for _, unit := range []string{"kr", "sek", ":-"} {
		if len(t) >= len(unit) && strings.EqualFold(t[len(t)-len(unit):], unit) {
			t = strings.TrimSpace(t[:len(t)-len(unit)])
			break
		}
	}
	if t == "" {
		return decimal.Zero, Errorf(EINVALID, "Enter an amount", nil)
	}
	neg := false
	switch {
	case strings.HasPrefix(t, "-"), strings.HasPrefix(t, "+"):
		neg, t = t[0] == '-', t[1:]
	case strings.HasPrefix(t, "\u2212"): // the typographic minus sign
		neg, t = true, t[len("\u2212"):]
	}
	whole, frac, err := splitAmount(t)
	if err != nil {
		if err.Data == nil {
			err.Data = map[string]any{}
		}
		err.Data["Value"] = Excerpt(s)
		return decimal.Zero, err
	}
	d, perr := decimal.NewFromString(whole + "." + frac)
	if perr != nil { // cannot happen: splitAmount returns digits only
		return decimal.Zero, Wrap(perr, EINVALID, "{{.Value}} is not an amount; write it like 1 234,50", map[string]any{"Value": Excerpt(s)})
	}
	if neg {
		d = d.Neg()
	}
	if err := CheckAmountRange(d, s); err != nil {
		return decimal.Zero, err
	}
	return d, nil
}

// splitAmount splits an unsigned amount into its whole-krona digits (thousands
// separators removed) and its 0–2 decimal digits ("0" when there are none).
func splitAmount(t string) (whole, frac string, err *Error) {
	notAmount := func() *Error { return Errorf(EINVALID, "{{.Value}} is not an amount; write it like 1 234,50", nil) }
	decimalSep, groupSep := amountSeparators(t)
	if decimalSep == '?' {
		return "", "", notAmount()
	}
	whole, frac = t, "0"
	if decimalSep != 0 {
		i := strings.IndexByte(t, decimalSep)
		whole, frac = t[:i], t[i+1:]
		if frac == "" || !isDigits(frac) {
			return "", "", notAmount()
		}
		if len(frac) > 2 {
			return "", "", Errorf(EINVALID, "{{.Value}} has more than two decimals", nil)
		}
	}
	if isDigits(whole) { // the common case: no thousands separators
		return checkMagnitude(whole, frac)
	}
	groups := strings.FieldsFunc(whole, func(r rune) bool {
		return r == ' ' || r == '\u00a0' || r == '\u202f' || (groupSep != 0 && r == rune(groupSep))
	})
	// FieldsFunc drops empty groups, so count separators to catch "1  234" or ".123".
	if len(groups) == 0 || strings.Join(groups, "x") != normaliseGroups(whole, groupSep) {
		return "", "", notAmount()
	}
	for i, g := range groups {
		if !isDigits(g) || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return "", "", notAmount()
		}
	}
	return checkMagnitude(strings.Join(groups, ""), frac)
}

// checkMagnitude refuses more whole digits than maxAmountDigits.
func checkMagnitude(whole, frac string) (string, string, *Error) {
	if len(strings.TrimLeft(whole, "0")) > maxAmountDigits {
		return "", "", Errorf(EINVALID, "{{.Value}} is too large an amount; Påminn takes amounts up to {{.Max}} kr",
			map[string]any{"Max": formatSwedish(MaxAmount)})
	}
	return whole, frac, nil
}

// amountSeparators works out which of '.' and ',' is the decimal separator and which
// separates thousands: with both, the last one is decimal; one alone, once, is decimal;
// one repeated separates thousands. '?' means the use is impossible, as in "1,2,3.4".
func amountSeparators(t string) (decimalSep, groupSep byte) {
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	switch {
	case dots > 0 && commas > 0:
		decimalSep, groupSep = ',', '.'
		if strings.LastIndexByte(t, '.') > strings.LastIndexByte(t, ',') {
			decimalSep, groupSep = '.', ','
		}
		if strings.Count(t, string(decimalSep)) != 1 {
			return '?', 0
		}
	case dots == 1:
		decimalSep = '.'
	case commas == 1:
		decimalSep = ','
	case dots > 1:
		groupSep = '.'
	case commas > 1:
		groupSep = ','
	}
	return decimalSep, groupSep
}

// normaliseGroups replaces each thousands separator in s by "x", so that comparing it
// with the groups joined by "x" shows whether any separator was doubled or stray.
func normaliseGroups(s string, groupSep byte) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || (groupSep != 0 && r == rune(groupSep)) {
			return 'x'
		}
		return r
	}, s)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
