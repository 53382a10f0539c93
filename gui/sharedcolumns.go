package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// sharedColumns lays two columns side by side: in equal halves when the width allows,
// as a two-column grid does, and otherwise each at its least width plus half of what
// is left. A grid asks twice its widest column, which on a 1024 px screen pushed the
// window wider than the screen.
type sharedColumns struct{}

// MinSize is both columns at their least width, beside each other.
func (sharedColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) != 2 {
		return fyne.Size{}
	}
	l, r := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(l.Width+theme.Padding()+r.Width, max(l.Height, r.Height))
}

// Layout gives each column its share of the width and the whole height.
func (sharedColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	l, r := objects[0].MinSize().Width, objects[1].MinSize().Width
	room := size.Width - theme.Padding()
	lw, rw := room/2, room/2
	if lw < l || rw < r {
		extra := max(room-l-r, 0) / 2
		lw, rw = l+extra, r+extra
	}
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(lw, size.Height))
	objects[1].Move(fyne.NewPos(lw+theme.Padding(), 0))
	objects[1].Resize(fyne.NewSize(rw, size.Height))
}
