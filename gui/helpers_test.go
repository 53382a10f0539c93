package gui

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// uiQueue stands in for the UI thread's queue: background work posts to it, and the
// test goroutine runs what it holds, so widgets are only touched from one goroutine.
var uiQueue = make(chan func(), 1<<16)

func TestMain(m *testing.M) {
	// Swedish, as the users see it; fyne's lang reads the locale from LANGUAGE.
	os.Setenv("LANGUAGE", "sv")
	runOnUI = func(f func()) { uiQueue <- f }
	// The settings page's look at the keyboard posts to the queue while the page is
	// shown; less often than settle waits for quiet, settle still ends.
	focusWatchEvery = 200 * time.Millisecond
	loadTranslations()
	os.Exit(m.Run())
}

// waitFor runs queued UI work until cond holds, failing after a few seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		select {
		case f := <-uiQueue:
			f()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// settle runs queued UI work until nothing more arrives for a moment.
func settle() {
	for {
		select {
		case f := <-uiQueue:
			f()
		case <-time.After(150 * time.Millisecond):
			return
		}
	}
}

// newTestWindow opens the main window on a fresh test book, at 1280×800, loaded.
func newTestWindow(t *testing.T, o testbook.Options) (*MainWindow, testbook.Book) {
	t.Helper()
	book := testbook.New(t, o)
	a := test.NewTempApp(t)
	m := NewMainWindow(a, book.Service, Options{})
	m.Window.Resize(fyne.NewSize(1280, 800))
	m.Window.Show()
	t.Cleanup(m.Window.Close)
	waitFor(t, "the invoice list", func() bool { return m.invoices.loaded })
	return m, book
}

// openRemind opens the reminder dialog and waits until its candidates are there.
func openRemind(t *testing.T, m *MainWindow) *remindDialog {
	t.Helper()
	m.openRemindDialog()
	d := m.remind
	waitFor(t, "the candidates", func() bool { return d.loaded })
	showAllOverdue(t, d)
	return d
}

// showAllOverdue shows the dialog's view of every overdue invoice, which the tests
// from before the plan's view look at, and waits for its first page.
func showAllOverdue(t *testing.T, d *remindDialog) {
	t.Helper()
	if d.view == viewAll {
		return
	}
	test.Tap(d.viewChoice.options[int(viewAll)])
	waitFor(t, "the view of all overdue invoices", func() bool { _, ok := d.pages[0]; return d.view == viewAll && ok })
}

// labelTexts returns the texts of the visible labels and table cells under o, as
// rendered.
func labelTexts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		if x.Text != "" {
			out = append(out, x.Text)
		}
	case *tableCell:
		if x.look.text != "" {
			out = append(out, x.look.text)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(x).Objects() {
			out = append(out, labelTexts(child)...)
		}
	case *fyne.Container:
		for _, child := range x.Objects {
			out = append(out, labelTexts(child)...)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// rowOf returns the invoice list row showing invoice number, or -1.
func rowOf(l *invoiceList, number string) int {
	for p, page := range l.pages {
		for i, inv := range page {
			if inv.Number == number {
				return p*core.DefaultPageSize + i
			}
		}
	}
	return -1
}

// statusText is what the invoice list's status column shows on row.
func statusText(l *invoiceList, row int) string {
	return l.rowTexts(row)[columnOf(l.columns.cols, "Status")]
}
