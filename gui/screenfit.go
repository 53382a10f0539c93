package gui

import "fyne.io/fyne/v2"

// frameRoom is what the window manager's frame and a task bar take beside the
// window's content, so a window sized to the screen less this is whole on it.
var frameRoom = fyne.NewSize(24, 64)

// fitScreen is the size to open a window at: want, made no larger than the screen's
// work area less the frame; a zero screen (not known) leaves want as it is.
func fitScreen(want, screen fyne.Size) fyne.Size {
	if screen.Width <= 0 || screen.Height <= 0 {
		return want
	}
	return fyne.NewSize(
		min(want.Width, max(screen.Width-frameRoom.Width, 320)),
		min(want.Height, max(screen.Height-frameRoom.Height, 240)))
}

// screenSize is the work area of the screen the window opens on, in Fyne units, or
// a zero size when the driver cannot tell (tests swap it for a screen of their own).
var screenSize = monitorWorkArea
