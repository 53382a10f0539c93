package gui

import (
	"image/color"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cellLook is what one table cell shows: a line of text in a colour, with an icon
// before it, or a check box instead.
type cellLook struct {
	text string
	// short is the text in a compact form, shown when the whole does not fit (the
	// whole on hover); "" for none: the text is cut.
	short      string
	importance widget.Importance
	icon       fyne.Resource // before the text; nil for none
	tick       tickLook
}

// tickLook is a cell's check box, for a table whose rows are ticked.
type tickLook struct {
	shown   bool // the cell is a check box, not text
	on      bool
	enabled bool
}

// plain is a cell of ordinary text.
func plain(text string) cellLook { return cellLook{text: text, importance: widget.MediumImportance} }

// styled is a cell of text in the colour of importance.
func styled(text string, importance widget.Importance) cellLook {
	return cellLook{text: text, importance: importance}
}

// tick is a cell that is a check box.
func tick(on, enabled bool) cellLook {
	return cellLook{tick: tickLook{shown: true, on: on, enabled: enabled}}
}

// same tells whether two looks show alike (icons are compared by name: the theme
// hands out a new resource for every call).
func (l cellLook) same(o cellLook) bool {
	if l.text != o.text || l.short != o.short || l.importance != o.importance || l.tick != o.tick || (l.icon == nil) != (o.icon == nil) {
		return false
	}
	return l.icon == nil || l.icon.Name() == o.icon.Name()
}

// tableCell is a table cell drawn from canvas primitives: a canvas.Text, cut with an
// ellipsis when it is longer than the cell, an image for an icon, and a rectangle
// and two lines for a check box. A table refreshes and lays out every visible cell
// at each refresh; a widget.Label shapes its text as rich text every time, and a
// widget.Check colours and rasterises two SVG icons, which was nearly all of opening
// the reminder dialog. The table itself draws focus, hover and selection.
type tableCell struct {
	widget.BaseWidget
	look     cellLook
	trailing bool // the text lines up on the right
	bold     bool // a header
	// table is the table the cell is in, which the cell passes the mouse on to, so
	// the table still shows the row under it.
	table *widget.Table
	shown fyne.CanvasObject // the table as the window holds it, for where it is
	// cutShort tells that the text was cut to fit: the mouse on it shows it whole.
	cutShort bool
	tipShown bool // the whole text is on show
}

func newTableCell() *tableCell {
	c := &tableCell{look: plain("")}
	c.ExtendBaseWidget(c)
	return c
}

// newHeaderCell is a cell for a header that does not sort: bold text.
func newHeaderCell() *tableCell {
	c := newTableCell()
	c.bold = true
	return c
}

// set shows look, redrawing only when the cell would show something else.
func (c *tableCell) set(look cellLook, trailing bool) {
	if c.look.same(look) && c.trailing == trailing {
		return
	}
	c.look, c.trailing = look, trailing
	if c.tipShown { // the table put another row in the cell under the mouse
		c.tipShown = false
		hideTip(c)
	}
	c.Refresh()
}

// MouseIn shows the whole text when it was cut, and tells the table.
func (c *tableCell) MouseIn(e *desktop.MouseEvent) {
	if c.cutShort && !c.look.tick.shown {
		c.tipShown = true
		showTip(c, c.look.text)
	}
	if c.table != nil {
		c.table.MouseIn(c.inTable(e))
	}
}

// MouseMoved tells the table where the mouse is.
func (c *tableCell) MouseMoved(e *desktop.MouseEvent) {
	if c.table != nil {
		c.table.MouseMoved(c.inTable(e))
	}
}

// MouseOut takes the whole text away, and tells the table.
func (c *tableCell) MouseOut() {
	if c.tipShown {
		c.tipShown = false
		hideTip(c)
	}
	if c.table != nil {
		c.table.MouseOut()
	}
}

// inTable is e with its position taken from the table's corner, as the driver would
// have told the table had the cell not taken the mouse.
func (c *tableCell) inTable(e *desktop.MouseEvent) *desktop.MouseEvent {
	in := *e
	in.Position = e.AbsolutePosition.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(c.shown))
	return &in
}

// CreateRenderer is part of fyne.Widget.
func (c *tableCell) CreateRenderer() fyne.WidgetRenderer {
	r := &tableCellRenderer{cell: c, text: canvas.NewText("", color.Black), icon: canvas.NewImageFromResource(nil),
		box: canvas.NewRectangle(color.Transparent), mark: [2]*canvas.Line{canvas.NewLine(color.Black), canvas.NewLine(color.Black)}}
	r.text.TextStyle.Bold = c.bold
	r.icon.FillMode = canvas.ImageFillContain
	r.Refresh()
	return r
}

type tableCellRenderer struct {
	cell *tableCell
	text *canvas.Text
	icon *canvas.Image
	// iconColor is the colour the icon was last coloured in, for a theme change.
	iconColor color.Color
	box       *canvas.Rectangle
	mark      [2]*canvas.Line
	// The text as last cut to fit, and for what, how wide and at what text size.
	cutFrom, cutShort string
	cutWidth, cutAt   float32
	cut               string
}

func (r *tableCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.text, r.icon, r.box, r.mark[0], r.mark[1]}
}

func (r *tableCellRenderer) Destroy() {}

// MinSize is a label's: one line of text with the inner padding round it, so the
// rows are as high as the rest of the program's.
func (r *tableCellRenderer) MinSize() fyne.Size {
	pad := theme.InnerPadding()
	return fyne.NewSize(2*pad, fyne.MeasureText("M", theme.TextSize(), r.text.TextStyle).Height+2*pad)
}

func (r *tableCellRenderer) Refresh() {
	c := r.cell
	r.text.Color = theme.ColorForWidget(importanceColor(c.look.importance), c)
	r.text.TextSize = theme.TextSize()
	r.icon.Hide()
	if c.look.icon != nil && !c.look.tick.shown {
		r.icon.Show()
		// Colouring an SVG icon costs: the same icon in the same colour is coloured once.
		var col color.Color
		if themed, ok := c.look.icon.(fyne.ThemedResource); ok {
			col = theme.ColorForWidget(themed.ThemeColorName(), c)
		}
		if r.icon.Resource == nil || r.icon.Resource.Name() != c.look.icon.Name() || r.iconColor != col {
			r.icon.Resource, r.iconColor = c.look.icon, col
			r.icon.Refresh()
		}
	}
	r.refreshTick()
	r.Layout(c.Size())
	canvas.Refresh(c)
}

// refreshTick colours the check box as a widget.Check is coloured.
func (r *tableCellRenderer) refreshTick() {
	t, c := r.cell.look.tick, r.cell
	for _, o := range []fyne.CanvasObject{r.box, r.mark[0], r.mark[1]} {
		o.Hide()
	}
	if !t.shown {
		r.text.Show()
		return
	}
	r.text.Hide()
	r.box.Show()
	fill, border := theme.ColorNameInputBackground, theme.ColorNameInputBorder
	switch {
	case t.on && t.enabled:
		fill, border = theme.ColorNamePrimary, theme.ColorNamePrimary
	case t.on:
		fill, border = theme.ColorNameDisabled, theme.ColorNameDisabled
	case !t.enabled:
		fill, border = theme.ColorNameBackground, theme.ColorNameDisabled
	}
	r.box.FillColor = theme.ColorForWidget(fill, c)
	r.box.StrokeColor = theme.ColorForWidget(border, c)
	if t.on {
		for _, m := range r.mark {
			m.StrokeColor = theme.ColorForWidget(theme.ColorNameBackground, c)
			m.Show()
		}
	}
	r.box.Refresh()
	r.mark[0].Refresh()
	r.mark[1].Refresh()
}

// Layout places the text after the icon, or the check box in the middle, in the
// geometry of the theme's check box icon (a 24-unit square).
func (r *tableCellRenderer) Layout(size fyne.Size) {
	pad := theme.InnerPadding()
	if r.cell.look.tick.shown {
		r.cell.cutShort = false
		u := theme.IconInlineSize() / 24
		origin := fyne.NewPos((size.Width-24*u)/2, (size.Height-24*u)/2)
		at := func(x, y float32) fyne.Position { return origin.AddXY(x*u, y*u) }
		r.box.Move(at(3, 3))
		r.box.Resize(fyne.NewSquareSize(18 * u))
		r.box.StrokeWidth, r.box.CornerRadius = 2*u, 2*u
		r.mark[0].Position1, r.mark[0].Position2 = at(6.5, 12), at(10, 15.5)
		r.mark[1].Position1, r.mark[1].Position2 = at(10, 15.5), at(17.5, 8)
		r.mark[0].StrokeWidth, r.mark[1].StrokeWidth = 2*u, 2*u
		return
	}
	x := pad
	if r.cell.look.icon != nil {
		side := theme.IconInlineSize()
		r.icon.Move(fyne.NewPos(0, (size.Height-side)/2))
		r.icon.Resize(fyne.NewSquareSize(side))
		x = side + theme.Padding() + pad
	}
	width := max(size.Width-x-pad, 0)
	r.text.Text = r.fit(r.cell.look.text, r.cell.look.short, width)
	r.cell.cutShort = r.text.Text != r.cell.look.text
	r.text.Alignment = fyne.TextAlignLeading
	if r.cell.trailing {
		r.text.Alignment = fyne.TextAlignTrailing
	}
	r.text.Move(fyne.NewPos(x, pad))
	r.text.Resize(fyne.NewSize(width, max(size.Height-2*pad, 0)))
	r.text.Refresh()
}

// fit cuts text to width with an ellipsis, or when it does not fit and there is a
// short form, shows that (cut in its turn if need be), remembering the last cut: a
// table lays its cells out again at every refresh.
func (r *tableCellRenderer) fit(text, short string, width float32) string {
	size := theme.TextSize()
	if text == r.cutFrom && short == r.cutShort && width == r.cutWidth && size == r.cutAt {
		return r.cut
	}
	r.cutFrom, r.cutShort, r.cutWidth, r.cutAt = text, short, width, size
	r.cut = cutToWidth(text, width, size, r.text.TextStyle)
	if r.cut != text && short != "" {
		r.cut = cutToWidth(short, width, size, r.text.TextStyle)
	}
	return r.cut
}

// cutToWidth cuts text to width with an ellipsis, in text of size and style.
func cutToWidth(text string, width, size float32, style fyne.TextStyle) string {
	measure := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
	if width <= 0 || measure(text) <= width {
		return text
	}
	// The longest start of text that fits with the ellipsis, by halving.
	lo, hi := 0, utf8.RuneCountInString(text)
	runes := []rune(text)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(string(runes[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// importanceColor is the colour a widget.Label of importance has.
func importanceColor(i widget.Importance) fyne.ThemeColorName {
	switch i {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	case widget.MediumImportance:
	}
	return theme.ColorNameForeground
}
