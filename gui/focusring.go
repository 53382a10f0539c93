package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newPrimaryButton is a blue (HighImportance) button that shows when it has the
// keyboard, that Enter presses, and that Esc leaves the dialog from.
func newPrimaryButton(text string, icon fyne.Resource, tapped func()) *keyButton {
	b := newKeyButton(text, icon, tapped, nil)
	b.Importance = widget.HighImportance
	return b
}

// FocusGained draws the ring, then lets the button show its focus.
func (b *keyButton) FocusGained() {
	b.focused = true
	b.Button.FocusGained()
}

// FocusLost takes the ring away.
func (b *keyButton) FocusLost() {
	b.focused = false
	b.Button.FocusLost()
}

// CreateRenderer is a button's, with a ring inside its edge while it has the
// keyboard. Fyne shows a focused button by blending the focus colour into its
// background; the focus colour is the primary colour, so on a blue button the
// blend changed nothing and the keyboard's place could not be seen.
func (b *keyButton) CreateRenderer() fyne.WidgetRenderer {
	ring := canvas.NewRectangle(color.Transparent)
	ring.Hide()
	return &ringRenderer{WidgetRenderer: b.Button.CreateRenderer(), b: b, ring: ring}
}

// ringRenderer is a button's renderer with the focus ring over it.
type ringRenderer struct {
	fyne.WidgetRenderer
	b    *keyButton
	ring *canvas.Rectangle
}

func (r *ringRenderer) Objects() []fyne.CanvasObject {
	return append(r.WidgetRenderer.Objects(), r.ring)
}

func (r *ringRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	inset := theme.Padding() / 2
	r.ring.Move(fyne.NewSquareOffsetPos(inset))
	r.ring.Resize(size.SubtractWidthHeight(2*inset, 2*inset))
}

func (r *ringRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	// A button of another importance shows its focus as Fyne draws it.
	if !r.b.focused || r.b.Importance != widget.HighImportance || r.b.Disabled() {
		r.ring.Hide()
		return
	}
	r.ring.StrokeColor = theme.Color(theme.ColorNameForegroundOnPrimary)
	r.ring.StrokeWidth = 2
	r.ring.CornerRadius = max(theme.InputRadiusSize()-theme.Padding()/2, 0)
	r.ring.Show()
	r.ring.Refresh()
}
