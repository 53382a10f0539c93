package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// lineLabels shows lines of text one label each, a line too long for the width cut
// with an ellipsis. A wrapping label above a table measured its height before it was
// laid out at its width and ran into the table.
type lineLabels struct {
	box  *fyne.Container
	Text string // the lines as last set, joined by "\n"
}

func newLineLabels(text string) *lineLabels {
	l := &lineLabels{box: container.NewVBox()}
	l.SetText(text)
	return l
}

// SetText shows text, a label a line.
func (l *lineLabels) SetText(text string) {
	l.Text = text
	lines := strings.Split(text, "\n")
	for len(l.box.Objects) < len(lines) {
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		l.box.Add(label)
	}
	l.box.Objects = l.box.Objects[:len(lines)]
	for i, line := range lines {
		l.box.Objects[i].(*widget.Label).SetText(line)
	}
	l.box.Refresh()
}
