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

var batchColumns = []tableColumn{
	{"Created", 130, false}, {"Type", 60, false}, {"Count", 50, true}, {"Sent", 50, true}, {"Failed", 50, true},
}

var reminderColumns = []tableColumn{
	{"Invoice no.", 80, false}, {"Customer", 160, false}, {"Channel", 70, false}, {"Amount due", 115, true},
	{"Payment", 205, false}, {"Delivery", 90, false}, {"Attempts", 60, true}, {"Reference", 150, false}, {"Error", 200, false},
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
	retryBtn   *widget.Button
	retryAll   *widget.Button
	amili      *amiliReportsView
	content    fyne.CanvasObject
}

func newReminderTab(svc *core.Service, win fyne.Window) *reminderTab {
	t := &reminderTab{svc: svc, win: win, remRow: -1}
	t.batchTable = newTextTable(batchColumns, func() int { return len(t.batches) }, t.batchCell)
	t.batchTable.OnSelected = func(id widget.TableCellID) { t.showBatch(t.batches[id.Row].ID) }
	t.remTable = newTextTable(reminderColumns, func() int { return len(t.reminders) }, t.reminderCell)
	t.remTable.OnSelected = func(id widget.TableCellID) { t.remRow = id.Row; t.updateButtons() }
	t.remTable.OnUnselected = func(widget.TableCellID) { t.remRow = -1; t.updateButtons() }
	t.heading = widget.NewLabelWithStyle(lang.L("Choose a batch to see its reminders"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.retryBtn = widget.NewButtonWithIcon(lang.L("Retry the selected reminder"), theme.ViewRefreshIcon(), t.onRetrySelected)
	t.retryAll = widget.NewButtonWithIcon(lang.L("Retry all failed"), theme.ViewRefreshIcon(), t.onRetryAll)
	t.updateButtons()
	left := container.NewBorder(widget.NewLabelWithStyle(lang.L("Batches"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, t.batchTable)
	right := container.NewBorder(t.heading, container.NewHBox(t.retryBtn, t.retryAll), nil, nil, t.remTable)
	split := container.NewHSplit(left, right)
	split.Offset = 0.38
	t.amili = newAmiliReportsView(svc, win)
	below := container.NewVSplit(split, t.amili.content)
	below.Offset = 0.72
	t.content = below
	return t
}

func (t *reminderTab) batchCell(row, col int) (string, widget.Importance) {
	b := t.batches[row]
	switch col {
	case 0:
		return b.CreatedAt.Local().Format("2006-01-02 15:04"), widget.MediumImportance
	case 1:
		return reminderTypeText(b.Type), widget.MediumImportance
	case 2:
		return strconv.Itoa(b.Count), widget.MediumImportance
	case 3:
		return strconv.Itoa(b.Sent), widget.MediumImportance
	}
	if b.Failed > 0 {
		return strconv.Itoa(b.Failed), widget.DangerImportance
	}
	return "0", widget.MediumImportance
}

func (t *reminderTab) reminderCell(row, col int) (string, widget.Importance) {
	r := t.reminders[row]
	switch col {
	case 0:
		return r.InvoiceNumber, widget.MediumImportance
	case 1:
		return r.CustomerName, widget.MediumImportance
	case 2:
		return channelText(r.Channel), widget.MediumImportance
	case 3:
		return formatAmount(r.AmountDue), widget.MediumImportance
	case 4:
		return paidBeforeText(r.PaidBeforeReminder()), widget.WarningImportance
	case 5:
		return deliveryLook(r.State)
	case 6:
		return strconv.Itoa(r.Attempts), widget.MediumImportance
	case 7:
		return externalRefText(r), widget.MediumImportance
	}
	return r.Error, widget.DangerImportance
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
	if t.remRow >= 0 && t.remRow < len(t.reminders) && t.reminders[t.remRow].State == core.DeliveryFailed {
		t.retryBtn.Enable()
	} else {
		t.retryBtn.Disable()
	}
	if len(t.failed()) > 0 {
		t.retryAll.Enable()
	} else {
		t.retryAll.Disable()
	}
}

func (t *reminderTab) onRetrySelected() {
	if t.remRow < 0 || t.remRow >= len(t.reminders) {
		return
	}
	t.retry([]int64{t.reminders[t.remRow].ID})
}

func (t *reminderTab) onRetryAll() { t.retry(t.failed()) }

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
