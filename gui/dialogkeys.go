package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"paminn/core"
)

// dialogKeys is what a details dialog does while it is open: Esc closes it from the
// window (the dialog's tables and buttons close it on Esc themselves when they have
// the keyboard), and it reads itself again when the book changes. Closing gives the
// window back the key handler it had, so a dialog opened over another leaves Esc
// to the one below.
type dialogKeys struct {
	win     fyne.Window
	prevKey func(*fyne.KeyEvent)
	stop    func() // unregisters follow's OnChange; nil: none
	closed  bool
}

// openDialog shows dlg over win at size (smaller where the window is), Esc calling close.
func openDialog(win fyne.Window, dlg *dialog.CustomDialog, size fyne.Size, close func()) *dialogKeys {
	k := &dialogKeys{win: win, prevKey: win.Canvas().OnTypedKey()}
	dlg.SetOnClosed(k.onClosed)
	dlg.Show()
	margin := 2 * theme.Padding() * 4
	have := win.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(size.Width, have.Width-margin), min(size.Height, have.Height-margin)))
	win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			close()
		}
	})
	return k
}

// detailsSize is the size of a details dialog: as much of a 1024×768 screen as the
// window leaves.
var detailsSize = fyne.NewSize(1000, 720)

// follow calls reload on the UI thread after every change to the book while the
// dialog is open.
func (k *dialogKeys) follow(svc *core.Service, reload func()) {
	k.stop = svc.OnChange(func() {
		runOnUI(func() {
			if !k.closed {
				reload()
			}
		})
	})
}

func (k *dialogKeys) onClosed() {
	k.closed = true
	if k.stop != nil {
		k.stop()
	}
	k.win.Canvas().SetOnTypedKey(k.prevKey)
}

// readFor reads off the UI thread what the dialog k keeps shows, and hands it to show
// on the UI thread unless the dialog has closed meanwhile; an error is shown.
func readFor[T any](k *dialogKeys, read func(context.Context) (T, error), show func(T)) {
	background(read, func(v T, err error) {
		if k.closed {
			return
		}
		if err != nil {
			showError(err, k.win)
			return
		}
		show(v)
	})
}
