package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showFolderPath says where the letters folder is when no program opened it (no
// desktop handler, such as xdg-open, on this computer): the path, to select or copy.
func showFolderPath(dir string, openErr error, w fyne.Window) *dialog.CustomDialog {
	fyne.LogError("Opening the letters folder", openErr)
	text := widget.NewLabel(lang.L("No program on this computer opens folders. The letters are in this folder:"))
	text.Wrapping = fyne.TextWrapWord
	path := widget.NewLabel(dir)
	path.Selectable = true
	path.Wrapping = fyne.TextWrapBreak
	path.TextStyle.Monospace = true
	copyBtn := widget.NewButtonWithIcon(lang.L("Copy the path"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(dir)
	})
	d := dialog.NewCustom(lang.L("Open the letters folder"), lang.L("Close"),
		container.NewVBox(text, path, container.NewHBox(copyBtn)), w)
	d.Resize(fyne.NewSize(520, 0))
	showDialog(d, w)
	return d
}
