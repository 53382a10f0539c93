package core

import (
	"strconv"
	"strings"
)

// OCRCheck is the level of OCR-referenskontroll in the company's Bankgirot agreement
// (Bankgirot, "OCR-referenskontroll" and the Bankgiro Inbetalningar technical
// manual: "Avtal om OCR-kontroll: Checksiffra" and "Checksiffra och längd (variabel
// eller fast)"). It decides how references are made and checked.
type OCRCheck string

// The OCR check levels.
const (
	// OCRCheckDigitOnly checks the last digit only, the modulus-10 check digit (the
	// default, and Bankgirot's soft level). New references still get a length digit
	// too, which a check-digit agreement accepts.
	OCRCheckDigitOnly OCRCheck = ""
	// OCRLengthDigit checks the check digit and the length digit before it: the
	// reference's length, check digit included, modulo 10 (variable length).
	OCRLengthDigit OCRCheck = "length_digit"
	// OCRFixedLength checks the check digit and that the reference has one of the
	// agreement's one or two fixed lengths; new references are padded with leading
	// zeros to the first.
	OCRFixedLength OCRCheck = "fixed_length"
)

// OCRRule is the company's OCR agreement: its check level and, for OCRFixedLength,
// its fixed lengths (one or two, each 2–25, check digit included; a second of 0
// means there is one). An array, so Settings stay comparable.
type OCRRule struct {
	Check   OCRCheck
	Lengths [2]int
}

// FixedLengths are the agreement's fixed lengths that are set.
func (rule OCRRule) FixedLengths() []int {
	var out []int
	for _, n := range rule.Lengths {
		if n != 0 {
			out = append(out, n)
		}
	}
	return out
}

// Validate refuses an unknown level and fixed lengths that are missing or out of
// bounds.
func (rule OCRRule) Validate() error {
	switch rule.Check {
	case OCRCheckDigitOnly, OCRLengthDigit:
		return nil
	case OCRFixedLength:
		if rule.Lengths[0] == 0 {
			return Errorf(EINVALID, "An OCR agreement with fixed length names one or two lengths", nil)
		}
		for _, n := range rule.FixedLengths() {
			if n < MinOCRLength || n > MaxOCRLength {
				return Errorf(EINVALID, "An OCR reference is {{.Min}} to {{.Max}} digits long, not {{.Length}}",
					map[string]any{"Min": MinOCRLength, "Max": MaxOCRLength, "Length": n})
			}
		}
		return nil
	}
	return Errorf(EINVALID, "Unknown OCR check {{.Value}}", map[string]any{"Value": string(rule.Check)})
}

// CheckOCR checks an entered or imported OCR reference as the company's agreement
// does: nil when Bankgirot would accept ref, else an EINVALID error saying what is
// wrong. Spaces grouping the digits are not allowed here; the caller drops them.
func CheckOCR(ref string, rule OCRRule) error {
	data := map[string]any{"OCR": ref}
	if err := checkDigits(ref); err != nil {
		return err
	}
	if len(ref) < MinOCRLength || len(ref) > MaxOCRLength {
		data["Min"], data["Max"] = MinOCRLength, MaxOCRLength
		return Errorf(EINVALID, "The OCR reference {{.OCR}} must have {{.Min}} to {{.Max}} digits", data)
	}
	if !ValidOCR(ref) {
		return Errorf(EINVALID, "The OCR reference {{.OCR}} has a wrong check digit", data)
	}
	switch rule.Check {
	case OCRLengthDigit:
		if want := byte('0' + len(ref)%10); ref[len(ref)-2] != want {
			data["Length"], data["Want"] = len(ref), string(want)
			return Errorf(EINVALID, "The OCR reference {{.OCR}} has a wrong length digit: with {{.Length}} digits the next to last must be {{.Want}}", data)
		}
	case OCRFixedLength:
		for _, n := range rule.FixedLengths() {
			if len(ref) == n {
				return nil
			}
		}
		data["Lengths"] = joinLengths(rule.FixedLengths())
		return Errorf(EINVALID, "The OCR reference {{.OCR}} must have {{.Lengths}} digits under the company's Bankgirot agreement", data)
	}
	return nil
}

// MakeOCRFor makes a new reference from base (digits, for example of an invoice
// number) that CheckOCR accepts under rule.
func MakeOCRFor(base string, rule OCRRule) (string, error) {
	if rule.Check != OCRFixedLength {
		return MakeOCR(base, true)
	}
	if err := checkDigits(base); err != nil {
		return "", err
	}
	n := rule.Lengths[0]
	if len(base)+1 > n {
		return "", Errorf(EINVALID, "{{.Base}} is too long for an OCR reference of {{.Length}} digits",
			map[string]any{"Base": base, "Length": n})
	}
	return MakeOCR(strings.Repeat("0", n-1-len(base))+base, false)
}

// joinLengths writes lengths as "10" or "10/12".
func joinLengths(lengths []int) string {
	parts := make([]string, len(lengths))
	for i, n := range lengths {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, "/")
}
