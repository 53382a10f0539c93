package gui

import (
	"context"
	"strings"
	"testing"

	"paminn/core"
	"paminn/data/testbook"
)

// Issue 20: selecting an invoice reminded before, whose costs are unpaid, the dialog's
// totals name those costs and add up to what the reminder will ask: the claim.
func TestTheDialogsTotalsNameTheEarlierCostsUnpaid(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	ctx := context.Background()
	id := m.invoices.invoiceIDOf(t, "10001")
	if _, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{id},
		ChargeFee: true, Prefer: core.ChannelLetter, IdempotencyKey: "earlier"}); err != nil {
		t.Fatal(err)
	}
	d := openRemind(t, m)
	d.typeRadio.SetSelected("Manuell påminnelse")
	d.interest.SetChecked(false)
	d.fee.SetChecked(true)
	row := -1
	for i, c := range shownCandidates(t, d) {
		if c.Invoice.ID == id {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("the reminded invoice is not a candidate")
	}
	d.toggle(row, true)
	waitFor(t, "the selection's totals", func() bool { return d.sums.Count == 1 && d.sums.EarlierCharges.IsPositive() })
	want := "Tidigare avgifter 60,00\u00a0kr"
	if text := d.totalsText(); !strings.Contains(text, want) || !strings.Contains(text, "Att påminna om 1\u00a0120,00\u00a0kr") {
		t.Errorf("the totals say %q; want them to name %q and ask 1 000 + 60 + 60", text, want)
	}
}
