package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// planNotice is the quiet bar over the invoice list that says how many invoices
// have a step of the reminder plan due today ("12 fakturor är redo för nästa
// steg"), with a button that opens Skapa flera påminnelser, which opens on those
// invoices. The plan never sends by itself: this is how the user hears of it, at
// the start and after every change. Hidden while none is due.
type planNotice struct {
	svc    *core.Service
	text   *widget.Label
	open   *widget.Button
	bar    *fyne.Container
	page   *fyne.Container // the list's page, laid out again when the bar shows or hides
	count  int
	gen    int    // bumped by every reload, so an older count is dropped
	onOpen func() // opens the reminder dialog
}

func newPlanNotice(svc *core.Service, onOpen func()) *planNotice {
	n := &planNotice{svc: svc, onOpen: onOpen, text: widget.NewLabel("")}
	n.open = widget.NewButtonWithIcon(lang.L("Show them"), theme.MailSendIcon(), func() {
		if n.onOpen != nil {
			n.onOpen()
		}
	})
	n.open.Importance = widget.LowImportance
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNamePrimary), 0x28))
	bg.CornerRadius = theme.InputRadiusSize()
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), n.open, n.text)
	n.bar = container.NewStack(bg, row)
	n.bar.Hide()
	return n
}

// reload counts the invoices due by the plan off the UI thread and shows the count.
func (n *planNotice) reload() {
	n.gen++
	gen := n.gen
	background(func(ctx context.Context) (int, error) {
		return n.svc.CountDueByPlan(ctx)
	}, func(count int, err error) {
		if gen != n.gen {
			return
		}
		if err != nil {
			fyne.LogError("Counting the invoices due by the plan", err)
			return
		}
		n.show(count)
	})
}

// show says count, or hides the bar when it is zero.
func (n *planNotice) show(count int) {
	n.count = count
	if count > 0 {
		n.text.SetText(readyForNextStepText(count))
	}
	if n.bar.Visible() != (count > 0) {
		showIf(n.bar, count > 0)
		if n.page != nil {
			// A container shown or hidden lays out nothing above it: the page gives
			// the bar's row its height again, and the table what is left.
			n.page.Refresh()
		}
	}
}

// readyForNextStepText is "12 fakturor är redo för nästa steg".
func readyForNextStepText(n int) string {
	return counted(n, "1 invoice is ready for its next step", "{{.Count}} invoices are ready for their next step", nil)
}
