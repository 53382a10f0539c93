package core

import (
	"fmt"
	"time"
)

// Date is a calendar date without time of day or zone. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalised the way time.Date normalises.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses YYYY-MM-DD strictly, as a calendar date between MinDate and
// MaxDate. Text in another form, a day the month does not have (2026-02-30) and a
// date outside the range are each an EINVALID error that says which.
func ParseDate(s string) (Date, error) {
	y, okY := digitsValue(s, 0, 4)
	m, okM := digitsValue(s, 5, 7)
	d, okD := digitsValue(s, 8, 10)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !okY || !okM || !okD {
		return Date{}, Errorf(EINVALID, "{{.Value}} is not a date in the form YYYY-MM-DD", map[string]any{"Value": Excerpt(s)})
	}
	data := map[string]any{"Value": s, "Year": y, "Month": m}
	if m < 1 || m > 12 {
		return Date{}, Errorf(EINVALID, "{{.Value}} is not a date: there is no month {{.Month}}", data)
	}
	if days := daysInMonth(y, time.Month(m)); d < 1 || d > days {
		data["Days"] = days
		return Date{}, Errorf(EINVALID, "{{.Value}} is not a date: month {{.Month}} of {{.Year}} has {{.Days}} days", data)
	}
	if date := (Date{y, time.Month(m), d}); date.Before(MinDate) || date.After(MaxDate) {
		return Date{}, dateRangeError(s)
	}
	return Date{y, time.Month(m), d}, nil
}

// digitsValue is the number the ASCII digits s[from:to] write; ok is false when s is
// shorter or holds anything else there.
func digitsValue(s string, from, to int) (n int, ok bool) {
	if len(s) < to {
		return 0, false
	}
	for i := from; i < to; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// daysInMonth is the number of days in month m of year y.
func daysInMonth(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MustDate parses YYYY-MM-DD and panics on error; for tests and constants.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// By hand: a batch writes several dates per reminder, and Sprintf is most of their cost.
	b := [10]byte{byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10),
		byte('0' + d.Year%10), '-', byte('0' + int(d.Month)/10), byte('0' + int(d.Month)%10), '-',
		byte('0' + d.Day/10), byte('0' + d.Day%10)}
	return string(b[:])
}

// AddDays returns d plus n days (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysSince returns the number of days from e to d (positive when d is later).
func (d Date) DaysSince(e Date) int { return d.dayNumber() - e.dayNumber() }

// dayNumber counts the days from 1970-01-01 to d by civil-calendar arithmetic (H.
// Hinnant's days_from_civil), without building a time.Time: the reminder dialog
// works out days overdue for tens of thousands of invoices. Like time.Date it
// carries months and days out of range over.
func (d Date) dayNumber() int {
	y, m := d.Year, int(d.Month)-1 // m from 0 (January)
	y, m = y+floorDiv(m, 12), m-12*floorDiv(m, 12)
	if m < 2 {
		y-- // the year runs from March, so a leap day ends it
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((m+10)%12)+2)/5 + d.Day - 1 // days since 1 March
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// floorDiv is a/b rounded down (b > 0).
func floorDiv(a, b int) int {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Clock tells the current time; injected so tests and demos can fix "today".
type Clock interface {
	Now() time.Time
}

// SystemClock is the real wall clock, in the local zone.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock always returns the same instant.
type FixedClock time.Time

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return time.Time(c) }

// Today returns the calendar date of c.Now().
func Today(c Clock) Date { return DateOf(c.Now()) }
