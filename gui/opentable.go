package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// openTable is a table whose rows open: a double click on a row, or Enter on the
// row the keyboard is on, selects it and calls onOpen, which opens what it shows
// (an invoice's or a customer's details). A single click selects, as in any table.
type openTable struct {
	widget.Table
	onOpen func() // opens the selected row; nil: rows do not open
	onEsc  func() // closes the dialog the table is in; nil: none
}

// newOpenTable is a table showing ct whose rows open with onOpen.
func newOpenTable[R any, K comparable](ct columnTable[R, K], onOpen func()) *openTable {
	t := &openTable{onOpen: onOpen}
	t.ExtendBaseWidget(t)
	ct.fill(&t.Table, t)
	return t
}

// Tapped selects the cell under the pointer and gives the table the keyboard, so
// Enter then opens the row. (widget.Table focuses itself through the canvas of the
// inner table, which the driver does not know for a table extended like this one.)
func (t *openTable) Tapped(e *fyne.PointEvent) {
	t.Table.Tapped(e)
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && !fyne.CurrentDevice().IsMobile() {
		c.Focus(t)
	}
}

// DoubleTapped selects the row under the pointer and opens it.
func (t *openTable) DoubleTapped(e *fyne.PointEvent) {
	t.Tapped(e)
	t.open()
}

// TypedKey opens the row the keyboard is on with Enter and closes the table's
// dialog with Esc; other keys move and select as in any table.
func (t *openTable) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyEscape:
		if t.onEsc != nil {
			t.onEsc()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		t.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // selects the row the keyboard is on
		t.open()
	default:
		t.Table.TypedKey(e)
	}
}

func (t *openTable) open() {
	if t.onOpen != nil {
		t.onOpen()
	}
}
