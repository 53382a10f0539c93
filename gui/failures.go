package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// failureNotice says how many reminders failed to deliver: in the Påminnelser tab's
// title ("Påminnelser (3)") whenever the tab reloads, and once, at the start, in a
// notice that goes to the tab or sends them again.
type failureNotice struct {
	m       *MainWindow
	item    *container.TabItem // the Påminnelser tab
	count   int
	started bool // the first count is in: the start's notice was shown or not needed

	dialog   *dialog.CustomDialog // the start's notice, nil unless shown
	showBtn  *widget.Button
	retryBtn *keyButton
}

func newFailureNotice(m *MainWindow, item *container.TabItem) *failureNotice {
	return &failureNotice{m: m, item: item}
}

// reload counts the failed reminders off the UI thread and shows the count.
func (f *failureNotice) reload() {
	background(func(ctx context.Context) (int, error) {
		return f.m.svc.FailedReminders(ctx)
	}, func(n int, err error) {
		if err != nil {
			fyne.LogError("Counting the failed reminders", err)
			return
		}
		f.show(n)
	})
}

// show puts n in the tab's title and, the first time only, a notice when n > 0.
func (f *failureNotice) show(n int) {
	if n != f.count {
		f.count = n
		f.item.Text = lang.L("Reminders")
		if n > 0 {
			f.item.Text = lang.L("Reminders ({{.Count}})", map[string]any{"Count": n})
		}
		f.m.tabs.Refresh()
	}
	if f.started {
		return
	}
	f.started = true
	if n > 0 {
		f.showNotice(n)
	}
}

// failedText is "3 påminnelser kunde inte skickas".
func failedText(n int) string {
	if n == 1 {
		return lang.L("1 reminder could not be sent")
	}
	return lang.L("{{.Count}} reminders could not be sent", map[string]any{"Count": n})
}

// showNotice tells at the start that n reminders failed, with a way to them and a retry.
func (f *failureNotice) showNotice(n int) {
	text := widget.NewLabel(lang.L("See why on the Reminders tab, or send them again now."))
	f.showBtn = widget.NewButtonWithIcon(lang.L("Show the reminders"), theme.MailSendIcon(), func() {
		f.dialog.Hide()
		f.m.tabs.Select(f.item)
	})
	f.retryBtn = newPrimaryButton(lang.L("Send them again"), theme.ViewRefreshIcon(), f.retry)
	closeBtn := widget.NewButton(lang.L("Close"), func() { f.dialog.Hide() })
	content := container.NewVBox(text, container.NewHBox(closeBtn, f.showBtn, f.retryBtn))
	f.dialog = dialog.NewCustomWithoutButtons(failedText(n), content, f.m.Window)
	f.dialog.Show()
	escapable(f.m.Window, f.dialog.Hide)
}

// retry sends every failed reminder again; the service's change notice then
// refreshes the list, the tab and its count.
func (f *failureNotice) retry() {
	f.dialog.Hide()
	backgroundErr(func(ctx context.Context) error {
		_, err := f.m.svc.RetryFailedReminders(ctx)
		return err
	}, func(err error) {
		showError(err, f.m.Window)
	})
}
