package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// welcome greets the user of an empty book (not the demo): what Påminn needs before
// the first reminder, each marked done or missing, and shortcuts to enter it, to
// import customers and invoices, and to open the demo.
type welcome struct {
	m        *MainWindow
	dlg      *dialog.CustomDialog
	missing  []core.ProblemCode // what letters still lack, in the order of the list
	items    []*widget.Label    // the checklist, in its order
	setUpBtn *keyButton
	demoBtn  *widget.Button // nil without Options.OpenDemo
}

// bookStart is what the greeting needs to know about the book.
type bookStart struct {
	empty bool
	set   core.Settings
}

// greetIfNew shows the greeting when the book has no invoice yet; never for the demo.
func (m *MainWindow) greetIfNew() {
	if m.opts.Demo {
		return
	}
	background(func(ctx context.Context) (bookStart, error) {
		page, err := m.svc.ListInvoices(ctx, core.InvoiceQuery{Limit: 1, SkipTotals: true})
		if err != nil {
			return bookStart{}, err
		}
		set, err := m.svc.Settings(ctx)
		return bookStart{empty: len(page.Invoices) == 0, set: set}, err
	}, func(b bookStart, err error) {
		if err != nil {
			showError(err, m.Window)
			return
		}
		if b.empty {
			m.welcome = newWelcome(m, b.set)
			m.welcome.dlg.Show()
			escapable(m.Window, m.welcome.close)
			// The keyboard starts on the first step, so Enter takes it.
			m.Window.Canvas().Focus(m.welcome.setUpBtn)
		}
	})
}

// checkItem is one line of the checklist.
type checkItem struct {
	text string
	done bool
}

func newWelcome(m *MainWindow, set core.Settings) *welcome {
	w := &welcome{m: m}
	ready := core.ReadinessOf(&set)
	for _, p := range ready.Blocking(core.ReminderManual) {
		w.missing = append(w.missing, p.Code)
	}
	lacks := func(code core.ProblemCode) bool { return ready.Lacks(core.ChannelEmail, code) }
	list := container.NewVBox()
	for _, it := range []checkItem{
		{lang.L("The company's name"), !lacks(core.ProblemNoCompanyName)},
		{lang.L("The company's address (street, postcode and city)"), !lacks(core.ProblemNoCompanyAddress)},
		{lang.L("The organisation number"), strings.TrimSpace(set.Company.OrgNumber) != ""},
		{lang.L("A bankgiro or plusgiro number, for the customers to pay to"), !lacks(core.ProblemNoGiro)},
		{lang.L("A mail server — optional, for reminders by e-mail"), !lacks(core.ProblemNoMailServer)},
	} {
		list.Add(w.checkRow(it))
	}
	intro := widget.NewLabel(lang.L("This book is empty. Before the first reminder, Påminn needs to know who sends it and where the customers pay:"))
	intro.Wrapping = fyne.TextWrapWord
	w.setUpBtn = newPrimaryButton(lang.L("Enter the company's details"), theme.SettingsIcon(), w.onSetUp)
	importCustomers := widget.NewButtonWithIcon(lang.L("Import customers (CSV, Excel)…"), theme.FolderOpenIcon(),
		func() { w.onImport(core.ImportCustomers) })
	importInvoices := widget.NewButtonWithIcon(lang.L("Import invoices (CSV, Excel)…"), theme.FolderOpenIcon(),
		func() { w.onImport(core.ImportInvoices) })
	then := widget.NewLabel(lang.L("Then bring in your customers and invoices, or try everything first in the demo:"))
	then.Wrapping = fyne.TextWrapWord
	shortcuts := container.NewHBox(importCustomers, importInvoices)
	if m.opts.OpenDemo != nil {
		w.demoBtn = widget.NewButtonWithIcon(lang.L("Open the demo"), theme.MediaPlayIcon(), w.onDemo)
		shortcuts.Add(w.demoBtn)
	}
	bottom := container.NewHBox(layout.NewSpacer(), widget.NewButton(lang.L("Later"), w.close))
	if m.opts.CheckServerBook != nil { // an office's desktop opens the shared book instead
		bottom.Objects = append([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Shared book on a server…"),
			theme.StorageIcon(), w.onServerBook)}, bottom.Objects...)
	}
	content := container.NewVBox(intro, list, container.NewHBox(w.setUpBtn), widget.NewSeparator(), then, shortcuts, bottom)
	w.dlg = dialog.NewCustomWithoutButtons(lang.L("Welcome to Påminn"), content, m.Window)
	w.dlg.Resize(fyne.NewSize(min(680, m.Window.Canvas().Size().Width-40), 0))
	return w
}

// checkRow is one line of the checklist: a mark and the text.
func (w *welcome) checkRow(it checkItem) fyne.CanvasObject {
	icon := theme.NewSuccessThemedResource(theme.ConfirmIcon())
	label := widget.NewLabel(it.text)
	if !it.done {
		icon = theme.NewWarningThemedResource(theme.RadioButtonIcon())
	} else {
		label.Importance = widget.LowImportance // done: out of the way
	}
	w.items = append(w.items, label)
	return container.NewBorder(nil, nil, widget.NewIcon(icon), nil, label)
}

func (w *welcome) close() { w.dlg.Hide() }

// onSetUp opens the settings at the first field still missing.
func (w *welcome) onSetUp() {
	w.close()
	first := core.ProblemNoCompanyName
	if len(w.missing) > 0 {
		first = w.missing[0]
	}
	w.m.openSettingsAt(first)
}

// onImport opens the Customers tab and its file chooser for an import of kind k.
func (w *welcome) onImport(k core.ImportKind) {
	w.close()
	for i, item := range w.m.tabs.Items {
		if item.Content == w.m.customers.content {
			w.m.tabs.SelectIndex(i)
		}
	}
	w.m.customers.startImport(k)
}

// onDemo starts the demo beside this window.
func (w *welcome) onDemo() {
	if err := w.m.opts.OpenDemo(); err != nil {
		showError(err, w.m.Window)
		return
	}
	w.close()
}

// onServerBook offers a shared book on a server instead of this empty one.
func (w *welcome) onServerBook() {
	w.close()
	w.m.openServerChoice()
}
