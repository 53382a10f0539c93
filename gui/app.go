// Package gui is Påminn's window: the invoice list, the multi-reminder dialog, the
// reminder batches, customers and settings. It talks to core.Service only.
package gui

import (
	"fyne.io/fyne/v2"

	"paminn/assets"
	"paminn/core"
)

// Options configure the main window.
type Options struct {
	// Demo marks the window as showing the demo book.
	Demo bool
	// TitleSuffix, when set, is added to the window title (for example a file name).
	TitleSuffix string
	// BankFilesDir, when set, is where Importera betalningar first looks for a bank
	// file (the demo's folder, which holds its example files).
	BankFilesDir string
	// OpenDemo, when set, starts the demo beside this window; the first run's
	// greeting offers it.
	OpenDemo func() error
	// CheckServerBook, when set, offers Delad bok på server (serverchoice.go): it
	// tries a book on a server and saves its password before the choice is kept.
	CheckServerBook CheckServerBook
	// Reopen, when set, closes the window and has main start the program again, so
	// a book chosen under Delad bok på server opens at once (main: reopen).
	Reopen func()
}

// Run builds the main window over svc and runs the application until it is closed.
func Run(a fyne.App, svc *core.Service, opts Options) {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	NewMainWindow(a, svc, opts).Window.ShowAndRun()
}
