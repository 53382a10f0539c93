package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

func TestCountsReadInTheSingularForOne(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	amount := decimal.RequireFromString("100")
	for _, c := range []struct {
		name   string
		totals core.InvoiceTotals
		want   string
	}{
		{"one invoice, one overdue", core.InvoiceTotals{Count: 1, OverdueCount: 1, OverdueAmount: amount}, "1 faktura · 1 förfallen · " + formatAmount(amount) + " förfallet totalt"},
		{"two invoices, none overdue", core.InvoiceTotals{Count: 2}, "2 fakturor · 0 förfallna · " + formatAmount(decimal.Zero) + " förfallet totalt"},
		{"thousands, grouped", core.InvoiceTotals{Count: 1500, OverdueCount: 150, OverdueAmount: amount}, formatInt(1500) + " fakturor · 150 förfallna · " + formatAmount(amount) + " förfallet totalt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l.totals = c.totals
			l.updateFooter()
			if l.footer.Text != c.want {
				t.Errorf("footer = %q, want %q", l.footer.Text, c.want)
			}
		})
	}
	t.Run("the reminder dialog's one overdue invoice", func(t *testing.T) {
		d := openRemind(t, m)
		d.count = core.CandidateCount{Count: 1, Balance: amount}
		d.updateEligible()
		if want := "1 förfallen faktura · " + formatAmount(amount); d.eligible.Text != want {
			t.Errorf("the dialog says %q, want %q", d.eligible.Text, want)
		}
	})
}

func TestTheDialogSaysTheOverdueInvoicesWithAmiliAreNotIncluded(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Amili: true})
	handedToAmili(t, book)
	m.invoices.reload()
	waitFor(t, "the list", func() bool { return m.invoices.loaded })
	d := openRemind(t, m)
	if diff := m.invoices.totals.OverdueCount - d.count.Count; diff != 1 {
		t.Fatalf("the list counts %d overdue, the dialog %d: a difference of %d, want the one with Amili",
			m.invoices.totals.OverdueCount, d.count.Count, diff)
	}
	want := formatInt(d.count.Count) + " förfallna fakturor · " + formatAmount(d.count.Balance) + " · 1 hos Amili ingår inte"
	if d.eligible.Text != want {
		t.Errorf("the dialog says %q, want %q", d.eligible.Text, want)
	}
	number := d.pages[0][0].Invoice.Number
	test.Type(d.search, number)
	waitFor(t, "the search's count", func() bool { return d.query.Search == number && d.count.Count == 1 })
	if strings.Contains(d.eligible.Text, "Amili") {
		t.Errorf("under a search the dialog says %q: the note is of the whole list", d.eligible.Text)
	}
}
