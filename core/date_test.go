package core

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestDateStringIsYYYYMMDD holds Date.String, written out by hand for speed, to the
// fmt form it replaces, for every date and for values no normalised date has.
func TestDateStringIsYYYYMMDD(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := Date{rapid.IntRange(-20, 12000).Draw(t, "year"), time.Month(rapid.IntRange(-1, 14).Draw(t, "month")),
			rapid.IntRange(-1, 33).Draw(t, "day")}
		want := fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
		if d.IsZero() {
			want = ""
		}
		if got := d.String(); got != want {
			t.Fatalf("%#v.String() = %q, want %q", d, got, want)
		}
		if !d.IsZero() && d.Year >= 0 && d.Year <= 9999 {
			if back, err := ParseDate(d.String()); err == nil && back != d {
				t.Fatalf("%q parses back as %#v", d.String(), back)
			}
		}
	})
}
