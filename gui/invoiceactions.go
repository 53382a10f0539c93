package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// The corrections of one invoice (issue 20): change or delete it while nothing
// happened to it, credit it, undo a payment, pay it from the customer's credit. Each
// is a function of the invoice (and payment) it acts on, so the list, the window's
// Faktura menu and the invoice's details offer the same. The views refresh on the
// service's OnChange.

// showEditInvoice reads the customers, then asks for inv's changes and saves them;
// an invoice that can no longer be changed is refused before, saying why.
func showEditInvoice(svc *core.Service, win fyne.Window, inv core.Invoice) {
	background(func(ctx context.Context) ([]core.Customer, error) {
		if err := stillADraft(ctx, svc, inv); err != nil {
			return nil, err
		}
		return svc.Customers(ctx)
	}, func(cs []core.Customer, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		newEditInvoiceForm(svc, win, cs, inv).show()
	})
}

// newEditInvoiceForm asks for inv's number, customer, dates, amount and OCR.
func newEditInvoiceForm(svc *core.Service, win fyne.Window, cs []core.Customer, inv core.Invoice) *formDialog {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Number + " – " + c.Name
	}
	customer := newEscSelect(names, nil)
	for i, c := range cs {
		if c.ID == inv.CustomerID {
			customer.SetSelectedIndex(i)
		}
	}
	number := entryWith(inv.Number, "")
	invDate, dueDate := newDateField(inv.InvoiceDate), newDateField(inv.DueDate)
	amount := entryWith(amountText(inv.Total), "1 234,50")
	ocr := entryWith(inv.OCR, lang.L("Empty: made from a new invoice number"))
	f := newFormDialog(win, lang.L("Edit invoice {{.Number}}", map[string]any{"Number": inv.Number}), lang.L("Save"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("Customer"), customer),
			widget.NewFormItem(lang.L("Invoice no."), number),
			widget.NewFormItem(lang.L("Invoice date"), invDate),
			widget.NewFormItem(lang.L("Due date"), dueDate),
			widget.NewFormItem(lang.L("Amount"), amount),
			widget.NewFormItem(lang.L("OCR"), ocr),
		})
	f.prepare = func() (func(context.Context) error, error) {
		edit := inv
		edit.Number, edit.OCR = strings.TrimSpace(number.Text), strings.TrimSpace(ocr.Text)
		if i := customer.SelectedIndex(); i >= 0 {
			edit.CustomerID = cs[i].ID
		}
		var err error
		if edit.InvoiceDate, err = invDate.date(); err != nil {
			return nil, err
		}
		if edit.DueDate, err = dueDate.date(); err != nil {
			return nil, err
		}
		if edit.Total, err = core.ParseAmount(amount.Text); err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { return ignoreValue(svc.UpdateInvoice(ctx, edit)) }, nil
	}
	return f
}

// showCreditInvoice asks for a credit note on inv, with its reason.
func showCreditInvoice(svc *core.Service, win fyne.Window, inv core.Invoice) {
	newCreditForm(svc, win, inv, nil).show()
}

// showDeleteInvoice asks whether to delete inv, and does; an invoice that can no
// longer be deleted is refused before, saying why.
func showDeleteInvoice(svc *core.Service, win fyne.Window, inv core.Invoice) {
	backgroundErr(func(ctx context.Context) error { return stillADraft(ctx, svc, inv) }, func(err error) {
		if err != nil {
			showError(err, win)
			return
		}
		newDeleteInvoiceForm(svc, win, inv).show()
	})
}

// stillADraft returns why inv can no longer be changed or deleted, or nil.
func stillADraft(ctx context.Context, svc *core.Service, inv core.Invoice) error {
	act, err := svc.InvoiceActivity(ctx, inv.ID)
	if err != nil {
		return err
	}
	return act.Locked(inv.Number)
}

// newDeleteInvoiceForm says what deleting inv does, with Delete to do it.
func newDeleteInvoiceForm(svc *core.Service, win fyne.Window, inv core.Invoice) *formDialog {
	info := widget.NewLabel(lang.L("Invoice {{.Number}} to {{.Customer}}, {{.Amount}}, is deleted for good. Its history keeps a line saying so.",
		map[string]any{"Number": inv.Number, "Customer": inv.CustomerName, "Amount": formatAmount(inv.Total)}))
	info.Wrapping = fyne.TextWrapWord
	f := newFormDialog(win, lang.L("Delete invoice"), lang.L("Delete"), []*widget.FormItem{widget.NewFormItem("", info)})
	f.prepare = func() (func(context.Context) error, error) {
		return func(ctx context.Context) error { return svc.DeleteInvoice(ctx, inv.ID) }, nil
	}
	return f
}

// showUndoPayment reads inv's payments and asks which to undo, and why; it says so
// when there is none to undo.
func showUndoPayment(svc *core.Service, win fyne.Window, inv core.Invoice) {
	background(func(ctx context.Context) ([]core.PaymentRecord, error) {
		return svc.InvoicePayments(ctx, inv.ID)
	}, func(ps []core.PaymentRecord, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		var open []core.PaymentRecord
		for _, p := range ps {
			if p.Kind != core.PaymentReversal && p.ReversedBy == 0 {
				open = append(open, p)
			}
		}
		if len(open) == 0 {
			showInfo(lang.L("Undo payment"),
				lang.L("Invoice {{.Number}} has no payment to undo.", map[string]any{"Number": inv.Number}), win)
			return
		}
		newReversalForm(svc, win, inv, open).show()
	})
}

// showReversePayment asks why p, a payment on inv, is undone, and undoes it.
func showReversePayment(svc *core.Service, win fyne.Window, inv core.Invoice, p core.PaymentRecord) {
	newReversalForm(svc, win, inv, []core.PaymentRecord{p}).show()
}

// newReversalForm asks which of choices (payments on inv) to undo, the latest
// chosen, and why.
func newReversalForm(svc *core.Service, win fyne.Window, inv core.Invoice, choices []core.PaymentRecord) *formDialog {
	texts := make([]string, len(choices))
	for i, p := range choices {
		texts[i] = paymentChoiceText(p)
	}
	payment := newEscSelect(texts, nil)
	payment.SetSelectedIndex(len(choices) - 1)
	if len(choices) == 1 {
		payment.Disable()
	}
	reason := entryWith("", lang.L("For example: the payment was for another invoice"))
	info := widget.NewLabel(lang.L("The payment stays in the book with a reversal beside it, and invoice {{.Number}} is open again. A bank file with the payment registers nothing again.",
		map[string]any{"Number": inv.Number}))
	info.Wrapping = fyne.TextWrapWord
	f := newFormDialog(win, lang.L("Undo payment"), lang.L("Undo payment"), []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem(lang.L("Payment"), payment),
		widget.NewFormItem(lang.L("Reason"), reason),
	})
	f.prepare = func() (func(context.Context) error, error) {
		p := choices[max(payment.SelectedIndex(), 0)]
		text := reason.Text
		return func(ctx context.Context) error { return ignoreValue(svc.ReversePayment(ctx, p.ID, text)) }, nil
	}
	return f
}

// paymentChoiceText names a payment to choose: its date, amount and where it came from.
func paymentChoiceText(p core.PaymentRecord) string {
	text := formatDate(p.Date) + " " + formatAmount(p.Amount)
	switch {
	case p.Kind == core.PaymentFromCredit:
		text += " (" + lang.L("from customer credit") + ")"
	case p.Source != "":
		text += " (" + p.Source + ")"
	}
	return text
}

// ignoreValue keeps the error of a call whose value the caller does not need.
func ignoreValue[T any](_ T, err error) error { return err }
