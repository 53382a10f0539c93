package gui

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// Issue 22: on Påminnelser, a letter held back because its invoice was paid shows
// as Stoppad with why, in Swedish, and has no letter to open; the batch's posted
// letters open as one PDF with the desktop's handler, and where there is none the
// program says where the file is.
func TestPaminnelserShowsAStoppedLetterAndOpensTheBatchsLettersAsOnePDF(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Letters: true})
	ctx := context.Background()
	page, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterOverdue})
	if err != nil || len(page.Invoices) < 2 {
		t.Fatalf("%d overdue invoices (%v)", len(page.Invoices), err)
	}
	sent, paid := page.Invoices[0], page.Invoices[1]
	res, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{sent.ID, paid.ID}, Prefer: core.ChannelLetter, IdempotencyKey: t.Name()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := book.Service.RegisterPayment(ctx, core.Payment{InvoiceID: paid.ID, Amount: paid.Balance()}); err != nil {
		t.Fatal(err)
	}
	if rep, err := book.Service.DeliverPending(ctx); err != nil || rep.Sent != 1 || rep.Stopped != 1 {
		t.Fatalf("delivery %+v (%v), want 1 sent and 1 stopped", rep, err)
	}
	tab := m.reminders
	fyne.DoAndWait(func() { m.tabs.SelectIndex(1); tab.showBatch(res.Batch.ID) })
	waitFor(t, "the batch's reminders", func() bool { return len(tab.reminders) == 2 })
	stopped := 0
	for i, r := range tab.reminders {
		if r.State == core.DeliveryStopped {
			stopped = i
		}
	}
	why := "Stoppad: faktura " + paid.Number + " betalades innan påminnelsen gick iväg"
	texts := labelTexts(tab.remTable)
	if !contains(texts, "Stoppad") { // why is in the Error column, and below on selecting the row
		t.Errorf("the reminders show %q, want Stoppad", texts)
	}
	fyne.DoAndWait(func() { tab.remTable.Select(widget.TableCellID{Row: stopped, Col: 0}) })
	if tab.why.Hidden || tab.why.Text != why || !tab.openLetter.Disabled() || !tab.retryBtn.Disabled() {
		t.Errorf("the stopped row: why %q (hidden %v), open letter disabled %v, retry disabled %v",
			tab.why.Text, tab.why.Hidden, tab.openLetter.Disabled(), tab.retryBtn.Disabled())
	}

	var mu sync.Mutex
	var opened []string
	openURL = func(u *url.URL) error { mu.Lock(); defer mu.Unlock(); opened = append(opened, u.Path); return nil }
	t.Cleanup(func() { openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) } })
	if tab.printBatch.Disabled() {
		t.Fatal("Öppna omgångens brev som en PDF is disabled with a batch shown")
	}
	fyne.DoAndWait(func() { test.Tap(tab.printBatch) })
	waitFor(t, "the PDF opened", func() bool { mu.Lock(); defer mu.Unlock(); return len(opened) == 1 })
	pdf, err := os.ReadFile(opened[0])
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("opened %q: not a PDF (%v)", opened[0], err)
	}

	openURL = func(*url.URL) error { return &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound} }
	fyne.DoAndWait(func() { test.Tap(tab.printBatch) })
	waitFor(t, "the file's path", func() bool {
		top := m.Window.Canvas().Overlays().Top()
		return top != nil && contains(labelTexts(top), opened[0])
	})
	if texts := labelTexts(m.Window.Canvas().Overlays().Top()); !contains(texts,
		"Inget program på den här datorn öppnar PDF-filer. Breven finns i den här filen:") {
		t.Errorf("the dialog says %q", texts)
	}
}
