package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// escCheck is a check box that closes the dialog on Esc when it has the keyboard.
type escCheck struct {
	widget.Check
	onEsc func()
}

func newEscCheck(text string, changed func(bool), onEsc func()) *escCheck {
	c := &escCheck{onEsc: onEsc}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey closes the dialog on Esc (onEsc, or the top dialog's Esc), and opens
// the menu on F10.
func (c *escCheck) TypedKey(e *fyne.KeyEvent) {
	if !escKey(c, e, c.onEsc) {
		c.Check.TypedKey(e)
	}
}

// escKey does what Esc or F10 does from o, a widget that has the keyboard: Esc
// calls onEsc, or without one closes the top dialog; F10 opens the menu. It tells
// whether it took the key.
func escKey(o fyne.CanvasObject, e *fyne.KeyEvent, onEsc func()) bool {
	switch e.Name {
	case fyne.KeyEscape:
		if onEsc != nil {
			onEsc()
			return true
		}
		return fyne.CurrentApp() != nil && escapeTop(fyne.CurrentApp().Driver().CanvasForObject(o))
	case fyne.KeyF10:
		return fyne.CurrentApp() != nil && toggleMenu(fyne.CurrentApp().Driver().CanvasForObject(o))
	}
	return false
}

// escSelect is a drop-down that closes the dialog on Esc when it has the keyboard.
type escSelect struct {
	widget.Select
	onEsc func() // nil: the top dialog's Esc
	// whole makes it as wide as its longest choice: a drop-down otherwise asks only
	// for its placeholder's width and cuts the choice shown. For a few short
	// choices, not a list of customers.
	whole bool
}

// MinSize is the drop-down's, as wide as its longest choice when whole.
func (s *escSelect) MinSize() fyne.Size {
	size := s.Select.MinSize()
	if !s.whole {
		return size
	}
	th := s.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	extra := pad*4 + th.Size(theme.SizeNameInlineIcon) // as Fyne's drop-down lays out its text and arrow
	for _, o := range s.Options {
		size.Width = max(size.Width, fyne.MeasureText(o, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width+extra)
	}
	return size
}

func newEscSelect(options []string, changed func(string)) *escSelect {
	s := &escSelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey closes the dialog on Esc and opens the menu on F10.
func (s *escSelect) TypedKey(e *fyne.KeyEvent) {
	if !escKey(s, e, s.onEsc) {
		s.Select.TypedKey(e)
	}
}

// escEntry is an entry that closes the dialog on Esc when it has the keyboard.
type escEntry struct {
	widget.Entry
	onEsc func()
}

func newEscEntry(onEsc func()) *escEntry {
	e := &escEntry{onEsc: onEsc}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Esc, when the entry is in one, and opens the menu
// on F10.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if !escKey(e, k, e.onEsc) {
		e.Entry.TypedKey(k)
	}
}

// keyButton is a button that Enter presses as Space does, and that calls onEsc on
// Esc, when it has the keyboard: for a confirmation, whose focused button Enter
// presses and Esc leaves.
type keyButton struct {
	widget.Button
	onEsc   func()
	focused bool // it has the keyboard: a blue one draws a ring (focusring.go)
}

func newKeyButton(text string, icon fyne.Resource, tapped, onEsc func()) *keyButton {
	b := &keyButton{onEsc: onEsc}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter and calls onEsc (or the top dialog's Esc)
// on Esc.
func (b *keyButton) TypedKey(e *fyne.KeyEvent) {
	if escKey(b, e, b.onEsc) {
		return
	}
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	default:
		b.Button.TypedKey(e)
	}
}
