package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

// paidLate pays invoices 10001 (1 000 kr, due 11 March) and 10002 (1 010 kr, due
// 10 March) of a test book in full today, 16 March 2026: 5 and 6 days late.
func paidLate(t *testing.T, book testbook.Book) (first, second core.Invoice) {
	t.Helper()
	ctx := context.Background()
	page, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Search: "1000", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	byNumber := map[string]core.Invoice{}
	for _, inv := range page.Invoices {
		byNumber[inv.Number] = inv
	}
	for _, n := range []string{"10001", "10002"} {
		inv := byNumber[n]
		if _, err := book.Service.RegisterPayment(ctx, core.Payment{InvoiceID: inv.ID, Amount: inv.Balance()}); err != nil {
			t.Fatal(err)
		}
	}
	return byNumber["10001"], byNumber["10002"]
}

func kr(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// openInterest opens Skapa räntefakturor from the File menu and waits for its list.
func openInterest(t *testing.T, m *MainWindow) *interestInvoices {
	t.Helper()
	item := menuItem(t, m, "Arkiv", "Skapa räntefakturor…")
	item.Action()
	d := m.interest
	waitFor(t, "the invoices paid late", func() bool { return d.loaded })
	return d
}

func TestSkapaRäntefakturorListsTheInvoicesPaidLateAndCreatesTheTicked(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	first, second := paidLate(t, book)
	d := openInterest(t, m)

	// 2026 H1: 2,00 % + 8 = 10 %. 1 000 × 10 % × 5 / 365 = 1,369… kr; 1 010 × 10 % × 6 / 365 = 1,660… kr.
	if n := len(d.cands.Candidates); n != 2 {
		t.Fatalf("%d invoices listed, want 10001 and 10002", n)
	}
	cols := d.interestColumns()
	row := columnTable[core.InterestCandidate, unsorted]{cols: cols}.texts(d.cands.Candidates[0])
	if row[1] != "10001" || row[columnOf(cols, "Interest")] != formatAmount(kr("1.37")) || row[columnOf(cols, "Days")] != "5" {
		t.Errorf("first row %q", row)
	}
	if !d.createBtn.Disabled() || d.win.Canvas().Focused() != d.list {
		t.Error("with nothing ticked Create is enabled, or the list does not have the keyboard")
	}

	d.list.onSelected(widget.TableCellID{Row: 0, Col: 1}) // a tap anywhere on the row ticks it
	if !d.selected[first.ID] || d.createBtn.Disabled() || !strings.Contains(d.totals.Text, "1 av 2 valda") {
		t.Fatalf("after ticking 10001: selected %v, totals %q", d.selected, d.totals.Text)
	}
	test.Tap(d.createBtn)
	test.Tap(d.createBtn) // a double click makes one
	waitFor(t, "the räntefaktura", func() bool { return d.result.Visible() && !d.creating && len(d.cands.Candidates) == 1 })
	if !strings.HasPrefix(d.result.Text, "Skapade 1 räntefaktura (20003), 1,37") {
		t.Errorf("result %q", d.result.Text)
	}
	made, err := book.Store.InterestInvoicesFor(context.Background(), []int64{first.ID, second.ID})
	if err != nil || len(made) != 1 || !made[first.ID].Total.Equal(kr("1.37")) || made[first.ID].Number != "20003" {
		t.Errorf("räntefakturor in the book: %v, %v", made, err)
	}
	if d.cands.Candidates[0].Invoice.ID != second.ID || len(d.selected) != 0 || !d.createBtn.Disabled() {
		t.Errorf("after creating, the list holds %v with %v ticked", d.cands.Candidates, d.selected)
	}
}

func TestSkapaRäntefakturorClosesOnEsc(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	paidLate(t, book)
	d := openInterest(t, m)
	d.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed {
		t.Fatal("Esc in the list left the dialog open")
	}
	d = openInterest(t, m)
	m.Window.Canvas().Unfocus() // nothing has the keyboard: the window takes the key
	m.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed {
		t.Error("Esc with nothing focused left the dialog open")
	}
}

func TestSkapaRäntefakturorFitsA1024By768Screen(t *testing.T) {
	smallScreen(t)
	book := testbook.New(t, testbook.Options{})
	paidLate(t, book)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	m := NewMainWindow(a, book.Service, Options{})
	m.Window.Show()
	t.Cleanup(m.Window.Close)
	waitFor(t, "the invoice list", func() bool { return m.invoices.loaded })
	d := openInterest(t, m)
	room := m.Window.Canvas().Size()
	if min := d.dlg.MinSize(); min.Width > room.Width || min.Height > room.Height {
		t.Errorf("the dialog needs %v, more than the window's %v", min, room)
	}
}

func TestTheLeastInterestForARäntefakturaIsASetting(t *testing.T) {
	m, book, s := loadedSettings(t, testbook.Options{})
	if s.interestMin.Text != "0,00" {
		t.Errorf("a new book's least interest reads %q, want 0,00", s.interestMin.Text)
	}
	s.interestMin.SetText("25")
	test.Tap(s.saveBtn)
	waitFor(t, "the save", func() bool { return s.unsaved.Text == "" && m.Window.Canvas().Overlays().Top() != nil })
	set, _ := book.Service.Settings(context.Background())
	if !set.InterestInvoiceMinimum.Equal(kr("25")) {
		t.Errorf("saved minimum %s, want 25", set.InterestInvoiceMinimum)
	}
}
