package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// pageWheel makes the mouse wheel scroll a page of fields wherever the pointer is.
// Fyne hands a wheel event to the innermost scrollable object under the pointer,
// and every single-line entry holds a scroller of its own, which swallowed the
// event: over a field the page stood still. pageWheel lies on top of the page,
// takes the wheel only (taps, hovers and the keyboard pass it by, since it is
// neither tappable nor hoverable) and hands it to the page's scroll.
type pageWheel struct {
	widget.BaseWidget
	scroll *container.Scroll
}

// newWheelPage returns scroll with a pageWheel over it.
func newWheelPage(scroll *container.Scroll) *fyne.Container {
	w := &pageWheel{scroll: scroll}
	w.ExtendBaseWidget(w)
	return container.NewStack(scroll, w)
}

// Scrolled scrolls the page.
func (w *pageWheel) Scrolled(ev *fyne.ScrollEvent) { w.scroll.Scrolled(ev) }

// CreateRenderer draws nothing.
func (w *pageWheel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}
