package gui

import (
	"context"
	"maps"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// paymentColumns are the preview's columns.
var paymentColumns = []column[core.PaymentRow, unsorted]{
	{title: "Line", width: 40, trailing: true, show: func(r core.PaymentRow) cellLook { return plain(strconv.Itoa(r.Payment.Line)) }},
	{title: "Paid on", width: 95, show: func(r core.PaymentRow) cellLook { return plain(formatDate(r.Payment.Date)) }},
	{title: "Amount", width: 110, trailing: true, show: func(r core.PaymentRow) cellLook { return plain(formatAmount(r.Payment.Amount)) }},
	{title: "Payer", width: 145, show: func(r core.PaymentRow) cellLook { return plain(r.Payment.PayerName) }},
	{title: "Reference", width: 150, show: func(r core.PaymentRow) cellLook { return plain(referenceText(r)) }},
	{title: "Invoice no.", width: 80, show: func(r core.PaymentRow) cellLook { return plain(strings.Join(r.Numbers(), ", ")) }},
	{title: "Matched by", width: 90, show: func(r core.PaymentRow) cellLook { return plain(matchText(r.Match)) }},
	{title: "Outcome", width: 340, show: func(r core.PaymentRow) cellLook { return styled(outcomeText(r), outcomeImportance(r.Outcome)) }},
}

func referenceText(r core.PaymentRow) string {
	parts := append([]string{r.Payment.Reference}, r.Payment.Extra...)
	for _, d := range r.Payment.Deducted {
		parts = append(parts, lang.L("credit note {{.Reference}} deducted ({{.Amount}})",
			map[string]any{"Reference": d.Reference, "Amount": formatAmount(d.Amount)}))
	}
	parts = append(parts, r.Payment.Message)
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}

func matchText(m core.MatchKind) string {
	switch m {
	case core.MatchOCR:
		return lang.L("OCR")
	case core.MatchNumber:
		return lang.L("Invoice no.")
	case core.MatchSuggestion:
		return lang.L("Suggestion")
	case core.MatchChosen:
		return lang.L("Chosen")
	case core.MatchNone:
	}
	return ""
}

// outcomeName is an outcome's name in the totals.
func outcomeName(o core.PaymentOutcome) string {
	switch o {
	case core.OutcomeFull:
		return lang.L("Pays in full")
	case core.OutcomePartly:
		return lang.L("Pays in part")
	case core.OutcomePrincipalOnly:
		return lang.L("Pays the invoice amount (costs and interest remain)")
	case core.OutcomeOver:
		return lang.L("Overpays (the surplus is kept as a credit)")
	case core.OutcomeAmili:
		return lang.L("With Amili (will be reported to Amili)")
	case core.OutcomeAlreadyPaid:
		return lang.L("Already paid (kept as a credit)")
	case core.OutcomeSuggested:
		return lang.L("Suggestions to confirm")
	case core.OutcomeNoMatch:
		return lang.L("No match")
	case core.OutcomeDeduction:
		return lang.L("Deductions (not registered)")
	case core.OutcomeSkipped:
		return lang.L("Skipped")
	case core.OutcomeImported:
		return lang.L("Registered before (not again)")
	case core.OutcomeElsewhere:
		return lang.L("Registered from another file (the same payment; not again)")
	}
	return string(o)
}

// outcomeText is a row's outcome with its figures.
func outcomeText(r core.PaymentRow) string {
	switch r.Outcome {
	case core.OutcomePartly:
		return lang.L("Pays in part: {{.Left}} left", map[string]any{"Left": formatAmount(r.Left())})
	case core.OutcomePrincipalOnly:
		return lang.L("Pays the invoice amount, {{.Left}} left in fees and interest", map[string]any{"Left": formatAmount(r.Left())})
	case core.OutcomeFull:
		if r.Waived.Sum().IsPositive() {
			return lang.L("Pays in full; {{.Waived}} in fees and interest waived", map[string]any{"Waived": formatAmount(r.Waived.Sum())})
		}
	case core.OutcomeOver:
		return lang.L("Overpays: {{.Credit}} becomes the customer's credit", map[string]any{"Credit": formatAmount(r.Credit)})
	case core.OutcomeAlreadyPaid:
		return lang.L("Already paid: {{.Credit}} becomes the customer's credit", map[string]any{"Credit": formatAmount(r.Credit)})
	case core.OutcomeSuggested:
		return lang.L("Suggested by amount and name: confirm or choose")
	case core.OutcomeAmili, core.OutcomeNoMatch, core.OutcomeDeduction, core.OutcomeSkipped, core.OutcomeImported,
		core.OutcomeElsewhere:
	}
	return outcomeName(r.Outcome)
}

func outcomeImportance(o core.PaymentOutcome) widget.Importance {
	switch o {
	case core.OutcomeFull, core.OutcomePartly:
		return widget.SuccessImportance
	case core.OutcomeOver, core.OutcomeAlreadyPaid, core.OutcomeSuggested, core.OutcomeAmili, core.OutcomePrincipalOnly:
		return widget.WarningImportance
	case core.OutcomeNoMatch:
		return widget.DangerImportance
	case core.OutcomeDeduction, core.OutcomeSkipped, core.OutcomeImported, core.OutcomeElsewhere:
	}
	return widget.LowImportance
}

// paymentImport is Importera betalningar: the preview of one bank file, where the
// user re-matches or skips rows and then registers them all at once.
type paymentImport struct {
	svc  *core.Service
	win  fyne.Window
	imp  core.PaymentImport
	row  int  // the selected row, -1 for none
	busy bool // a service call is under way
	open bool // the dialog is on screen

	heading  *widget.Label
	notice   *widget.Label
	table    *widget.Table
	totals   *fyne.Container // a label per outcome with payments, then the file's total
	rematch  *widget.Button
	skip     *widget.Button
	confirm  *widget.Button
	waive    *widget.Button // waives the costs left by a payment of the invoice amount
	register *keyButton
	dialog   dialog.Dialog
}

// openPaymentFile asks for a bank file, starting in dir when it is set, and previews
// it; views is told of the dialogs the import shows.
func openPaymentFile(svc *core.Service, win fyne.Window, dir string, views paymentViews) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		if r == nil {
			return // cancelled
		}
		readPaymentFile(svc, win, r, views)
	}, win)
	// No filter on the name: banks and Bankgirot name their files in many ways (often
	// without an extension); the content says which format a file is.
	if dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	showDialog(d, win)
}

// previewPaymentURI previews a bank file dropped on the window.
func previewPaymentURI(svc *core.Service, win fyne.Window, uri fyne.URI, views paymentViews) {
	r, err := storage.Reader(uri)
	if err != nil {
		showError(core.Wrap(err, core.EUNAVAILABLE, "{{.File}} cannot be read", map[string]any{"File": uri.Name()}), win)
		return
	}
	readPaymentFile(svc, win, r, views)
}

func newPaymentImport(svc *core.Service, win fyne.Window, imp core.PaymentImport) *paymentImport {
	p := &paymentImport{svc: svc, win: win, imp: imp, row: -1, open: true}
	if p.imp.Choices == nil {
		p.imp.Choices = map[string]core.PaymentChoice{}
	}
	rows, row := listRows(func() []core.PaymentRow { return p.imp.Rows })
	p.table = newTable(columnTable[core.PaymentRow, unsorted]{cols: paymentColumns, rows: rows, row: row})
	p.table.OnSelected = func(id widget.TableCellID) { p.row = id.Row; p.updateButtons() }
	p.table.OnUnselected = func(widget.TableCellID) { p.row = -1; p.updateButtons() }
	p.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.notice = widget.NewLabel("")
	p.notice.Importance = widget.WarningImportance
	p.notice.Wrapping = fyne.TextWrapWord
	p.totals = container.NewGridWithColumns(2)
	p.rematch = widget.NewButtonWithIcon(lang.L("Choose invoice…"), theme.SearchIcon(), p.onRematch)
	p.skip = widget.NewButtonWithIcon(lang.L("Skip"), theme.ContentRemoveIcon(), p.onSkip)
	p.confirm = widget.NewButtonWithIcon(lang.L("Confirm suggestion"), theme.ConfirmIcon(), p.onConfirm)
	p.waive = widget.NewButtonWithIcon(lang.L("Waive the rest"), theme.ContentClearIcon(), p.onWaive)
	p.register = newPrimaryButton(lang.L("Register payments"), theme.ConfirmIcon(), p.onRegister)
	cancel := widget.NewButton(lang.L("Cancel"), func() { p.close() })
	rowButtons := container.NewHBox(p.rematch, p.skip, p.confirm, p.waive)
	buttons := container.NewBorder(nil, nil, rowButtons, container.NewHBox(cancel, p.register))
	top := container.NewVBox(p.heading, p.notice)
	bottom := container.NewVBox(widget.NewSeparator(), p.totals, buttons)
	content := container.NewBorder(top, bottom, nil, nil, p.table)
	p.dialog = dialog.NewCustomWithoutButtons(lang.L("Import payments"), content, win)
	p.apply()
	return p
}

func (p *paymentImport) show() {
	size := p.win.Canvas().Size()
	p.dialog.Resize(fyne.NewSize(min(size.Width-40, 1180), min(size.Height-40, 640)))
	p.dialog.Show()
	escapable(p.win, p.close)
}

func (p *paymentImport) close() {
	p.open = false
	p.dialog.Hide()
}

// apply shows the current preview: heading, notice, rows, totals and buttons.
func (p *paymentImport) apply() {
	f := p.imp.File
	p.heading.SetText(lang.L("{{.File}} ({{.Format}}): payments {{.Count}}, {{.Total}} in total",
		map[string]any{"File": f.Name, "Format": formatName(f.Format), "Count": formatInt(len(f.Payments)), "Total": formatAmount(f.Total)}))
	p.showNotice()
	p.totals.RemoveAll()
	for _, t := range p.imp.Totals {
		if t.Count > 0 {
			l := widget.NewLabel(lang.L("{{.Outcome}}: {{.Count}} · {{.Amount}}",
				map[string]any{"Outcome": outcomeName(t.Outcome), "Count": formatInt(t.Count), "Amount": formatAmount(t.Amount)}))
			l.Importance = outcomeImportance(t.Outcome)
			p.totals.Add(l)
		}
	}
	all := widget.NewLabelWithStyle(lang.L("In all: {{.Amount}}, as the file says", map[string]any{"Amount": formatAmount(f.Total)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.totals.Add(all)
	p.table.Refresh()
	p.updateButtons()
}

// showNotice says, above the rows, whether anything can be registered and what was
// odd in the file (records skipped, payments left out).
func (p *paymentImport) showNotice() {
	var lines []string
	switch {
	case p.imp.NothingNew() && p.imp.Total(core.OutcomeSuggested).Count == 0:
		lines = append(lines, lang.L("This file was imported before: its payments that match an invoice are registered already, and there is nothing new to register."))
	case p.imp.ToRegister() == 0:
		lines = append(lines, lang.L("Nothing in this file can be registered yet: confirm a suggestion or choose an invoice for a row, or cancel."))
	}
	for _, n := range p.imp.File.Notes {
		lines = append(lines, tr(n.Message, n.Data))
	}
	p.notice.SetText(strings.Join(lines, "\n"))
	p.notice.Hidden = len(lines) == 0
	p.notice.Refresh()
}

func formatName(f core.BankFormat) string {
	switch f {
	case core.FormatBGMax:
		return "BGMax"
	case core.FormatCamt054:
		return "camt.054"
	}
	return string(f)
}

func (p *paymentImport) selected() (core.PaymentRow, bool) {
	if p.row < 0 || p.row >= len(p.imp.Rows) {
		return core.PaymentRow{}, false
	}
	return p.imp.Rows[p.row], true
}

func (p *paymentImport) updateButtons() {
	r, ok := p.selected()
	open := ok && !p.busy && r.Outcome != core.OutcomeImported && r.Outcome != core.OutcomeDeduction && r.Outcome != core.OutcomeElsewhere
	setEnabled(p.rematch, open)
	setEnabled(p.skip, open)
	setEnabled(p.confirm, open && r.Outcome == core.OutcomeSuggested)
	waived := ok && r.Waived.Sum().IsPositive()
	setEnabled(p.waive, open && (r.Outcome == core.OutcomePrincipalOnly || waived))
	p.waive.SetText(lang.L("Waive the rest"))
	if waived {
		p.waive.SetText(lang.L("Keep the costs"))
	}
	p.skip.SetText(lang.L("Skip"))
	if ok && r.Outcome == core.OutcomeSkipped {
		p.skip.SetText(lang.L("Include"))
	}
	setEnabled(p.register, !p.busy && p.imp.ToRegister() > 0)
}

// choose records the user's choice for the selected row and matches again.
func (p *paymentImport) choose(c core.PaymentChoice) {
	r, ok := p.selected()
	if !ok {
		return
	}
	before, had := p.imp.Choices[r.Payment.Key]
	p.imp.Choices[r.Payment.Key] = c
	p.replan(func() { // the choice was refused: forget it
		if had {
			p.imp.Choices[r.Payment.Key] = before
		} else {
			delete(p.imp.Choices, r.Payment.Key)
		}
	})
}

// replan matches the file again under the choices; undo runs if that fails.
func (p *paymentImport) replan(undo func()) {
	p.busy = true
	p.updateButtons()
	imp := p.imp
	imp.Choices = maps.Clone(p.imp.Choices)
	background(func(ctx context.Context) (core.PaymentImport, error) {
		return p.svc.PlanPayments(ctx, imp)
	}, func(next core.PaymentImport, err error) {
		p.busy = false
		if err != nil {
			showError(err, p.win)
			if undo != nil {
				undo()
			}
			p.updateButtons()
			return
		}
		p.imp = next
		p.apply()
	})
}

func (p *paymentImport) onSkip() {
	r, ok := p.selected()
	if !ok {
		return
	}
	p.choose(core.PaymentChoice{Skip: r.Outcome != core.OutcomeSkipped})
}

func (p *paymentImport) onConfirm() { p.choose(core.PaymentChoice{Confirm: true}) }

// onWaive waives, with the payment, what the selected payment of the invoice amount
// leaves of the costs and interest, or keeps them again: one click, the reason
// written for the owner.
func (p *paymentImport) onWaive() {
	r, ok := p.selected()
	if !ok {
		return
	}
	c := p.imp.Choices[r.Payment.Key]
	c.WaiveReason = ""
	if !r.Waived.Sum().IsPositive() {
		c.WaiveReason = lang.L("Paid the invoice amount ({{.File}}, line {{.Line}})",
			map[string]any{"File": p.imp.File.Name, "Line": r.Payment.Line})
	}
	p.choose(c)
}

// onRematch asks for the invoice number the selected payment pays.
func (p *paymentImport) onRematch() {
	r, ok := p.selected()
	if !ok {
		return
	}
	number := widget.NewEntry()
	number.SetText(r.Invoice.Number)
	showForm(lang.L("Choose invoice"), lang.L("Use"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Invoice no."), number)}, func(ok bool) {
			if ok && strings.TrimSpace(number.Text) != "" {
				p.choose(core.PaymentChoice{InvoiceNumber: strings.TrimSpace(number.Text)})
			}
		}, p.win)
}

// onRegister commits every payment of the preview in one transaction.
func (p *paymentImport) onRegister() {
	p.busy = true
	p.updateButtons()
	imp := p.imp
	imp.Choices = maps.Clone(p.imp.Choices)
	background(func(ctx context.Context) (core.PaymentImportResult, error) {
		return p.svc.RegisterPayments(ctx, imp)
	}, func(res core.PaymentImportResult, err error) {
		p.busy = false
		if err != nil {
			showError(err, p.win)
			if core.ErrorCodeOf(err) == core.ECONFLICT {
				p.replan(nil) // show what registering would do now
				return
			}
			p.updateButtons()
			return
		}
		p.close()
		showInfo(lang.L("Payments registered"), lang.L(
			"Payments registered: {{.Count}}, {{.Amount}} in total. Kept as customer credits: {{.Credits}}. To be reported to Amili: {{.Amili}}.",
			map[string]any{"Count": formatInt(res.Payments), "Amount": formatAmount(res.Amount),
				"Credits": formatAmount(res.Credits), "Amili": formatInt(res.Amili)}), p.win)
	})
}
