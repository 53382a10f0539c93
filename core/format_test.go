package core

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestFormatSEK(t *testing.T) {
	tests := []struct {
		name   string
		amount string
		want   string // with "_" for the no-break space, for legibility
	}{
		{"thousands are separated by a no-break space", "1234.5", "1_234,50_kr"},
		{"a small amount has no separator", "60", "60,00_kr"},
		{"zero shows two decimals", "0", "0,00_kr"},
		{"a negative amount has a leading hyphen", "-1234.5", "-1_234,50_kr"},
		{"millions get two separators", "1234567.89", "1_234_567,89_kr"},
		{"exactly a thousand is grouped", "1000", "1_000,00_kr"},
		{"a hundred thousand is grouped once", "100000", "100_000,00_kr"},
		{"fractions of an öre round half away from zero", "0.125", "0,13_kr"},
		{"negative fractions round away from zero too", "-0.125", "-0,13_kr"},
		{"an amount that rounds to zero has no minus sign", "-0.001", "0,00_kr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.ReplaceAll(tt.want, "_", "\u00a0")
			if got := FormatSEK(decimalOf(tt.amount)); got != want {
				t.Errorf("FormatSEK(%s) = %q, want %q", tt.amount, got, want)
			}
		})
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		name    string
		percent string
		want    string
	}{
		{"a whole percentage shows two decimals", "10", "10,00_%"},
		{"a fractional percentage uses a decimal comma", "11.5", "11,50_%"},
		{"zero percent", "0", "0,00_%"},
		{"more than two decimals are rounded", "8.125", "8,13_%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.ReplaceAll(tt.want, "_", "\u00a0")
			if got := FormatPercent(decimalOf(tt.percent)); got != want {
				t.Errorf("FormatPercent(%s) = %q, want %q", tt.percent, got, want)
			}
		})
	}
}

func TestFormatSEKProperties(t *testing.T) {
	t.Run("a formatted amount never breaks across lines", rapid.MakeCheck(func(t *rapid.T) {
		s := FormatSEK(decimal.New(rapid.Int64().Draw(t, "n"), int32(rapid.IntRange(-4, 2).Draw(t, "exp"))))
		if strings.ContainsAny(s, " \t\n") {
			t.Fatalf("%q holds a breaking space", s)
		}
	}))
}
