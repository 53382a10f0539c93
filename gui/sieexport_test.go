package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

// openExport pays an invoice of the test book on 2026-03-10 and opens Arkiv →
// Exportera till bokföringen from the menu.
func openExport(t *testing.T) (*MainWindow, testbook.Book) {
	t.Helper()
	m, book := newTestWindow(t, testbook.Options{})
	page, err := book.Service.ListInvoices(t.Context(), core.InvoiceQuery{Filter: core.FilterUnpaid, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	inv := page.Invoices[0]
	if _, err := book.Service.RegisterPayment(t.Context(), core.Payment{InvoiceID: inv.ID,
		Date: core.MustDate("2026-03-10"), Amount: inv.Balance()}); err != nil {
		t.Fatal(err)
	}
	file := m.Window.MainMenu().Items[0]
	if got := file.Items[1].Label; got != "Exportera till bokföringen…" {
		t.Fatalf("Arkiv's second item reads %q", got)
	}
	file.Items[1].Action()
	waitFor(t, "the export dialog", func() bool { return m.sieExport != nil && m.sieExport.method.Selected != "" })
	return m, book
}

func TestExportToTheBooksWritesTheFileAndKeepsTheSettings(t *testing.T) {
	m, book := openExport(t)
	e := m.sieExport
	if e.from.Text != "2026-02-01" || e.to.Text != "2026-02-28" {
		t.Errorf("the period shown is %s–%s, want last month", e.from.Text, e.to.Text)
	}
	if e.accounts["bank"].PlaceHolder != "1930" {
		t.Errorf("the bank account's placeholder is %q, want the BAS 1930", e.accounts["bank"].PlaceHolder)
	}
	path := filepath.Join(t.TempDir(), "mars.si")
	e.from.SetText("2026-03-01")
	e.to.SetText("2026-03-31")
	e.method.SetSelected("När det betalas (kontantmetoden)")
	test.Type(e.accounts["bank"], "1940")
	test.Type(e.file, path)
	test.Tap(e.export)
	if !e.export.Disabled() {
		t.Error("Exportera stays enabled while the export runs")
	}
	waitFor(t, "the export", func() bool { return e.done != "" })
	if want := "1 verifikationer skrevs till " + path; e.done != want {
		t.Errorf("result %q, want %q", e.done, want)
	}
	content, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(content), "#FLAGGA 0\r\n") || !strings.Contains(string(content), "#TRANS 1940 {} ") {
		t.Fatalf("file %q, %v", content, err)
	}
	set, err := book.Service.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if set.Bookkeeping.Method != core.BookWhenPaid || set.Bookkeeping.Accounts.Bank != "1940" {
		t.Errorf("settings kept %+v", set.Bookkeeping)
	}
}

func TestExportToTheBooksOfAnEmptyPeriodSaysSoAndWritesNothing(t *testing.T) {
	m, _ := openExport(t)
	e := m.sieExport
	path := filepath.Join(t.TempDir(), "tom.si")
	test.Type(e.file, path)
	test.Tap(e.export) // February: nothing was paid or charged
	waitFor(t, "the export to fail", func() bool { return !e.busy && !e.export.Disabled() })
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was written for an empty period")
	}
	texts := labelTexts(m.Window.Canvas().Overlays().Top())
	if !contains(texts, "Inget att bokföra från 2026-02-01 till 2026-02-28: ingen fil skrevs") {
		t.Errorf("the dialog shows %q", texts)
	}
	if e.done != "" {
		t.Errorf("a result was shown: %q", e.done)
	}
}

func TestExportToTheBooksClosesOnEsc(t *testing.T) {
	m, _ := openExport(t)
	e := m.sieExport
	m.Window.Canvas().Focus(e.file)
	test.Type(e.file, "x.si")
	e.file.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Window.Canvas().Overlays().Top() != nil {
		t.Error("Esc left the dialog open")
	}
}
