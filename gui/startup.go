package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/assets"
)

// RunStartupError shows why the book could not be opened — not a Påminn book, from a
// newer version, open in another window, read-only — in a small window of its own,
// in the user's language, and runs until it is closed. A program started from an
// icon has no console, so this is the only place the user would see it.
func RunStartupError(a fyne.App, err error) {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	NewStartupErrorWindow(a, err).ShowAndRun()
}

// NewStartupErrorWindow builds the window RunStartupError shows.
func NewStartupErrorWindow(a fyne.App, err error) fyne.Window {
	loadTranslations()
	w := a.NewWindow(lang.L("Påminn"))
	msg := widget.NewLabel(errorText(err))
	msg.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(lang.L("The book could not be opened"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	closeBtn := newPrimaryButton(lang.L("Close"), nil, w.Close)
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.ErrorIcon()))
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), closeBtn), icon, nil,
		container.NewVBox(title, msg))))
	w.Resize(fyne.NewSize(520, 200))
	w.CenterOnScreen()
	return w
}
