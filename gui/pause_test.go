package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// Issue 22: Pausa… in the Faktura menu asks why and pauses the selected invoice; the
// list shows it as Bestriden, the filter of paused invoices finds it, and Återuppta
// puts it back.
func TestPausingTheSelectedInvoiceShowsItAsDisputedUntilResumed(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	l := m.invoices
	l.table.Select(widget.TableCellID{Row: rowOf(l, "10002"), Col: 1})
	menuItem(t, m, "Faktura", "Pausa…").Action()
	waitFor(t, "the pause form from the menu", func() bool {
		return strings.Contains(strings.Join(topTexts(m), " "), "Faktura 10002 erbjuds ingen påminnelse")
	})
	m.Window.Canvas().Overlays().Top().Hide()
	inv := invoiceNumbered(t, book, "10002")
	f := showPauseForm(book.Service, m.Window, core.Pause{InvoiceID: inv.ID}, "")
	test.Type(f.form.Items[2].Widget.(*escEntry), "Varan var trasig")
	f.submit()
	waitFor(t, "the invoice shown as disputed", func() bool {
		row := rowOf(l, "10002")
		return row >= 0 && statusText(l, row) == "Bestriden"
	})
	if got := invoiceNumbered(t, book, "10002"); got.Pause != core.PauseDispute {
		t.Fatalf("the invoice's pause is %q", got.Pause)
	}
	page, err := book.Service.ListInvoices(context.Background(), core.InvoiceQuery{Filter: core.FilterPaused})
	if err != nil || len(page.Invoices) != 1 || page.Invoices[0].Number != "10002" {
		t.Errorf("the paused filter shows %+v (%v)", page.Invoices, err)
	}
	l.table.Select(widget.TableCellID{Row: rowOf(l, "10002"), Col: 1})
	menuItem(t, m, "Faktura", "Återuppta").Action()
	waitFor(t, "the invoice resumed", func() bool { return invoiceNumbered(t, book, "10002").Pause == core.PauseNone })
}

// A customer's details pause the whole customer: every invoice of it shows as paused
// with the reason, and Återuppta kunden puts them back.
func TestPausingACustomerPausesEveryInvoiceOfIt(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	inv := invoiceNumbered(t, book, "10002")
	c := core.Customer{ID: inv.CustomerID, Name: inv.CustomerName}
	buttons := customerDetailActions(book.Service, m.Window)(core.CustomerDetails{Customer: c})
	var labels []string
	for _, o := range buttons {
		labels = append(labels, o.(*widget.Button).Text)
	}
	if len(labels) < 2 || labels[0] != "Pausa kunden…" || labels[1] != "Återuppta kunden" {
		t.Fatalf("the customer's details offer %q", labels)
	}
	f := showPauseForm(book.Service, m.Window, core.Pause{CustomerID: c.ID}, "")
	f.form.Items[1].Widget.(*widget.RadioGroup).SetSelected("En avbetalningsplan är överenskommen")
	f.submit()
	waitFor(t, "the customer's invoice paused", func() bool { return invoiceNumbered(t, book, "10002").Pause == core.PausePlan })
	l := m.invoices
	waitFor(t, "the list showing it", func() bool {
		row := rowOf(l, "10002")
		return row >= 0 && statusText(l, row) == "Pausad: avbetalningsplan"
	})
	test.Tap(buttons[1].(*widget.Button))
	waitFor(t, "the customer resumed", func() bool { return invoiceNumbered(t, book, "10002").Pause == core.PauseNone })
}
