package gui

import (
	"testing"

	"paminn/assets"
	"paminn/core"
	"paminn/data/testbook"
)

// A search matching many invoices is counted up to a bound: the list's footer and the
// dialog say "more than" that many, and show no totals they did not count.
func TestABoundedSearchCountSaysMoreThan(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	l.totals = core.InvoiceTotals{Count: 500, More: true}
	l.updateFooter()
	if want := "Fler än " + formatInt(500) + " fakturor matchar: skriv mer för att begränsa sökningen"; l.footer.Text != want {
		t.Errorf("footer = %q, want %q", l.footer.Text, want)
	}
	d := openRemind(t, m)
	d.count = core.CandidateCount{Count: 500, More: true}
	d.updateEligible()
	if want := "Fler än " + formatInt(500) + " förfallna fakturor matchar: skriv mer för att begränsa sökningen"; d.eligible.Text != want {
		t.Errorf("the dialog says %q, want %q", d.eligible.Text, want)
	}
	en, err := assets.Translation("en.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"More than {{.Count}} invoices match: type more to narrow the search",
		"More than {{.Count}} overdue invoices match: type more to narrow the search"} {
		if en[key] != key {
			t.Errorf("en.json: %q is %q", key, en[key])
		}
	}
}
