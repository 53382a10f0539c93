package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// focusWatchEvery is how often the settings page looks whether the keyboard has
// moved to another field. (The GUI tests look less often than settle's quiet
// moment, so a shown settings page lets it end: helpers_test.go.)
var focusWatchEvery = 80 * time.Millisecond

// watchFocus keeps the field that has the keyboard in view while the settings
// page is shown: Tab and Shift+Tab move the keyboard on the window's own (Fyne
// tells no one but the widget), so the page looks a few times a second and
// scrolls to a field that got the keyboard outside its view. It stops when the
// page is hidden (another tab) or its window closed, and starts again when shown.
func (t *settingsTab) watchFocus() {
	if t.watching {
		return
	}
	t.watching = true
	t.lastFocus = nil
	var tick func()
	tick = func() {
		runOnUI(func() {
			if !t.content.Visible() || t.win.Canvas().Content() == nil || !windowOpen(t.win) {
				t.watching = false
				return
			}
			t.followFocus()
			time.AfterFunc(focusWatchEvery, tick)
		})
	}
	time.AfterFunc(focusWatchEvery, tick)
}

// windowOpen tells whether w is still one of the program's windows: a closed
// window's page keeps its visible state, and its watch must stop with it.
func windowOpen(w fyne.Window) bool {
	for _, open := range fyne.CurrentApp().Driver().AllWindows() {
		if open == w {
			return true
		}
	}
	return false
}

// followFocus scrolls the page to the field that has the keyboard, when the
// keyboard moved there since the last look and the field lies outside the view.
func (t *settingsTab) followFocus() {
	f := t.win.Canvas().Focused()
	if f == t.lastFocus {
		return
	}
	t.lastFocus = f
	if obj, ok := f.(fyne.CanvasObject); ok && f != fyne.Focusable(t.saveBtn) {
		t.bringIntoView(obj)
	}
}

// bringIntoView scrolls the page the least that shows obj whole (with a margin),
// or as much of it as fits from its top. Objects off the page are left alone.
func (t *settingsTab) bringIntoView(obj fyne.CanvasObject) {
	rel, ok := posInPage(t, obj)
	if !ok {
		return
	}
	margin := 2 * theme.Padding()
	view, content := t.page.Size(), t.page.Content.Size()
	off := t.page.Offset
	top, bottom := rel.Y-margin, rel.Y+obj.Size().Height+margin
	switch {
	case top < off.Y || bottom-top > view.Height:
		off.Y = top
	case bottom > off.Y+view.Height:
		off.Y = bottom - view.Height
	}
	left, right := rel.X-margin, rel.X+obj.Size().Width+margin
	switch {
	case left < off.X || right-left > view.Width:
		off.X = left
	case right > off.X+view.Width:
		off.X = right - view.Width
	}
	off.X = max(0, min(off.X, content.Width-view.Width))
	off.Y = max(0, min(off.Y, content.Height-view.Height))
	if off != t.page.Offset {
		t.page.Offset = off
		t.page.Refresh()
	}
}

// posInPage is obj's position within the settings page's content, and whether
// obj lies on the page at all (the Save bar, the tabs and dialogs do not).
func posInPage(t *settingsTab, obj fyne.CanvasObject) (fyne.Position, bool) {
	if len(t.win.Canvas().Overlays().List()) > 0 || !onPage(t.page.Content, obj) {
		return fyne.Position{}, false
	}
	d := fyne.CurrentApp().Driver()
	return d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(t.page.Content)), true
}

// onPage tells whether obj lies within o, looking through the containers, cards,
// forms, scrolls, selectable labels and radio groups that the settings page is built of.
func onPage(o, obj fyne.CanvasObject) bool {
	if o == obj {
		return true
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			if onPage(child, obj) {
				return true
			}
		}
	case *widget.Card:
		return c.Content != nil && onPage(c.Content, obj)
	case *widget.Form:
		for _, item := range c.Items {
			if item.Widget != nil && onPage(item.Widget, obj) {
				return true
			}
		}
	case *container.Scroll:
		return onPage(c.Content, obj)
	case *widget.Label:
		// A selectable label gives the keyboard to a part of its own inside it,
		return c.Selectable && within(obj, c)
	case *widget.RadioGroup:
		return within(obj, c) // and so does a radio group, to each of its items
	}
	return false
}

// within tells whether obj's top left corner lies inside o.
func within(obj, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	p := d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(o))
	return p.X >= 0 && p.Y >= 0 && p.X < o.Size().Width && p.Y < o.Size().Height
}
