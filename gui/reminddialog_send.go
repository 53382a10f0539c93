package gui

import (
	"context"
	"errors"
	"net/url"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// update brings the options, counter, totals and Send button in line with the state.
func (d *remindDialog) update() {
	options := d.typ.TakesOptions()
	for _, c := range []*escCheck{d.interest, d.fee, d.lateComp, d.email, d.perCustomer} {
		if options && !d.sending {
			c.Enable()
		} else {
			c.Disable()
		}
	}
	if !d.interestAvailable() {
		d.interest.Disable()
	}
	if d.step().byPlan { // the step decides them
		d.interest.Disable()
		d.fee.Disable()
		d.lateComp.Disable()
	}
	d.applyReadiness()
	d.amiliNote.Hidden = options
	d.infoBar.Hidden = !d.typ.ViaAmili() || d.setup.amili.Activated || !d.loaded
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
	case d.previewing || d.confirm != nil:
		reason = lang.L("Confirm the reminders to send them")
	case d.sent:
		reason = lang.X("batch.sent", "The reminders are sent")
	case d.typ.ViaAmili() && !d.setup.amili.Activated:
		reason = lang.L("Activate Amili first (the button at the top)")
	case len(d.selected) == 0:
		reason = lang.L("Tick at least one invoice to send")
	case len(d.readinessMissing()) > 0:
		reason = lang.L("Enter what the settings lack first (the button at the top)")
	}
	d.reason.SetText(reason)
	if reason != "" {
		d.sendBtn.Disable()
	} else {
		d.sendBtn.Enable()
	}
}

// totalsText is the selection's totals exactly as the service added them up for the
// chosen type and checks (Amili charges its own interest and fees); it adds nothing.
func (d *remindDialog) totalsText() string {
	t := d.sums
	if d.step().byPlan {
		// Each step charges its own (core adds them up as the batch charges them): an
		// inkassokrav's förseningsersättning is shown where a step charges one.
		t.LateCompensationCharged = t.LateCompensation.IsPositive()
	}
	if t.EarlierCharges.IsPositive() {
		return totalsWithEarlierCosts(t)
	}
	if t.LateCompensationCharged {
		return totalsWithCompensation(t)
	}
	return lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · To be reminded {{.Total}}",
		map[string]any{"Balance": formatAmount(t.Balance), "Interest": formatAmount(t.Interest),
			"Fees": formatAmount(t.Fees), "Total": formatAmount(t.AmountDue)})
}

// updateEligible says how many candidates the list holds, and their balance.
func (d *remindDialog) updateEligible() {
	if d.view == viewByPlan {
		d.eligible.SetText(eligibleByPlanText(d.count.Count))
		return
	}
	if d.count.More {
		// A search matching many invoices is counted up to a bound (core.CandidateCount.More).
		d.eligible.SetText(lang.L("More than {{.Count}} overdue invoices match: type more to narrow the search",
			map[string]any{"Count": formatInt(d.count.Count)}))
		return
	}
	text := counted(d.count.Count, "1 overdue invoice · {{.Balance}}", "{{.Count}} overdue invoices · {{.Balance}}",
		map[string]any{"Balance": formatAmount(d.count.Balance)})
	if d.query.Search == "" && d.setup.withAmili > 0 {
		// The invoice list counts them as overdue: say why this count is lower.
		text += " · " + counted(d.setup.withAmili, "1 with Amili is not included", "{{.Count}} with Amili are not included", nil)
	}
	d.eligible.SetText(text)
}

// request is what the dialog asks the service to send, in the order ticked.
func (d *remindDialog) request() core.ReminderRequest {
	req := core.ReminderRequest{Type: d.typ, IdempotencyKey: d.key, InvoiceIDs: slices.Clone(d.order)}
	if d.typ.TakesOptions() {
		req.ChargeInterest, req.ChargeFee = d.interest.Checked, d.fee.Checked
		req.ChargeInterest = req.ChargeInterest && d.interestAvailable()
		req.ChargeLateCompensation = d.lateComp.Checked
		req.PerCustomer = d.perCustomer.Checked
		if d.email.Checked {
			req.Prefer = core.ChannelEmail
		}
	}
	return d.withStep(req)
}

// sendPrintable writes the confirmed batch once the user has heard what its letters
// cannot print: it asks core off the UI thread, warns when something cannot be
// printed, and sends only when the user still wants to. The button stays grey
// meanwhile and the key is the dialog's own, so a double click makes one batch.
func (d *remindDialog) sendPrintable(req core.ReminderRequest) {
	if d.sending || d.sent {
		return
	}
	d.sending = true
	d.progress.Show()
	d.progress.Start()
	d.update()
	background(func(ctx context.Context) ([]core.UnprintableText, error) {
		return d.svc.UnprintableInLetters(ctx, req.Type, req.InvoiceIDs)
	}, func(texts []core.UnprintableText, err error) {
		switch {
		case err != nil:
			d.onSentResult(core.BatchResult{}, err)
		case len(texts) > 0:
			d.confirmUnprintable(req, texts)
		default:
			d.send(req)
		}
	})
}

// errCancelled is the user's No to sending letters that cannot print everything.
var errCancelled = errors.New("sending cancelled")

// send writes the batch off the UI thread.
func (d *remindDialog) send(req core.ReminderRequest) {
	background(func(ctx context.Context) (core.BatchResult, error) {
		return d.svc.SendReminders(ctx, req)
	}, d.onSentResult)
}

// confirmUnprintable names what the letters cannot print and sends only when the
// user still wants to.
func (d *remindDialog) confirmUnprintable(req core.ReminderRequest, texts []core.UnprintableText) {
	msg := widget.NewLabel(unprintableText(texts))
	msg.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(lang.L("Some names cannot be printed"), lang.L("Send anyway"), lang.L("Cancel"),
		container.NewVScroll(msg), func(send bool) {
			if send {
				d.send(req)
				return
			}
			d.onSentResult(core.BatchResult{}, errCancelled)
		}, d.win)
	dlg.Resize(fyne.NewSize(520, 320))
	showDialog(dlg, d.win)
	d.unprintable = dlg
}

// unprintableText says which names, addresses and numbers the letters cannot print.
func unprintableText(texts []core.UnprintableText) string {
	text := lang.L("The letters' fonts lack some characters of these; they would print as dots or gaps:")
	for _, t := range texts {
		if t.InvoiceNumber == "" {
			text += "\n• " + lang.L("Your company: {{.Text}}", map[string]any{"Text": t.Text})
			continue
		}
		text += "\n• " + lang.L("Invoice {{.Number}}: {{.Text}}", map[string]any{"Number": t.InvoiceNumber, "Text": t.Text})
	}
	return text + "\n\n" + lang.L("Correct them under Customers or Settings, or send anyway.")
}

func (d *remindDialog) onSentResult(res core.BatchResult, err error) {
	d.sending = false
	d.progress.Stop()
	d.progress.Hide()
	if errors.Is(err, errCancelled) {
		d.update()
		return
	}
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
	if res.Totals.ByChannel[core.ChannelLetter] > 0 {
		content.Add(widget.NewButtonWithIcon(lang.L("Open the letters folder"), theme.FolderOpenIcon(), d.openLettersFolder))
		batchID := res.Batch.ID
		content.Add(widget.NewButtonWithIcon(lang.L("Open the batch's letters as one PDF"), theme.DocumentPrintIcon(), func() {
			openLettersFile(func(ctx context.Context) (string, error) { return d.svc.BatchLettersFile(ctx, batchID) }, d.win)
		}))
	}
	dlg := dialog.NewCustom(lang.L("Reminders created"), lang.L("OK"), content, d.win)
	dlg.Resize(fyne.NewSize(520, 0))
	showDialog(dlg, d.win)
}

// openLettersFolder opens the folder the letters are written to in the file manager,
// or, where no program opens folders, says where it is.
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
			err = openURL(u)
		}
		if err != nil { // no program to open it with: say where it is
			showFolderPath(dir, err, d.win)
		}
	})
}

// summaryText tells what a batch did, by channel.
func summaryText(res core.BatchResult) string {
	t := res.Totals
	text := lang.L("{{.Count}} reminders were created.", map[string]any{"Count": len(res.Reminders)})
	for _, ch := range core.AllChannels() {
		if n := t.ByChannel[ch]; n > 0 {
			text += "\n" + channelCountText(ch, n)
		}
	}
	if t.Fallback > 0 {
		text += "\n" + fallbackText(res.Batch.Prefer)
	}
	if res.Replayed {
		text += "\n" + lang.L("(This batch had already been sent; nothing new was created.)")
	}
	return text + "\n\n" + lang.L("Delivery goes on in the background; the Reminders tab shows how it goes and any that fail.")
}

// totalsWithEarlierCosts is totalsText for a selection with costs earlier reminders
// charged and left unpaid: they are part of what is reminded (the claim), and the
// interest is what is charged anew, as the earlier reminders' stated interest is in
// those costs; so the figures add up to the total.
func totalsWithEarlierCosts(t core.SelectionTotals) string {
	data := map[string]any{"Balance": formatAmount(t.Balance), "Earlier": formatAmount(t.EarlierCharges),
		"Interest": formatAmount(t.Interest.Sub(t.InterestBefore)), "Fees": formatAmount(t.Fees),
		"Compensation": formatAmount(t.LateCompensation), "Total": formatAmount(t.AmountDue)}
	if t.LateCompensationCharged {
		return lang.L("Balance {{.Balance}} · Earlier costs {{.Earlier}} · Interest {{.Interest}} · Fees {{.Fees}} · Late-payment compensation {{.Compensation}} · To be reminded {{.Total}}", data)
	}
	return lang.L("Balance {{.Balance}} · Earlier costs {{.Earlier}} · Interest {{.Interest}} · Fees {{.Fees}} · To be reminded {{.Total}}", data)
}
