package gui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// batchColumns are the columns of the list of batches.
var batchColumns = []column[core.Batch, unsorted]{
	{title: "Created", width: 130, show: func(b core.Batch) cellLook { return plain(b.CreatedAt.Local().Format("2006-01-02 15:04")) }},
	{title: "Type", width: 60, show: func(b core.Batch) cellLook { return plain(reminderTypeText(b.Type)) }},
	{title: "Count", width: 50, trailing: true, show: func(b core.Batch) cellLook { return plain(strconv.Itoa(b.Count)) }},
	{title: "Sent", width: 50, trailing: true, show: func(b core.Batch) cellLook { return plain(strconv.Itoa(b.Sent)) }},
	{title: "Failed", width: 50, trailing: true, show: func(b core.Batch) cellLook {
		if b.Failed > 0 {
			return styled(strconv.Itoa(b.Failed), widget.DangerImportance)
		}
		return plain("0")
	}},
}

// reminderColumns are the columns of the chosen batch's reminders.
var reminderColumns = []column[core.Reminder, unsorted]{
	{title: "Invoice no.", width: 80, show: func(r core.Reminder) cellLook { return plain(r.InvoiceNumber) }},
	{title: "Customer", width: 160, cut: true, show: func(r core.Reminder) cellLook { return plain(r.CustomerName) }},
	{title: "Channel", width: 70, show: func(r core.Reminder) cellLook { return plain(channelText(r.Channel)) }},
	{title: "Amount due", width: 115, trailing: true, show: func(r core.Reminder) cellLook { return plain(formatAmount(r.AmountDue)) }},
	{title: "Payment", width: 205, cut: true, show: func(r core.Reminder) cellLook {
		return styled(paidBeforeText(r.PaidBeforeReminder()), widget.WarningImportance)
	}},
	{title: "Delivery", width: 90, show: func(r core.Reminder) cellLook { return styled(deliveryLook(r.State)) }},
	{title: "Attempts", width: 60, trailing: true, show: func(r core.Reminder) cellLook { return plain(strconv.Itoa(r.Attempts)) }},
	{title: "Reference", width: 150, cut: true, show: func(r core.Reminder) cellLook { return plain(externalRefText(r)) }},
	{title: "Error", width: 200, cut: true, show: func(r core.Reminder) cellLook {
		return styled(messageText(r.FailureMessage()), widget.DangerImportance)
	}},
}

// reminderTab is Påminnelser: the batches sent, and for the chosen batch each
// reminder's delivery, with a retry for those that failed.
type reminderTab struct {
	svc *core.Service
	win fyne.Window

	batches   []core.Batch
	reminders []core.Reminder
	batchID   int64 // the batch shown on the right, 0 for none
	remRow    int   // the selected reminder row, -1 for none

	batchTable *widget.Table
	remTable   *widget.Table
	heading    *widget.Label
	why        *widget.Label // why the selected reminder failed, in full
	retryBtn   *widget.Button
	retryAll   *widget.Button
	printBatch *widget.Button  // the batch's posted letters as one PDF
	right      *fyne.Container // the batch's reminders and their buttons, laid out again when why shows or hides
	openLetter *widget.Button  // the selected reminder's letter
	amili      *amiliReportsView
	left       *queueNotice // what this desktop leaves for others on a shared book
	content    fyne.CanvasObject
	onReload   func() // called on every reload (the window's count of failed reminders)
}

func newReminderTab(svc *core.Service, win fyne.Window) *reminderTab {
	t := &reminderTab{svc: svc, win: win, remRow: -1}
	rows, row := listRows(func() []core.Batch { return t.batches })
	batches := columnTable[core.Batch, unsorted]{cols: batchColumns, rows: rows, row: row}
	t.batchTable = newTable(batches)
	t.batchTable.OnSelected = func(id widget.TableCellID) { t.showBatch(t.batches[id.Row].ID) }
	remRows, remRow := listRows(func() []core.Reminder { return t.reminders })
	reminders := columnTable[core.Reminder, unsorted]{cols: reminderColumns, rows: remRows, row: remRow}
	t.remTable = newTable(reminders)
	t.remTable.OnSelected = func(id widget.TableCellID) { t.remRow = id.Row; t.updateButtons() }
	t.remTable.OnUnselected = func(widget.TableCellID) { t.remRow = -1; t.updateButtons() }
	t.heading = widget.NewLabelWithStyle(lang.L("Choose a batch to see its reminders"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.why = widget.NewLabel("")
	t.why.Wrapping = fyne.TextWrapWord
	t.why.Importance = widget.DangerImportance
	t.why.Hide()
	t.retryBtn = widget.NewButtonWithIcon(lang.L("Retry the selected reminder"), theme.ViewRefreshIcon(), t.onRetrySelected)
	t.retryAll = widget.NewButtonWithIcon(lang.L("Retry all failed"), theme.ViewRefreshIcon(), t.onRetryAll)
	t.printBatch = widget.NewButtonWithIcon(lang.L("Open the batch's letters as one PDF"), theme.DocumentPrintIcon(), t.onPrintBatch)
	t.openLetter = widget.NewButtonWithIcon(lang.L("Open the letter"), theme.FileIcon(), t.onOpenLetter)
	t.updateButtons()
	left := container.NewBorder(widget.NewLabelWithStyle(lang.L("Batches"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, batches.fitted(t.batchTable, t.batchTable))
	t.right = container.NewBorder(t.heading, container.NewVBox(t.why, container.NewHBox(t.retryBtn, t.retryAll), container.NewHBox(t.openLetter, t.printBatch)), nil, nil,
		reminders.fitted(t.remTable, t.remTable))
	split := container.NewHSplit(left, t.right)
	split.Offset = 0.3 // the batches need less than the reminders
	t.amili = newAmiliReportsView(svc, win)
	below := container.NewVSplit(split, t.amili.content)
	below.Offset = 0.72
	t.left = newQueueNotice(svc)
	page := container.NewBorder(t.left.bar, nil, nil, nil, below)
	t.left.page = page
	t.content = page
	return t
}

// paidBeforeText flags a reminder sent for money that had already been paid.
func paidBeforeText(p core.PaidBefore) string {
	switch p {
	case core.PaidBeforeFull:
		return lang.L("paid before the reminder")
	case core.PaidBeforePartly:
		return lang.L("partly paid before the reminder")
	case core.PaidBeforeNone:
	}
	return ""
}

// reload fetches the batches, the shown batch's reminders and the reports to Amili,
// off the UI thread.
func (t *reminderTab) reload() {
	t.amili.reload()
	t.left.reload()
	if t.onReload != nil {
		t.onReload()
	}
	background(func(ctx context.Context) ([]core.Batch, error) {
		return t.svc.Batches(ctx)
	}, func(bs []core.Batch, err error) {
		if err != nil {
			showError(err, t.win)
			return
		}
		t.batches = bs
		t.batchTable.Refresh()
		if t.batchID != 0 {
			t.showBatch(t.batchID)
		}
	})
}

// showBatch fetches and shows one batch's reminders.
func (t *reminderTab) showBatch(id int64) {
	background(func(ctx context.Context) ([]core.Reminder, error) {
		return t.svc.BatchReminders(ctx, id)
	}, func(rs []core.Reminder, err error) {
		if err != nil {
			showError(err, t.win)
			return
		}
		if id != t.batchID {
			t.remTable.UnselectAll()
		}
		t.batchID, t.reminders = id, rs
		t.heading.SetText(lang.L("Reminders in the batch of {{.Date}}", map[string]any{"Date": t.batchDate(id)}))
		t.remTable.Refresh()
		t.updateButtons()
	})
}

func (t *reminderTab) batchDate(id int64) string {
	for _, b := range t.batches {
		if b.ID == id {
			return b.CreatedAt.Local().Format("2006-01-02 15:04")
		}
	}
	return ""
}

// failed lists the shown batch's failed reminders.
func (t *reminderTab) failed() []int64 {
	var ids []int64
	for _, r := range t.reminders {
		if r.State == core.DeliveryFailed {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func (t *reminderTab) updateButtons() {
	shown := t.remRow >= 0 && t.remRow < len(t.reminders)
	switch {
	case shown && t.reminders[t.remRow].State == core.DeliveryFailed:
		t.retryBtn.Enable()
		t.why.Importance = widget.DangerImportance
		t.why.SetText(lang.L("Why it failed: {{.Reason}}",
			map[string]any{"Reason": messageText(t.reminders[t.remRow].FailureMessage())}))
		t.why.Show()
	case shown && t.reminders[t.remRow].State == core.DeliveryStopped: // held back, never sent: nothing to retry
		t.retryBtn.Disable()
		t.why.Importance = widget.WarningImportance
		t.why.SetText(messageText(t.reminders[t.remRow].FailureMessage()))
		t.why.Show()
	default:
		t.retryBtn.Disable()
		t.why.Hide()
	}
	if shown && t.reminders[t.remRow].Channel.WritesLetter() && t.reminders[t.remRow].State != core.DeliveryStopped {
		t.openLetter.Enable()
	} else {
		t.openLetter.Disable()
	}
	if t.batchID != 0 {
		t.printBatch.Enable()
	} else {
		t.printBatch.Disable()
	}
	if len(t.failed()) > 0 {
		t.retryAll.Enable()
	} else {
		t.retryAll.Disable()
	}
	if t.right != nil {
		t.right.Refresh()
	}
}

func (t *reminderTab) onRetrySelected() {
	if t.remRow < 0 || t.remRow >= len(t.reminders) {
		return
	}
	t.retry([]int64{t.reminders[t.remRow].ID})
}

func (t *reminderTab) onRetryAll() { t.retry(t.failed()) }

// onPrintBatch opens the shown batch's posted letters as one PDF.
func (t *reminderTab) onPrintBatch() {
	id := t.batchID
	openLettersFile(func(ctx context.Context) (string, error) { return t.svc.BatchLettersFile(ctx, id) }, t.win)
}

// onOpenLetter opens the selected reminder's letter.
func (t *reminderTab) onOpenLetter() {
	if t.remRow < 0 || t.remRow >= len(t.reminders) {
		return
	}
	r := t.reminders[t.remRow]
	openLettersFile(func(ctx context.Context) (string, error) { return t.svc.ReminderLetterFile(ctx, r.InvoiceID, r.ID) }, t.win)
}

// retry puts failed reminders back in the queue; the service's change notice then
// refreshes the tab as they go out.
func (t *reminderTab) retry(ids []int64) {
	t.retryBtn.Disable()
	t.retryAll.Disable()
	backgroundErr(func(ctx context.Context) error {
		for _, id := range ids {
			if err := t.svc.RetryReminder(ctx, id); err != nil {
				return err
			}
		}
		return nil
	}, func(err error) {
		if err != nil { // what was retried reloads on OnChange; the buttons come back here
			showError(err, t.win)
			t.reload()
		}
	})
}
