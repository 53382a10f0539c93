package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestATableCellCutsTooLongTextWithAnEllipsisAndShowsShortTextWhole(t *testing.T) {
	test.NewTempApp(t)
	c := newTableCell()
	r := test.WidgetRenderer(c).(*tableCellRenderer)
	c.set(plain("Åström & Lindgren Flytt och Transport HB"), false)
	c.Resize(fyne.NewSize(120, 36))
	shown := r.text.Text
	if !strings.HasSuffix(shown, "…") || !strings.HasPrefix("Åström & Lindgren Flytt och Transport HB", strings.TrimSuffix(shown, "…")) {
		t.Fatalf("a long name in a narrow cell shows %q", shown)
	}
	if w := fyne.MeasureText(shown, theme.TextSize(), fyne.TextStyle{}).Width; w > 120-2*theme.InnerPadding() {
		t.Errorf("the cut text %q is %.0f wide, more than the cell holds", shown, w)
	}
	c.Resize(fyne.NewSize(600, 36))
	if r.text.Text != "Åström & Lindgren Flytt och Transport HB" {
		t.Errorf("in a wide cell the name shows as %q", r.text.Text)
	}
}

func TestATickCellDrawsACheckBoxInsteadOfText(t *testing.T) {
	test.NewTempApp(t)
	c := newTableCell()
	r := test.WidgetRenderer(c).(*tableCellRenderer)
	c.Resize(fyne.NewSize(36, 36))
	c.set(tick(false, true), false)
	visible := func(o fyne.CanvasObject) bool { return o.Visible() }
	if visible(r.text) || !visible(r.box) || visible(r.mark[0]) {
		t.Errorf("an unticked box: text %v, box %v, mark %v", visible(r.text), visible(r.box), visible(r.mark[0]))
	}
	c.set(tick(true, true), false)
	if !visible(r.mark[0]) || !visible(r.mark[1]) || r.box.FillColor != theme.Color(theme.ColorNamePrimary) {
		t.Errorf("a ticked box: mark %v, fill %v", visible(r.mark[0]), r.box.FillColor)
	}
	c.set(tick(true, false), false)
	if r.box.FillColor != theme.Color(theme.ColorNameDisabled) {
		t.Errorf("a ticked box that cannot change is filled %v, want the disabled colour", r.box.FillColor)
	}
	c.Resize(fyne.NewSize(100, 36))
	c.set(plain("10049"), false)
	if !visible(r.text) || visible(r.box) || r.text.Text != "10049" {
		t.Errorf("the cell as text again: text %v %q, box %v", visible(r.text), r.text.Text, visible(r.box))
	}
}
