package data

import (
	"database/sql"
	"fmt"

	"paminn/core"
)

// rowValues scans a row's columns as the driver gives them (int64, string or nil) and
// converts them itself: for reads of tens of thousands of rows, database/sql's
// conversions into typed destinations cost more than stepping through the rows.
// Like bufio.Scanner it keeps the first conversion error, in err.
type rowValues struct {
	vals []any
	dest []any // pointers to vals, for Scan
	err  error
}

func newRowValues(columns int) *rowValues {
	v := &rowValues{vals: make([]any, columns), dest: make([]any, columns)}
	for i := range v.vals {
		v.dest[i] = &v.vals[i]
	}
	return v
}

// scan reads the current row of rows.
func (v *rowValues) scan(rows *sql.Rows) error { return rows.Scan(v.dest...) }

// int is column i as an INTEGER (NULL is 0).
func (v *rowValues) int(i int) int64 {
	switch n := v.vals[i].(type) {
	case int64:
		return n
	case nil:
		return 0
	}
	v.fail(i, "an integer")
	return 0
}

// text is column i as TEXT (NULL is "").
func (v *rowValues) text(i int) string {
	s, err := text(v.vals[i])
	if err != nil {
		v.fail(i, "text")
	}
	return s
}

// date is column i as a stored date ("" or NULL is the zero Date).
func (v *rowValues) date(i int) core.Date {
	s := v.text(i)
	if s == "" {
		return core.Date{}
	}
	d, ok := parseDate(s)
	if !ok {
		v.fail(i, "a date YYYY-MM-DD")
	}
	return d
}

func (v *rowValues) fail(i int, want string) {
	if v.err == nil {
		v.err = fmt.Errorf("stored value %v (%T) in column %d is not %s", v.vals[i], v.vals[i], i+1, want)
	}
}
