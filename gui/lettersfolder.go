package gui

import (
	"context"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showFolderPath says where the letters folder is when no program opened it (no
// desktop handler, such as xdg-open, on this computer): the path, to select or copy.
func showFolderPath(dir string, openErr error, w fyne.Window) *dialog.CustomDialog {
	fyne.LogError("Opening the letters folder", openErr)
	return showPath(lang.L("Open the letters folder"),
		lang.L("No program on this computer opens folders. The letters are in this folder:"), dir, w)
}

// showFilePath says where a letters PDF is when no program opened it.
func showFilePath(path string, openErr error, w fyne.Window) *dialog.CustomDialog {
	fyne.LogError("Opening a letters PDF", openErr)
	return showPath(lang.L("Open the letters"),
		lang.L("No program on this computer opens PDF files. The letters are in this file:"), path, w)
}

// showPath shows a path under text, to select or copy.
func showPath(title, text, path string, w fyne.Window) *dialog.CustomDialog {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	shown := widget.NewLabel(path)
	shown.Selectable = true
	shown.Wrapping = fyne.TextWrapBreak
	shown.TextStyle.Monospace = true
	copyBtn := widget.NewButtonWithIcon(lang.L("Copy the path"), theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(path)
	})
	d := dialog.NewCustom(title, lang.L("Close"), container.NewVBox(label, shown, container.NewHBox(copyBtn)), w)
	d.Resize(fyne.NewSize(520, 0))
	showDialog(d, w)
	return d
}

// openLettersFile writes a letters PDF off the UI thread (write returns its path)
// and opens it with the desktop's own handler (Windows, macOS and Linux: Fyne's
// OpenURL), or, where there is none, says where the file is.
func openLettersFile(write func(ctx context.Context) (string, error), w fyne.Window) {
	background(write, func(path string, err error) {
		if err != nil {
			showError(err, w)
			return
		}
		u, err := url.Parse(storage.NewFileURI(path).String())
		if err == nil {
			err = openURL(u)
		}
		if err != nil {
			showFilePath(path, err, w)
		}
	})
}
