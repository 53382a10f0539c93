package core

import (
	"strings"
	"testing"

	"paminn/assets"
)

// A date is read from its text (forms, CSV, camt.054) by ParseDate: a day the
// calendar does not have is "not a date" and says why, never "missing"; a date
// outside MinDate–MaxDate is refused by the one range rule; the text in another form
// says what form is wanted. Each message has its Swedish text, as it is and as a CSV
// row puts its column in front.
func TestParseDateSaysWhyATextIsNotADate(t *testing.T) {
	sv, err := assets.Translation("sv.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       Date
		says       string
	}{
		{"a day February does not have is not a date", "2026-02-30", Date{}, "2026-02-30 is not a date: month 2 of 2026 has 28 days"},
		{"29 February outside a leap year is not a date", "2025-02-29", Date{}, "2025-02-29 is not a date: month 2 of 2025 has 28 days"},
		{"29 February of a leap year is a date", "2024-02-29", Date{2024, 2, 29}, ""},
		{"31 April is not a date", "2026-04-31", Date{}, "2026-04-31 is not a date: month 4 of 2026 has 30 days"},
		{"day 0 is not a date", "2026-01-00", Date{}, "2026-01-00 is not a date: month 1 of 2026 has 31 days"},
		{"month 13 is not a date", "2026-13-01", Date{}, "2026-13-01 is not a date: there is no month 13"},
		{"month 0 is not a date", "2026-00-10", Date{}, "2026-00-10 is not a date: there is no month 0"},
		{"year 0000 is outside the range", "0000-01-01", Date{}, "0000-01-01 is not a date Påminn takes: dates run from 1900-01-01 to 2199-12-31"},
		{"year 9999 is outside the range", "9999-12-31", Date{}, "9999-12-31 is not a date Påminn takes: dates run from 1900-01-01 to 2199-12-31"},
		{"the day before the range is outside it", "1899-12-31", Date{}, "1899-12-31 is not a date Påminn takes"},
		{"the first day of the range is a date", "1900-01-01", Date{1900, 1, 1}, ""},
		{"the last day of the range is a date", "2199-12-31", Date{2199, 12, 31}, ""},
		{"the day after the range is outside it", "2200-01-01", Date{}, "2200-01-01 is not a date Påminn takes"},
		{"slashes are not the form", "2026/02/03", Date{}, "2026/02/03 is not a date in the form YYYY-MM-DD"},
		{"a one-digit day is not the form", "2026-02-3", Date{}, "2026-02-3 is not a date in the form YYYY-MM-DD"},
		{"a sign before the year is not the form", "+026-02-03", Date{}, "+026-02-03 is not a date in the form YYYY-MM-DD"},
		{"an empty text is not the form", "", Date{}, " is not a date in the form YYYY-MM-DD"},
		{"a long text is quoted in part", strings.Repeat("2026-", 1000), Date{}, "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseDate(tc.text)
			if tc.says == "" {
				if err != nil || got != tc.want {
					t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.text, got, err, tc.want)
				}
				return
			}
			e := AsError(err)
			if e.Code != EINVALID || !strings.Contains(e.Text(), tc.says) || !got.IsZero() {
				t.Fatalf("ParseDate(%q) = %v, %v; want EINVALID saying %q", tc.text, got, err, tc.says)
			}
			if len(e.Text()) > 200 {
				t.Errorf("the message quotes %d bytes", len(e.Text()))
			}
			for _, key := range []string{e.Message, "{{.Column}}: " + e.Message} {
				if sv[key] == "" {
					t.Errorf("%q has no Swedish translation", key)
				}
			}
		})
	}
}

// CheckDateRange is the same range for a date given as a Date (a form's payment, an
// invoice's dates, a bank file's payments); the zero Date is left to the caller.
func TestCheckDateRangeHoldsEveryDateToMinDateAndMaxDate(t *testing.T) {
	for _, tc := range []struct {
		name string
		date Date
		ok   bool
	}{
		{"no date is left to the caller", Date{}, true},
		{"year 1 is refused", Date{1, 1, 1}, false},
		{"year 9999 is refused", Date{9999, 12, 31}, false},
		{"the last day before MinDate is refused", MinDate.AddDays(-1), false},
		{"MinDate is taken", MinDate, true},
		{"MaxDate is taken", MaxDate, true},
		{"the first day after MaxDate is refused", MaxDate.AddDays(1), false},
		{"today's dates are taken", Date{2026, 12, 6}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckDateRange(tc.date)
			if (err == nil) != tc.ok || err != nil && ErrorCodeOf(err) != EINVALID {
				t.Errorf("CheckDateRange(%v) = %v, want ok=%v", tc.date, err, tc.ok)
			}
		})
	}
}

// Whatever text ParseDate is given, it gives back that very date, within the range,
// or an EINVALID error; it never panics.
func FuzzParseDate(f *testing.F) {
	for _, seed := range []string{"2026-02-28", "2026-02-30", "0000-01-01", "9999-12-31", "2026-13-01", "2026/02/03", "", "+026-02-03"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if ErrorCodeOf(err) != EINVALID || !d.IsZero() {
				t.Fatalf("ParseDate(%q) = %v, %v", s, d, err)
			}
			return
		}
		if d.String() != s || CheckDateRange(d) != nil {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}
