package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// confirmation is the step between Send and sending: what the batch will create,
// as the service's preview adds it up, and what the user should know first.
// Nothing is sent until the user confirms; Tillbaka (or Esc) returns to the
// dialog with its selection as it was. The batch keeps the dialog's idempotency
// key, so going back and confirming again, or confirming twice, makes one batch.
type confirmation struct {
	d          *remindDialog
	req        core.ReminderRequest
	preview    core.Preview
	dlg        *dialog.CustomDialog
	content    *fyne.Container
	figures    *fyne.Container
	amiliNote  *widget.Label
	warnings   *widget.Label
	backBtn    *keyButton
	confirmBtn *keyButton
}

// onSend asks the service what the chosen request would create, off the UI
// thread, and shows the confirmation; the Send button stays grey meanwhile.
func (d *remindDialog) onSend() {
	if d.sending || d.sent || d.previewing || d.confirm != nil {
		return
	}
	req := d.request()
	d.previewing = true
	d.update()
	background(func(ctx context.Context) (core.Preview, error) {
		return d.svc.PreviewReminders(ctx, req)
	}, func(p core.Preview, err error) {
		d.previewing = false
		d.update()
		if err != nil {
			showError(err, d.win)
			return
		}
		if d.closed {
			return
		}
		d.confirm = newConfirmation(d, req, p)
		d.confirm.show()
	})
}

func newConfirmation(d *remindDialog, req core.ReminderRequest, p core.Preview) *confirmation {
	c := &confirmation{d: d, req: req, preview: p}
	c.figures = c.figureGrid()
	// Påminn opens each case with first_action "reminder" (shared/amili/CONTRACT.md).
	c.amiliNote = widget.NewLabel(lang.L("The invoices are handed to Visma Amili for collection: Amili sends a reminder first and goes on to debt collection if the customer does not pay. Amili charges interest and fees by the rules in force."))
	c.amiliNote.Wrapping = fyne.TextWrapWord
	c.amiliNote.Importance = widget.HighImportance
	c.amiliNote.Hidden = p.Totals.ByChannel[core.ChannelAmili] == 0
	c.warnings = widget.NewLabel(c.warningText())
	c.warnings.Wrapping = fyne.TextWrapWord
	c.warnings.Importance = widget.WarningImportance
	c.warnings.Hidden = c.warnings.Text == ""
	c.backBtn = newKeyButton(lang.L("Back"), theme.NavigateBackIcon(), c.back, c.back)
	c.confirmBtn = newKeyButton(lang.L("Confirm and send"), theme.MailSendIcon(), c.onConfirm, c.back)
	c.confirmBtn.Importance = widget.HighImportance
	c.content = container.NewVBox(c.figures, c.amiliNote, c.warnings)
	c.dlg = dialog.NewCustomWithoutButtons(lang.L("Confirm the reminders"), c.content, d.win)
	c.dlg.SetButtons([]fyne.CanvasObject{c.backBtn, c.confirmBtn})
	return c
}

// figureGrid shows the batch's figures, a name and a value a row: how many
// invoices, by channel, and what is claimed in all, each as the preview's totals
// have it.
func (c *confirmation) figureGrid() *fyne.Container {
	t := c.preview.Totals
	grid := container.New(layout.NewFormLayout())
	row := func(name, value string, bold bool) {
		style := fyne.TextStyle{Bold: bold}
		grid.Add(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, style))
		grid.Add(widget.NewLabelWithStyle(value, fyne.TextAlignTrailing, style))
	}
	row(lang.L("Invoices"), formatInt(len(c.preview.Reminders)), true)
	for _, ch := range core.AllChannels() {
		if n := t.ByChannel[ch]; n > 0 {
			row("    "+channelName(ch), channelCount(t, ch), false)
		}
	}
	row(lang.L("Balance"), formatAmount(t.Balance), false)
	if c.req.Type.TakesOptions() { // Amili charges its own interest and fees, as its note says
		if t.EarlierCharges.IsPositive() {
			row(lang.L("Earlier costs unpaid"), formatAmount(t.EarlierCharges), false)
		}
		// The interest charged anew: what earlier reminders stated is in their costs.
		row(lang.L("Interest"), formatAmount(t.Interest.Sub(t.InterestBefore)), false)
		row(lang.L("Fees"), formatAmount(t.Fees), false)
	}
	if c.req.ChargesLateCompensation() {
		row(lang.L("Late-payment compensation"), formatAmount(t.LateCompensation), false)
	}
	row(lang.L("Claimed in all"), formatAmount(t.AmountDue), true)
	return grid
}

// channelName is a delivery channel as the confirmation names it.
func channelName(ch core.Channel) string {
	switch ch {
	case core.ChannelEmail:
		return lang.L("By e-mail")
	case core.ChannelLetter:
		return lang.L("As PDF letters")
	case core.ChannelAmili:
		return lang.L("To Visma Amili")
	}
	return string(ch)
}

// warningText is what the user should know before sending, a line each: invoices
// reminded lately, customers who get a letter instead of an e-mail, and what Select
// all left out and why; "" when there is nothing to say.
func (c *confirmation) warningText() string {
	var lines []string
	if n := len(c.preview.Recent); n > 0 {
		lines = append(lines, lang.L("{{.Count}} of them were reminded in the last {{.Days}} days: {{.Numbers}}",
			map[string]any{"Count": n, "Days": core.RecentDays, "Numbers": numberList(c.preview.Recent)}))
	}
	if n := c.preview.Totals.Fallback; n > 0 {
		lines = append(lines, lang.L("{{.Count}} customers have no e-mail address and get a letter instead",
			map[string]any{"Count": n}))
	}
	if s := skippedText(c.d.skipped); s != "" {
		lines = append(lines, lang.L("Select all skipped {{.Count}}: {{.Reasons}}",
			map[string]any{"Count": c.d.skipped.Skipped(), "Reasons": s}))
	}
	return strings.Join(lines, "\n")
}

// numberList is a few invoice numbers, and how many more there are.
func numberList(numbers []string) string {
	const shown = 5
	if len(numbers) <= shown {
		return strings.Join(numbers, ", ")
	}
	return lang.L("{{.Numbers}} and {{.More}} more", map[string]any{
		"Numbers": strings.Join(numbers[:shown], ", "), "More": len(numbers) - shown})
}

// show opens the confirmation over the dialog with Confirm focused: Enter sends,
// Esc goes back.
func (c *confirmation) show() {
	c.dlg.Show()
	escapable(c.d.win, c.back)
	c.dlg.Resize(fyne.NewSize(min(560, c.d.win.Canvas().Size().Width-40), 0))
	c.d.win.Canvas().Focus(c.confirmBtn)
}

// onTypedKey is the window's keys while the confirmation shows and nothing has the
// keyboard: Enter sends, Esc goes back.
func (c *confirmation) onTypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyEscape:
		c.back()
	case fyne.KeyReturn, fyne.KeyEnter:
		c.onConfirm()
	}
}

// back closes the confirmation, sending nothing; the dialog is as it was.
func (c *confirmation) back() {
	if c.d.confirm != c {
		return
	}
	c.d.confirm = nil
	c.dlg.Hide()
	c.d.update()
	c.d.win.Canvas().Focus(c.d.list)
}

// onConfirm sends the request the confirmation shows, once.
func (c *confirmation) onConfirm() {
	if c.d.confirm != c {
		return
	}
	c.confirmBtn.Disable()
	c.backBtn.Disable()
	c.d.confirm = nil
	c.dlg.Hide()
	c.d.sendPrintable(c.req)
}
