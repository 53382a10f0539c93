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
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("stored date %q: %w", s, err)
	}
	*c.d = core.DateOf(t)
	return nil
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
