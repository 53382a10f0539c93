package gui

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

// remindedAndPartPaid reminds invoice 10001 (K1, 1 000 kr) by channel ch with a fee
// and interest, writes the reminder's charge and then, in 015's ledger, a payment of
// 500 kr allocated to the 60 kr fee first and the rest to the principal, and a waiver
// of the interest: 560 kr of the invoice amount remain. It returns the invoice.
func remindedAndPartPaid(t *testing.T, book testbook.Book, ch core.Channel) core.Invoice {
	t.Helper()
	ctx := context.Background()
	page, err := book.Service.ListInvoices(ctx, core.InvoiceQuery{Search: "10001"})
	if err != nil || len(page.Invoices) != 1 {
		t.Fatalf("invoice 10001: %v (%v)", page.Invoices, err)
	}
	inv := page.Invoices[0]
	if _, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ChargeFee: true, ChargeInterest: true, Prefer: ch, IdempotencyKey: t.Name()}); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(inv.ID, 10)
	book.Ledger(t,
		`INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore, interest_ore, reminder_id, created_at)
			SELECT invoice_id, 'charge', date, fee_ore, late_compensation_ore, interest_ore, id, updated_at FROM reminders r
			WHERE invoice_id = `+id+` AND NOT EXISTS (SELECT 1 FROM claim_entries e WHERE e.reminder_id = r.id)`,
		`INSERT INTO payments (invoice_id, kind, date, amount_ore, principal_ore, fee_ore, source, created_at)
			VALUES (`+id+`, 'payment', '2026-03-16', 50000, 44000, 6000, 'bgmax.txt', 'x')`,
		`INSERT INTO claim_entries (invoice_id, kind, date, interest_ore, reason, created_at)
			SELECT `+id+`, 'waiver', '2026-03-16', -sum(interest_ore), 'Goodwill', 'x' FROM claim_entries WHERE invoice_id = `+id)
	return inv
}

// openInvoiceRow selects the list's row of number and double clicks it.
func openInvoiceRow(t *testing.T, m *MainWindow, number string) *invoiceDetails {
	t.Helper()
	l := m.invoices
	l.reload()
	waitFor(t, "invoice "+number+" in the list", func() bool { return rowOf(l, number) >= 0 })
	row := rowOf(l, number)
	l.table.DoubleTapped(&fyne.PointEvent{Position: rowPosition(row)})
	waitFor(t, "the invoice's details", func() bool { return l.details != nil && l.details.loaded })
	if l.details.d.Invoice.Number != number {
		t.Fatalf("a double click on row %d opened invoice %s, want %s", row, l.details.d.Invoice.Number, number)
	}
	return l.details
}

// rowPosition is a point in the middle of the first cell of row of a sorting
// table, below its header of buttons.
func rowPosition(row int) fyne.Position {
	sep := theme.Padding() // the table's space between rows
	header, cell := newSortHeader().MinSize().Height, newTableCell().MinSize().Height
	return fyne.NewPos(20, header+sep+float32(row)*(cell+sep)+cell/2)
}

func TestADoubleClickOnAnInvoiceOpensItsClaimLineByLine(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Letters: true})
	remindedAndPartPaid(t, book, core.ChannelLetter)
	d := openInvoiceRow(t, m, "10001")

	var whats []string
	for _, r := range d.claimRows {
		whats = append(whats, r.text)
	}
	want := []string{"Fakturerat", "Debiterat av påminnelse 1", "Betalning (bgmax.txt)", "Avskrivet: Goodwill", "Kvar"}
	if strings.Join(whats, " | ") != strings.Join(want, " | ") {
		t.Errorf("the claim's lines are\n%q\nwant\n%q", whats, want)
	}
	last := d.claim.Length
	rows, _ := last()
	remaining := d.claimRows[rows-1]
	cells := columnTable[claimRow, unsorted]{cols: claimColumns(&d.d)}.texts(remaining)
	if want := []string{"", "Kvar", "560,00\u00a0kr", "0,00\u00a0kr", "0,00\u00a0kr", "0,00\u00a0kr", "560,00\u00a0kr"}; strings.Join(cells, "|") != strings.Join(want, "|") {
		t.Errorf("the remaining row shows %q, want %q", cells, want)
	}
	payment := columnTable[claimRow, unsorted]{cols: claimColumns(&d.d)}.texts(d.claimRows[2])
	if payment[2] != "-440,00\u00a0kr" || payment[3] != "-60,00\u00a0kr" || payment[6] != "-500,00\u00a0kr" {
		t.Errorf("the payment's allocation shows %q, want −440 kr principal, −60 kr fee, −500 kr in all", payment)
	}
	if !strings.Contains(d.header.Text, "Kvar att betala 560,00\u00a0kr: fakturabelopp 560,00\u00a0kr, avgifter och ränta 0,00\u00a0kr") ||
		!strings.Contains(d.header.Text, "Bygg & Fog AB (K1)") {
		t.Errorf("the header says %q", d.header.Text)
	}
	if hist := d.histRows; len(hist) < 5 || !slices.ContainsFunc(hist, func(h historyRow) bool { return strings.HasPrefix(h.text, "Påminnelse 1 via Brev") }) {
		var texts []string
		for _, h := range hist {
			texts = append(texts, h.when+" "+h.text)
		}
		t.Errorf("history: %q", texts)
	}
	if u := untranslated(t, labelTexts(d.content)); len(u) > 0 {
		t.Errorf("English in the Swedish dialog: %q", u)
	}
}

func TestEnterOpensTheInvoiceTheKeyboardIsOnAndEscClosesIt(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	waitFor(t, "the first rows", func() bool { return rowOf(l, "10001") >= 0 })
	m.Window.Canvas().Focus(l.table)
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // from the first row to the second
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitFor(t, "the details", func() bool { return l.details != nil && l.details.loaded })
	second, _ := l.invoiceAt(1)
	if l.details.d.Invoice.ID != second.ID {
		t.Fatalf("Enter opened invoice %s, want the second row's %s", l.details.d.Invoice.Number, second.Number)
	}
	if m.Window.Canvas().Focused() != l.details.claim {
		t.Errorf("the keyboard is on %T, want the claim's table", m.Window.Canvas().Focused())
	}
	test.FocusNext(m.Window.Canvas())
	if m.Window.Canvas().Focused() == nil {
		t.Errorf("Tab leads nowhere from the claim")
	}
	m.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !l.details.closer.closed || m.Window.Canvas().Overlays().Top() != nil {
		t.Errorf("Esc left the details open")
	}
}

func TestTheLetterOfAReminderOpensAsAPDF(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Letters: true})
	remindedAndPartPaid(t, book, core.ChannelLetter)
	if _, err := book.Service.DeliverPending(context.Background()); err != nil {
		t.Fatal(err)
	}
	var opened []string
	old := openURL
	openURL = func(u *url.URL) error { opened = append(opened, u.Path); return nil }
	t.Cleanup(func() { openURL = old })
	d := openInvoiceRow(t, m, "10001")
	r := d.reminders
	if !r.letter.Disabled() || !r.email.Disabled() {
		t.Errorf("letter and e-mail buttons enabled with no reminder chosen")
	}
	r.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if r.letter.Disabled() || !r.email.Disabled() {
		t.Errorf("a letter's reminder: letter enabled %v, e-mail enabled %v; want the letter only", !r.letter.Disabled(), !r.email.Disabled())
	}
	test.Tap(r.letter)
	waitFor(t, "the letter to open", func() bool { return len(opened) == 1 })
	if opened[0] != d.d.Reminders[0].ExternalRef {
		t.Errorf("opened %q, want the letter written when it was sent, %q", opened[0], d.d.Reminders[0].ExternalRef)
	}
	pdf, err := os.ReadFile(opened[0])
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the opened file is not a PDF (%v)", err)
	}
}

func TestAnEmailedReminderShowsItsEmailAndItsLetter(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Letters: true, Mail: true})
	remindedAndPartPaid(t, book, core.ChannelEmail)
	var opened []string
	old := openURL
	openURL = func(u *url.URL) error { opened = append(opened, u.Path); return nil }
	t.Cleanup(func() { openURL = old })
	d := openInvoiceRow(t, m, "10001")
	r := d.reminders
	r.table.Select(widget.TableCellID{Row: 0, Col: 0})
	r.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter on an e-mailed reminder shows its e-mail
	waitFor(t, "the e-mail", func() bool { return r.lastMail != nil })
	texts := strings.Join(labelTexts(r.lastMail), "\n")
	for _, want := range []string{"ekonomi@byggfog.se", "Betalningspåminnelse – faktura 10001", "Att betala:", "Bankgiro:"} {
		if !strings.Contains(texts, want) && !strings.Contains(texts, strings.TrimSuffix(want, ":")) {
			t.Errorf("the e-mail does not show %q:\n%s", want, texts)
		}
	}
	m.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) // closes the e-mail, not the details
	if d.closer.closed || m.Window.Canvas().Overlays().Top() == nil {
		t.Fatalf("Esc on the e-mail closed the invoice's details too")
	}
	test.Tap(r.letter) // an e-mail's letter was never a file: it is made again
	waitFor(t, "the letter to open", func() bool { return len(opened) == 1 })
	if pdf, err := os.ReadFile(opened[0]); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the e-mail's letter is not a PDF (%v)", err)
	}
	os.Remove(opened[0])
}

func TestTheDetailsShowTheActionsTheyAreGivenForTheInvoiceShown(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	var shown []string
	m.invoices.detailActions = func(v core.InvoiceDetails) []fyne.CanvasObject {
		shown = append(shown, v.Invoice.Number)
		return []fyne.CanvasObject{widget.NewButton("Kreditera "+v.Invoice.Number, nil)}
	}
	d := openInvoiceRow(t, m, "10002")
	if objs := d.actionRow.Objects; len(objs) != 1 || objs[0].(*widget.Button).Text != "Kreditera 10002" {
		t.Errorf("the action row holds %v", objs)
	}
	// A change to the book reads the details again, and the actions are made anew.
	if _, err := book.Service.RegisterPayment(context.Background(), core.Payment{InvoiceID: d.id, Date: testbook.Today,
		Amount: core.FromOre(1000)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the details read again", func() bool { return len(shown) == 2 })
	if !d.d.Remaining().Principal.Equal(d.d.Invoice.Balance()) || d.d.Invoice.Paid.IsZero() {
		t.Errorf("the details were not read again after the payment: %+v", d.d.Invoice)
	}
}

func TestACustomerOpensWithTheirInvoicesAndCreditAndEachInvoiceOpensOverIt(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	inv := remindedAndPartPaid(t, book, core.ChannelLetter)
	book.Ledger(t, `INSERT INTO customer_credits (customer_id, date, amount_ore, source, external_key)
		VALUES (`+strconv.FormatInt(inv.CustomerID, 10)+`, '2026-03-10', 12500, 'bgmax.txt', 'k-1')`)
	m.selectTab(2)
	c := m.customers
	c.show()
	waitFor(t, "the customers", func() bool { return len(c.customers) == 3 })
	row := -1
	for i, cu := range c.customers {
		if cu.Number == "K1" {
			row = i
		}
	}
	m.Window.Canvas().Focus(c.table)
	c.table.Select(widget.TableCellID{Row: row, Col: 0})
	c.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	waitFor(t, "the customer's details", func() bool { return c.details != nil && c.details.loaded })
	d := c.details
	if !strings.Contains(d.contact.Text, "ekonomi@byggfog.se") || !strings.Contains(d.contact.Text, "Storgatan 1, 411 38 Göteborg") ||
		!strings.Contains(d.contact.Text, "Tillgodo att använda: 125,00\u00a0kr") {
		t.Errorf("contact says %q", d.contact.Text)
	}
	if len(d.d.Invoices) < 2 || len(d.d.Credit) != 1 {
		t.Fatalf("%d invoices, %d credit movements", len(d.d.Invoices), len(d.d.Credit))
	}
	i := -1
	for n, ci := range d.d.Invoices {
		if ci.ID == inv.ID {
			i = n
		}
	}
	d.invoices.Select(widget.TableCellID{Row: i, Col: 0})
	d.invoices.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitFor(t, "the invoice over the customer", func() bool { return d.opened != nil && d.opened.loaded })
	m.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.opened.closer.closed || d.closer.closed {
		t.Errorf("Esc closed the invoice %v and the customer %v; want the invoice only", d.opened.closer.closed, d.closer.closed)
	}
	m.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closer.closed {
		t.Errorf("the second Esc left the customer open")
	}
}

// A click on a row gives the table the keyboard, so Enter opens the row next; the
// search field, which had it, lets go.
func TestAClickOnARowThenEnterOpensIt(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	waitFor(t, "the first rows", func() bool { return rowOf(l, "10001") >= 0 })
	m.Window.Canvas().Focus(l.search)
	test.TapAt(l.table, rowPosition(2))
	if m.Window.Canvas().Focused() != l.table {
		t.Fatalf("after the click the keyboard is on %T, want the table", m.Window.Canvas().Focused())
	}
	l.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitFor(t, "the details", func() bool { return l.details != nil && l.details.loaded })
	if third, _ := l.invoiceAt(2); l.details.d.Invoice.ID != third.ID {
		t.Errorf("opened %s, want the clicked row's %s", l.details.d.Invoice.Number, third.Number)
	}
}

func TestTheWindowsInvoiceDetailsOfferTheCorrectionsThatApplyAndTheyActOnTheInvoiceShown(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openInvoiceRow(t, m, "10002")
	var labels []string
	var credit *widget.Button
	for _, o := range d.actionRow.Objects {
		b := o.(*widget.Button)
		labels = append(labels, b.Text)
		if b.Text == "Kreditera…" {
			credit = b
		}
	}
	// 10002 is open and nothing happened to it: no payment to undo, no costs to waive,
	// no pause to end; it can be paused.
	if want := []string{"Ändra fakturan…", "Kreditera…", "Ta bort fakturan…", "Använd tillgodo…", "Pausa…"}; !slices.Equal(labels, want) || credit == nil {
		t.Fatalf("the details offer %q, want %q", labels, want)
	}
	test.Tap(credit)
	waitFor(t, "the credit form for 10002", func() bool {
		for _, s := range topTexts(m) {
			if strings.Contains(s, "10002") {
				return true
			}
		}
		return false
	})
}
