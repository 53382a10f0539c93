package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// invoiceAction is a correction of one invoice (invoiceactions.go), as the list and
// the window's Faktura menu offer it.
type invoiceAction struct {
	label string
	do    func(svc *core.Service, win fyne.Window, inv core.Invoice)
}

// invoiceActions are the corrections offered on the selected invoice, in order.
func invoiceActions() []invoiceAction {
	return []invoiceAction{
		{"Edit invoice…", showEditInvoice},
		{"Credit invoice…", showCreditInvoice},
		{"Delete invoice…", showDeleteInvoice},
		{"Undo payment…", showUndoPayment},
		{"Waive costs and interest…", showWaiveInvoice},
		{"Use customer credit…", showApplyCredit},
		{"Pause…", showPauseInvoice},
		{"Resume", showResumeInvoice},
	}
}

// actionMenu is the corrections as menu items acting on the list's selection.
func (l *invoiceList) actionMenu() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, a := range invoiceActions() {
		items = append(items, fyne.NewMenuItem(lang.L(a.label), func() { l.onSelectedInvoice(a.do) }))
	}
	return append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Waive costs and interest of the invoices shown…"), l.waiveShown))
}

// waiveShown waives the costs and interest left on the invoices the list shows (its
// filter and search, up to maxWaiveShown), after asking for the reason: a selection
// of many at once, e.g. every invoice of the Avgifter kvar filter.
func (l *invoiceList) waiveShown() {
	q := l.query
	q.Offset, q.Limit, q.SkipTotals = 0, maxWaiveShown, true
	background(func(ctx context.Context) ([]core.Invoice, error) {
		page, err := l.svc.ListInvoices(ctx, q)
		var owing []core.Invoice
		for _, inv := range page.Invoices {
			if inv.Charges.IsPositive() {
				owing = append(owing, inv)
			}
		}
		return owing, err
	}, func(owing []core.Invoice, err error) {
		switch {
		case err != nil:
			showError(err, l.win)
		case len(owing) == 0:
			showInfo(lang.L("Waive costs and interest"), lang.L("None of the invoices shown has costs or interest left."), l.win)
		default:
			l.waiveForm = showWaiveForm(l.svc, l.win, owing, nil) // the list reloads on the service's OnChange
		}
	})
}

// newActionButton is the list's Faktura button: the corrections of the selected
// invoice in a menu under it.
func (l *invoiceList) newActionButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(lang.L("Invoice…"), theme.MenuDropDownIcon(), func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(b)
		if c == nil {
			return
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height))
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", l.actionMenu()...), c, pos)
	})
	b.Disable()
	return b
}

// onSelectedInvoice reads the selected invoice as the book has it now and runs
// action on it; with none selected it says to choose one.
func (l *invoiceList) onSelectedInvoice(action func(*core.Service, fyne.Window, core.Invoice)) {
	id := l.selID
	if id == 0 {
		showInfo(lang.L("Invoice"), lang.L("Choose an invoice in the list first."), l.win)
		return
	}
	background(func(ctx context.Context) (core.Invoice, error) {
		return l.svc.Invoice(ctx, id)
	}, func(inv core.Invoice, err error) {
		if err != nil {
			showError(err, l.win)
			return
		}
		action(l.svc, l.win, inv)
	})
}

// invoiceMenu is the window's Faktura menu: the corrections of the invoice selected
// in the list.
func (m *MainWindow) invoiceMenu() *fyne.Menu {
	return fyne.NewMenu(lang.L("Invoice"), m.invoices.actionMenu()...)
}
