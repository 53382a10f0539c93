package data

import (
	"testing"
	"time"

	"paminn/core"
)

func TestStoredDatesParseStrictly(t *testing.T) {
	tests := []struct {
		in   string
		want core.Date
		ok   bool
	}{
		{"2025-03-15", core.MustDate("2025-03-15"), true},
		{"2024-02-29", core.MustDate("2024-02-29"), true},
		{"2025-12-31", core.MustDate("2025-12-31"), true},
		{"2025-02-29", core.Date{}, false},
		{"2100-02-29", core.Date{}, false},
		{"2025-04-31", core.Date{}, false},
		{"2025-13-01", core.Date{}, false},
		{"2025-1-01", core.Date{}, false},
		{"15/03/2025", core.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStoredInstantsSortAsText(t *testing.T) {
	early := time.Date(2025, 3, 15, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	later := early.Add(time.Nanosecond)
	a, b := instantText(early).(string), instantText(later).(string)
	if !(a < b) || len(a) != len(b) {
		t.Errorf("%q and %q do not compare as the instants do", a, b)
	}
	var back time.Time
	if err := (instantCol{&back}).Scan(b); err != nil || !back.Equal(later) {
		t.Errorf("instant %q read back as %v, %v", b, back, err)
	}
	if instantText(time.Time{}) != nil {
		t.Error("the zero time is not stored as NULL")
	}
}
