package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipLayer lies over a window's content, or a dialog's, and shows the whole of a
// text cut short in a table cell while the mouse rests on it: Fyne 2.7 has no
// tooltips. It is not an overlay: the driver gives the mouse to the top overlay
// only, so a tip in one would take the hover from the cell it explains. Nothing in
// it takes the mouse or the keyboard, so what lies beneath works as before.
type tipLayer struct {
	widget.BaseWidget
	box  *canvas.Rectangle
	text *canvas.Text
	// over is the object the tip explains, nil while no tip is shown.
	over fyne.CanvasObject
}

// tipLayers are the layers of each window, the top one last: a dialog's layer is
// on top while the dialog is open.
var tipLayers = map[fyne.Canvas][]*tipLayer{}

func newTipLayer() *tipLayer {
	l := &tipLayer{box: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black)}
	l.box.Hide()
	l.text.Hide()
	l.ExtendBaseWidget(l)
	return l
}

// withTips lays a new tip layer over content and makes it c's top layer; remove
// takes it away again (for a dialog, when it closes).
func withTips(c fyne.Canvas, content fyne.CanvasObject) (stack *fyne.Container, remove func()) {
	l := newTipLayer()
	tipLayers[c] = append(tipLayers[c], l)
	return container.NewStack(content, l), func() {
		l.hide(l.over)
		layers := tipLayers[c]
		for i, x := range layers {
			if x == l {
				tipLayers[c] = append(layers[:i:i], layers[i+1:]...)
				break
			}
		}
		if len(tipLayers[c]) == 0 {
			delete(tipLayers, c)
		}
	}
}

// topTips is the tip layer that o, shown on a window, is under; nil for none.
func topTips(o fyne.CanvasObject) *tipLayer {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	c := app.Driver().CanvasForObject(o)
	if c == nil || len(tipLayers[c]) == 0 {
		return nil
	}
	layers := tipLayers[c]
	return layers[len(layers)-1]
}

// showTip shows text whole beside over, the object it was cut in.
func showTip(over fyne.CanvasObject, text string) {
	if l := topTips(over); l != nil {
		l.show(over, text)
	}
}

// hideTip takes away the tip shown for over, if any.
func hideTip(over fyne.CanvasObject) {
	if l := topTips(over); l != nil {
		l.hide(over)
	}
}

// show places text just under over, kept inside the layer.
func (l *tipLayer) show(over fyne.CanvasObject, text string) {
	l.over = over
	pad := theme.InnerPadding()
	l.text.Text, l.text.TextSize = text, theme.TextSize()
	l.text.Color = theme.Color(theme.ColorNameForeground)
	l.box.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	l.box.StrokeColor, l.box.StrokeWidth = theme.Color(theme.ColorNameInputBorder), 1
	l.box.CornerRadius = theme.InputRadiusSize()
	textSize := fyne.MeasureText(text, l.text.TextSize, l.text.TextStyle)
	size := textSize.AddWidthHeight(2*pad, pad)
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(over).Subtract(d.AbsolutePositionForObject(l))
	pos := at.AddXY(0, over.Size().Height)
	if pos.Y+size.Height > l.Size().Height {
		pos.Y = at.Y - size.Height // no room below: above
	}
	pos.X = max(0, min(pos.X, l.Size().Width-size.Width))
	l.box.Move(pos)
	l.box.Resize(size)
	l.text.Move(pos.AddXY(pad, pad/2))
	l.text.Resize(textSize)
	l.box.Show()
	l.text.Show()
	l.Refresh()
}

// hide takes the tip away, if it is the one shown for over.
func (l *tipLayer) hide(over fyne.CanvasObject) {
	if l.over == nil || l.over != over {
		return
	}
	l.over = nil
	l.box.Hide()
	l.text.Hide()
	l.Refresh()
}

// shown is the text of the tip on show, "" for none.
func (l *tipLayer) shown() string {
	if l.over == nil {
		return ""
	}
	return l.text.Text
}

// CreateRenderer is part of fyne.Widget.
func (l *tipLayer) CreateRenderer() fyne.WidgetRenderer {
	return &tipRenderer{l: l}
}

// tipRenderer draws the tip where show put it; the layer itself has no size of its own.
type tipRenderer struct{ l *tipLayer }

func (r *tipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.l.box, r.l.text}
}
func (r *tipRenderer) Destroy()           {}
func (r *tipRenderer) Layout(fyne.Size)   {}
func (r *tipRenderer) MinSize() fyne.Size { return fyne.Size{} }
func (r *tipRenderer) Refresh()           { r.l.box.Refresh(); r.l.text.Refresh() }
