package amili

// luhnDigit returns the Luhn (modulus 10) check digit for a string of digits: the
// check Swedish OCR payment references carry last.
func luhnDigit(digits string) string {
	sum := 0
	double := true // the rightmost digit of the payload is doubled
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return string(rune('0' + (10-sum%10)%10))
}

// validLuhn reports whether a string of digits ends in its correct Luhn check digit.
func validLuhn(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return luhnDigit(s[:len(s)-1]) == s[len(s)-1:]
}
