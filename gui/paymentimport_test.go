package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
	"paminn/data/testbook"
)

// bankFileWindow opens the main window on a test book whose company has bankgiro
// 5050-1055 and writes a BGMax file (Bankgirot's BgMax layout) that pays invoice
// 10001 in full, pays 200 kr of 10002 (each naming the invoice in its message: the
// test book's invoices have no OCR number) and holds one payment nothing matches.
func bankFileWindow(t *testing.T) (*MainWindow, testbook.Book, fyne.URI) {
	t.Helper()
	m, book := newTestWindow(t, testbook.Options{})
	ctx := context.Background()
	set, err := book.Service.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Bankgiro = "5050-1055"
	if err := book.Service.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	inv := map[string]core.Invoice{}
	page, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range page.Invoices {
		inv[i.Number] = i
	}
	content := bankfile.WriteBGMax(time.Date(2026, 3, 16, 6, 0, 0, 0, time.UTC), "5050-1055", []bankfile.Deposit{{
		Date: testbook.Today.AddDays(-1), Serial: 1, Payments: []core.BankPayment{
			{Message: "Faktura 10001", Amount: inv["10001"].Balance(), PayerName: "Kund"},
			{Message: "Faktura 10002", Amount: decimal.NewFromInt(200)},
			{Reference: "999999999999999997", Amount: decimal.NewFromInt(75)},
		}}})
	path := filepath.Join(t.TempDir(), "bgmax.txt")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return m, book, storage.NewFileURI(path)
}

// dropFile drops uri on the window and waits for its preview.
func dropFile(t *testing.T, m *MainWindow, uri fyne.URI) *paymentImport {
	t.Helper()
	m.payments = nil
	m.onDropped(fyne.NewPos(10, 10), []fyne.URI{uri})
	waitFor(t, "the payment preview", func() bool { return m.payments != nil })
	return m.payments
}

func TestADroppedBGMaxFileIsPreviewedAndRegisteredWithOneClick(t *testing.T) {
	m, book, uri := bankFileWindow(t)
	p := dropFile(t, m, uri)
	if got := []string{outcomeText(p.imp.Rows[0]), outcomeText(p.imp.Rows[2])}; got[0] != "Betalar hela" || got[1] != "Ingen matchning" {
		t.Errorf("outcomes shown: %q", got)
	}
	totals := strings.Join(labelTexts(p.totals), "\n")
	if !strings.Contains(totals, "Betalar hela: 1") || !strings.Contains(totals, "Ingen matchning: 1 · 75,00\u00a0kr") ||
		!strings.Contains(totals, "Totalt: 1\u00a0275,00\u00a0kr") {
		t.Errorf("totals: %q", totals)
	}
	if p.register.Disabled() {
		t.Fatal("Registrera betalningar is disabled")
	}
	test.Tap(p.register)
	waitFor(t, "the preview to close", func() bool { return !p.open })
	inv, err := book.Service.ListInvoices(context.Background(), core.InvoiceQuery{Search: "10001"})
	if err != nil || len(inv.Invoices) != 1 || !inv.Invoices[0].Balance().IsZero() {
		t.Fatalf("invoice 10001 after the import: %+v, %v", inv.Invoices, err)
	}

	again := dropFile(t, m, uri)
	if !again.notice.Visible() || !strings.Contains(again.notice.Text, "lästs in tidigare") {
		t.Errorf("the same file again says %q (visible %v)", again.notice.Text, again.notice.Visible())
	}
	if !again.register.Disabled() {
		t.Error("the same file again can be registered")
	}
}

func TestARowCanBeSkippedOrMatchedToAnotherInvoice(t *testing.T) {
	m, _, uri := bankFileWindow(t)
	p := dropFile(t, m, uri)
	p.table.Select(widgetCell(0))
	test.Tap(p.skip)
	waitFor(t, "the row to be skipped", func() bool { return !p.busy && p.imp.Rows[0].Outcome == core.OutcomeSkipped })
	if p.skip.Text != "Ta med" {
		t.Errorf("the skip button reads %q on a skipped row", p.skip.Text)
	}
	p.table.Select(widgetCell(2))
	p.choose(core.PaymentChoice{InvoiceNumber: "10003"})
	waitFor(t, "the re-match", func() bool { return !p.busy && p.imp.Rows[2].Invoice.Number == "10003" })
	if p.imp.Rows[2].Outcome != core.OutcomePartly || p.imp.Rows[2].Match != core.MatchChosen {
		t.Errorf("re-matched row: %+v", p.imp.Rows[2])
	}
}

func widgetCell(row int) widget.TableCellID { return widget.TableCellID{Row: row, Col: 0} }

func TestAnImportedPaymentShowsOnTheInvoiceAndFlagsTheReminderItCameBefore(t *testing.T) {
	m, book, uri := bankFileWindow(t)
	ctx := context.Background()
	page, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Search: "10001"})
	if err != nil || len(page.Invoices) != 1 {
		t.Fatal(page, err)
	}
	res, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{page.Invoices[0].ID}, IdempotencyKey: "before-the-payment-was-read"})
	if err != nil {
		t.Fatal(err)
	}
	p := dropFile(t, m, uri)
	test.Tap(p.register)
	waitFor(t, "the preview to close", func() bool { return !p.open })

	// The reminder went out today; the bank file says 10001 was paid yesterday.
	m.reminders.showBatch(res.Batch.ID)
	waitFor(t, "the batch's reminders", func() bool { return m.reminders.batchID == res.Batch.ID && len(m.reminders.reminders) == 1 })
	if text := reminderColumns[columnOf(reminderColumns, "Payment")].show(m.reminders.reminders[0]).text; text != "betald före påminnelsen" {
		t.Errorf("the reminder's payment column reads %q", text)
	}

	settle()
	row := rowOf(m.invoices, "10001")
	if row < 0 {
		t.Fatal("invoice 10001 is not in the list")
	}
	m.invoices.table.Select(widget.TableCellID{Row: row, Col: 0})
	waitFor(t, "the invoice's payments", func() bool { return strings.Contains(m.invoices.detail.Text, "(bgmax.txt)") })
	if want := formatDate(testbook.Today.AddDays(-1)); !strings.Contains(m.invoices.detail.Text, "Betalt "+want) {
		t.Errorf("the status line reads %q", m.invoices.detail.Text)
	}
}

func TestNoBankFileIsImportedUnderTheReminderDialog(t *testing.T) {
	m, _, uri := bankFileWindow(t)
	openRemind(t, m)
	m.payments = nil
	m.onDropped(fyne.NewPos(10, 10), []fyne.URI{uri})
	settle()
	if m.payments != nil {
		t.Error("a bank file dropped while Skapa flera påminnelser is open was previewed")
	}
}

func TestImportPaymentsIsOnTheInvoiceTabAndInTheMenu(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	if m.invoices.importBtn.Text != "Importera betalningar" {
		t.Errorf("the Kundfakturor button reads %q", m.invoices.importBtn.Text)
	}
	menu := m.Window.MainMenu()
	if menu == nil || len(menu.Items) == 0 || len(menu.Items[0].Items) == 0 ||
		menu.Items[0].Label != "Arkiv" || menu.Items[0].Items[0].Label != "Importera betalningar…" {
		t.Fatalf("main menu = %+v", menu)
	}
}
