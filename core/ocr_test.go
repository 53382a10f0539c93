package core

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestMakeOCR(t *testing.T) {
	tests := []struct {
		name       string
		base       string
		withLength bool
		want       string
	}{
		{"a check digit of zero is appended as 0", "123", false, "1230"},
		{"the check digit is appended to the base", "12345", false, "123455"},
		{"the length digit counts itself and the check digit", "12345", true, "1234574"},
		{"a single digit becomes a two-digit reference", "5", false, "59"},
		{"a length of ten or more is written modulo ten", "12345678", true, "12345678" + "0" + "6"},
		{"leading zeros are kept", "0007", false, "00075"},
		{"the longest base without a length digit gives 25 digits", strings.Repeat("1", 24), false, strings.Repeat("1", 24) + "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MakeOCR(tt.base, tt.withLength)
			if err != nil {
				t.Fatalf("MakeOCR(%q): %v", tt.base, err)
			}
			if got != tt.want {
				t.Errorf("MakeOCR(%q, %v) = %q, want %q", tt.base, tt.withLength, got, tt.want)
			}
			if !ValidOCR(got) {
				t.Errorf("ValidOCR(%q) = false", got)
			}
		})
	}
}

func TestMakeOCRRefuses(t *testing.T) {
	tests := []struct {
		name       string
		base       string
		withLength bool
	}{
		{"an empty base", "", false},
		{"a base with letters", "12A4", false},
		{"a base with a space", "12 34", false},
		{"a base with a hyphen", "12-34", false},
		{"a base with non-ASCII digits", "١٢٣", false},
		{"a base too long for 25 digits", strings.Repeat("1", 25), false},
		{"a base too long once the length digit is added", strings.Repeat("1", 24), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MakeOCR(tt.base, tt.withLength)
			if ErrorCodeOf(err) != EINVALID {
				t.Errorf("MakeOCR(%q) = %q, %v; want an EINVALID error", tt.base, got, err)
			}
		})
	}
}

func TestOCRCheckDigit(t *testing.T) {
	tests := []struct {
		name   string
		digits string
		want   int
	}{
		{"weights 2,1,2 from the right sum to ten", "123", 0},
		{"products above nine count their digit sum", "12345", 5},
		{"a lone zero needs no check", "0", 0},
		{"a lone nine doubles to eighteen, digit sum nine", "9", 1},
		{"a known Swedish organisation number checks", "556036079", 3}, // 556036-0793
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := OCRCheckDigit(tt.digits)
			if err != nil || got != tt.want {
				t.Errorf("OCRCheckDigit(%q) = %d, %v; want %d", tt.digits, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "12a", " 12", "1.2"} {
		if _, err := OCRCheckDigit(bad); ErrorCodeOf(err) != EINVALID {
			t.Errorf("OCRCheckDigit(%q) error = %v, want EINVALID", bad, err)
		}
	}
}

func TestValidOCR(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{"a reference whose check digit verifies is valid", "123455", true},
		{"a reference with a length digit is valid", "1234574", true},
		{"a wrong check digit is invalid", "123456", false},
		{"two swapped digits are usually caught", "213455", false},
		{"an empty string is invalid", "", false},
		{"a single digit is too short", "0", false},
		{"26 digits are too long even with a good check digit", strings.Repeat("0", 26), false},
		{"25 zeros are valid", strings.Repeat("0", 25), true},
		{"spaces are not allowed", "1234 55", false},
		{"letters are not allowed", "12345X", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidOCR(tt.s); got != tt.want {
				t.Errorf("ValidOCR(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestOCRProperties(t *testing.T) {
	digits := func(t *rapid.T, maxLen int) string {
		return rapid.StringMatching(fmt.Sprintf(`[0-9]{1,%d}`, maxLen)).Draw(t, "base")
	}

	t.Run("every reference MakeOCR builds is valid", rapid.MakeCheck(func(t *rapid.T) {
		withLength := rapid.Bool().Draw(t, "withLength")
		base := digits(t, 23)
		ocr, err := MakeOCR(base, withLength)
		if err != nil {
			t.Fatal(err)
		}
		if !ValidOCR(ocr) || !strings.HasPrefix(ocr, base) {
			t.Fatalf("MakeOCR(%q, %v) = %q", base, withLength, ocr)
		}
		if withLength && int(ocr[len(ocr)-2]-'0') != len(ocr)%10 {
			t.Fatalf("length digit of %q does not give its length", ocr)
		}
	}))

	t.Run("changing any one digit breaks validity", rapid.MakeCheck(func(t *rapid.T) {
		ocr, err := MakeOCR(digits(t, 24), false)
		if err != nil {
			t.Fatal(err)
		}
		i := rapid.IntRange(0, len(ocr)-1).Draw(t, "position")
		shift := byte(rapid.IntRange(1, 9).Draw(t, "shift"))
		changed := []byte(ocr)
		changed[i] = '0' + (changed[i]-'0'+shift)%10
		if ValidOCR(string(changed)) {
			t.Fatalf("%q is still valid after changing digit %d of %q", changed, i, ocr)
		}
	}))
}

// FuzzValidOCR checks that ValidOCR never panics, agrees with OCRCheckDigit, and
// accepts only 2–25 ASCII digits.
func FuzzValidOCR(f *testing.F) {
	for _, s := range []string{"1230", "123455", "1234574", "", "0", "12a", strings.Repeat("9", 30), "١٢٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		valid := ValidOCR(s)
		if !valid {
			return
		}
		if len(s) < MinOCRLength || len(s) > MaxOCRLength || !isDigits(s) {
			t.Fatalf("ValidOCR(%q) accepted a malformed reference", s)
		}
		check, err := OCRCheckDigit(s[:len(s)-1])
		if err != nil || check != int(s[len(s)-1]-'0') {
			t.Fatalf("ValidOCR(%q) disagrees with OCRCheckDigit: %d, %v", s, check, err)
		}
		remade, err := MakeOCR(s[:len(s)-1], false)
		if err != nil || remade != s {
			t.Fatalf("MakeOCR(%q) = %q, %v; want %q", s[:len(s)-1], remade, err, s)
		}
	})
}
