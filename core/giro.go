package core

import "strings"

// CheckBankgiro checks a bankgiro number: 7 or 8 digits, the last a modulus-10
// (Luhn) check digit over the others, optionally written with a hyphen before the
// last four (5402-9681) and spaces, as Bankgirot issues them. Empty is allowed: the
// company may have none.
func CheckBankgiro(s string) error {
	digits, ok := giroDigits(s)
	data := map[string]any{"Value": s}
	switch {
	case s == "":
		return nil
	case !ok || len(digits) < 7 || len(digits) > 8:
		return Errorf(EINVALID, "{{.Value}} is not a bankgiro number: it has 7 or 8 digits, like 5402-9681", data)
	case !ValidOCR(digits):
		return Errorf(EINVALID, "The bankgiro number {{.Value}} has a wrong check digit; check it against the agreement", data)
	}
	return nil
}

// CheckPlusgiro checks a plusgiro number: 2 to 8 digits, the last a modulus-10 check
// digit over the others, usually written with a hyphen before it (4405-7). Empty is
// allowed.
func CheckPlusgiro(s string) error {
	digits, ok := giroDigits(s)
	data := map[string]any{"Value": s}
	switch {
	case s == "":
		return nil
	case !ok || len(digits) < 2 || len(digits) > 8:
		return Errorf(EINVALID, "{{.Value}} is not a plusgiro number: it has 2 to 8 digits, like 4405-7", data)
	case !ValidOCR(digits):
		return Errorf(EINVALID, "The plusgiro number {{.Value}} has a wrong check digit; check it against the agreement", data)
	}
	return nil
}

// giroDigits is s without the hyphens and spaces that group its digits; false when
// anything else is in it.
func giroDigits(s string) (string, bool) {
	digits := strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s))
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return "", false
	}
	return digits, true
}
