package gui

import (
	"context"
	"net/url"
	"slices"

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

// update brings the options, counter, totals and Send button in line with the state.
func (d *remindDialog) update() {
	manual := d.typ == core.ReminderManual
	for _, c := range []*escCheck{d.interest, d.fee, d.lateComp, d.email} {
		if manual && !d.sending {
			c.Enable()
		} else {
			c.Disable()
		}
	}
	if !d.interestAvailable() {
		d.interest.Disable()
	}
	d.amiliNote.Hidden = manual
	d.infoBar.Hidden = manual || d.setup.amili.Activated || !d.loaded
	d.amiliNote.Refresh()
	d.infoBar.Refresh()
	d.counter.SetText(lang.L("{{.Count}} of {{.Max}} selected", map[string]any{"Count": len(d.selected), "Max": core.MaxBatch}))
	d.updateSend()
}

// updateSend enables Send only when it can work, and otherwise says why next to it.
func (d *remindDialog) updateSend() {
	reason := ""
	switch {
	case !d.loaded:
		reason = lang.L("Fetching overdue invoices…")
	case d.sending:
		reason = lang.L("Sending…")
	case d.sent:
		reason = lang.X("batch.sent", "The reminders are sent")
	case d.typ == core.ReminderAmili && !d.setup.amili.Activated:
		reason = lang.L("Activate Amili first (the button at the top)")
	case len(d.selected) == 0:
		reason = lang.L("Tick at least one invoice to send")
	}
	d.reason.SetText(reason)
	if reason != "" {
		d.sendBtn.Disable()
	} else {
		d.sendBtn.Enable()
	}
}

// totalsText is the selection's totals as the service added them up, following the
// chosen type and checks: Amili charges its own interest and fees.
func (d *remindDialog) totalsText() string {
	t := d.sums
	zero := decimal.Zero
	if d.typ == core.ReminderManual && d.lateComp.Checked {
		return totalsWithCompensation(t.Balance.Add(zero), t.Interest.Add(zero), t.Fees.Add(zero), t.LateCompensation.Add(zero))
	}
	return lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · To be reminded {{.Total}}",
		map[string]any{"Balance": formatAmount(t.Balance.Add(zero)), "Interest": formatAmount(t.Interest.Add(zero)),
			"Fees": formatAmount(t.Fees.Add(zero)), "Total": formatAmount(t.AmountDue.Add(zero))})
}

// updateEligible says how many candidates the list holds, and their balance.
func (d *remindDialog) updateEligible() {
	d.eligible.SetText(lang.L("{{.Count}} overdue invoices · {{.Balance}}",
		map[string]any{"Count": formatInt(d.count.Count), "Balance": formatAmount(d.count.Balance)}))
}

// request is what the dialog asks the service to send, in the order ticked.
func (d *remindDialog) request() core.ReminderRequest {
	req := core.ReminderRequest{Type: d.typ, IdempotencyKey: d.key, InvoiceIDs: slices.Clone(d.order)}
	if d.typ == core.ReminderManual {
		req.ChargeInterest, req.ChargeFee, req.SendByEmail = d.interest.Checked, d.fee.Checked, d.email.Checked
		req.ChargeInterest = req.ChargeInterest && d.interestAvailable()
		req.ChargeLateCompensation = d.lateComp.Checked
	}
	return req
}

// onSend writes the batch off the UI thread. The button goes grey at once and the
// key is the dialog's own, so a double click makes one batch.
func (d *remindDialog) onSend() {
	if d.sending || d.sent {
		return
	}
	req := d.request()
	d.sending = true
	d.progress.Show()
	d.progress.Start()
	d.update()
	background(func(ctx context.Context) (core.BatchResult, error) {
		return d.svc.SendReminders(ctx, req)
	}, d.onSentResult)
}

func (d *remindDialog) onSentResult(res core.BatchResult, err error) {
	d.sending = false
	d.progress.Stop()
	d.progress.Hide()
	if err != nil {
		d.update()
		showError(err, d.win)
		return
	}
	d.sent = true
	d.update()
	d.dlg.Hide() // the window's views reload on the service's OnChange
	d.showSummary(res)
}

// showSummary tells what the batch did; with letters among it, it offers to open
// the letters folder.
func (d *remindDialog) showSummary(res core.BatchResult) {
	text := widget.NewLabel(summaryText(res))
	text.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(text)
	if res.Totals.ByLetter > 0 {
		content.Add(widget.NewButtonWithIcon(lang.L("Open the letters folder"), theme.FolderOpenIcon(), d.openLettersFolder))
	}
	dlg := dialog.NewCustom(lang.L("Reminders created"), lang.L("OK"), content, d.win)
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}

// openLettersFolder opens the folder the letters are written to in the file manager.
func (d *remindDialog) openLettersFolder() {
	background(func(ctx context.Context) (string, error) {
		return d.svc.LettersFolder(ctx)
	}, func(dir string, err error) {
		if err != nil {
			showError(err, d.win)
			return
		}
		u, err := url.Parse(storage.NewFileURI(dir).String())
		if err == nil {
			err = fyne.CurrentApp().OpenURL(u)
		}
		if err != nil {
			showError(err, d.win)
		}
	})
}

// summaryText tells what a batch did, by channel.
func summaryText(res core.BatchResult) string {
	t := res.Totals
	text := lang.L("{{.Count}} reminders were created.", map[string]any{"Count": len(res.Reminders)})
	if t.ByAmili > 0 {
		text += "\n" + lang.L("{{.Count}} are handed to Amili.", map[string]any{"Count": t.ByAmili})
	}
	if t.ByEmail > 0 {
		text += "\n" + lang.L("{{.Count}} go out by e-mail.", map[string]any{"Count": t.ByEmail})
	}
	if t.ByLetter > 0 {
		text += "\n" + lang.L("{{.Count}} are written as PDF letters.", map[string]any{"Count": t.ByLetter})
		if res.Batch.SendByEmail {
			text += "\n" + lang.L("Customers without an e-mail address get a letter instead.")
		}
	}
	if res.Replayed {
		text += "\n" + lang.L("(This batch had already been sent; nothing new was created.)")
	}
	return text + "\n\n" + lang.L("Delivery goes on in the background; the Reminders tab shows how it goes and any that fail.")
}
