package core

import (
	"testing"

	"pgregory.net/rapid"
)

// The OCR checks of a Bankgirot agreement (Bankgirot, "OCR-referenskontroll", and the
// Bankgiro Inbetalningar technical manual's agreements "Avtal om OCR-kontroll:
// Checksiffra" and "Checksiffra och längd (variabel eller fast)"): the last digit is
// a modulus-10 check digit; with the length check the next to last digit is the
// length, check digit included, modulo 10 — or the reference has one of the
// agreement's fixed lengths.
func TestCheckOCRFollowsTheAgreement(t *testing.T) {
	checkOnly := OCRRule{}
	lengthDigit := OCRRule{Check: OCRLengthDigit}
	fixed := OCRRule{Check: OCRFixedLength, Lengths: [2]int{10, 12}}
	tests := []struct {
		name    string
		ref     string
		rule    OCRRule
		message string // "" when valid
	}{
		// 1234, length digit 6, check digit 3 (the Luhn digit of 12346).
		{"a reference with length and check digit passes the length check", "123463", lengthDigit, ""},
		// 12345 and its Luhn digit 5: a right check digit, but 5 is no length of 6.
		{"a wrong length digit fails the length check", "123455", lengthDigit,
			"The OCR reference 123455 has a wrong length digit: with 6 digits the next to last must be 6"},
		{"a wrong length digit with a right check digit passes a check-digit agreement", "123455", checkOnly, ""},
		{"a wrong check digit fails every agreement", "123464", checkOnly, "The OCR reference 123464 has a wrong check digit"},
		{"a reference of a fixed length passes", "0000012344", fixed, ""},
		{"the second fixed length passes too", "000000012344", fixed, ""},
		{"another length fails a fixed-length agreement", "12344", fixed,
			"The OCR reference 12344 must have 10/12 digits under the company's Bankgirot agreement"},
		{"letters are refused", "12a4", checkOnly, "An OCR reference may only contain the digits 0–9, not 12a4"},
		{"one digit is too short", "0", checkOnly, "The OCR reference 0 must have 2 to 25 digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOCR(tt.ref, tt.rule)
			switch {
			case tt.message == "" && err != nil:
				t.Errorf("CheckOCR(%s) = %v, want valid", tt.ref, err)
			case tt.message != "" && (ErrorCodeOf(err) != EINVALID || AsError(err).Text() != tt.message):
				t.Errorf("CheckOCR(%s) = %v, want %q", tt.ref, err, tt.message)
			}
		})
	}
}

// A reference made under an agreement always passes that agreement's check.
func TestMadeReferencesPassTheirAgreementsCheck(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := rapid.StringMatching(`[0-9]{1,9}`).Draw(t, "base")
		rule := rapid.SampledFrom([]OCRRule{{}, {Check: OCRLengthDigit}, {Check: OCRFixedLength, Lengths: [2]int{10}},
			{Check: OCRFixedLength, Lengths: [2]int{12, 15}}}).Draw(t, "rule")
		ref, err := MakeOCRFor(base, rule)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckOCR(ref, rule); err != nil {
			t.Fatalf("%s made under %+v: %v", ref, rule, err)
		}
		if rule.Check == OCRFixedLength && len(ref) != rule.Lengths[0] {
			t.Fatalf("%s is not %d digits", ref, rule.Lengths[0])
		}
	})
}

func TestOCRRuleValidate(t *testing.T) {
	for _, tt := range []struct {
		rule OCRRule
		ok   bool
	}{
		{OCRRule{}, true}, {OCRRule{Check: OCRLengthDigit}, true}, {OCRRule{Check: OCRFixedLength, Lengths: [2]int{10}}, true},
		{OCRRule{Check: OCRFixedLength}, false}, {OCRRule{Check: OCRFixedLength, Lengths: [2]int{1}}, false},
		{OCRRule{Check: OCRFixedLength, Lengths: [2]int{0, 12}}, false}, {OCRRule{Check: "strict"}, false},
	} {
		if err := tt.rule.Validate(); (err == nil) != tt.ok {
			t.Errorf("Validate(%+v) = %v, want ok %v", tt.rule, err, tt.ok)
		}
	}
}

// Bankgiro numbers are 7 or 8 digits ending in a modulus-10 check digit, plusgiro
// numbers 2 to 8 (Bankgirot; Plusgirot). 5402-9681 checks (the Luhn digit of 5402968
// is 1), 5402-9682 does not — the example.
func TestBankgiroAndPlusgiroNumbersAreChecked(t *testing.T) {
	for _, tt := range []struct {
		check   func(string) error
		value   string
		message string
	}{
		{CheckBankgiro, "5402-9681", ""},
		{CheckBankgiro, "123-4566", ""},
		{CheckBankgiro, "", ""},
		{CheckBankgiro, "5402-9682", "The bankgiro number 5402-9682 has a wrong check digit; check it against the agreement"},
		{CheckBankgiro, "bankgiro", "bankgiro is not a bankgiro number: it has 7 or 8 digits, like 5402-9681"},
		{CheckBankgiro, "12-34", "12-34 is not a bankgiro number: it has 7 or 8 digits, like 5402-9681"},
		{CheckPlusgiro, "4405-7", ""},
		{CheckPlusgiro, "4405-4", "The plusgiro number 4405-4 has a wrong check digit; check it against the agreement"},
		{CheckPlusgiro, "123456789-0", "123456789-0 is not a plusgiro number: it has 2 to 8 digits, like 4405-7"},
	} {
		err := tt.check(tt.value)
		if (tt.message == "" && err != nil) || (tt.message != "" && (err == nil || AsError(err).Text() != tt.message)) {
			t.Errorf("%q: %v, want %q", tt.value, err, tt.message)
		}
	}
}

// Whatever is typed or imported, CheckOCR answers without panicking, and what it
// accepts under any agreement is a reference with a right check digit, of a fixed
// length where the agreement has one, and with a right length digit where it asks
// for one.
func FuzzCheckOCR(f *testing.F) {
	for _, s := range []string{"123463", "123455", "0000012344", "", "0", "12a4", "١٢٣", "99999999999999999999999999"} {
		f.Add(s, 0, 10)
	}
	f.Fuzz(func(t *testing.T, ref string, level, length int) {
		rule := OCRRule{}
		switch level % 3 {
		case 1, -1:
			rule.Check = OCRLengthDigit
		case 2, -2:
			rule = OCRRule{Check: OCRFixedLength, Lengths: [2]int{length}}
		}
		if CheckOCR(ref, rule) != nil {
			return
		}
		if !ValidOCR(ref) {
			t.Fatalf("CheckOCR(%q, %+v) accepted a wrong check digit", ref, rule)
		}
		switch rule.Check {
		case OCRLengthDigit:
			if ref[len(ref)-2] != byte('0'+len(ref)%10) {
				t.Fatalf("CheckOCR(%q) accepted a wrong length digit", ref)
			}
		case OCRFixedLength:
			if len(ref) != length {
				t.Fatalf("CheckOCR(%q) accepted %d digits under a fixed length of %d", ref, len(ref), length)
			}
		}
	})
}
