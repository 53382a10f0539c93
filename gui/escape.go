package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Esc closes every dialog. Fyne 2.7's dialogs take no keys: Esc goes to the widget
// with the keyboard, or to the window when none has it. So each dialog is noted
// with what Esc does in it (escapable), the window hands Esc to the top one
// (escapeTop), and the program's own widgets that can have the keyboard in a
// dialog (escEntry, escCheck, escSelect, keyButton) do the same on Esc.

// escape is what Esc does in the dialog shown by overlay.
type escape struct {
	overlay fyne.CanvasObject
	cancel  func()
}

// escapes are each window's open dialogs, the top one last.
var escapes = map[fyne.Canvas][]escape{}

// escapable notes that Esc calls cancel while the dialog just shown on win (its
// top overlay) is on top.
func escapable(win fyne.Window, cancel func()) {
	c := win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		return
	}
	dropClosed(c)
	escapes[c] = append(escapes[c], escape{overlay: top, cancel: cancel})
}

// dropClosed forgets the dialogs of c that are no longer shown.
func dropClosed(c fyne.Canvas) {
	open := map[fyne.CanvasObject]bool{}
	for _, o := range c.Overlays().List() {
		open[o] = true
	}
	kept := escapes[c][:0]
	for _, e := range escapes[c] {
		if open[e.overlay] {
			kept = append(kept, e)
		}
	}
	escapes[c] = kept
	if len(kept) == 0 {
		delete(escapes, c)
	}
}

// escapeTop does what Esc does in c's top dialog, and tells whether there was one.
func escapeTop(c fyne.Canvas) bool {
	if c == nil {
		return false
	}
	dropClosed(c)
	top := c.Overlays().Top()
	list := escapes[c]
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].overlay == top {
			list[i].cancel()
			return true
		}
	}
	return false
}

// escapeFrom does what Esc does in the top dialog over o's window.
func escapeFrom(o fyne.CanvasObject) {
	if app := fyne.CurrentApp(); app != nil {
		escapeTop(app.Driver().CanvasForObject(o))
	}
}

// showDialog shows d on win; Esc hides it (for a confirmation: as its No).
func showDialog(d dialog.Dialog, win fyne.Window) {
	d.Show()
	escapable(win, d.Hide)
}

// showInfo shows message under title with an OK button, which has the keyboard
// so that Enter closes it; Esc closes it too.
func showInfo(title, message string, win fyne.Window) *dialog.CustomDialog {
	return showMessage(title, message, messageLabel(message), win)
}

// showMessage shows content (the text message) under title with an OK button that
// has the keyboard.
func showMessage(title, message string, content fyne.CanvasObject, win fyne.Window) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, win)
	ok := newPrimaryButton(lang.L("OK"), theme.ConfirmIcon(), d.Hide)
	d.SetButtons([]fyne.CanvasObject{ok})
	showSized(d, win, message)
	win.Canvas().Focus(ok)
	return d
}

// showConfirm asks message under title; callback hears the answer, false for No or
// Esc.
func showConfirm(title, message string, callback func(bool), win fyne.Window) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, messageLabel(message), win)
	answered := false
	answer := func(yes bool) func() {
		return func() {
			answered = true
			d.Hide()
			callback(yes)
		}
	}
	no := newKeyButton(lang.L("No"), theme.CancelIcon(), answer(false), nil)
	yes := newPrimaryButton(lang.L("Yes"), theme.ConfirmIcon(), answer(true))
	d.SetButtons([]fyne.CanvasObject{no, yes})
	d.SetOnClosed(func() {
		if !answered { // closed by Esc
			answered = true
			callback(false)
		}
	})
	showSized(d, win, message)
	return d
}

// messageLabel is a dialog's message, wrapped at the dialog's width.
func messageLabel(message string) *widget.Label {
	l := widget.NewLabel(message)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showSized shows d as wide as its message needs, up to 600 or the window's width,
// and Esc-able: a wrapped label asks for no width of its own.
func showSized(d *dialog.CustomDialog, win fyne.Window, message string) {
	d.Show()
	escapable(win, d.Hide)
	var text float32
	for _, line := range strings.Split(message, "\n") {
		text = max(text, fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	width := min(max(text+8*theme.Padding(), 320, d.MinSize().Width), 600, win.Canvas().Size().Width-4*theme.Padding())
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	d.Resize(fyne.NewSize(width, d.MinSize().Height)) // wrapped, the text is shorter
}

// showFileOpen asks for a file to open; Esc cancels (callback hears nothing then,
// as a cancel).
func showFileOpen(callback func(fyne.URIReadCloser, error), win fyne.Window) {
	showDialog(dialog.NewFileOpen(callback, win), win)
}

// showFolderOpen asks for a folder; Esc cancels.
func showFolderOpen(callback func(fyne.ListableURI, error), win fyne.Window) {
	showDialog(dialog.NewFolderOpen(callback, win), win)
}

// showForm is dialog.ShowForm with the program's buttons, which Esc and Enter work
// on as everywhere else: callback hears true for confirm, false for dismiss or Esc.
func showForm(title, confirm, dismiss string, items []*widget.FormItem, callback func(bool), win fyne.Window) {
	d := dialog.NewCustomWithoutButtons(title, widget.NewForm(items...), win)
	answered := false
	answer := func(ok bool) func() {
		return func() {
			answered = true
			d.Hide()
			callback(ok)
		}
	}
	d.SetButtons([]fyne.CanvasObject{
		newKeyButton(dismiss, theme.CancelIcon(), answer(false), nil),
		newPrimaryButton(confirm, theme.ConfirmIcon(), answer(true)),
	})
	d.SetOnClosed(func() {
		if !answered { // closed by Esc
			answered = true
			callback(false)
		}
	})
	d.Show()
	escapable(win, d.Hide)
}
