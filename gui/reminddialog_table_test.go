package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/data/testbook"
)

// shownTicks returns the check box cells the candidate table draws, top first.
func shownTicks(o fyne.CanvasObject) []*tableCell {
	var out []*tableCell
	switch x := o.(type) {
	case *tableCell:
		if x.Visible() && x.look.tick.shown {
			out = append(out, x)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(x).Objects() {
			out = append(out, shownTicks(child)...)
		}
	case *fyne.Container:
		for _, child := range x.Objects {
			out = append(out, shownTicks(child)...)
		}
	}
	return out
}

func TestTappingARowsCheckBoxTicksItAndKeepsTheKeyboardOnTheList(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	ticks := shownTicks(d.list)
	if len(ticks) == 0 {
		t.Fatal("the table shows no check boxes")
	}
	top := ticks[0]
	for _, c := range ticks {
		if c.Position().Y < top.Position().Y {
			top = c
		}
	}
	m.Window.Canvas().Focus(d.search)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(top).AddXY(top.Size().Width/2, top.Size().Height/2)
	test.TapCanvas(m.Window.Canvas(), at)
	first, _ := d.candidateAt(0)
	if !d.selected[first.Invoice.ID] || len(d.selected) != 1 {
		t.Fatalf("tapping the first row's check box selected %v, want invoice %s", d.selected, first.Invoice.Number)
	}
	if !top.look.tick.on {
		t.Error("the tapped check box is not drawn ticked")
	}
	if m.Window.Canvas().Focused() != d.list {
		t.Error("after the tap the keyboard is not on the list")
	}
	test.TapCanvas(m.Window.Canvas(), at)
	if len(d.selected) != 0 || top.look.tick.on {
		t.Errorf("a second tap leaves %d selected", len(d.selected))
	}
}
