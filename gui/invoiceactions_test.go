package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

// invoiceNumbered reads the test book's invoice with that number.
func invoiceNumbered(t *testing.T, book testbook.Book, number string) core.Invoice {
	t.Helper()
	p, err := book.Service.ListInvoices(context.Background(), core.InvoiceQuery{Search: number})
	if err != nil || len(p.Invoices) != 1 {
		t.Fatalf("invoice %s: %+v (%v)", number, p.Invoices, err)
	}
	return p.Invoices[0]
}

// menuItem finds the window's menu item labelled label in the menu labelled menu.
func menuItem(t *testing.T, m *MainWindow, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, list := range m.Window.MainMenu().Items {
		for _, item := range list.Items {
			if list.Label == menu && item.Label == label {
				return item
			}
		}
	}
	t.Fatalf("no %s → %s in the window's menu", menu, label)
	return nil
}

// topTexts are the texts of the dialog on top of the window.
func topTexts(m *MainWindow) []string {
	top := m.Window.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return labelTexts(top)
}

// someText reports whether one of texts contains s.
func someText(texts []string, s string) bool {
	for _, x := range texts {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// selectInvoice selects the list's row of the invoice with that number.
func selectInvoice(t *testing.T, m *MainWindow, number string) {
	t.Helper()
	waitFor(t, "invoice "+number+" in the list", func() bool { return rowOf(m.invoices, number) >= 0 })
	m.invoices.table.Select(widget.TableCellID{Row: rowOf(m.invoices, number), Col: 0})
	settle()
}

func TestTheFakturaMenuUndoesAPaymentOfTheSelectedInvoiceWithAReason(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	undo := menuItem(t, m, "Faktura", "Ångra betalning…")
	undo.Action()
	waitFor(t, "the hint to choose an invoice", func() bool { return someText(topTexts(m), "Välj först en faktura i listan.") })
	m.Window.Canvas().Overlays().Top().Hide()

	selectInvoice(t, m, "20002") // paid 750 kr when it was imported
	if m.invoices.fixBtn.Disabled() {
		t.Error("the Faktura button is disabled with an invoice selected")
	}
	undo.Action()
	waitFor(t, "the undo form", func() bool { return someText(topTexts(m), "Ångra betalning") })
	texts := topTexts(m)
	if !someText(texts, "faktura 20002 blir öppen igen") {
		t.Errorf("the form says %q", texts)
	}
	inv := invoiceNumbered(t, book, "20002")
	f := newReversalForm(book.Service, m.Window, inv, mustPayments(t, book, inv))
	f.show()
	f.submit()
	waitFor(t, "the refusal without a reason", func() bool { return someText(topTexts(m), "Ange en orsak") })
	test.Type(f.form.Items[2].Widget.(*escEntry), "Inläst betalning avsåg en annan faktura")
	f.submit()
	waitFor(t, "the invoice open again", func() bool { return invoiceNumbered(t, book, "20002").Balance().Equal(decimal.NewFromInt(750)) })
	ps := mustPayments(t, book, inv)
	if len(ps) != 2 || ps[0].ReversedBy != ps[1].ID || ps[1].Reason != "Inläst betalning avsåg en annan faktura" {
		t.Errorf("payments %+v, want the payment and its reversal with the reason", ps)
	}
	if got := paymentsText(ps); got != "Betalt 2026-01-05 750,00\u00a0kr (ångrad)" {
		t.Errorf("the status line says %q", got)
	}
}

func mustPayments(t *testing.T, book testbook.Book, inv core.Invoice) []core.PaymentRecord {
	t.Helper()
	ps, err := book.Service.InvoicePayments(context.Background(), inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestAnInvoiceIsEditedWhileUntouchedAndOtherwiseTheUserIsToldToCreditIt(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	cs, err := book.Service.Customers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	inv := invoiceNumbered(t, book, "20001")
	f := newEditInvoiceForm(book.Service, m.Window, cs, inv)
	f.show()
	amount := f.form.Items[4].Widget.(*escEntry)
	if amount.Text != "5000,00" {
		t.Errorf("the amount field holds %q, want the invoice's 5000,00", amount.Text)
	}
	amount.SetText("5 250,00")
	f.submit()
	waitFor(t, "the new amount", func() bool { return invoiceNumbered(t, book, "20001").Total.Equal(decimal.NewFromInt(5250)) })
	h, err := book.Service.InvoiceHistory(context.Background(), inv.ID)
	if err != nil || len(h) != 1 || messageText(h[0].Message) != "Belopp ändrat från 5\u00a0000,00\u00a0kr till 5\u00a0250,00\u00a0kr" {
		t.Errorf("history %+v (%v)", h, err)
	}

	paid := invoiceNumbered(t, book, "20002")
	f = newEditInvoiceForm(book.Service, m.Window, cs, paid)
	f.show()
	f.form.Items[4].Widget.(*escEntry).SetText("1,00")
	f.submit()
	waitFor(t, "the refusal", func() bool {
		return someText(topTexts(m), "Faktura 20002 har registrerade betalningar: den kan inte längre ändras eller tas bort, bara krediteras")
	})
	if got := invoiceNumbered(t, book, "20002"); !got.Total.Equal(decimal.NewFromInt(750)) {
		t.Errorf("the paid invoice's amount became %s", got.Total)
	}
}

func TestAnUntouchedInvoiceIsDeletedFromTheForm(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	inv := invoiceNumbered(t, book, "20001")
	f := newDeleteInvoiceForm(book.Service, m.Window, inv)
	f.show()
	if !someText(topTexts(m), "Faktura 20001 till Bygg & Fog AB, 5\u00a0000,00\u00a0kr, tas bort för gott.") {
		t.Errorf("the form says %q", topTexts(m))
	}
	f.submit()
	waitFor(t, "the invoice gone", func() bool {
		_, err := book.Service.Invoice(context.Background(), inv.ID)
		return core.ErrorCodeOf(err) == core.ENOTFOUND
	})
}

func TestACreditNoteAsksForAReasonAndARefusalChangesNothing(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	inv := invoiceNumbered(t, book, "10001")
	f := newCreditForm(book.Service, m.Window, inv, nil)
	f.show()
	f.form.Items[2].Widget.(*escEntry).SetText("2000")
	f.form.Items[4].Widget.(*escEntry).SetText("Rabatt")
	f.submit()
	waitFor(t, "the refusal of a credit above the invoice", func() bool {
		return someText(topTexts(m), "Krediteringen på 2\u00a0000,00\u00a0kr är större än de 1\u00a0000,00\u00a0kr av faktura 10001s belopp som är obetalda")
	})
	f.form.Items[2].Widget.(*escEntry).SetText("100")
	f.submit()
	waitFor(t, "the credit", func() bool { return invoiceNumbered(t, book, "10001").Balance().Equal(decimal.NewFromInt(900)) })
}

func TestACustomersCreditPaysAnInvoiceAndTheKunderTabShowsWhatIsLeftInTotal(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	ctx := context.Background()
	inv := invoiceNumbered(t, book, "10001") // Bygg & Fog AB's, 1 000 kr
	// Bygg & Fog AB paid 300 kr more than they owed on a bank file.
	if err := book.Store.RegisterBankPayments(ctx, []core.BankRegistration{{Payment: core.Payment{Date: testbook.Today,
		Source: "bgmax.txt", ExternalKey: "bg-1"}, CustomerID: inv.CustomerID, Credit: decimal.NewFromInt(300)}},
		testbook.Today.Time()); err != nil {
		t.Fatal(err)
	}
	m.tabs.SelectIndex(2)
	c := m.customers
	waitFor(t, "the credit in total", func() bool { return c.creditSum.Text == "Tillgodo totalt: 300,00\u00a0kr" })

	f := newApplyCreditForm(book.Service, m.Window, inv, decimal.NewFromInt(300))
	f.show()
	if got := f.form.Items[1].Widget.(*escEntry).Text; got != "300,00" {
		t.Errorf("the amount offered is %q, want all 300 kr of credit", got)
	}
	f.form.Items[1].Widget.(*escEntry).SetText("301")
	f.submit()
	waitFor(t, "the refusal of more than the credit", func() bool {
		return someText(topTexts(m), "Bygg & Fog AB har 300,00\u00a0kr tillgodo, mindre än 301,00\u00a0kr")
	})
	f.form.Items[1].Widget.(*escEntry).SetText("200")
	f.submit()
	waitFor(t, "the invoice paid in part", func() bool { return invoiceNumbered(t, book, "10001").Balance().Equal(decimal.NewFromInt(800)) })
	waitFor(t, "the credit left in total", func() bool { return c.creditSum.Text == "Tillgodo totalt: 100,00\u00a0kr" })

	c.table.Select(widget.TableCellID{Row: rowOfCustomer(c, "Bygg & Fog AB"), Col: 0})
	if c.refundBtn.Disabled() {
		t.Fatal("Återbetala tillgodo is disabled for a customer with credit")
	}
	r := newRefundCreditForm(book.Service, m.Window, c.customers[c.selRow], decimal.NewFromInt(100))
	r.show()
	r.form.Items[2].Widget.(*escEntry).SetText("Återbetalt till kundens konto")
	r.submit()
	waitFor(t, "no credit left", func() bool { return c.creditSum.Text == "Tillgodo totalt: 0,00\u00a0kr" })
}

// rowOfCustomer is the Kunder row of the customer named name, or -1.
func rowOfCustomer(c *customerTab, name string) int {
	for i, x := range c.customers {
		if x.Name == name {
			return i
		}
	}
	return -1
}

func TestEditAndDeleteOfAPaidInvoiceSayAtOnceThatItCanOnlyBeCredited(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	selectInvoice(t, m, "20002")
	for _, label := range []string{"Ändra fakturan…", "Ta bort fakturan…"} {
		menuItem(t, m, "Faktura", label).Action()
		waitFor(t, label+" refused", func() bool {
			return someText(topTexts(m), "Faktura 20002 har registrerade betalningar: den kan inte längre ändras eller tas bort, bara krediteras")
		})
		m.Window.Canvas().Overlays().Top().Hide()
	}
}
