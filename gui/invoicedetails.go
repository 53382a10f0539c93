package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// invoiceDetails is the details of one invoice, opened by a double click or Enter on
// its row: the claim line by line, the reminders with their letters and e-mails and
// how they were delivered, the Amili case and its reports, and the history. It only
// shows; what changes the invoice comes in as actions, a row of buttons at the
// bottom made for the invoice shown.
type invoiceDetails struct {
	svc *core.Service
	win fyne.Window
	id  int64
	d   core.InvoiceDetails
	// actions makes the buttons of the action row for the invoice shown; nil: none.
	actions func(core.InvoiceDetails) []fyne.CanvasObject
	loaded  bool // the details have been read at least once

	header    *lineLabels
	lineInfo  *widget.Label // the claim's selected line in full
	claim     *openTable
	claimRows []claimRow
	reminders *reminderDetails
	amiliInfo *lineLabels
	reports   *widget.Table
	history   *widget.Table
	histRows  []historyRow
	tabs      *container.AppTabs
	actionRow *fyne.Container
	closeBtn  *keyButton
	content   *fyne.Container
	dlg       *dialog.CustomDialog
	closer    *dialogKeys
}

// showInvoiceDetails opens the details of the invoice id (numbered number) over win
// and reads them off the UI thread; they are read again whenever the book changes
// while it is open.
func showInvoiceDetails(svc *core.Service, win fyne.Window, id int64, number string,
	actions func(core.InvoiceDetails) []fyne.CanvasObject) *invoiceDetails {
	d := &invoiceDetails{svc: svc, win: win, id: id, actions: actions}
	d.build(number)
	d.closer = openDialog(win, d.dlg, detailsSize, d.close)
	win.Canvas().Focus(d.claim)
	d.closer.follow(svc, d.load)
	d.load()
	return d
}

func (d *invoiceDetails) build(number string) {
	d.header = newLineLabels(lang.L("Fetching the invoice…"))
	d.lineInfo = widget.NewLabel("")
	d.lineInfo.Truncation = fyne.TextTruncateEllipsis
	rows, row := listRows(func() []claimRow { return d.claimRows })
	d.claim = newOpenTable(columnTable[claimRow, unsorted]{cols: claimColumns(&d.d), rows: rows, row: row}, nil)
	d.claim.onEsc = d.close
	d.claim.OnSelected = func(id widget.TableCellID) { d.showLine(id.Row) }
	d.reminders = newReminderDetails(d)
	d.amiliInfo = newLineLabels("")
	reportRows, reportRow := listRows(func() []core.AmiliReport { return d.d.AmiliReports })
	d.reports = newTable(columnTable[core.AmiliReport, unsorted]{cols: withoutColumn(amiliReportColumns, "Invoice no."), rows: reportRows, row: reportRow})
	histRows, histRow := listRows(func() []historyRow { return d.histRows })
	d.history = newTable(columnTable[historyRow, unsorted]{cols: historyColumns, rows: histRows, row: histRow})
	d.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Claim"), container.NewBorder(nil, d.lineInfo, nil, nil, d.claim)),
		container.NewTabItem(lang.L("Reminders"), d.reminders.content),
		container.NewTabItem(lang.L("Amili"), container.NewBorder(d.amiliInfo.box, nil, nil, nil, d.reports)),
		container.NewTabItem(lang.L("History"), d.history),
	)
	d.closeBtn = newKeyButton(lang.L("Close"), theme.CancelIcon(), d.close, d.close)
	d.actionRow = container.NewHBox()
	bottom := container.NewBorder(nil, nil, d.actionRow, d.closeBtn)
	d.content = borderTopFirst(d.header.box, bottom, d.tabs)
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("Invoice {{.Number}}", map[string]any{"Number": number}), d.content, d.win)
}

// load reads the invoice's details off the UI thread and shows them.
func (d *invoiceDetails) load() {
	id := d.id
	readFor(d.closer, func(ctx context.Context) (core.InvoiceDetails, error) {
		return d.svc.InvoiceDetails(ctx, id)
	}, func(v core.InvoiceDetails) {
		d.d, d.loaded = v, true
		d.show()
	})
}

// show fills every part of the dialog from d.d.
func (d *invoiceDetails) show() {
	v := d.d
	d.header.SetText(invoiceHeaderText(v, d.svc.Today()))
	d.claimRows = claimRowsOf(v)
	d.claim.Refresh()
	d.lineInfo.SetText("")
	d.reminders.show()
	d.amiliInfo.SetText(amiliDetailsText(v))
	d.reports.Refresh()
	if len(v.AmiliReports) == 0 {
		d.reports.Hide()
	} else {
		d.reports.Show()
	}
	d.histRows = historyRowsOf(v)
	d.history.Refresh()
	d.actionRow.Objects = nil
	if d.actions != nil {
		d.actionRow.Objects = d.actions(v)
	}
	d.actionRow.Refresh()
	d.content.Refresh() // the header's lines and the action row change the layout's sizes
}

func (d *invoiceDetails) close() { d.dlg.Hide() }

// showLine says the claim's line on row in full below the table: its text, cut in
// the table when long, and its sum.
func (d *invoiceDetails) showLine(row int) {
	if row < 0 || row >= len(d.claimRows) {
		d.lineInfo.SetText("")
		return
	}
	r := d.claimRows[row]
	d.lineInfo.SetText(r.text + ": " + formatAmount(r.line.Parts.Sum()))
}

// invoiceHeaderText says who owes what on the invoice: number, customer, dates,
// status and what remains, split into the invoice amount and the costs and interest.
func invoiceHeaderText(v core.InvoiceDetails, today core.Date) string {
	inv, rest := v.Invoice, v.Remaining()
	if n := len(v.Reminders); inv.DeliveryFailure == nil && n > 0 && v.Reminders[n-1].State == core.DeliveryFailed {
		why := v.Reminders[n-1].FailureMessage() // the latest (they are in the order made)
		inv.DeliveryFailure = &why
	}
	look := invoiceLook(inv, today)
	failed := failedLook(inv, today, &look) // not simply Påmind: the reminder failed
	lines := []string{
		lang.L("Invoice {{.Number}} to {{.Customer}} ({{.CustomerNumber}}) · invoice date {{.InvoiceDate}} · due {{.DueDate}} · {{.Status}}",
			map[string]any{"Number": inv.Number, "Customer": v.Customer.Name, "CustomerNumber": v.Customer.Number,
				"InvoiceDate": formatDate(inv.InvoiceDate), "DueDate": formatDate(inv.DueDate), "Status": look.Text}),
		lang.L("Remaining {{.Claim}}: invoice amount {{.Principal}}, costs and interest {{.Charges}}",
			map[string]any{"Claim": formatAmount(rest.Sum()), "Principal": formatAmount(rest.Principal), "Charges": formatAmount(rest.Charges())}),
	}
	if failed {
		lines = append(lines, lang.L("The last reminder could not be sent: {{.Reason}}",
			map[string]any{"Reason": messageText(*inv.DeliveryFailure)}))
	}
	var refs []string
	if inv.OCR != "" {
		refs = append(refs, lang.L("OCR {{.OCR}}", map[string]any{"OCR": inv.OCR}))
	}
	if v.InterestFor != "" {
		refs = append(refs, lang.L("Interest invoice for invoice {{.Number}}", map[string]any{"Number": v.InterestFor}))
	}
	if v.InterestInvoice != "" {
		refs = append(refs, lang.L("Late interest invoiced on {{.Number}}", map[string]any{"Number": v.InterestInvoice}))
	}
	if len(refs) > 0 {
		lines = append(lines, strings.Join(refs, " · "))
	}
	return strings.Join(lines, "\n")
}

// amiliDetailsText tells the invoice's Amili case: its reference and state, the
// environment and the OCR the customer now pays with, or that it was never handed over.
func amiliDetailsText(v core.InvoiceDetails) string {
	inv := v.Invoice
	c := amiliCaseText(inv)
	if c == "" {
		return lang.L("Not handed to Amili.")
	}
	lines := []string{lang.L("Amili case {{.Case}}", map[string]any{"Case": c})}
	if inv.AmiliEnv != "" {
		lines = append(lines, lang.L("Environment: {{.Environment}}", map[string]any{"Environment": environmentName(inv.AmiliEnv)}))
	}
	if inv.AmiliOCR != "" {
		lines = append(lines, lang.L("The customer now pays Amili with OCR {{.OCR}}.", map[string]any{"OCR": inv.AmiliOCR}))
	}
	if len(v.AmiliReports) == 0 {
		lines = append(lines, lang.L("Nothing has been reported to Amili about this invoice."))
	}
	return strings.Join(lines, "\n")
}

// withoutColumn is cols but the one titled title: the invoice's own number, say, in
// a table of one invoice.
func withoutColumn[R any, K comparable](cols []column[R, K], title string) []column[R, K] {
	i := columnOf(cols, title)
	if i < 0 {
		return cols
	}
	return append(append([]column[R, K]{}, cols[:i]...), cols[i+1:]...)
}
