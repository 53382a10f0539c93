package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// columnTable is what a widget.Table needs to show cols: rows is how many there
// are, row the one on line i (false while it is not read yet: shown empty). order
// is nil for a table that does not sort: its headers are then bold text.
type columnTable[R any, K comparable] struct {
	cols  []column[R, K]
	rows  func() int
	row   func(i int) (R, bool)
	order *tableSort[K]
	// shown are the columns the table shows when some gave way (column.givesWay,
	// set by columnFit); nil for a table whose columns always show.
	shown *shownColumns
}

// shownColumns are the indexes in cols of the columns a table shows; none: all.
type shownColumns struct{ cols []int }

// width is how many columns the table shows.
func (ct columnTable[R, K]) width() int {
	if ct.shown != nil && ct.shown.cols != nil {
		return len(ct.shown.cols)
	}
	return len(ct.cols)
}

// col is the column shown at index i, false when there is none.
func (ct columnTable[R, K]) col(i int) (column[R, K], bool) {
	if i < 0 || i >= ct.width() {
		return column[R, K]{}, false
	}
	if ct.shown != nil && ct.shown.cols != nil {
		i = ct.shown.cols[i]
	}
	return ct.cols[i], true
}

// tableSort is how a sortable table is ordered now, and what sorts it by a column.
type tableSort[K comparable] struct {
	current func() (key K, desc bool)
	by      func(K)
}

// newTable is a table showing ct.
func newTable[R any, K comparable](ct columnTable[R, K]) *widget.Table {
	t := &widget.Table{}
	t.ExtendBaseWidget(t)
	ct.fill(t, t)
	return t
}

// fill sets up t, already extended, to show the columns: its size, header row,
// cells and widths. shown is t as the window holds it (the widget extending t).
func (ct columnTable[R, K]) fill(t *widget.Table, shown fyne.CanvasObject) {
	t.Length = func() (int, int) { return ct.rows(), ct.width() }
	t.CreateCell = func() fyne.CanvasObject {
		c := newTableCell()
		c.table, c.shown = t, shown
		return c
	}
	t.UpdateCell = ct.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		c := newHeaderCell()
		c.table, c.shown = t, shown
		return c
	}
	t.UpdateHeader = ct.updateTextHeader
	if ct.order != nil {
		t.CreateHeader = func() fyne.CanvasObject { return newSortHeader() }
		t.UpdateHeader = ct.updateSortHeader
	}
	for i, c := range ct.cols {
		t.SetColumnWidth(i, columnWidth(c.title, c.width, c.sortable()))
	}
}

func (ct columnTable[R, K]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	cell := o.(*tableCell)
	c, ok := ct.col(id.Col)
	if !ok {
		return
	}
	r, ok := ct.row(id.Row)
	if !ok {
		cell.set(plain(""), c.trailing)
		return
	}
	cell.set(c.show(r), c.trailing)
}

func (ct columnTable[R, K]) updateTextHeader(id widget.TableCellID, o fyne.CanvasObject) {
	if c, ok := ct.col(id.Col); ok {
		title := ""
		if c.title != "" {
			title = lang.L(c.title)
		}
		o.(*tableCell).set(plain(title), false)
	}
}

// updateSortHeader shows a sortable table's header: a button with the title, the
// arrow on the column the table is sorted by, and a tap that sorts by the column;
// or, for a column that does not sort, the title as bold text. The button is
// refreshed only when it changes: the table updates its headers at every refresh,
// and a button's icon is coloured anew at each.
func (ct columnTable[R, K]) updateSortHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*sortHeader)
	c, ok := ct.col(id.Col)
	if !ok {
		return
	}
	text := ""
	if c.title != "" {
		text = lang.L(c.title)
	}
	if !c.sortable() {
		h.button.Hide()
		h.text.Show()
		h.text.set(plain(text), false)
		return
	}
	h.text.Hide()
	h.button.Show()
	b := h.button
	var icon fyne.Resource
	if key, desc := ct.order.current(); key == c.sort {
		icon = theme.MenuDropUpIcon()
		if desc {
			icon = theme.MenuDropDownIcon()
		}
	}
	b.OnTapped = func() { ct.order.by(c.sort) }
	h.setTitle(text, icon)
}

// texts returns what each column shows for r, for tests and status lines.
func (ct columnTable[R, K]) texts(r R) []string {
	out := make([]string, len(ct.cols))
	for i, c := range ct.cols {
		out[i] = c.show(r).text
	}
	return out
}

// columnWidth is wide enough for the column's minimum and for its bold header
// (with room for the sort arrow when sortable), so no header is ever cut off in
// either language.
func columnWidth(title string, minWidth float32, sortable bool) float32 {
	if title == "" {
		return minWidth
	}
	text := fyne.MeasureText(lang.L(title), theme.TextSize(), fyne.TextStyle{Bold: true})
	header := text.Width + theme.InnerPadding()*2
	if sortable {
		header += theme.IconInlineSize() + theme.Padding()*2
	}
	return max(minWidth, header)
}

// sortHeader is the header of a sortable table's column: a button when the column
// sorts, bold text when it does not. The button's title is cut to the column's
// width, and shown whole while the mouse is on it.
type sortHeader struct {
	widget.BaseWidget
	button *headerButton
	text   *tableCell
	title  string // the button's whole title
}

func newSortHeader() *sortHeader {
	b := &headerButton{}
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	h := &sortHeader{button: b, text: newHeaderCell()}
	b.header = h
	h.text.Hide()
	h.ExtendBaseWidget(h)
	return h
}

// setTitle gives the button title (cut to fit when laid out) and icon.
func (h *sortHeader) setTitle(title string, icon fyne.Resource) {
	b := h.button
	if h.title == title && (b.Icon == nil) == (icon == nil) && (icon == nil || b.Icon.Name() == icon.Name()) {
		return
	}
	h.title, b.Icon = title, icon
	h.fit(h.Size().Width)
	b.Refresh()
}

// fit cuts the button's title to width, leaving room for its padding and icon.
func (h *sortHeader) fit(width float32) {
	room := width - 2*theme.InnerPadding()
	if h.button.Icon != nil {
		room -= theme.IconInlineSize() + theme.Padding()
	}
	if width <= 0 { // not laid out yet: whole
		room = 0
	} else {
		room = max(room, 1)
	}
	h.button.Text = cutToWidth(h.title, room, theme.TextSize(), fyne.TextStyle{Bold: true})
}

// CreateRenderer is part of fyne.Widget.
func (h *sortHeader) CreateRenderer() fyne.WidgetRenderer {
	return &sortHeaderRenderer{h: h, stack: container.NewStack(h.button, h.text)}
}

// sortHeaderRenderer lays the header out as a stack, cutting the title to the width.
type sortHeaderRenderer struct {
	h     *sortHeader
	stack *fyne.Container
}

func (r *sortHeaderRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.stack} }
func (r *sortHeaderRenderer) Destroy()                     {}
func (r *sortHeaderRenderer) MinSize() fyne.Size           { return r.stack.MinSize() }
func (r *sortHeaderRenderer) Refresh()                     { r.stack.Refresh() }

func (r *sortHeaderRenderer) Layout(size fyne.Size) {
	if text := r.h.button.Text; r.h.button.Visible() {
		r.h.fit(size.Width)
		if r.h.button.Text != text {
			r.h.button.Refresh()
		}
	}
	r.stack.Resize(size)
}

// headerButton is a sortable column's header, which shows its whole title on hover
// when the title had to be cut.
type headerButton struct {
	widget.Button
	header *sortHeader
}

// MouseIn shows the whole title when it was cut.
func (b *headerButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	if b.Text != b.header.title {
		showTip(b, b.header.title)
	}
}

// MouseOut takes the whole title away.
func (b *headerButton) MouseOut() {
	b.Button.MouseOut()
	hideTip(b)
}
