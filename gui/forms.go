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
	"github.com/shopspring/decimal"

	"paminn/core"
)

// formDialog is a form in a dialog that stays open until its work succeeds, so a
// mistake never costs the user what they typed.
type formDialog struct {
	win  fyne.Window
	dlg  *dialog.CustomDialog
	form *widget.Form
	// cancelBtn and submitBtn close the form and do its work.
	cancelBtn, submitBtn *keyButton
	busy                 bool
	// prepare reads the fields on the UI thread and returns the work to run off it,
	// or an error in the input.
	prepare func() (func(ctx context.Context) error, error)
	// done runs on the UI thread after the work succeeded.
	done func()
}

// newFormDialog builds (without showing) a dialog around items.
func newFormDialog(win fyne.Window, title, submit string, items []*widget.FormItem) *formDialog {
	f := &formDialog{win: win}
	f.form = &widget.Form{Items: items}
	f.dlg = dialog.NewCustomWithoutButtons(title, f.form, win)
	// The form's buttons are the program's, not widget.Form's: Esc on them cancels
	// and Enter presses them, as in every other dialog.
	f.cancelBtn = newKeyButton(lang.L("Cancel"), theme.CancelIcon(), f.dlg.Hide, f.dlg.Hide)
	f.submitBtn = newPrimaryButton(submit, theme.ConfirmIcon(), f.submit)
	f.submitBtn.onEsc = f.dlg.Hide
	f.dlg.SetButtons([]fyne.CanvasObject{f.cancelBtn, f.submitBtn})
	for _, item := range items {
		escCancels(item.Widget, f.dlg.Hide)
	}
	return f
}

// escCancels makes Esc in the fields of o (an entry, check, drop-down or date, or
// a container holding some) call cancel.
func escCancels(o fyne.CanvasObject, cancel func()) {
	switch x := o.(type) {
	case *escEntry:
		x.onEsc = cancel
	case *escCheck:
		x.onEsc = cancel
	case *escSelect:
		x.onEsc = cancel
	case *dateField:
		x.onEsc = cancel
	case *fyne.Container:
		for _, child := range x.Objects {
			escCancels(child, cancel)
		}
	}
}

// show opens the dialog wide enough for comfortable typing.
func (f *formDialog) show() {
	f.dlg.Show()
	escapable(f.win, f.dlg.Hide)
	width := max(560, f.dlg.MinSize().Width)
	f.dlg.Resize(fyne.NewSize(width, f.dlg.MinSize().Height))
	// Wrapped text is shorter once the width is known: fit the height again.
	f.dlg.Resize(fyne.NewSize(width, f.dlg.MinSize().Height))
	f.focusFirst()
}

// focusFirst puts the keyboard in the form's first field that takes it.
func (f *formDialog) focusFirst() {
	for _, item := range f.form.Items {
		w, ok := item.Widget.(fyne.Focusable)
		if !ok || !item.Widget.Visible() {
			continue
		}
		if d, ok := item.Widget.(fyne.Disableable); ok && d.Disabled() {
			continue
		}
		f.win.Canvas().Focus(w)
		return
	}
}

// submit validates on the UI thread, then runs the work in the background.
func (f *formDialog) submit() {
	if f.busy {
		return
	}
	work, err := f.prepare()
	if err != nil {
		showError(err, f.win)
		return
	}
	f.busy = true
	backgroundErr(work, func(err error) {
		f.busy = false
		if err != nil {
			showError(err, f.win)
			return
		}
		f.dlg.Hide()
		if f.done != nil {
			f.done()
		}
	})
}

// entryWith returns an entry holding text, with a placeholder; in a form dialog,
// Esc in it cancels the form.
func entryWith(text, placeholder string) *escEntry {
	e := newEscEntry(nil)
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// parseDateField reads a YYYY-MM-DD field.
func parseDateField(e *widget.Entry) (core.Date, error) {
	return core.ParseDate(strings.TrimSpace(e.Text))
}

// amountText shows an amount for editing: "1234,50".
func amountText(d decimal.Decimal) string {
	return strings.Replace(core.RoundOre(d).StringFixed(2), ".", ",", 1)
}

// showInvoiceForm asks for a new invoice and creates it; done gets the invoice.
func showInvoiceForm(svc *core.Service, win fyne.Window, done func(core.Invoice)) {
	background(func(ctx context.Context) ([]core.Customer, error) {
		return svc.Customers(ctx)
	}, func(cs []core.Customer, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		if len(cs) == 0 {
			showInfo(lang.L("New invoice"), lang.L("Add a customer first, under Customers."), win)
			return
		}
		newInvoiceForm(svc, win, cs, done).show()
	})
}

func newInvoiceForm(svc *core.Service, win fyne.Window, cs []core.Customer, done func(core.Invoice)) *formDialog {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Number + " – " + c.Name
	}
	customer := newEscSelect(names, nil)
	customer.PlaceHolder = lang.L("Choose a customer")
	today := svc.Today()
	number := entryWith("", "")
	suggestInvoiceNumber(svc, number)
	invDate := newDateField(today)
	dueDate := newDateField(today.AddDays(30))
	amount := entryWith("", "1 234,50")
	pdf := newPDFField(win)
	f := newFormDialog(win, lang.L("New invoice"), lang.L("Save"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Customer"), customer),
		widget.NewFormItem(lang.L("Invoice no."), number),
		widget.NewFormItem(lang.L("Invoice date"), invDate),
		widget.NewFormItem(lang.L("Due date"), dueDate),
		widget.NewFormItem(lang.L("Amount"), amount),
		widget.NewFormItem(lang.L("Original invoice (PDF)"), pdf.content),
	})
	var created core.Invoice
	var attachErr error // the invoice is saved even when its PDF could not be kept
	f.prepare = func() (func(context.Context) error, error) {
		inv := core.Invoice{Number: strings.TrimSpace(number.Text), Currency: core.Currency}
		if i := customer.SelectedIndex(); i >= 0 {
			inv.CustomerID = cs[i].ID
		}
		var err error
		if inv.InvoiceDate, err = invDate.date(); err != nil {
			return nil, err
		}
		if inv.DueDate, err = dueDate.date(); err != nil {
			return nil, err
		}
		if inv.Total, err = core.ParseAmount(amount.Text); err != nil {
			return nil, err
		}
		path := strings.TrimSpace(pdf.path.Text)
		return func(ctx context.Context) (err error) {
			if created, err = svc.CreateInvoice(ctx, inv); err != nil || path == "" {
				return err
			}
			if withPDF, err := svc.AttachInvoicePDF(ctx, created.ID, path); err != nil {
				attachErr = err
			} else {
				created = withPDF
			}
			return nil
		}, nil
	}
	f.done = func() {
		showError(attachErr, win)
		if done != nil {
			done(created)
		}
	}
	return f
}

// suggestInvoiceNumber fills number with the one after the book's highest, once the
// service has worked it out, unless the user has typed one by then.
func suggestInvoiceNumber(svc *core.Service, number *escEntry) {
	suggestNumber(svc.NextInvoiceNumber, number)
}

// suggestNumber fills number with what next works out off the UI thread, unless the
// user has typed one by then.
func suggestNumber(next func(context.Context) (string, error), number *escEntry) {
	background(next, func(next string, err error) {
		if err != nil || number.Text != "" {
			return // only a suggestion: the user types the number without it
		}
		number.SetText(next)
	})
}

// pdfField is a file path with a button to choose it.
type pdfField struct {
	path    *escEntry
	content fyne.CanvasObject
}

func newPDFField(win fyne.Window) *pdfField {
	p := &pdfField{path: entryWith("", lang.L("Optional: sent to Amili with the case"))}
	browse := widget.NewButton(lang.L("Choose…"), func() {
		showFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			p.path.SetText(r.URI().Path())
			_ = r.Close() // only the path is wanted
		}, win)
	})
	p.content = container.NewBorder(nil, nil, nil, browse, p.path)
	return p
}

// showPaymentForm asks for a payment against inv and records it.
func showPaymentForm(svc *core.Service, win fyne.Window, inv core.Invoice, claim core.Parts, done func(core.Invoice)) *formDialog {
	date := entryWith(svc.Today().String(), "YYYY-MM-DD")
	amount := entryWith(amountText(claim.Sum()), "1 234,50")
	data := map[string]any{"Number": inv.Number, "Customer": inv.CustomerName, "Balance": formatAmount(claim.Principal),
		"Claim": formatAmount(claim.Sum()), "Charges": formatAmount(claim.Charges())}
	info := widget.NewLabel(lang.L("Invoice {{.Number}}, {{.Customer}} — remaining {{.Balance}}", data))
	if claim.Charges().IsPositive() {
		info.SetText(lang.L("Invoice {{.Number}}, {{.Customer}} — remaining {{.Claim}}: invoice amount {{.Balance}}, costs and interest {{.Charges}}", data))
	}
	f := newFormDialog(win, lang.L("Register payment"), lang.L("Register"), []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem(lang.L("Payment date"), date),
		widget.NewFormItem(lang.L("Amount"), amount),
	})
	var updated core.Invoice
	f.prepare = func() (func(context.Context) error, error) {
		p := core.Payment{InvoiceID: inv.ID}
		var err error
		if p.Date, err = parseDateField(&date.Entry); err != nil {
			return nil, err
		}
		if p.Amount, err = core.ParseAmount(amount.Text); err != nil {
			return nil, err
		}
		return func(ctx context.Context) (err error) {
			updated, err = svc.RegisterPayment(ctx, p)
			return err
		}, nil
	}
	f.done = func() {
		if done != nil {
			done(updated)
		}
	}
	f.show()
	return f
}

// newCustomerForm edits c (a new customer when c.ID is 0) and saves it.
func newCustomerForm(svc *core.Service, win fyne.Window, c core.Customer, done func(core.Customer)) *formDialog {
	number := entryWith(c.Number, "")
	name := entryWith(c.Name, "")
	idNumber := entryWith(c.IDNumber, lang.L("556677-8899 or 19800101-1234"))
	company := newEscCheck(lang.L("The customer is a company"), nil, nil)
	company.SetChecked(c.IsCompany || c.ID == 0)
	email := entryWith(c.Email, "namn@exempel.se")
	mobile := entryWith(c.Mobile, "070-123 45 67")
	line1 := entryWith(c.Address.Line1, "")
	line2 := entryWith(c.Address.Line2, "")
	zip := entryWith(c.Address.ZipCode, "123 45")
	city := entryWith(c.Address.City, "")
	fee := newEscCheck(lang.L("The customer's terms allow a reminder fee"), nil, nil)
	fee.SetChecked(c.FeeAgreed)
	title := lang.L("New customer")
	if c.ID != 0 {
		title = lang.L("Edit customer")
	} else if c.Number == "" {
		suggestNumber(svc.NextCustomerNumber, number)
	}
	f := newFormDialog(win, title, lang.L("Save"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Customer no."), number),
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Org./personal no."), idNumber),
		widget.NewFormItem("", company),
		widget.NewFormItem(lang.L("E-mail"), email),
		widget.NewFormItem(lang.L("Mobile"), mobile),
		widget.NewFormItem(lang.L("Address"), line1),
		widget.NewFormItem("", line2),
		widget.NewFormItem(lang.L("Postcode"), zip),
		widget.NewFormItem(lang.L("City"), city),
		widget.NewFormItem("", fee),
	})
	saved := c
	f.prepare = func() (func(context.Context) error, error) {
		edit := c
		edit.Number, edit.Name, edit.IDNumber, edit.IsCompany = number.Text, name.Text, idNumber.Text, company.Checked
		edit.Email, edit.FeeAgreed, edit.Mobile = email.Text, fee.Checked, strings.TrimSpace(mobile.Text)
		edit.Address.Line1, edit.Address.Line2 = line1.Text, line2.Text
		edit.Address.ZipCode, edit.Address.City = zip.Text, city.Text
		return func(ctx context.Context) (err error) {
			saved, err = svc.SaveCustomer(ctx, edit)
			return err
		}, nil
	}
	f.done = func() {
		if done != nil {
			done(saved)
		}
	}
	return f
}
