package data

import (
	"testing"

	"paminn/core"
)

// Store tests that run on both engines (engines_test.go): settings, reference rates,
// customers and invoices.

func TestEnginesANewBookHasTheDefaultSettingsAndRates(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		set, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !set.ReminderFee.Equal(core.DefaultSettings().ReminderFee) || set.PaymentTermDays != core.DefaultSettings().PaymentTermDays {
			t.Fatalf("Settings = %+v, want the defaults", set)
		}
		rates, err := s.ReferenceRates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := core.DefaultReferenceRates()
		if len(rates) != len(want) {
			t.Fatalf("%d reference rates, want the %d published", len(rates), len(want))
		}
		for i := range want {
			if rates[i].Year != want[i].Year || rates[i].Half != want[i].Half || !rates[i].Rate.Equal(want[i].Rate) {
				t.Fatalf("rate %d = %+v, want %+v", i, rates[i], want[i])
			}
		}
	})
}
