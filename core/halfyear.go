package core

import (
	"errors"
	"fmt"
	"time"
)

// HalfYear is a calendar half-year: Half 1 runs January–June, Half 2 July–December.
// Reference rates (rule 5) are set per half-year. The zero HalfYear means "none".
type HalfYear struct {
	Year int
	Half int
}

// HalfYearOf returns the half-year d lies in.
func HalfYearOf(d Date) HalfYear { return HalfYear{Year: d.Year, Half: halfOf(d)} }

// IsZero reports whether h is the zero HalfYear.
func (h HalfYear) IsZero() bool { return h == HalfYear{} }

// Start returns h's first day: 1 January or 1 July.
func (h HalfYear) Start() Date {
	if h.Half == 2 {
		return Date{Year: h.Year, Month: time.July, Day: 1}
	}
	return Date{Year: h.Year, Month: time.January, Day: 1}
}

// Next returns the half-year after h.
func (h HalfYear) Next() HalfYear { return halfYearAt(h.index() + 1) }

// String is h as "2027 H1", for logs and tests.
func (h HalfYear) String() string { return fmt.Sprintf("%d H%d", h.Year, h.Half) }

// index numbers half-years consecutively: Year*2 + Half - 1.
func (h HalfYear) index() int { return h.Year*2 + h.Half - 1 }

func halfYearAt(i int) HalfYear {
	return HalfYear{Year: floorDiv(i, 2), Half: i - 2*floorDiv(i, 2) + 1}
}

// HalfYear is the half-year the rate is for.
func (r ReferenceRate) HalfYear() HalfYear { return HalfYear{Year: r.Year, Half: r.Half} }

// MissingRateError is the cause of the error the interest functions return when the
// reference-rate table has no rate for a half-year they need. It blocks interest
// only: callers find it with MissingRateOf and carry on without interest.
type MissingRateError struct {
	HalfYear HalfYear
}

func (e *MissingRateError) Error() string {
	return "no reference rate for " + e.HalfYear.String()
}

// errMissingRate is the user's error for a half-year without a reference rate.
func errMissingRate(h HalfYear) error {
	return Wrap(&MissingRateError{HalfYear: h}, EINVALID,
		"No reference rate for {{.Year}} half-year {{.Half}}; add it under Settings",
		map[string]any{"Year": h.Year, "Half": h.Half})
}

// MissingRateOf returns the half-year whose reference rate err says is missing, if
// err (or its chain) is such an error.
func MissingRateOf(err error) (HalfYear, bool) {
	var m *MissingRateError
	if errors.As(err, &m) {
		return m.HalfYear, true
	}
	return HalfYear{}, false
}

// Missing returns the half-years from the table's first through until's that have no
// rate, oldest first; with an empty table, until's half-year alone.
func (t RateTable) Missing(until Date) []HalfYear {
	last := HalfYearOf(until)
	have := make(map[HalfYear]bool, len(t))
	first := last
	for _, r := range t {
		have[r.HalfYear()] = true
		if r.HalfYear().index() < first.index() {
			first = r.HalfYear()
		}
	}
	var missing []HalfYear
	for h := first; h.index() <= last.index(); h = h.Next() {
		if !have[h] {
			missing = append(missing, h)
		}
	}
	return missing
}

// halfOf returns the calendar half-year of d: 1 for January–June, 2 for July–December.
func halfOf(d Date) int {
	if d.Month <= time.June {
		return 1
	}
	return 2
}

// endOfHalf returns the last day of d's calendar half-year: 30 June or 31 December.
func endOfHalf(d Date) Date {
	if halfOf(d) == 1 {
		return Date{Year: d.Year, Month: time.June, Day: 30}
	}
	return Date{Year: d.Year, Month: time.December, Day: 31}
}
