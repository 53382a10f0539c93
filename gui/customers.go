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
func customerColumns(credits func() map[int64]decimal.Decimal) []column[core.Customer, unsorted] {
	return []column[core.Customer, unsorted]{
		{title: "Customer no.", width: 90, show: func(c core.Customer) cellLook { return plain(c.Number) }},
		{title: "Name", width: 240, show: func(c core.Customer) cellLook { return plain(c.Name) }},
		{title: "Org./personal no.", width: 140, show: func(c core.Customer) cellLook { return plain(c.IDNumber) }},
		{title: "Type", width: 120, show: func(c core.Customer) cellLook {
			if c.IsCompany {
				return plain(lang.L("Company"))
			}
			return plain(lang.L("Private person"))
		}},
		{title: "E-mail", width: 280, show: func(c core.Customer) cellLook { return plain(c.Email) }},
		{title: "City", width: 140, show: func(c core.Customer) cellLook { return plain(c.Address.City) }},
		{title: "Fee agreed", width: 90, show: func(c core.Customer) cellLook {
			if c.FeeAgreed {
				return plain(lang.L("Yes"))
			}
			return plain(lang.L("No"))
		}},
		{title: "Customer credit", width: 110, trailing: true, show: func(c core.Customer) cellLook {
			if credit, ok := credits()[c.ID]; ok && credit.IsPositive() {
				return styled(formatAmount(credit), widget.WarningImportance)
			}
			return plain("–")
		}},
	}
}

// customerTab is Kunder: the customers, a form to add or edit one, and CSV import
// of customers and invoices.
type customerTab struct {
	svc *core.Service
	win fyne.Window

	customers []core.Customer
	shown     bool                      // the tab has been shown, so its customers are read
	credits   map[int64]decimal.Decimal // by customer: surpluses of bank payments kept for them
	selRow    int

	table      *widget.Table
	editBtn    *widget.Button
	content    fyne.CanvasObject
	lastImport *widget.Label
}

func newCustomerTab(svc *core.Service, win fyne.Window) *customerTab {
	t := &customerTab{svc: svc, win: win, selRow: -1}
	rows, row := listRows(func() []core.Customer { return t.customers })
	cols := customerColumns(func() map[int64]decimal.Decimal { return t.credits })
	t.table = newTable(columnTable[core.Customer, unsorted]{cols: cols, rows: rows, row: row})
	t.table.OnSelected = func(id widget.TableCellID) { t.selRow = id.Row; t.editBtn.Enable() }
	t.table.OnUnselected = func(widget.TableCellID) { t.selRow = -1; t.editBtn.Disable() }
	add := widget.NewButtonWithIcon(lang.L("New customer"), theme.ContentAddIcon(), func() { t.edit(core.Customer{}) })
	t.editBtn = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), t.onEdit)
	t.editBtn.Disable()
	importCustomers := widget.NewButtonWithIcon(lang.L("Import customers (CSV, Excel)…"), theme.FolderOpenIcon(),
		func() { t.startImport(core.ImportCustomers) })
	importInvoices := widget.NewButtonWithIcon(lang.L("Import invoices (CSV, Excel)…"), theme.FolderOpenIcon(),
		func() { t.startImport(core.ImportInvoices) })
	template := widget.NewButtonWithIcon(lang.L("Save template…"), theme.DocumentSaveIcon(), t.onSaveTemplate)
	t.lastImport = widget.NewLabel("")
	bar := container.NewHBox(add, t.editBtn, widget.NewSeparator(), importCustomers, importInvoices, template, t.lastImport)
	t.content = container.NewBorder(bar, nil, nil, nil, t.table)
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
		t.customers, t.credits = v.customers, v.credits
		t.table.UnselectAll()
		t.table.Refresh()
	})
}

func (t *customerTab) onEdit() {
	if t.selRow >= 0 && t.selRow < len(t.customers) {
		t.edit(t.customers[t.selRow])
	}
}

func (t *customerTab) edit(c core.Customer) {
	newCustomerForm(t.svc, t.win, c, nil).show() // the views reload on the service's OnChange
}
