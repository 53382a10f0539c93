package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

func TestTheDialogOpensWithItsFirstPageAndTheCount(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 250})
	d := openRemind(t, m)
	if len(d.pages) != 1 || len(d.pages[0]) != core.DefaultPageSize {
		t.Errorf("opened with %d pages (%d rows on the first), want the first page alone", len(d.pages), len(d.pages[0]))
	}
	if rows, _ := d.list.Length(); rows != 250 {
		t.Errorf("the list has %d rows, want 250", rows)
	}
	if want := "250 förfallna fakturor · " + formatAmount(d.count.Balance); d.eligible.Text != want {
		t.Errorf("eligible = %q, want %q", d.eligible.Text, want)
	}
	if _, ok := d.candidateAt(249); ok {
		t.Fatal("the last page is there before it was asked for")
	}
	waitFor(t, "the last page", func() bool { _, ok := d.candidateAt(249); return ok })
}

func TestTappingAHeaderSortsAndTappingItAgainTurnsTheOrder(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 20})
	d := openRemind(t, m)
	d.sortBy(core.CandidatesByBalance)
	waitFor(t, "the sorted page", func() bool { _, ok := d.candidateAt(0); return ok })
	cs := shownCandidates(t, d)
	for i := 1; i < len(cs); i++ {
		if cs[i-1].Invoice.Balance().GreaterThan(cs[i].Invoice.Balance()) {
			t.Fatalf("by balance, row %d (%s) comes before row %d (%s)", i-1, cs[i-1].Invoice.Balance(), i, cs[i].Invoice.Balance())
		}
	}
	d.sortBy(core.CandidatesByBalance)
	waitFor(t, "the turned page", func() bool { _, ok := d.candidateAt(0); return ok })
	first, _ := d.candidateAt(0)
	if first.Invoice.ID != cs[len(cs)-1].Invoice.ID || !d.query.Desc {
		t.Errorf("tapped again, the first row is %s, want %s, the largest", first.Invoice.Number, cs[len(cs)-1].Invoice.Number)
	}
	h := newSortHeader()
	d.list.UpdateHeader(widget.TableCellID{Row: -1, Col: columnOf(d.list.columns.cols, "Balance")}, h)
	b := h.button
	if b.Text != "Saldo" || b.Icon == nil || b.OnTapped == nil {
		t.Errorf("the balance header reads %q, arrow %v, tappable %v", b.Text, b.Icon != nil, b.OnTapped != nil)
	}
	d.list.UpdateHeader(widget.TableCellID{Row: -1, Col: columnOf(d.list.columns.cols, "Note")}, h)
	if h.button.Visible() || !h.text.Visible() || h.text.look.text != "Observera" {
		t.Errorf("the note column, which does not sort, has a button %v, text %v %q", h.button.Visible(), h.text.Visible(), h.text.look.text)
	}
}

func TestTheSearchFieldFindsByCustomerOrNumberAndKeepsTheSelection(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemind(t, m)
	d.toggle(0, true)
	test.Type(d.search, "anna")
	waitFor(t, "the search", func() bool { return d.query.Search == "anna" && d.count.Count == 3 })
	for _, c := range shownCandidates(t, d) {
		if c.Customer.Name != "Anna Andersson" {
			t.Errorf("searching anna shows %s of %s", c.Invoice.Number, c.Customer.Name)
		}
	}
	if len(d.selected) != 1 {
		t.Errorf("the search changed the selection: %d selected", len(d.selected))
	}
	d.search.SetText("10009")
	waitFor(t, "the number search", func() bool { return d.query.Search == "10009" && d.count.Count == 1 })
	if c, _ := d.candidateAt(0); c.Invoice.Number != "10009" {
		t.Errorf("searching 10009 shows %s", c.Invoice.Number)
	}
}

func TestEscClosesTheDialogFromEachPlaceTheKeyboardCanBe(t *testing.T) {
	places := map[string]func(d *remindDialog) fyne.Focusable{
		"the search field":      func(d *remindDialog) fyne.Focusable { return d.search },
		"the interest check":    func(d *remindDialog) fyne.Focusable { return d.interest },
		"the e-mail check":      func(d *remindDialog) fyne.Focusable { return d.email },
		"the list":              func(d *remindDialog) fyne.Focusable { return d.list },
		"an option of the type": func(d *remindDialog) fyne.Focusable { return d.typeRadio.options[1] },
	}
	for name, focus := range places {
		t.Run(name, func(t *testing.T) {
			m, _ := newTestWindow(t, testbook.Options{})
			d := openRemind(t, m)
			f := focus(d)
			m.Window.Canvas().Focus(f)
			m.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if !d.closed {
				t.Errorf("Esc in %s left the dialog open", name)
			}
		})
	}
}

func TestTheTypeIsChosenByTappingAnOption(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	test.Tap(d.typeRadio.options[1])
	if d.typ != core.ReminderAmili || d.typeRadio.Selected != "Skicka påminnelse via Amili" {
		t.Errorf("tapping the Amili option chose %s (%q)", d.typ, d.typeRadio.Selected)
	}
	d.typeRadio.options[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if d.typ != core.ReminderManual {
		t.Errorf("Space on the manual option chose %s", d.typ)
	}
}

func TestTheSelectionTotalsComeFromTheService(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Overdue: 9})
	d := openRemind(t, m)
	d.interest.SetChecked(true)
	d.fee.SetChecked(true)
	d.toggle(0, true)
	d.toggle(1, true)
	settle()
	want, err := book.Service.SelectionTotals(t.Context(), d.request())
	if err != nil {
		t.Fatal(err)
	}
	if want.Count != 2 || !d.sums.AmountDue.Equal(want.AmountDue) || d.totals.Text != d.totalsText() {
		t.Errorf("shown %+v (%q), the service says %+v", d.sums, d.totals.Text, want)
	}
}
