package core

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"a decimal comma", "1234,50", "1234.50"},
		{"a space between thousands", "1 234,50", "1234.50"},
		{"a no-break space between thousands", "1\u00a0234,50", "1234.50"},
		{"a narrow no-break space between thousands", "1\u202f234,50", "1234.50"},
		{"a decimal point", "1234.50", "1234.50"},
		{"points between thousands and a decimal comma", "1.234,50", "1234.50"},
		{"commas between thousands and a decimal point", "1,234.50", "1234.50"},
		{"several point-separated groups without decimals", "1.234.567", "1234567"},
		{"several space-separated groups without decimals", "1 234 567", "1234567"},
		{"a whole number", "60", "60"},
		{"one decimal", "12,5", "12.5"},
		{"a negative amount", "-1 234,50", "-1234.50"},
		{"negative zero is zero", "-0", "0"},
		{"a plus sign", "+5", "5"},
		{"a typographic minus sign", "\u221212,00", "-12"},
		{"surrounding spaces", "  42  ", "42"},
		{"a trailing kr, as FormatSEK writes it", "1\u00a0234,50\u00a0kr", "1234.50"},
		{"a trailing SEK", "42 SEK", "42"},
		{"the Swedish whole-krona mark", "100:-", "100"},
		{"leading zeros", "007", "7"},
		{"the largest amount Påminn takes", "999 999 999,99", "999999999.99"},
		{"the smallest amount Påminn takes", "-999999999,99", "-999999999.99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAmount(tt.in)
			if err != nil {
				t.Fatalf("ParseAmount(%q): %v", tt.in, err)
			}
			if !got.Equal(decimalOf(tt.want)) {
				t.Errorf("ParseAmount(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseAmountRefuses(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		message string // "" for the general "not an amount" message
	}{
		{"an empty string", "", "Enter an amount"},
		{"only a unit", " kr", "Enter an amount"},
		{"letters", "abc", ""},
		{"exponent notation", "1e5", ""},
		{"commas that are neither decimal nor thousands", "12,3,4", ""},
		{"a comma followed by three digits, which could be thousands", "1,234", "1,234 has more than two decimals"},
		{"a point followed by three digits, which could be thousands", "1.234", "1.234 has more than two decimals"},
		{"three decimals", "12,345", "12,345 has more than two decimals"},
		{"a decimal separator with no decimals", "12,", ""},
		{"decimals with no whole part", ",50", ""},
		{"a doubled thousands space", "1  234", ""},
		{"a thousands group of two digits", "12 34", ""},
		{"a thousands group of four digits", "1 2345", ""},
		{"a first group of four digits", "1234 567", ""},
		{"a space after the sign", "- 12", ""},
		{"two signs", "--1", ""},
		{"two decimal points among commas", "1.2,3.4", ""},
		{"thousands separators after the decimal separator", "1,234.567,8", ""},
		{"a space inside the decimals", "12,5 0", ""},
		{"hexadecimal", "0x10", ""},
		{"non-ASCII digits", "١٢", ""},
		{"NaN", "NaN", ""},
		{"infinity", "Inf", ""},
		{"a unit twice", "12 kr kr", ""},
		{"sixteen whole digits", "1000000000000000", "1000000000000000 is too large an amount; Påminn takes amounts up to 999\u00a0999\u00a0999,99 kr"},
		{"one krona over the range", "1000000000", "1000000000 is too large an amount; Påminn takes amounts up to 999\u00a0999\u00a0999,99 kr"},
		{"a negative amount over the range", "-1 000 000 000,00", "-1 000 000 000,00 is too large an amount; Påminn takes amounts up to 999\u00a0999\u00a0999,99 kr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAmount(tt.in)
			if ErrorCodeOf(err) != EINVALID {
				t.Fatalf("ParseAmount(%q) = %s, %v; want an EINVALID error", tt.in, got, err)
			}
			want := tt.message
			if want == "" {
				want = tt.in + " is not an amount; write it like 1 234,50"
			}
			if text := AsError(err).Text(); text != want {
				t.Errorf("message = %q, want %q", text, want)
			}
		})
	}
}

func TestParseAmountProperties(t *testing.T) {
	t.Run("a formatted amount parses back to the same öre", rapid.MakeCheck(func(t *rapid.T) {
		amount := FromOre(rapid.Int64Range(-(maxAmountOre-1), maxAmountOre-1).Draw(t, "ore"))
		for _, s := range []string{FormatSEK(amount), amount.StringFixed(2),
			strings.Replace(amount.StringFixed(2), ".", ",", 1)} {
			back, err := ParseAmount(s)
			if err != nil || !back.Equal(amount) {
				t.Fatalf("ParseAmount(%q) = %s, %v; want %s", s, back, err, amount)
			}
		}
	}))
}

// FuzzParseAmount checks that ParseAmount never panics, fails only with EINVALID, and
// that what it accepts has at most two decimals, fits in öre, and survives formatting.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1234,50", "1 234,50", "1\u00a0234,50 kr", "1.234,50", "1,234.50", "-0",
		"12,3,4", "abc", "1e5", "1,234", "100:-", "+5", "\u22121", "1.234.567", "", " kr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseAmount(s)
		if err != nil {
			if ErrorCodeOf(err) != EINVALID {
				t.Fatalf("ParseAmount(%q) failed with %v, not EINVALID", s, err)
			}
			return
		}
		if !d.Equal(RoundOre(d)) {
			t.Fatalf("ParseAmount(%q) = %s, more than two decimals", s, d)
		}
		if d.Abs().GreaterThanOrEqual(decimal.New(1, maxAmountDigits)) {
			t.Fatalf("ParseAmount(%q) = %s, too large", s, d)
		}
		if !FromOre(ToOre(d)).Equal(d) {
			t.Fatalf("ParseAmount(%q) = %s does not survive öre", s, d)
		}
		for _, again := range []string{FormatSEK(d), d.StringFixed(2), d.String()} {
			back, err := ParseAmount(again)
			if err != nil || !back.Equal(d) {
				t.Fatalf("ParseAmount(%q) = %s, but ParseAmount(%q) = %s, %v", s, d, again, back, err)
			}
		}
	})
}
