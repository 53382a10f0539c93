package core

import "testing"

func TestRateFor(t *testing.T) {
	rates := RateTable(DefaultReferenceRates())
	tests := []struct {
		name     string
		date     string
		want     string
		wantHalf int
		prelim   bool
	}{
		{"30 June belongs to the first half-year", "2023-06-30", "2.5", 1, false},
		{"1 July belongs to the second half-year", "2023-07-01", "3.5", 2, false},
		{"1 January belongs to the first half-year", "2025-01-01", "3", 1, false},
		{"the second half of 2026 is preliminary", "2026-12-31", "2", 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := rates.RateFor(MustDate(tt.date))
			if err != nil {
				t.Fatal(err)
			}
			if !r.Rate.Equal(decimalOf(tt.want)) || r.Half != tt.wantHalf || r.Preliminary != tt.prelim {
				t.Errorf("RateFor(%s) = %+v", tt.date, r)
			}
		})
	}
	_, err := rates.RateFor(MustDate("2009-03-01"))
	e := AsError(err)
	if h, ok := MissingRateOf(err); e.Code != EINVALID || e.Data["Year"] != 2009 || e.Data["Half"] != 1 || !ok || h != (HalfYear{2009, 1}) {
		t.Errorf("missing half-year: %#v", e)
	}
}

func TestDefaultReferenceRates(t *testing.T) {
	rates := RateTable(DefaultReferenceRates())
	if err := rates.Validate(); err != nil {
		t.Fatalf("the shipped table is invalid: %v", err)
	}
	if len(rates) != 34 {
		t.Errorf("%d rates, want 2010 H1 through 2026 H2 (34)", len(rates))
	}
	for i := 1; i < len(rates); i++ {
		if rates[i].HalfYear() != rates[i-1].HalfYear().Next() {
			t.Errorf("%v follows %v", rates[i].HalfYear(), rates[i-1].HalfYear())
		}
	}
	for i, r := range rates {
		if r.Preliminary != (i == len(rates)-1) {
			t.Errorf("%d H%d Preliminary = %v; only 2026 H2 is preliminary", r.Year, r.Half, r.Preliminary)
		}
	}
}

func TestRateTableValidate(t *testing.T) {
	tests := []struct {
		name    string
		table   RateTable
		message string
	}{
		{"an empty table is valid", RateTable{}, ""},
		{"a half-year other than 1 or 2 is refused",
			RateTable{{Year: 2024, Half: 3, Rate: decimalOf("1")}},
			"The reference rate for 2024 names half-year 3; it must be 1 or 2"},
		{"a half-year entered twice is refused",
			RateTable{{Year: 2024, Half: 1, Rate: decimalOf("1")}, {Year: 2024, Half: 1, Rate: decimalOf("2")}},
			"The reference rate for 2024 half-year 1 is entered twice"},
		{"a negative rate is valid, as the Riksbank's was from 2016 H2 through 2019 H1",
			RateTable{{Year: 2016, Half: 2, Rate: decimalOf("-0.5")}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.table.Validate()
			if tt.message == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if ErrorCodeOf(err) != EINVALID || AsError(err).Text() != tt.message {
				t.Errorf("Validate = %v, want EINVALID %q", err, tt.message)
			}
		})
	}
}
