package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// customerColumns are the customer list's columns; credits holds each customer's
// credit from bank payments.
func customerColumns(credits func() map[int64]decimal.Decimal) []column[core.Customer, customerSort] {
	return []column[core.Customer, customerSort]{
		{title: "Customer no.", width: 90, sort: byCustomerNumber, show: func(c core.Customer) cellLook { return plain(c.Number) }},
		{title: "Name", width: 240, cut: true, sort: byCustomerName, show: func(c core.Customer) cellLook { return plain(c.Name) }},
		{title: "Org./personal no.", width: 140, sort: byCustomerIDNumber, show: func(c core.Customer) cellLook { return plain(c.IDNumber) }},
		{title: "Type", width: 120, sort: byCustomerType, show: func(c core.Customer) cellLook { return plain(customerTypeText(c)) }},
		{title: "E-mail", width: 280, cut: true, sort: byCustomerEmail, show: func(c core.Customer) cellLook { return plain(c.Email) }},
		{title: "City", width: 140, cut: true, sort: byCustomerCity, show: func(c core.Customer) cellLook { return plain(c.Address.City) }},
		{title: "Fee agreed", width: 90, sort: byCustomerFee, show: func(c core.Customer) cellLook { return plain(yesNo(c.FeeAgreed)) }},
		{title: "Customer credit", width: 110, trailing: true, sort: byCustomerCredit, show: func(c core.Customer) cellLook {
			if credit, ok := credits()[c.ID]; ok && credit.IsPositive() {
				return styled(formatAmount(credit), widget.WarningImportance)
			}
			return plain("–")
		}},
	}
}

// customerTypeText is Företag or Privatperson.
func customerTypeText(c core.Customer) string {
	if c.IsCompany {
		return lang.L("Company")
	}
	return lang.L("Private person")
}

// yesNo is Ja or Nej.
func yesNo(b bool) string {
	if b {
		return lang.L("Yes")
	}
	return lang.L("No")
}

// customerTab is Kunder: the customers, a form to add or edit one, and CSV import
// of customers and invoices.
type customerTab struct {
	svc *core.Service
	win fyne.Window

	all       []core.Customer // every customer, as read
	customers []core.Customer // those shown: all, searched and sorted by view
	view      customerView
	shown     bool                      // the tab has been shown, so its customers are read
	credits   map[int64]decimal.Decimal // by customer: surpluses of bank payments kept for them
	selRow    int
	// detailActions and invoiceActions make the action buttons of a customer's
	// details and of the invoice details opened from them; nil: none.
	detailActions  func(core.CustomerDetails) []fyne.CanvasObject
	invoiceActions func(core.InvoiceDetails) []fyne.CanvasObject
	details        *customerDetails // the customer details last opened, for tests

	table      *openTable // a double click or Enter opens the customer's details
	search     *widget.Entry
	editBtn    *widget.Button
	refundBtn  *widget.Button // refunds the selected customer's credit (customercredit.go)
	creditSum  *widget.Label  // every customer's credit together
	content    fyne.CanvasObject
	lastImport *widget.Label
}

func newCustomerTab(svc *core.Service, win fyne.Window) *customerTab {
	t := &customerTab{svc: svc, win: win, selRow: -1, view: customerView{sort: byCustomerName}}
	rows, row := listRows(func() []core.Customer { return t.customers })
	cols := customerColumns(func() map[int64]decimal.Decimal { return t.credits })
	order := &tableSort[customerSort]{current: func() (customerSort, bool) { return t.view.sort, t.view.desc }, by: t.sortBy}
	ct := columnTable[core.Customer, customerSort]{cols: cols, rows: rows, row: row, order: order}
	t.table = newOpenTable(ct, t.openDetails)
	t.table.OnSelected = func(id widget.TableCellID) { t.selRow = id.Row; t.editBtn.Enable(); t.showRefund() }
	t.table.OnUnselected = func(widget.TableCellID) { t.selRow = -1; t.editBtn.Disable(); t.showRefund() }
	add := widget.NewButtonWithIcon(lang.L("New customer"), theme.ContentAddIcon(), func() { t.edit(core.Customer{}) })
	t.editBtn = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), t.onEdit)
	t.editBtn.Disable()
	t.refundBtn = widget.NewButtonWithIcon(lang.L("Refund credit…"), theme.MailReplyIcon(), t.onRefund)
	t.refundBtn.Disable()
	t.creditSum = widget.NewLabel("")
	importCustomers := widget.NewButtonWithIcon(lang.L("Import customers (CSV, Excel)…"), theme.FolderOpenIcon(),
		func() { t.startImport(core.ImportCustomers) })
	importInvoices := widget.NewButtonWithIcon(lang.L("Import invoices (CSV, Excel)…"), theme.FolderOpenIcon(),
		func() { t.startImport(core.ImportInvoices) })
	template := widget.NewButtonWithIcon(lang.L("Save template…"), theme.DocumentSaveIcon(), t.onSaveTemplate)
	t.lastImport = widget.NewLabel("")
	bar := container.NewHBox(add, t.editBtn, widget.NewSeparator(), importCustomers, importInvoices, template, t.lastImport)
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(lang.L("Search customer no., name, org. no., e-mail or city"))
	t.search.OnChanged = t.onSearch
	// The credit's line is under the list, where its column adds up: the bar above is
	// as wide as a 1024 px screen takes.
	credit := container.NewBorder(nil, nil, t.creditSum, t.refundBtn)
	// The columns share the list's width, names, e-mail and city cut (whole on hover).
	t.content = borderTopFirst(container.NewVBox(t.search, bar), credit, ct.fitted(&t.table.Table, t.table))
	return t
}

// show reads the customers the first time the tab is shown: a large book has tens
// of thousands, which the window need not hold before anyone looks at them.
func (t *customerTab) show() {
	if !t.shown {
		t.shown = true
		t.reload()
	}
}

// customersAndCredits is what the tab shows.
type customersAndCredits struct {
	customers []core.Customer
	credits   map[int64]decimal.Decimal
}

// reload fetches the customers and their credits off the UI thread.
func (t *customerTab) reload() {
	background(func(ctx context.Context) (customersAndCredits, error) {
		cs, err := t.svc.Customers(ctx)
		if err != nil {
			return customersAndCredits{}, err
		}
		credits, err := t.svc.CustomerCredits(ctx)
		return customersAndCredits{cs, credits}, err
	}, func(v customersAndCredits, err error) {
		if err != nil {
			showError(err, t.win)
			return
		}
		t.all, t.credits = v.customers, v.credits
		t.showCreditSum()
		t.showView()
	})
}

func (t *customerTab) onEdit() {
	if t.selRow >= 0 && t.selRow < len(t.customers) {
		t.edit(t.customers[t.selRow])
	}
}

// openDetails opens the details of the selected customer.
func (t *customerTab) openDetails() {
	if t.selRow < 0 || t.selRow >= len(t.customers) {
		return
	}
	c := t.customers[t.selRow]
	t.details = showCustomerDetails(t.svc, t.win, c.ID, c.Name, t.detailActions, t.invoiceActions)
}

func (t *customerTab) edit(c core.Customer) {
	newCustomerForm(t.svc, t.win, c, nil).show() // the views reload on the service's OnChange
}

// showCreditSum shows every customer's credit together under the list: the sum of
// the column.
func (t *customerTab) showCreditSum() {
	sum := decimal.Zero
	for _, c := range t.credits {
		sum = sum.Add(c)
	}
	t.creditSum.SetText(lang.L("Customer credit in total: {{.Amount}}", map[string]any{"Amount": formatAmount(sum)}))
}

// selectedCredit is the selected customer and their credit, if one with credit is
// selected.
func (t *customerTab) selectedCredit() (core.Customer, decimal.Decimal, bool) {
	if t.selRow < 0 || t.selRow >= len(t.customers) {
		return core.Customer{}, decimal.Zero, false
	}
	c := t.customers[t.selRow]
	credit := t.credits[c.ID]
	return c, credit, credit.IsPositive()
}

// showRefund enables Återbetala tillgodo for a selected customer with credit.
func (t *customerTab) showRefund() {
	if _, _, ok := t.selectedCredit(); ok {
		t.refundBtn.Enable()
	} else {
		t.refundBtn.Disable()
	}
}

func (t *customerTab) onRefund() {
	if c, credit, ok := t.selectedCredit(); ok {
		showRefundCredit(t.svc, t.win, c, credit)
	}
}
