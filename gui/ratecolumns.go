package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// rateColumns lays a line of the reference-rate table out in columns of set widths,
// so the header and the rows line up without every column taking the widest one's
// width: four equal columns, each as wide as the half-year's choice, made the
// settings page wider than a 1024-pixel screen (it scrolled sideways in Swedish).
type rateColumns struct{}

// rateColumnWidths are the year's, the half-year's, the rate's and the
// preliminary mark's columns; a cell wider than its column gets its own width.
var rateColumnWidths = []float32{80, 130, 80, 120}

// width is the column i's width for o.
func (rateColumns) width(i int, o fyne.CanvasObject) float32 {
	w := o.MinSize().Width
	if i < len(rateColumnWidths) {
		w = max(w, rateColumnWidths[i])
	}
	return w
}

// MinSize is the columns side by side, as high as the highest cell.
func (c rateColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objects {
		s.Width += c.width(i, o)
		s.Height = max(s.Height, o.MinSize().Height)
	}
	if len(objects) > 1 {
		s.Width += theme.Padding() * float32(len(objects)-1)
	}
	return s
}

// Layout places the columns from the left; the last takes what room is left.
func (c rateColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objects {
		w := c.width(i, o)
		if i == len(objects)-1 {
			w = max(w, size.Width-x)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}
