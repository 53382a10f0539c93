package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"paminn/data/testbook"
)

// Issue 22: ticking "En påminnelse per kund" sends a customer's invoices in one
// letter, and the confirmation says how many letters go for how many invoices; the
// option is off under Amili, which delivers itself.
func TestOneReminderPerCustomerIsAskedAndTheConfirmationCountsTheLetters(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Overdue: 6})
	d := openRemind(t, m)
	for i := range 6 { // two invoices each of K1, K2 and K3
		d.toggle(i, true)
	}
	if d.perCustomer.Checked || d.perCustomer.Disabled() {
		t.Fatalf("the option is ticked %v and disabled %v, want unticked and enabled", d.perCustomer.Checked, d.perCustomer.Disabled())
	}
	test.Tap(d.perCustomer)
	settle()
	if !d.request().PerCustomer {
		t.Fatal("the request does not ask for one reminder per customer")
	}
	want, err := book.Service.PreviewReminders(context.Background(), d.request())
	if err != nil {
		t.Fatal(err)
	}
	c := openConfirmation(t, d)
	shown := labelTexts(c.content)
	for _, s := range []string{"Fakturor", "6", "    Som PDF-brev", "6 i 3 brev", formatAmount(want.Totals.Fees)} {
		if !contains(shown, s) {
			t.Errorf("the confirmation does not show %q: %q", s, shown)
		}
	}
	test.Tap(c.backBtn)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	settle()
	if !d.perCustomer.Disabled() {
		t.Error("the option stays enabled under Amili")
	}
}
