package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// openInvoiceForm opens Ny faktura over the main window and waits for its suggested
// number.
func openInvoiceForm(t *testing.T, m *MainWindow, book testbook.Book) (f *formDialog, number *escEntry, invDate, dueDate *dateField) {
	t.Helper()
	cs, err := book.Service.Customers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f = newInvoiceForm(book.Service, m.Window, cs, func(core.Invoice) {})
	f.show()
	number = f.form.Items[1].Widget.(*escEntry)
	invDate, dueDate = f.form.Items[2].Widget.(*dateField), f.form.Items[3].Widget.(*dateField)
	waitFor(t, "the suggested number", func() bool { return number.Text != "" })
	return f, number, invDate, dueDate
}

func TestNewInvoiceSuggestsTheNumberAfterTheHighest(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	_, number, _, _ := openInvoiceForm(t, m, book)
	// The test book's numbers are 10001… and 20001, 20002.
	if number.Text != "20003" {
		t.Errorf("suggested %q, want 20003", number.Text)
	}
}

func TestASuggestionArrivingLateLeavesATypedNumberBe(t *testing.T) {
	_, book := newTestWindow(t, testbook.Options{})
	number := entryWith("", "")
	suggestInvoiceNumber(book.Service, number)
	test.Type(number, "F-1")
	settle()
	if number.Text != "F-1" {
		t.Errorf("the number reads %q after the suggestion came, want what was typed", number.Text)
	}
}

func TestTheDatesArePickedFromACalendar(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	f, number, invDate, dueDate := openInvoiceForm(t, m, book)
	if invDate.Text != "2026-03-16" || dueDate.Text != "2026-04-15" {
		t.Fatalf("dates %q and %q, want today and 30 days on", invDate.Text, dueDate.Text)
	}
	test.Tap(dueDate.pick)
	if dueDate.popUp == nil || !dueDate.popUp.Visible() {
		t.Fatal("the calendar did not open")
	}
	day := findButton(test.WidgetRenderer(dueDate.calendar).Objects(), "30")
	if day == nil {
		t.Fatal("the calendar shows no 30th: it opened on another month than the date's")
	}
	test.Tap(day)
	if dueDate.Text != "2026-04-30" || dueDate.popUp.Visible() {
		t.Errorf("picked the 30th: the field reads %q, calendar open %v", dueDate.Text, dueDate.popUp.Visible())
	}
	f.form.Items[0].Widget.(*escSelect).SetSelectedIndex(0)
	f.form.Items[4].Widget.(*escEntry).SetText("1 000")
	f.submit()
	settle()
	page, err := book.Service.ListInvoices(context.Background(), core.InvoiceQuery{Search: number.Text})
	if err != nil || len(page.Invoices) != 1 {
		t.Fatalf("the invoice %s was not created: %v, %v", number.Text, page.Invoices, err)
	}
	if inv := page.Invoices[0]; inv.DueDate != core.MustDate("2026-04-30") || inv.InvoiceDate != core.MustDate("2026-03-16") {
		t.Errorf("created with dates %s and %s", inv.InvoiceDate, inv.DueDate)
	}
}

// findButton returns the visible button with that text among objs and their
// children, or nil.
func findButton(objs []fyne.CanvasObject, text string) *widget.Button {
	for _, o := range objs {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == text {
				return x
			}
		case *keyButton:
			if x.Text == text {
				return &x.Button
			}
		case *fyne.Container:
			if b := findButton(x.Objects, text); b != nil {
				return b
			}
		case fyne.Widget:
			if b := findButton(test.WidgetRenderer(x).Objects(), text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestTheDateFieldShowsItsCalendarButton(t *testing.T) {
	test.NewTempApp(t)
	f := newDateField(core.MustDate("2026-03-16"))
	w := test.NewWindow(f)
	defer w.Close()
	w.Resize(fyne.NewSize(300, 60))
	if findThisButton(test.WidgetRenderer(f).Objects(), f.pick) == nil {
		t.Error("the date field does not draw its calendar button")
	}
}

// findThisButton returns b if it is among objs and their children, or nil.
func findThisButton(objs []fyne.CanvasObject, b *widget.Button) *widget.Button {
	for _, o := range objs {
		switch x := o.(type) {
		case *widget.Button:
			if x == b {
				return x
			}
		case *fyne.Container:
			if found := findThisButton(x.Objects, b); found != nil {
				return found
			}
		case fyne.Widget:
			if found := findThisButton(test.WidgetRenderer(x).Objects(), b); found != nil {
				return found
			}
		}
	}
	return nil
}
