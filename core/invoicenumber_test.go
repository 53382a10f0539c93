package core

import (
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

func TestNextInvoiceNumberFollowsTheHighestAndKeepsItsPattern(t *testing.T) {
	tests := []struct {
		name    string
		numbers []string
		want    string
	}{
		{"plain numbers", []string{"10001", "10002", "10099"}, "10100"},
		{"highest by value, not by text", []string{"999", "1000", "998"}, "1001"},
		{"a prefix is kept", []string{"F-0098", "F-0099"}, "F-0100"},
		{"zero padding is kept", []string{"000041", "000042"}, "000043"},
		{"padding grows when the digits run out", []string{"F-99"}, "F-100"},
		{"a year prefix keeps its digits apart", []string{"2026-0041", "2026-0042"}, "2026-0043"},
		{"numbers not ending in digits are passed over", []string{"X-2", "ABC", "17-A"}, "X-3"},
		{"nothing ending in digits", []string{"ABC", ""}, ""},
		{"an empty book", nil, ""},
		{"beyond 64 bits", []string{"99999999999999999999"}, "100000000000000000000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := nextInvoiceNumber(tc.numbers); got != tc.want {
				t.Errorf("nextInvoiceNumber(%q) = %q, want %q", tc.numbers, got, tc.want)
			}
		})
	}
}

// The suggestion is never one of the numbers given, so saving it never conflicts
// with the invoices it was worked out from.
func TestNextInvoiceNumberIsNeverTaken(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		prefix := rapid.SampledFrom([]string{"", "F-", "2026-", "A"}).Draw(t, "prefix")
		width := rapid.IntRange(1, 8).Draw(t, "width")
		values := rapid.SliceOfN(rapid.IntRange(0, 99999999), 1, 20).Draw(t, "values")
		var numbers []string
		for _, v := range values {
			s := strconv.Itoa(v)
			for len(s) < width {
				s = "0" + s
			}
			numbers = append(numbers, prefix+s)
		}
		next := nextInvoiceNumber(numbers)
		for _, n := range numbers {
			if n == next {
				t.Fatalf("next %q of %q is taken", next, numbers)
			}
		}
	})
}
