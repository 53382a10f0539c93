package gui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

func TestTheSettingsMakeAKeyPairAndShowThePublicKeyToCopy(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Amili: true})
	c := m.settings.amili
	c.load()
	waitFor(t, "the Amili card", func() bool { return c.status.CreditorID != "" })
	if !strings.Contains(c.environment.Text, "Sandlåda") {
		t.Errorf("the environment reads %q, want the sandbox named", c.environment.Text)
	}
	if c.publicKey.Text != "" || !c.copyBtn.Disabled() {
		t.Fatalf("a new book shows a key %q", c.publicKey.Text)
	}
	test.Tap(c.generateBtn)
	waitFor(t, "the public key", func() bool { return strings.HasPrefix(c.publicKey.Text, "-----BEGIN PUBLIC KEY-----") })
	if c.copyBtn.Disabled() || !c.status.NewKey {
		t.Errorf("copy disabled %v, new key %v", c.copyBtn.Disabled(), c.status.NewKey)
	}
	test.Tap(c.copyBtn)
	if got := fyne.CurrentApp().Clipboard().Content(); got != c.publicKey.Text || strings.Contains(got, "PRIVATE") {
		t.Errorf("the clipboard holds %q", got)
	}
}

func TestAnInvoiceWithAmiliOpensInAmiliAndCanBeWithdrawn(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Amili: true})
	ctx := context.Background()
	inv := handedToAmili(t, book)
	caseID := book.Sandbox.Cases()[0].ID
	var opened []string
	openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	t.Cleanup(func() { openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) } })

	m.invoices.reload()
	waitFor(t, "the invoice in the list", func() bool { return rowOf(m.invoices, inv.Number) >= 0 })
	m.invoices.table.Select(widget.TableCellID{Row: rowOf(m.invoices, inv.Number), Col: 0})
	settle()
	if !strings.Contains(m.invoices.detail.Text, "Amili-OCR ") {
		t.Errorf("the status line %q does not show Amili's OCR", m.invoices.detail.Text)
	}
	test.Tap(m.invoices.amiliBtn)
	waitFor(t, "the Amili dialog", func() bool { return m.invoices.amiliDialog != nil })
	d := m.invoices.amiliDialog
	if !strings.Contains(d.info.Text, "Kunden betalar nu till Amili med OCR") {
		t.Errorf("the dialog says %q", d.info.Text)
	}
	test.Tap(d.openBtn)
	if len(opened) != 1 || opened[0] != "https://app.amili.se/open?resource=cases&id="+caseID {
		t.Errorf("opened %v", opened)
	}
	test.Tap(d.withdrawBtn)
	confirm := m.Window.Canvas().Overlays().Top()
	if confirm == nil || !contains(labelTexts(confirm), "Återkalla faktura "+inv.Number+" från Amili? Amili slutar driva in den, och du följer upp den själv igen.") {
		t.Fatalf("no confirmation before the withdrawal: %v", labelTexts(confirm))
	}
	if n := len(mustReports(t, book)); n != 0 {
		t.Fatalf("%d reports before the confirmation", n)
	}
	tapButton(t, confirm, "Ja")
	waitFor(t, "the withdrawal to be queued", func() bool { return len(mustReports(t, book)) == 1 })
	if _, err := book.Service.DeliverPending(ctx); err != nil {
		t.Fatal(err)
	}
	rs := mustReports(t, book)
	if rs[0].Kind != core.AmiliReportCancellation || rs[0].State != core.DeliverySent {
		t.Errorf("report %+v", rs[0])
	}
	m.reminders.reload()
	waitFor(t, "the Reminders tab to show the withdrawal", func() bool {
		return len(m.reminders.amili.reports) == 1 && m.reminders.amili.reports[0].State == core.DeliverySent
	})
}

// handedToAmili activates Amili in book (the demo's sandbox) and hands it the first
// candidate Amili takes, its case made; it returns that invoice.
func handedToAmili(t *testing.T, book testbook.Book) core.Invoice {
	t.Helper()
	ctx := context.Background()
	st, err := book.Service.AmiliStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := book.Service.ActivateAmili(ctx, core.Activation{CreditorID: st.CreditorID, AccountID: st.AccountID,
		APICode: st.APICode, KeyFile: st.KeyFile, BaseURL: st.BaseURL}); err != nil {
		t.Fatal(err)
	}
	cands, err := book.Service.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var inv core.Invoice
	for _, c := range cands {
		if _, blocked := c.ProblemFor(core.ReminderAmili); !blocked {
			inv = c.Invoice
			break
		}
	}
	if _, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderAmili,
		InvoiceIDs: []int64{inv.ID}, IdempotencyKey: core.NewIdempotencyKey()}); err != nil {
		t.Fatal(err)
	}
	if _, err := book.Service.DeliverPending(ctx); err != nil {
		t.Fatal(err)
	}
	return inv
}

func mustReports(t *testing.T, book testbook.Book) []core.AmiliReport {
	t.Helper()
	rs, err := book.Service.AmiliReports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// tapButton taps the button labelled text under o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if b, ok := o.(*keyButton); ok && b.Text == text {
			found = &b.Button
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			r := test.WidgetRenderer(w)
			for _, k := range r.Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

func TestTheInvoiceFormAttachesTheOriginalPDF(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	ctx := context.Background()
	cs, err := book.Service.Customers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "original.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var created core.Invoice
	f := newInvoiceForm(book.Service, m.Window, cs, func(inv core.Invoice) { created = inv })
	f.show()
	items := map[string]fyne.CanvasObject{}
	for _, it := range f.form.Items {
		items[it.Text] = it.Widget
	}
	items["Kund"].(*escSelect).SetSelectedIndex(0)
	test.Type(items["Fakturanr"].(*escEntry), "9001")
	test.Type(items["Belopp"].(*escEntry), "1234,50")
	pdfEntry := items["Originalfaktura (PDF)"].(*fyne.Container).Objects[0].(*escEntry)
	pdfEntry.SetText(pdf)
	f.submit()
	waitFor(t, "the invoice", func() bool { return created.ID != 0 })
	if created.PDF == "" || created.PDF == pdf {
		t.Errorf("the PDF is at %q, want a copy beside the book", created.PDF)
	}
	if b, err := os.ReadFile(created.PDF); err != nil || string(b) != "%PDF-1.4\n" {
		t.Errorf("the copy reads %q (%v)", b, err)
	}
}
