package gui

import (
	"context"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// openURL opens an address in the user's browser; tests replace it.
var openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

// invoiceAmili is the dialog of one invoice's hand-over to Amili: the case, where it
// stands and the OCR Amili issued, "Öppna i Amili", "Återkalla från Amili" and the
// original invoice PDF.
type invoiceAmili struct {
	svc *core.Service
	win fyne.Window
	inv core.Invoice

	info        *widget.Label
	reports     *widget.Label // what Amili has not confirmed of the reports about the invoice
	openBtn     *widget.Button
	withdrawBtn *widget.Button
	attachBtn   *widget.Button
	creditBtn   *widget.Button
	dlg         dialog.Dialog
}

// showInvoiceAmili opens the dialog for inv.
func showInvoiceAmili(svc *core.Service, win fyne.Window, inv core.Invoice) *invoiceAmili {
	d := &invoiceAmili{svc: svc, win: win, inv: inv}
	d.info = widget.NewLabel("")
	d.info.Wrapping = fyne.TextWrapWord
	d.reports = widget.NewLabel("")
	d.reports.Wrapping = fyne.TextWrapWord
	d.reports.Importance = widget.WarningImportance
	d.openBtn = widget.NewButtonWithIcon(lang.L("Open in Amili"), theme.ComputerIcon(), d.onOpen)
	d.withdrawBtn = widget.NewButtonWithIcon(lang.L("Withdraw from Amili"), theme.CancelIcon(), d.onWithdraw)
	d.withdrawBtn.Importance = widget.DangerImportance
	d.attachBtn = widget.NewButtonWithIcon(lang.L("Attach invoice PDF…"), theme.FileIcon(), d.onAttach)
	d.creditBtn = widget.NewButtonWithIcon(lang.L("Credit…"), theme.ContentRemoveIcon(), d.onCredit)
	d.show()
	content := container.NewVBox(d.info, d.reports, container.NewHBox(d.openBtn, d.withdrawBtn),
		container.NewHBox(d.attachBtn, d.creditBtn))
	d.dlg = dialog.NewCustom(lang.L("Invoice {{.Number}} and Amili", map[string]any{"Number": inv.Number}),
		lang.L("Close"), content, win)
	d.dlg.Resize(fyne.NewSize(620, d.dlg.MinSize().Height))
	showDialog(d.dlg, win)
	return d
}

// hasCase reports whether the invoice has a case Amili issued.
func (d *invoiceAmili) hasCase() bool { return d.inv.AmiliCaseRef != "" }

// open reports whether the case can still be withdrawn.
func (d *invoiceAmili) open() bool {
	return d.hasCase() && d.inv.AmiliState != core.AmiliPaid && d.inv.AmiliState != core.AmiliClosed
}

func (d *invoiceAmili) show() {
	inv := d.inv
	text := lang.L("Invoice {{.Number}}, {{.Customer}} — remaining {{.Balance}}",
		map[string]any{"Number": inv.Number, "Customer": inv.CustomerName, "Balance": formatAmount(inv.Balance())})
	if c := amiliCaseText(inv); c != "" {
		text += "\n" + lang.L("Amili case {{.Case}}", map[string]any{"Case": c})
		if inv.AmiliEnv != "" {
			text += "\n" + lang.L("Environment: {{.Environment}}", map[string]any{"Environment": environmentName(inv.AmiliEnv)})
		}
	} else {
		text += "\n" + lang.L("Not handed to Amili.")
	}
	if inv.AmiliOCR != "" {
		text += "\n" + lang.L("The customer now pays Amili with OCR {{.OCR}}.", map[string]any{"OCR": inv.AmiliOCR})
	} else if inv.AmiliOCRUnknown() {
		text += "\n" + lang.L("The customer now pays Amili, but Påminn could not read the OCR Amili issued; it asks again at the next update. Open the case in Amili to see it.")
	}
	if inv.PDF != "" {
		text += "\n" + lang.L("Original invoice: {{.Path}}", map[string]any{"Path": inv.PDF})
	} else {
		text += "\n" + lang.L("No original invoice attached; Amili recommends one.")
	}
	d.info.SetText(text)
	setEnabled(d.openBtn, d.hasCase())
	setEnabled(d.withdrawBtn, d.open())
	setEnabled(d.creditBtn, inv.Balance().IsPositive())
	d.loadReports()
}

// loadReports shows, off the UI thread, the invoice's reports Amili has not confirmed.
func (d *invoiceAmili) loadReports() {
	id := d.inv.ID
	background(func(ctx context.Context) ([]core.AmiliReport, error) {
		return d.svc.InvoiceAmiliReports(ctx, id)
	}, func(rs []core.AmiliReport, err error) {
		if err != nil {
			showError(err, d.win)
			return
		}
		d.reports.SetText(unconfirmedReportsText(rs))
	})
}

// unconfirmedReportsText says, a line each, which reports about an invoice Amili has
// not confirmed and what the user can do ("" when Amili has confirmed them all), so
// the invoice never looks as if Amili knew what it does not.
func unconfirmedReportsText(rs []core.AmiliReport) string {
	var lines []string
	for _, r := range rs {
		what := lang.L(amiliReportKinds[r.Kind])
		if r.Kind == core.AmiliReportPayment || r.Kind == core.AmiliReportCrediting {
			what += " " + formatAmount(r.Amount)
		}
		data := map[string]any{"Report": what, "Error": messageText(r.FailureMessage())}
		switch {
		case r.State == core.DeliverySent:
			continue
		case r.State == core.DeliveryFailed && r.Uncertain:
			lines = append(lines, lang.L("{{.Report}}: may not have arrived at Amili; check the case and send it again under Reminders if it is missing", data))
		case r.State == core.DeliveryFailed:
			lines = append(lines, lang.L("{{.Report}}: not taken by Amili ({{.Error}}); send it again under Reminders once it is put right", data))
		default:
			lines = append(lines, lang.L("{{.Report}}: not yet confirmed by Amili", data))
		}
	}
	return strings.Join(lines, "\n")
}

func setEnabled(b fyne.Disableable, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// onOpen opens the case in Amili's web app.
func (d *invoiceAmili) onOpen() {
	u, err := url.Parse(core.AmiliCaseURL(d.inv.AmiliCaseRef))
	if err == nil {
		err = openURL(u)
	}
	if err != nil {
		showError(err, d.win)
	}
}

// onWithdraw asks first, then queues the withdrawal.
func (d *invoiceAmili) onWithdraw() {
	showConfirm(lang.L("Withdraw from Amili"),
		lang.L("Withdraw invoice {{.Number}} from Amili? Amili stops chasing it, and it is yours to follow up again.",
			map[string]any{"Number": d.inv.Number}),
		func(ok bool) {
			if ok {
				d.withdraw()
			}
		}, d.win)
}

func (d *invoiceAmili) withdraw() {
	d.withdrawBtn.Disable()
	id := d.inv.ID
	backgroundErr(func(ctx context.Context) error {
		return d.svc.WithdrawFromAmili(ctx, id)
	}, func(err error) {
		if err != nil {
			showError(err, d.win)
			d.show()
			return
		}
		d.dlg.Hide()
		showInfo(lang.L("Withdraw from Amili"),
			lang.L("The withdrawal is on its way to Amili; the Reminders tab shows how it goes."), d.win)
	})
}

// onAttach lets the user choose the invoice's PDF.
func (d *invoiceAmili) onAttach() {
	showFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close() // only the path is wanted
		d.attach(path)
	}, d.win)
}

// attach keeps the PDF at path beside the book for this invoice.
func (d *invoiceAmili) attach(path string) {
	id := d.inv.ID
	background(func(ctx context.Context) (core.Invoice, error) {
		return d.svc.AttachInvoicePDF(ctx, id, path)
	}, func(inv core.Invoice, err error) {
		if err != nil {
			showError(err, d.win)
			return
		}
		d.inv = inv
		d.show()
	})
}

// onCredit asks for a credit note on the invoice; with a case, Amili is told.
func (d *invoiceAmili) onCredit() {
	f := newCreditForm(d.svc, d.win, d.inv, func(inv core.Invoice) {
		d.inv = inv
		d.show()
	})
	f.show()
}

// newCreditForm asks for a credit on inv (date, amount, credit note number, reason);
// done, if not nil, gets the invoice credited.
func newCreditForm(svc *core.Service, win fyne.Window, inv core.Invoice, done func(core.Invoice)) *formDialog {
	date := entryWith(svc.Today().String(), "YYYY-MM-DD")
	amount := entryWith("", "1 234,50")
	number := entryWith("", "")
	reason := entryWith("", lang.L("For example: wrong price on the invoice"))
	info := widget.NewLabel(lang.L("Invoice {{.Number}}, {{.Customer}} — remaining {{.Balance}}",
		map[string]any{"Number": inv.Number, "Customer": inv.CustomerName, "Balance": formatAmount(inv.Balance())}))
	f := newFormDialog(win, lang.L("Credit the invoice"), lang.L("Credit"), []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem(lang.L("Credit date"), date),
		widget.NewFormItem(lang.L("Amount"), amount),
		widget.NewFormItem(lang.L("Credit note no."), number),
		widget.NewFormItem(lang.L("Reason"), reason),
	})
	var updated core.Invoice
	f.prepare = func() (func(context.Context) error, error) {
		c := core.Credit{InvoiceID: inv.ID, Number: number.Text, Reason: reason.Text}
		var err error
		if c.Date, err = parseDateField(&date.Entry); err != nil {
			return nil, err
		}
		if c.Amount, err = core.ParseAmount(amount.Text); err != nil {
			return nil, err
		}
		return func(ctx context.Context) (err error) {
			updated, err = svc.CreditInvoice(ctx, c)
			return err
		}, nil
	}
	f.done = func() {
		if done != nil {
			done(updated)
		}
	}
	return f
}
