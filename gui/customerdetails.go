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

// customerInvoiceColumns are the columns of a customer's invoices; today tells the status.
func customerInvoiceColumns(today func() core.Date) []column[core.Invoice, unsorted] {
	return []column[core.Invoice, unsorted]{
		{title: "Invoice no.", width: 95, show: func(ci core.Invoice) cellLook { return plain(ci.Number) }},
		{title: "Invoice date", width: 100, show: func(ci core.Invoice) cellLook { return plain(formatDate(ci.InvoiceDate)) }},
		{title: "Due date", width: 100, show: func(ci core.Invoice) cellLook { return plain(formatDate(ci.DueDate)) }},
		{title: "Amount", width: 120, trailing: true, show: func(ci core.Invoice) cellLook { return plain(formatAmount(ci.Total)) }},
		{title: "Costs and interest", width: 140, trailing: true, show: func(ci core.Invoice) cellLook {
			if ci.Charges.IsZero() {
				return plain("")
			}
			return plain(formatAmount(ci.Charges))
		}},
		{title: "Owed", width: 120, trailing: true, show: func(ci core.Invoice) cellLook { return plain(formatAmount(ci.Claim())) }},
		{title: "Status", width: 130, show: func(ci core.Invoice) cellLook {
			look := invoiceLook(ci, today())
			return cellLook{text: look.Text, importance: look.Importance, icon: look.Icon}
		}},
	}
}

// creditColumns are the columns of the movements of a customer's credit.
var creditColumns = []column[core.CreditMovement, unsorted]{
	{title: "Date", width: 95, show: func(m core.CreditMovement) cellLook { return plain(formatDate(m.Date)) }},
	{title: "What", width: 330, show: func(m core.CreditMovement) cellLook { return plain(creditMovementText(m)) }},
	{title: "Amount", width: 120, trailing: true, show: func(m core.CreditMovement) cellLook { return plain(formatAmount(m.Amount)) }},
	{title: "Invoice no.", width: 95, show: func(m core.CreditMovement) cellLook { return plain(m.InvoiceNumber) }},
	{title: "Bank file", width: 220, show: func(m core.CreditMovement) cellLook { return plain(m.Source) }},
}

// creditMovementText says what became of a customer's credit.
func creditMovementText(m core.CreditMovement) string {
	switch m.Kind {
	case core.CreditArose:
		return lang.L("Paid beyond the claim")
	case core.CreditMovedIn:
		return lang.L("Applied to an invoice")
	case core.CreditMovedOut:
		if m.Reason != "" {
			return lang.L("Refunded: {{.Reason}}", map[string]any{"Reason": m.Reason})
		}
		return lang.L("Refunded")
	}
	return string(m.Kind)
}

// customerDetails is the details of one customer, opened by a double click or Enter
// on the Kunder tab: contact, their invoices (each opens its own details) and what
// became of their credit. It only shows; actions come in as a row of buttons.
type customerDetails struct {
	svc *core.Service
	win fyne.Window
	id  int64
	d   core.CustomerDetails
	// actions makes the buttons of the action row for the customer shown; nil: none.
	actions func(core.CustomerDetails) []fyne.CanvasObject
	// invoiceActions are handed to the invoice details opened from here.
	invoiceActions func(core.InvoiceDetails) []fyne.CanvasObject
	loaded         bool
	today          core.Date

	contact   *lineLabels
	invoices  *openTable
	invRow    int
	credit    *widget.Table
	creditSum *widget.Label
	actionRow *fyne.Container
	closeBtn  *keyButton
	content   *fyne.Container
	dlg       *dialog.CustomDialog
	closer    *dialogKeys
	opened    *invoiceDetails // the invoice details last opened from here, for tests
}

// showCustomerDetails opens the details of customer id (named name) over win.
func showCustomerDetails(svc *core.Service, win fyne.Window, id int64, name string,
	actions func(core.CustomerDetails) []fyne.CanvasObject, invoiceActions func(core.InvoiceDetails) []fyne.CanvasObject) *customerDetails {
	d := &customerDetails{svc: svc, win: win, id: id, actions: actions, invoiceActions: invoiceActions, invRow: -1, today: svc.Today()}
	d.build(name)
	d.closer = openDialog(win, d.dlg, detailsSize, d.close)
	win.Canvas().Focus(d.invoices)
	d.closer.follow(svc, d.load)
	d.load()
	return d
}

func (d *customerDetails) build(name string) {
	d.contact = newLineLabels(lang.L("Fetching the customer…"))
	rows, row := listRows(func() []core.Invoice { return d.d.Invoices })
	d.invoices = newOpenTable(columnTable[core.Invoice, unsorted]{
		cols: customerInvoiceColumns(func() core.Date { return d.today }), rows: rows, row: row}, d.openInvoice)
	d.invoices.onEsc = d.close
	d.invoices.OnSelected = func(id widget.TableCellID) { d.invRow = id.Row }
	d.invoices.OnUnselected = func(widget.TableCellID) { d.invRow = -1 }
	creditRows, creditRow := listRows(func() []core.CreditMovement { return d.d.Credit })
	d.credit = newTable(columnTable[core.CreditMovement, unsorted]{cols: creditColumns, rows: creditRows, row: creditRow})
	d.creditSum = widget.NewLabel("")
	d.creditSum.TextStyle.Bold = true
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Invoices"), d.invoices),
		container.NewTabItem(lang.L("Customer credit"), container.NewBorder(d.creditSum, nil, nil, nil, d.credit)),
	)
	d.closeBtn = newKeyButton(lang.L("Close"), theme.CancelIcon(), d.close, d.close)
	d.actionRow = container.NewHBox()
	d.content = borderTopFirst(d.contact.box, container.NewBorder(nil, nil, d.actionRow, d.closeBtn), tabs)
	d.dlg = dialog.NewCustomWithoutButtons(name, d.content, d.win)
}

// load reads the customer's details off the UI thread and shows them.
func (d *customerDetails) load() {
	id := d.id
	readFor(d.closer, func(ctx context.Context) (core.CustomerDetails, error) {
		return d.svc.CustomerDetails(ctx, id)
	}, func(v core.CustomerDetails) {
		d.d, d.loaded, d.today = v, true, d.svc.Today()
		d.show()
	})
}

func (d *customerDetails) show() {
	v := d.d
	d.contact.SetText(customerContactText(v))
	if d.invRow >= len(v.Invoices) {
		d.invRow = -1
	}
	d.invoices.Refresh()
	d.credit.Refresh()
	d.creditSum.SetText(lang.L("Customer credit to use: {{.Amount}}", map[string]any{"Amount": formatAmount(v.CreditLeft())}))
	d.actionRow.Objects = nil
	if d.actions != nil {
		d.actionRow.Objects = d.actions(v)
	}
	d.actionRow.Refresh()
	d.content.Refresh() // the contact's lines and the action row change the layout's sizes
}

// openInvoice opens the details of the selected invoice over the customer's.
func (d *customerDetails) openInvoice() {
	if d.invRow < 0 || d.invRow >= len(d.d.Invoices) {
		return
	}
	inv := d.d.Invoices[d.invRow]
	d.opened = showInvoiceDetails(d.svc, d.win, inv.ID, inv.Number, d.invoiceActions)
}

func (d *customerDetails) close() { d.dlg.Hide() }

// customerContactText is the customer's number, kind, numbers, addresses and terms,
// and what they owe and have to their credit.
func customerContactText(v core.CustomerDetails) string {
	c := v.Customer
	first := []string{lang.L("Customer {{.Number}}", map[string]any{"Number": c.Number}), customerTypeText(c)}
	if c.IDNumber != "" {
		first = append(first, lang.L("Org./personal no. {{.Number}}", map[string]any{"Number": c.IDNumber}))
	}
	first = append(first, lang.L("Fee agreed: {{.Answer}}", map[string]any{"Answer": yesNo(c.FeeAgreed)}))
	var reach []string
	for _, s := range []string{c.Email, c.Mobile, postalText(c.Address)} {
		if s != "" {
			reach = append(reach, s)
		}
	}
	if len(reach) == 0 {
		reach = append(reach, lang.L("No e-mail, phone or address"))
	}
	owed := counted(len(v.Invoices), "1 invoice", "{{.Count}} invoices", nil) + " · " +
		lang.L("owes {{.Owed}} in all", map[string]any{"Owed": formatAmount(v.Owed())}) + " · " +
		lang.L("Customer credit to use: {{.Amount}}", map[string]any{"Amount": formatAmount(v.CreditLeft())})
	return strings.Join([]string{strings.Join(first, " · "), strings.Join(reach, " · "), owed}, "\n")
}

// postalText is a postal address on one line.
func postalText(a core.Address) string {
	var parts []string
	for _, s := range []string{a.Line1, a.Line2, strings.TrimSpace(a.ZipCode + " " + a.City)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}
