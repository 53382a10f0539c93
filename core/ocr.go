package core

// OCR references as Bankgirot specifies them: 2–25 digits whose last digit is a Luhn
// (modulus 10) check digit, optionally preceded by a length digit.

// The bounds Bankgirot sets on an OCR reference, check digit included.
const (
	MinOCRLength = 2
	MaxOCRLength = 25
)

// OCRCheckDigit returns the modulus-10 (Luhn) check digit for digits: weights 2, 1, 2,
// 1, … from the rightmost digit, the digits of each product summed, and the check digit
// the one that brings the sum up to a multiple of ten. Empty input or anything but the
// digits 0–9 is an EINVALID error.
func OCRCheckDigit(digits string) (int, error) {
	if err := checkDigits(digits); err != nil {
		return 0, err
	}
	return luhn(digits), nil
}

// MakeOCR builds an OCR reference from base (for example an invoice number) by
// appending the check digit. withLength first appends the length digit: the total
// length of the reference, check digit included, modulo 10.
func MakeOCR(base string, withLength bool) (string, error) {
	if err := checkDigits(base); err != nil {
		return "", err
	}
	if withLength {
		base += string(rune('0' + (len(base)+2)%10))
	}
	if len(base)+1 > MaxOCRLength {
		return "", Errorf(EINVALID, "An OCR reference can have at most {{.Max}} digits", map[string]any{"Max": MaxOCRLength})
	}
	return base + string(rune('0'+luhn(base))), nil
}

// ValidOCR reports whether s is an OCR reference Bankgirot accepts: 2–25 digits, the
// last of which is the check digit of the others.
func ValidOCR(s string) bool {
	if len(s) < MinOCRLength || len(s) > MaxOCRLength || checkDigits(s) != nil {
		return false
	}
	return luhn(s[:len(s)-1]) == int(s[len(s)-1]-'0')
}

// checkDigits refuses an empty string or one with anything but ASCII digits.
func checkDigits(s string) error {
	if s == "" {
		return Errorf(EINVALID, "The OCR reference is empty", nil)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return Errorf(EINVALID, "An OCR reference may only contain the digits 0–9, not {{.Value}}", map[string]any{"Value": s})
		}
	}
	return nil
}

// luhn computes the check digit of an all-digit string.
func luhn(digits string) int {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 { // the rightmost digit has weight 2
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10
}
