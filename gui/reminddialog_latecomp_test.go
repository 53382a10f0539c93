package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

// Rule 6 (lag 1981:739 4 a §: 450 kr förseningsersättning from a company debtor,
// instead of the reminder fee): the option is offered for manual reminders, off under
// Amili, counted in the totals, and sent with the batch.
func TestTheLateCompensationOptionCountsInTheTotalsAndIsSent(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Amili: true})
	d := openRemind(t, m)
	if want := "Ta ut förseningsersättning 450 kr för företagskunder"; d.lateComp.Text != want {
		t.Errorf("option = %q, want %q", d.lateComp.Text, want)
	}
	// The oldest candidate is 10005, K2's (a private person): find K1's, a company
	// that agreed to the fee.
	row := -1
	for i, c := range d.pages[0] {
		if c.Customer.Name == "Bygg & Fog AB" {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("no candidate of the company K1")
	}
	c := d.pages[0][row]
	d.toggle(row, true)
	test.Tap(d.fee)
	test.Tap(d.lateComp)
	settle() // the selection's totals come from the service
	want := "Saldo " + formatAmount(c.Invoice.Balance()) + " · Ränta 0,00\u00a0kr · Avgifter 0,00\u00a0kr · Förseningsersättning 450,00\u00a0kr · Att påminna om " +
		formatAmount(c.Invoice.Balance().Add(core.LateCompensationAmount))
	if d.totals.Text != want {
		t.Errorf("totals = %q\nwant     %q", d.totals.Text, want)
	}
	if req := d.request(); !req.ChargeLateCompensation || !req.ChargeFee {
		t.Errorf("request %+v does not ask for the compensation", req)
	}

	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	if !d.lateComp.Disabled() {
		t.Error("the compensation option is enabled under Amili")
	}
	if req := d.request(); req.ChargeLateCompensation {
		t.Error("an Amili request asks for the compensation")
	}
	d.typeRadio.SetSelected("Manuell påminnelse")

	sendConfirmed(t, d)
	waitFor(t, "the batch", func() bool { return d.sent })
	bs, err := book.Service.Batches(t.Context())
	if err != nil || len(bs) != 1 {
		t.Fatalf("batches %v, %v", bs, err)
	}
	rs, err := book.Service.BatchReminders(t.Context(), bs[0].ID)
	if err != nil || !rs[0].LateCompensation.Equal(core.LateCompensationAmount) || !rs[0].Fee.IsZero() {
		t.Errorf("sent reminder %+v, %v; want 450 kr compensation and no fee", rs, err)
	}
}
