package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

// chargeInvoice gives a test book's invoice what a reminder charged: a 60 kr fee
// and 12,50 kr interest.
func chargeInvoice(t *testing.T, book testbook.Book, number string) core.Invoice {
	t.Helper()
	page, err := book.Service.ListInvoices(context.Background(), core.InvoiceQuery{Search: number})
	if err != nil || len(page.Invoices) != 1 {
		t.Fatalf("invoice %s: %+v (%v)", number, page.Invoices, err)
	}
	inv := page.Invoices[0]
	testbook.Charge(t, book.Store, inv.ID, testbook.Today.AddDays(-5), core.Parts{Fee: decimal.NewFromInt(60), Interest: decimal.RequireFromString("12.50")})
	return inv
}

func openCharges(t *testing.T, book testbook.Book, id int64) decimal.Decimal {
	t.Helper()
	open, err := book.Store.OpenParts(context.Background(), []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	return open[id].Charges()
}

// Issue 20: a bank payment of the invoice amount on a reminded invoice says
// "betalar fakturabeloppet, X kr kvar i avgifter och ränta", and one click waives
// the rest; registering then leaves nothing owed, and the waiver carries its reason.
func TestAPaymentOfTheInvoiceAmountOffersToWaiveTheRestInOneClick(t *testing.T) {
	m, book, uri := bankFileWindow(t)
	inv := chargeInvoice(t, book, "10001")
	p := dropFile(t, m, uri)
	if got := outcomeText(p.imp.Rows[0]); got != "Betalar fakturabeloppet, 72,50\u00a0kr kvar i avgifter och ränta" {
		t.Errorf("the payment of the invoice amount shows %q", got)
	}
	if !p.waive.Disabled() {
		t.Error("Efterskänk resten is enabled with no row selected")
	}
	p.table.Select(widgetCell(0))
	if p.waive.Disabled() || p.waive.Text != "Efterskänk resten" {
		t.Fatalf("the waive button: %q, disabled %v", p.waive.Text, p.waive.Disabled())
	}
	test.Tap(p.waive)
	waitFor(t, "the waiver in the preview", func() bool { return !p.busy && p.imp.Rows[0].Outcome == core.OutcomeFull })
	if got := outcomeText(p.imp.Rows[0]); got != "Betalar hela; 72,50\u00a0kr i avgifter och ränta efterskänks" {
		t.Errorf("after the click: %q", got)
	}
	if p.waive.Text != "Behåll avgifterna" {
		t.Errorf("the button now reads %q", p.waive.Text)
	}
	test.Tap(p.register)
	waitFor(t, "the preview to close", func() bool { return !p.open })
	if c := openCharges(t, book, inv.ID); !c.IsZero() {
		t.Errorf("costs and interest left: %s", c)
	}
	got, err := book.Service.Invoice(context.Background(), inv.ID)
	if err != nil || !got.Balance().IsZero() {
		t.Errorf("invoice 10001 after the import: %+v (%v)", got, err)
	}
}

// Efterskänk… in the Faktura menu, on the list's selection, asks for a reason (none is refused, in
// Swedish) and waives what remains of the selected invoice's costs and interest.
func TestWaivingTheSelectedInvoicesCostsAsksForAReason(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	inv := chargeInvoice(t, book, "10002")
	l := m.invoices
	l.table.Select(widget.TableCellID{Row: rowOf(l, "10002"), Col: 1})
	menuItem(t, m, "Faktura", "Efterskänk avgifter och ränta…").Action()
	waitFor(t, "the waive form from the menu", func() bool {
		return strings.Contains(strings.Join(topTexts(m), " "), "10002")
	})
	m.Window.Canvas().Overlays().Top().Hide()
	f := showWaiveForm(book.Service, m.Window, []core.Invoice{inv}, nil)
	f.submit()
	waitFor(t, "the refusal", func() bool {
		top := m.Window.Canvas().Overlays().Top()
		return top != nil && contains(labelTexts(top), "Ange ett skäl till eftergiften")
	})
	m.Window.Canvas().Overlays().Top().Hide()
	if c := openCharges(t, book, inv.ID); !c.Equal(decimal.RequireFromString("72.50")) {
		t.Fatalf("the refused waiver changed the charges: %s", c)
	}
	reason := f.form.Items[1].Widget.(*escEntry)
	test.Type(reason, "Goodwill, kunden betalade i tid tidigare")
	f.submit()
	waitFor(t, "the waiver", func() bool { return openCharges(t, book, inv.ID).IsZero() })
	waitFor(t, "the confirmation", func() bool {
		top := m.Window.Canvas().Overlays().Top()
		return top != nil && strings.Contains(strings.Join(labelTexts(top), " "), "72,50\u00a0kr efterskänkt")
	})
	// The waiver is in the invoice's history, shown on the status line.
	waitFor(t, "the waiver on the status line", func() bool {
		return strings.Contains(l.detail.Text, "Efterskänkt 2026-03-16 72,50\u00a0kr (Goodwill, kunden betalade i tid tidigare)")
	})
}

// Register payment on a reminded invoice offers the whole claim and says what it is
// made of; paying it leaves nothing owed.
func TestThePaymentFormOffersTheWholeClaim(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	inv := chargeInvoice(t, book, "10001")
	claim, err := book.Service.InvoiceClaim(context.Background(), inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	f := showPaymentForm(book.Service, m.Window, inv, claim, nil)
	want := "Faktura 10001, Bygg & Fog AB – kvar att betala 1\u00a0072,50\u00a0kr: fakturabelopp 1\u00a0000,00\u00a0kr, avgifter och ränta 72,50\u00a0kr"
	if top := m.Window.Canvas().Overlays().Top(); !contains(labelTexts(top), want) {
		t.Errorf("the payment form says %v", labelTexts(top))
	}
	f.submit()
	waitFor(t, "the payment", func() bool {
		c, err := book.Service.InvoiceClaim(context.Background(), inv.ID)
		return err == nil && c.Sum().IsZero()
	})
}

// Efterskänk … på fakturorna som visas waives the costs and interest of every invoice
// the list shows (its filter and search) that has some left, after one reason.
func TestWaivingTheInvoicesShownWaivesEachWithCostsLeft(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	l := m.invoices
	a, b := chargeInvoice(t, book, "10002"), chargeInvoice(t, book, "10003")
	waitFor(t, "the list", func() bool { return l.loaded })
	l.search.SetText("1000")
	waitFor(t, "the search", func() bool { return l.loaded && l.query.Search == "1000" })
	menuItem(t, m, "Faktura", "Efterskänk avgifter och ränta på fakturorna som visas…").Action()
	waitFor(t, "the waive form", func() bool { return l.waiveForm != nil })
	if info := l.waiveForm.form.Items[0].Widget.(*widget.Label).Text; !strings.Contains(info, "10002") ||
		!strings.Contains(info, "10003") || strings.Count(info, ", ") != 2 {
		t.Errorf("the form says %q, want it to name 10002 and 10003 alone", info)
	}
	test.Type(l.waiveForm.form.Items[1].Widget.(*escEntry), "Kampanj: avgifterna efterskänks")
	l.waiveForm.submit()
	waitFor(t, "both waived", func() bool {
		return openCharges(t, book, a.ID).IsZero() && openCharges(t, book, b.ID).IsZero()
	})
}
