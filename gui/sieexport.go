package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// sieExport is Arkiv → Exportera till bokföringen: a period, the booking method and
// accounts (kept as settings), and the SIE file to write. The export runs off the UI
// thread with a progress bar; the dialog stays open on an error, so nothing typed is
// lost.
type sieExport struct {
	svc      *core.Service
	win      fyne.Window
	dlg      *dialog.CustomDialog
	from, to *dateField
	method   *widget.RadioGroup
	accounts map[string]*escEntry // by accountFields' key; Esc in any closes the dialog
	file     *escEntry
	progress *widget.ProgressBarInfinite
	export   *widget.Button
	busy     bool
	done     string // the last result shown, for tests
}

// accountField is one account of the dialog: its label and where it lives in
// core.Accounts.
type accountField struct {
	key, label string
	of         func(*core.Accounts) *string
}

var accountFields = []accountField{
	{"receivables", "Customer receivables", func(a *core.Accounts) *string { return &a.Receivables }},
	{"bank", "Bank", func(a *core.Accounts) *string { return &a.Bank }},
	{"credit", "Customer credit (advances)", func(a *core.Accounts) *string { return &a.CustomerCredit }},
	{"fees", "Reminder fees", func(a *core.Accounts) *string { return &a.Fees }},
	{"compensation", "Late-payment compensation", func(a *core.Accounts) *string { return &a.Compensation }},
	{"interest", "Interest income", func(a *core.Accounts) *string { return &a.Interest }},
	{"creditnotes", "Credited invoice amounts", func(a *core.Accounts) *string { return &a.CreditNotes }},
}

// methodLabels are the booking methods' labels, in the order the radio shows them.
func methodLabels() []string {
	return []string{lang.L("When charged (faktureringsmetoden)"), lang.L("When paid (kontantmetoden)")}
}

// openSIEExport opens the dialog on last month, with the stored method and accounts.
func (m *MainWindow) openSIEExport() {
	e := newSIEExport(m.svc, m.Window, m.svc.Today())
	m.sieExport = e
	background(m.svc.Settings, func(set core.Settings, err error) {
		if err != nil {
			showError(err, m.Window)
			return
		}
		e.load(set.Bookkeeping)
		e.show()
	})
}

func newSIEExport(svc *core.Service, win fyne.Window, today core.Date) *sieExport {
	firstOfMonth := core.NewDate(today.Year, today.Month, 1)
	e := &sieExport{svc: svc, win: win, from: newDateField(core.NewDate(today.Year, today.Month-1, 1)),
		to: newDateField(firstOfMonth.AddDays(-1)), accounts: map[string]*escEntry{},
		file: newEscEntry(nil), progress: widget.NewProgressBarInfinite()}
	e.method = widget.NewRadioGroup(methodLabels(), nil)
	e.method.Required = true
	e.file.SetPlaceHolder(lang.L("The file to write, e.g. bokforing.si"))
	e.progress.Hide()
	e.progress.Stop()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("From"), e.from), widget.NewFormItem(lang.L("To"), e.to),
		widget.NewFormItem(lang.L("Book costs and interest"), e.method),
	}
	for _, f := range accountFields {
		entry := newEscEntry(nil)
		entry.SetPlaceHolder(*f.of(&core.BASAccounts))
		e.accounts[f.key] = entry
		items = append(items, widget.NewFormItem(lang.L(f.label), entry))
	}
	choose := widget.NewButton(lang.L("Choose…"), e.chooseFile)
	items = append(items, widget.NewFormItem(lang.L("File"), container.NewBorder(nil, nil, nil, choose, e.file)))
	form := widget.NewForm(items...)
	e.export = widget.NewButton(lang.L("Export"), e.run)
	e.export.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { e.dlg.Hide() })
	intro := widget.NewLabel(lang.L("Every event of the money in the period, as verifications for the books (SIE 4i). Empty accounts are the BAS accounts shown."))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, form, e.progress, container.NewHBox(layout.NewSpacer(), cancel, e.export))
	e.dlg = dialog.NewCustomWithoutButtons(lang.L("Export to the books"), body, win)
	for _, entry := range e.accounts {
		entry.onEsc = e.dlg.Hide
	}
	e.file.onEsc = e.dlg.Hide
	return e
}

// load fills the method and accounts from the settings.
func (e *sieExport) load(b core.BookkeepingSettings) {
	labels := methodLabels()
	e.method.SetSelected(labels[0])
	if b.Method == core.BookWhenPaid {
		e.method.SetSelected(labels[1])
	}
	for _, f := range accountFields {
		e.accounts[f.key].SetText(*f.of(&b.Accounts))
	}
}

func (e *sieExport) show() {
	e.dlg.Show()
	width := max(640, e.dlg.MinSize().Width)
	e.dlg.Resize(fyne.NewSize(width, e.dlg.MinSize().Height))
	// The wrapped introduction is shorter once the width is known: fit the height again.
	e.dlg.Resize(fyne.NewSize(width, e.dlg.MinSize().Height))
	e.win.Canvas().Focus(e.from)
}

// chooseFile picks the file to write in a save dialog.
func (e *sieExport) chooseFile() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(err, e.win)
			return
		}
		if w == nil {
			return // cancelled
		}
		w.Close() // the service writes the file itself, whole or not at all
		e.file.SetText(w.URI().Path())
	}, e.win)
	d.SetFileName("bokforing-" + strings.ReplaceAll(e.from.Text+"_"+e.to.Text, "-", "") + ".si")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// bookkeeping is the method and accounts as the dialog shows them.
func (e *sieExport) bookkeeping() core.BookkeepingSettings {
	var b core.BookkeepingSettings
	if e.method.Selected == methodLabels()[1] {
		b.Method = core.BookWhenPaid
	}
	for _, f := range accountFields {
		*f.of(&b.Accounts) = strings.TrimSpace(e.accounts[f.key].Text)
	}
	return b
}

// run checks the fields on the UI thread, then saves the method and accounts and
// exports in the background.
func (e *sieExport) run() {
	if e.busy {
		return
	}
	from, err := e.from.date()
	if err == nil {
		var to core.Date
		if to, err = e.to.date(); err == nil {
			e.start(from, to, e.bookkeeping(), strings.TrimSpace(e.file.Text))
			return
		}
	}
	showError(err, e.win)
}

func (e *sieExport) start(from, to core.Date, b core.BookkeepingSettings, path string) {
	e.busy = true
	e.export.Disable()
	e.progress.Show()
	e.progress.Start()
	background(func(ctx context.Context) (core.SIEExport, error) {
		if err := e.svc.SaveBookkeeping(ctx, b); err != nil {
			return core.SIEExport{}, err
		}
		return e.svc.ExportSIE(ctx, from, to, path)
	}, func(res core.SIEExport, err error) {
		e.busy = false
		e.export.Enable()
		e.progress.Stop()
		e.progress.Hide()
		if err != nil {
			showError(err, e.win)
			return
		}
		e.dlg.Hide()
		e.done = lang.L("{{.Count}} verifications were written to {{.Path}}",
			map[string]any{"Count": res.Verifications, "Path": res.Path})
		dialog.ShowInformation(lang.L("Export to the books"), e.done, e.win)
	})
}
