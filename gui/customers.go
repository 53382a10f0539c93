package gui

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

var customerColumns = []tableColumn{
	{"Customer no.", 90, false}, {"Name", 240, false}, {"Org./personal no.", 140, false}, {"Type", 120, false},
	{"E-mail", 280, false}, {"City", 140, false}, {"Fee agreed", 90, false}, {"Customer credit", 110, true},
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
	t.table = newTextTable(customerColumns, func() int { return len(t.customers) }, t.cell)
	t.table.OnSelected = func(id widget.TableCellID) { t.selRow = id.Row; t.editBtn.Enable() }
	t.table.OnUnselected = func(widget.TableCellID) { t.selRow = -1; t.editBtn.Disable() }
	add := widget.NewButtonWithIcon(lang.L("New customer"), theme.ContentAddIcon(), func() { t.edit(core.Customer{}) })
	t.editBtn = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), t.onEdit)
	t.editBtn.Disable()
	importCustomers := widget.NewButtonWithIcon(lang.L("Import customers (CSV)…"), theme.FolderOpenIcon(),
		func() { t.chooseCSV(t.svc.ImportCustomersCSV) })
	importInvoices := widget.NewButtonWithIcon(lang.L("Import invoices (CSV)…"), theme.FolderOpenIcon(),
		func() { t.chooseCSV(t.svc.ImportInvoicesCSV) })
	t.lastImport = widget.NewLabel("")
	bar := container.NewHBox(add, t.editBtn, widget.NewSeparator(), importCustomers, importInvoices, t.lastImport)
	t.content = container.NewBorder(bar, nil, nil, nil, t.table)
	return t
}

func (t *customerTab) cell(row, col int) (string, widget.Importance) {
	c := t.customers[row]
	switch col {
	case 0:
		return c.Number, widget.MediumImportance
	case 1:
		return c.Name, widget.MediumImportance
	case 2:
		return c.IDNumber, widget.MediumImportance
	case 3:
		if c.IsCompany {
			return lang.L("Company"), widget.MediumImportance
		}
		return lang.L("Private person"), widget.MediumImportance
	case 4:
		return c.Email, widget.MediumImportance
	case 5:
		return c.Address.City, widget.MediumImportance
	case 6:
		if c.FeeAgreed {
			return lang.L("Yes"), widget.MediumImportance
		}
		return lang.L("No"), widget.MediumImportance
	}
	if credit, ok := t.credits[c.ID]; ok && credit.IsPositive() {
		return formatAmount(credit), widget.WarningImportance
	}
	return "–", widget.MediumImportance
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

// importFunc is one of the service's CSV imports.
type importFunc func(ctx context.Context, r io.Reader) (core.ImportResult, error)

// chooseCSV lets the user pick a CSV file and imports it with imp.
func (t *customerTab) chooseCSV(imp importFunc) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, t.win)
			return
		}
		if r != nil {
			t.importFile(r, imp)
		}
	}, t.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV", ".txt"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importFile imports the chosen file off the UI thread; bad rows are listed by line.
func (t *customerTab) importFile(r fyne.URIReadCloser, imp importFunc) {
	name := r.URI().Name()
	background(func(ctx context.Context) (core.ImportResult, error) {
		defer r.Close()
		return imp(ctx, r)
	}, func(res core.ImportResult, err error) {
		if err != nil {
			showError(err, t.win)
			return
		}
		msg := lang.L("{{.File}}: {{.Customers}} customers and {{.Invoices}} invoices imported",
			map[string]any{"File": name, "Customers": res.Customers, "Invoices": res.Invoices})
		t.lastImport.SetText(msg)
		dialog.ShowInformation(lang.L("Import finished"), msg, t.win)
	})
}
