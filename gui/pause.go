package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// Pauses and disputes (core/pause.go): the Faktura menu and an invoice's details
// pause or resume the invoice, a customer's details the whole customer.

// invoiceLook is how the invoice's status is shown: a paused invoice as Bestriden
// or Pausad with its reason.
func invoiceLook(inv core.Invoice, today core.Date) statusLook {
	look := lookOf(inv.Status(today))
	if inv.Status(today) == core.StatusPaused {
		look.Text = pauseReasonText(inv.Pause)
	}
	return look
}

// pausedLook is the look of a paused invoice.
func pausedLook() statusLook {
	return statusLook{lang.L("Paused"), theme.NewWarningThemedResource(theme.MediaPauseIcon()), widget.WarningImportance}
}

// pauseReasonText is the status of an invoice paused for reason r.
func pauseReasonText(r core.PauseReason) string {
	switch r {
	case core.PauseDispute:
		return lang.L("Disputed")
	case core.PausePlan:
		return lang.L("Paused: payment plan")
	case core.PauseOther, core.PauseNone:
	}
	return lang.L("Paused")
}

// pauseChoiceText names reason r in the pause form.
func pauseChoiceText(r core.PauseReason) string {
	switch r {
	case core.PauseDispute:
		return lang.L("The customer disputes the claim")
	case core.PausePlan:
		return lang.L("A payment plan is agreed")
	case core.PauseOther, core.PauseNone:
	}
	return lang.L("Other (say why)")
}

// showPauseInvoice asks why and until when, and pauses the invoice.
func showPauseInvoice(svc *core.Service, win fyne.Window, inv core.Invoice) {
	showPauseForm(svc, win, core.Pause{InvoiceID: inv.ID},
		lang.L("Invoice {{.Number}} is not offered a reminder or handed over to Amili while it is paused.",
			map[string]any{"Number": inv.Number}))
}

// showPauseCustomer asks why and until when, and pauses every invoice of customer c.
func showPauseCustomer(svc *core.Service, win fyne.Window, c core.Customer) {
	showPauseForm(svc, win, core.Pause{CustomerID: c.ID},
		lang.L("No invoice of {{.Name}} is offered a reminder or handed over to Amili while the customer is paused.",
			map[string]any{"Name": c.Name}))
}

// showPauseForm asks for the pause's reason, note and optional end date and pauses
// target's invoice or customer.
func showPauseForm(svc *core.Service, win fyne.Window, target core.Pause, text string) *formDialog {
	info := widget.NewLabel(text)
	info.Wrapping = fyne.TextWrapWord
	var choices []string
	for _, r := range core.PauseReasons {
		choices = append(choices, pauseChoiceText(r))
	}
	reason := widget.NewRadioGroup(choices, nil)
	reason.SetSelected(choices[0])
	note := entryWith("", lang.L("Why, e.g. the goods were faulty"))
	until := entryWith("", lang.L("YYYY-MM-DD, empty until resumed"))
	f := newFormDialog(win, lang.L("Pause"), lang.L("Pause"), []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem(lang.L("Reason"), reason),
		widget.NewFormItem(lang.L("Pause note"), note), // "Note" is the reminder table's Observera
		widget.NewFormItem(lang.L("Until"), until),
	})
	f.prepare = func() (func(context.Context) error, error) {
		p := target
		for i, c := range choices {
			if c == reason.Selected {
				p.Reason = core.PauseReasons[i]
			}
		}
		p.Note = note.Text
		if strings.TrimSpace(until.Text) != "" {
			d, err := parseDateField(&until.Entry)
			if err != nil {
				return nil, err
			}
			p.Until = d
		}
		return func(ctx context.Context) error {
			_, err := svc.PauseInvoice(ctx, p)
			return err
		}, nil
	}
	f.show()
	return f
}

// showResumeInvoice ends the invoice's own pause: it is offered again as the rules
// allow.
func showResumeInvoice(svc *core.Service, win fyne.Window, inv core.Invoice) {
	resume(svc, win, inv.ID, 0)
}

// showResumeCustomer ends customer c's pause.
func showResumeCustomer(svc *core.Service, win fyne.Window, c core.Customer) {
	resume(svc, win, 0, c.ID)
}

// resume ends the pause of an invoice or a customer, off the UI thread.
func resume(svc *core.Service, win fyne.Window, invoiceID, customerID int64) {
	backgroundErr(func(ctx context.Context) error {
		return svc.Unpause(ctx, invoiceID, customerID)
	}, func(err error) {
		if err != nil {
			showError(err, win)
		}
	})
}
