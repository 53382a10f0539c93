package gui

import (
	"fyne.io/fyne/v2"
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

// TypedKey closes the dialog on Esc.
func (c *escCheck) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape {
		c.onEsc()
		return
	}
	c.Check.TypedKey(e)
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

// TypedKey closes the dialog on Esc, when the entry is in one.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEsc != nil {
		e.onEsc()
		return
	}
	e.Entry.TypedKey(k)
}

// keyButton is a button that Enter presses as Space does, and that calls onEsc on
// Esc, when it has the keyboard: for a confirmation, whose focused button Enter
// presses and Esc leaves.
type keyButton struct {
	widget.Button
	onEsc func()
}

func newKeyButton(text string, icon fyne.Resource, tapped, onEsc func()) *keyButton {
	b := &keyButton{onEsc: onEsc}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter and calls onEsc on Esc.
func (b *keyButton) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyEscape:
		b.onEsc()
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	default:
		b.Button.TypedKey(e)
	}
}
