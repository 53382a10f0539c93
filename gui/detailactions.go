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

// invoiceDetailActions makes an invoice's details' buttons: those of the corrections
// the list and the Faktura menu offer (invoiceActions) that can apply to the invoice
// shown, so the row stays short (each action still says why when it cannot).
func invoiceDetailActions(svc *core.Service, win fyne.Window) func(core.InvoiceDetails) []fyne.CanvasObject {
	return func(d core.InvoiceDetails) []fyne.CanvasObject {
		inv := d.Invoice
		var buttons []fyne.CanvasObject
		for _, a := range invoiceActions() {
			if !actionApplies(a.label, d) {
				continue
			}
			buttons = append(buttons, widget.NewButton(lang.L(a.label), func() { a.do(svc, win, inv) }))
		}
		return buttons
	}
}

// actionApplies reports whether the correction labelled label can apply to the
// invoice d shows: a change or deletion only while nothing happened to it, a credit
// note or credit applied while something is owed, an undo while a payment stands, a
// waiver while costs or interest are open.
func actionApplies(label string, d core.InvoiceDetails) bool {
	inv := d.Invoice
	untouched := len(d.Reminders) == 0 && len(d.Payments) == 0 && len(d.Entries) == 0 && inv.AmiliState == core.AmiliNone
	switch label {
	case "Edit invoice…", "Delete invoice…":
		return untouched
	case "Credit invoice…":
		return inv.Balance().IsPositive()
	case "Use customer credit…":
		return inv.Claim().IsPositive()
	case "Waive costs and interest…":
		return inv.Charges.IsPositive()
	case "Undo payment…":
		return hasStandingPayment(d.Payments)
	case "Pause…":
		return inv.Balance().IsPositive() && !inv.AmiliState.WithAmili()
	case "Resume":
		return inv.Pause != core.PauseNone
	}
	return true
}

// hasStandingPayment reports whether one of ps is money in not reversed.
func hasStandingPayment(ps []core.PaymentRecord) bool {
	reversed := map[int64]bool{}
	for _, p := range ps {
		if p.Kind == core.PaymentReversal {
			reversed[p.Reverses] = true
		}
	}
	for _, p := range ps {
		if p.Kind != core.PaymentReversal && !reversed[p.ID] {
			return true
		}
	}
	return false
}

// customerDetailActions makes a customer's details' buttons: pause and resume the
// customer (gui/pause.go), and Återbetala tillgodo while the customer has credit left.
func customerDetailActions(svc *core.Service, win fyne.Window) func(core.CustomerDetails) []fyne.CanvasObject {
	return func(d core.CustomerDetails) []fyne.CanvasObject {
		c := d.Customer
		buttons := []fyne.CanvasObject{widget.NewButton(lang.L("Pause customer…"), func() { showPauseCustomer(svc, win, c) }),
			widget.NewButton(lang.L("Resume customer"), func() { showResumeCustomer(svc, win, c) })}
		if credit := d.CreditLeft(); credit.IsPositive() {
			buttons = append(buttons, widget.NewButton(lang.L("Refund credit…"), func() { showRefundCredit(svc, win, c, credit) }))
		}
		return buttons
	}
}
