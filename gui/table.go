package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// tableColumn describes a column of a plain text table.
type tableColumn struct {
	title    string // English key
	width    float32
	trailing bool // numbers line up on the right
}

// newTextTable builds a table of labels with a bold header row; cell gives each
// cell's text and colour.
func newTextTable(cols []tableColumn, rows func() int, cell func(row, col int) (string, widget.Importance)) *widget.Table {
	t := &widget.Table{
		Length: func() (int, int) { return rows(), len(cols) },
		CreateCell: func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		UpdateCell: func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = fyne.TextAlignLeading
			if cols[id.Col].trailing {
				l.Alignment = fyne.TextAlignTrailing
			}
			text, importance := cell(id.Row, id.Col)
			l.Importance = importance
			l.SetText(text)
		},
		ShowHeaderRow: true,
		CreateHeader: func() fyne.CanvasObject {
			return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		},
		UpdateHeader: func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(cols) {
				o.(*widget.Label).SetText(lang.L(cols[id.Col].title))
			}
		},
	}
	t.ExtendBaseWidget(t)
	for i, c := range cols {
		t.SetColumnWidth(i, columnWidth(c.title, c.width, false))
	}
	return t
}
