package data

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// instantLayout stores instants as fixed-width UTC text, so they sort and compare as
// text and keep nanoseconds.
const instantLayout = "2006-01-02T15:04:05.000000000Z"

// instantText is the stored form of t; the zero time is NULL.
func instantText(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(instantLayout)
}

// dateText is the stored form of d; the zero Date is "".
func dateText(d core.Date) string { return d.String() }

// boolInt is the stored form of b.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// The column scanners below read the stored forms back into core's types; each wraps
// a pointer to the destination so a row scans in one call.

// dateCol scans TEXT YYYY-MM-DD ("" or NULL is the zero Date).
type dateCol struct{ d *core.Date }

func (c dateCol) Scan(v any) error {
	s, err := text(v)
	if err != nil || s == "" {
		*c.d = core.Date{}
		return err
	}
	d, ok := parseDate(s)
	if !ok {
		return fmt.Errorf("stored date %q is not YYYY-MM-DD", s)
	}
	*c.d = d
	return nil
}

// parseDate reads a stored YYYY-MM-DD without time.Parse, which is slow enough to
// matter when a list scans many thousands of rows; impossible dates are refused.
func parseDate(s string) (core.Date, bool) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, m, d := digits(s[0:4]), digits(s[5:7]), digits(s[8:10])
		if y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
			return core.Date{Year: y, Month: time.Month(m), Day: d}, true
		}
	}
	return core.Date{}, false
}

// daysIn is the number of days in month m of year y.
func daysIn(y, m int) int {
	switch {
	case m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0):
		return 29
	case m == 2:
		return 28
	case m == 4 || m == 6 || m == 9 || m == 11:
		return 30
	}
	return 31
}

// digits is the value of a string of ASCII digits, or -1.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// oreCol scans INTEGER öre into kronor.
type oreCol struct{ d *decimal.Decimal }

func (c oreCol) Scan(v any) error {
	switch n := v.(type) {
	case int64:
		*c.d = core.FromOre(n)
	case nil:
		*c.d = decimal.Zero
	default:
		return fmt.Errorf("stored amount %v is not whole öre", v)
	}
	return nil
}

// decimalCol scans a decimal kept as TEXT (rates in percent).
type decimalCol struct{ d *decimal.Decimal }

func (c decimalCol) Scan(v any) error {
	s, err := text(v)
	if err != nil {
		return err
	}
	if s == "" {
		*c.d = decimal.Zero
		return nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return fmt.Errorf("stored decimal %q: %w", s, err)
	}
	*c.d = d
	return nil
}

// instantCol scans an instant stored by instantText (NULL is the zero time).
type instantCol struct{ t *time.Time }

func (c instantCol) Scan(v any) error {
	s, err := text(v)
	if err != nil || s == "" {
		*c.t = time.Time{}
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("stored time %q: %w", s, err)
	}
	*c.t = t
	return nil
}

// text returns a TEXT (or NULL, as "") column value.
func text(v any) (string, error) {
	switch s := v.(type) {
	case string:
		return s, nil
	case []byte:
		return string(s), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("stored value %v (%T) is not text", v, v)
}
