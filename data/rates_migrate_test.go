package data

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// A book made before the table reached back to 2010 gets the published rates it
// lacks, and keeps a rate its user edited. The published rates are
// core.DefaultReferenceRates (source: Sveriges riksbank, "Referensränta").
func TestMigrationAddsThePublishedRatesAndKeepsTheUsersOwn(t *testing.T) {
	real := migrations
	at := -1
	for i, m := range real {
		if strings.HasSuffix(m.name, "_published_rates") {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no published-rates migration")
	}
	path := filepath.Join(t.TempDir(), "book.db")
	migrations = real[:at]
	closedBook(t, path)
	migrations = real
	// The book as the earlier program left it: 2020 H1 on, one rate edited by hand.
	rawExec(t, path, `DELETE FROM reference_rates WHERE year < 2020`,
		`UPDATE reference_rates SET rate = '4.25' WHERE year = 2024 AND half = 1`)

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rates, err := s.ReferenceRates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[core.HalfYear]decimal.Decimal{}
	for _, r := range rates {
		got[r.HalfYear()] = r.Rate
	}
	if len(rates) != len(core.DefaultReferenceRates()) {
		t.Errorf("%d rates after the migration, want %d", len(rates), len(core.DefaultReferenceRates()))
	}
	for _, tt := range []struct {
		h    core.HalfYear
		want string
	}{
		{core.HalfYear{Year: 2010, Half: 1}, "0.5"},
		{core.HalfYear{Year: 2018, Half: 2}, "-0.5"},
		{core.HalfYear{Year: 2024, Half: 1}, "4.25"}, // the user's, kept
		{core.HalfYear{Year: 2024, Half: 2}, "4"},
	} {
		if r, ok := got[tt.h]; !ok || !r.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("%v = %s (present %v), want %s", tt.h, r, ok, tt.want)
		}
	}
}
