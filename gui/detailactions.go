package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// The details dialogs (invoicedetails.go, customerdetails.go) show the corrections
// (invoiceactions.go, customercredit.go) as buttons under what they show, each acting
// on the invoice or customer shown.

// invoiceDetailActions makes an invoice's details' buttons: the corrections the list
// and the Faktura menu offer (invoiceActions), on the invoice shown.
func invoiceDetailActions(svc *core.Service, win fyne.Window) func(core.InvoiceDetails) []fyne.CanvasObject {
	return func(d core.InvoiceDetails) []fyne.CanvasObject {
		inv := d.Invoice
		var buttons []fyne.CanvasObject
		for _, a := range invoiceActions() {
			buttons = append(buttons, widget.NewButton(lang.L(a.label), func() { a.do(svc, win, inv) }))
		}
		return buttons
	}
}

// customerDetailActions makes a customer's details' buttons: Återbetala tillgodo
// while the customer has credit left.
func customerDetailActions(svc *core.Service, win fyne.Window) func(core.CustomerDetails) []fyne.CanvasObject {
	return func(d core.CustomerDetails) []fyne.CanvasObject {
		credit := d.CreditLeft()
		if !credit.IsPositive() {
			return nil
		}
		c := d.Customer
		return []fyne.CanvasObject{widget.NewButton(lang.L("Refund credit…"), func() { showRefundCredit(svc, win, c, credit) })}
	}
}
