package gui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

func TestTheListShowsTheBookInSwedishFormat(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	// 5 overdue, 1 not yet due, 1 paid.
	if want := "7 fakturor · 5 förfallna · 5\u00a0100,00\u00a0kr förfallet totalt"; l.footer.Text != want {
		t.Errorf("footer = %q, want %q", l.footer.Text, want)
	}
	row := l.rowTexts(rowOf(l, "10001"))
	want := []string{"10001", "Bygg & Fog AB", "2026-02-09", "2026-03-11", "1\u00a0000,00\u00a0kr", "1\u00a0000,00\u00a0kr", "Förfallen", "–", "–",
		"Påminnelse 1 den 2026-03-21"}
	if strings.Join(row, "|") != strings.Join(want, "|") {
		t.Errorf("row of 10001 = %q, want %q", row, want)
	}
	if got := statusText(l, rowOf(l, "20002")); got != "Betald" {
		t.Errorf("the paid invoice shows %q", got)
	}
	if got := statusText(l, rowOf(l, "20001")); got != "Obetald" {
		t.Errorf("the invoice not yet due shows %q", got)
	}
	if texts := labelTexts(m.Window.Content()); !contains(texts, "Förfallen") || !contains(texts, "10001") {
		t.Errorf("the table does not render the rows: %v", texts)
	}
}

func TestClickingAHeaderSortsAndClickingAgainReverses(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	h := newSortHeader()
	l.table.UpdateHeader(widget.TableCellID{Row: -1, Col: columnOf(l.columns.cols, "Invoice no.")}, h)
	header := h.button
	test.Tap(header)
	waitFor(t, "the list sorted by number", func() bool { return l.loaded && l.query.Sort == core.SortNumber })
	if first := l.rowTexts(0)[0]; first != "10001" {
		t.Errorf("first row after sorting by number = %s", first)
	}
	test.Tap(header)
	waitFor(t, "the list sorted by number, descending", func() bool { return l.loaded && l.query.Desc })
	if first := l.rowTexts(0)[0]; first != "20002" {
		t.Errorf("first row after reversing = %s", first)
	}
}

func TestSearchAndFilterNarrowTheList(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	test.Type(l.search, "Anna")
	waitFor(t, "the search", func() bool { return l.loaded && l.totals.Count == 3 })
	test.Type(l.search, "xyz")
	waitFor(t, "an empty search", func() bool { return l.loaded && l.totals.Count == 0 })
	l.search.SetText("")
	l.filter.SetSelected("Betalda")
	waitFor(t, "the paid filter", func() bool { return l.loaded && l.totals.Count == 1 })
	if l.rowTexts(0)[0] != "20002" {
		t.Errorf("the paid filter shows %v", l.rowTexts(0))
	}
}

func TestCtrlFFocusesTheSearchAndCtrlROpensTheDialog(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	c := m.Window.Canvas().(fyne.Shortcutable)
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if m.Window.Canvas().Focused() != m.invoices.search {
		t.Error("Ctrl+F does not focus the search")
	}
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	if m.remind == nil {
		t.Fatal("Ctrl+R opens no dialog")
	}
	waitFor(t, "the candidates", func() bool { return m.remind.loaded })
}

func TestRegisteringAPaymentUpdatesTheRow(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	l := m.invoices
	row := rowOf(l, "10001")
	l.table.Select(widget.TableCellID{Row: row, Col: 1})
	if l.payBtn.Disabled() {
		t.Fatal("Register payment stays disabled with a row selected")
	}
	inv, err := book.Service.Invoice(context.Background(), l.selID)
	if err != nil {
		t.Fatal(err)
	}
	claim, err := book.Service.InvoiceClaim(context.Background(), inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	f := showPaymentForm(book.Service, m.Window, inv, claim, func(core.Invoice) { l.reload() })
	if top := m.Window.Canvas().Overlays().Top(); !contains(labelTexts(top), "Faktura 10001, Bygg & Fog AB – kvar att betala 1\u00a0000,00\u00a0kr") {
		t.Errorf("the payment form says %v", labelTexts(top))
	}
	f.submit() // the amount comes prefilled with the balance
	waitFor(t, "the row to show Betald", func() bool {
		r := rowOf(l, "10001")
		return r >= 0 && statusText(l, r) == "Betald"
	})
}

func TestErrorsAreShownInSwedish(t *testing.T) {
	err := core.Errorf(core.EINVALID, "The reminder fee may be at most 60 kr", nil)
	if got := errorText(err); got != "Påminnelseavgiften får vara högst 60 kr" {
		t.Errorf("errorText = %q", got)
	}
	err = core.Wrap(errors.New("disk"), core.EUNAVAILABLE, "Invoice {{.ID}} does not exist", map[string]any{"ID": 7})
	if got := errorText(err); got != "Faktura 7 finns inte" {
		t.Errorf("errorText = %q", got)
	}
	imp := &core.ImportError{Rows: []core.RowError{{Line: 3, Message: "Unknown customer number {{.Customer}}", Data: map[string]any{"Customer": "K9"}}}}
	err = core.Wrap(imp, core.EINVALID, "{{.Count}} rows have errors; nothing was imported", map[string]any{"Count": 1})
	want := "Rader med fel: 1; inget importerades\n\nRad 3: Okänt kundnummer K9"
	if got := errorText(err); got != want {
		t.Errorf("errorText = %q, want %q", got, want)
	}
	if got := errorText(errors.New("boom")); got != "Ett oväntat fel inträffade" {
		t.Errorf("a plain error reads %q", got)
	}
}

func TestEveryEnglishTextHasASwedishTranslation(t *testing.T) {
	sv, en := translationFile(t, "sv.json"), translationFile(t, "en.json")
	for key := range en {
		if sv[key] == "" {
			t.Errorf("no Swedish for %q", key)
		}
	}
}

func TestASettingsFeeOver60IsRefusedInPlainWords(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	s := m.settings
	waitFor(t, "the settings", func() bool { return s.fee.Text != "" })
	s.fee.SetText("75")
	test.Tap(s.saveBtn)
	waitFor(t, "the error", func() bool {
		top := m.Window.Canvas().Overlays().Top()
		return top != nil && contains(labelTexts(top), "Påminnelseavgiften får vara högst 60 kr")
	})
	set, err := book.Service.Settings(context.Background())
	if err != nil || set.ReminderFee.IntPart() != 60 {
		t.Errorf("the fee became %v (%v)", set.ReminderFee, err)
	}
}

func TestFormatIntGroupsThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1\u00a0000", 100000: "100\u00a0000", -1234567: "-1\u00a0234\u00a0567"} {
		if got := formatInt(n); got != want {
			t.Errorf("formatInt(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTypingSearchesOnceWhenTypingPauses(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	before := l.gen
	test.Type(l.search, "Anna")
	if l.gen != before {
		t.Fatalf("a search started while typing (%d queries)", l.gen-before)
	}
	waitFor(t, "the search", func() bool { return l.loaded && l.totals.Count == 3 })
	settle()
	if l.gen != before+1 {
		t.Errorf("typing four letters made %d searches, want 1", l.gen-before)
	}
}

func TestOnlyTheFirstPageCountsTheTotals(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	l := m.invoices
	if q := l.pageQuery(0); q.SkipTotals || q.Offset != 0 {
		t.Errorf("first page %+v, want the totals", q)
	}
	if q := l.pageQuery(3); !q.SkipTotals || q.Offset != 3*core.DefaultPageSize || q.Limit != core.DefaultPageSize {
		t.Errorf("fourth page %+v, want rows 300–399 without the totals", q)
	}
}

func TestTheSearchFieldIsWideEnoughForItsHintAtTheDefaultWindowSize(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	m.Window.Resize(defaultWindowSize)
	s := m.invoices.search
	hint := fyne.MeasureText(s.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if s.Size().Width < hint {
		t.Errorf("the search field is %.0f wide at %v, its hint needs %.0f", s.Size().Width, defaultWindowSize, hint)
	}
}

// Issue 20: a reminder's costs stay in the claim after the invoice amount is paid. The
// row shows "Avgifter kvar" and the claim in its balance column, the status line the
// costs, the footer counts them, and their filter lists the invoice; Betalda does not.
func TestPaidPrincipalWithCostsLeftShowsCostsRemain(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	l := m.invoices
	ctx := context.Background()
	inv, err := book.Service.Invoice(ctx, l.invoiceIDOf(t, "10001"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ChargeFee: true, Prefer: core.ChannelLetter, IdempotencyKey: "costs"}); err != nil {
		t.Fatal(err)
	}
	// The owner applies payments to the invoice amount first (costs first, the default,
	// would leave part of the invoice amount open instead).
	set, err := book.Service.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.PaymentOrder = core.PayPrincipalFirst
	if err := book.Service.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if _, err := book.Service.RegisterPayment(ctx, core.Payment{InvoiceID: inv.ID, Amount: inv.Total}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the row to show Avgifter kvar", func() bool {
		r := rowOf(l, "10001")
		return r >= 0 && statusText(l, r) == "Avgifter kvar"
	})
	if got := l.rowTexts(rowOf(l, "10001"))[columnOf(l.columns.cols, "Balance")]; got != "60,00\u00a0kr" {
		t.Errorf("the balance column shows %q, want the fee left", got)
	}
	if !strings.Contains(l.footer.Text, "1 med avgifter kvar: 60,00\u00a0kr") {
		t.Errorf("footer = %q", l.footer.Text)
	}
	l.table.Select(widget.TableCellID{Row: rowOf(l, "10001"), Col: 1})
	if !strings.Contains(l.detail.Text, "Obetalda avgifter och ränta: 60,00\u00a0kr") {
		t.Errorf("the status line says %q", l.detail.Text)
	}
	l.filter.SetSelected("Avgifter kvar")
	waitFor(t, "the costs-remaining filter", func() bool { return l.loaded && l.totals.Count == 1 })
	if l.rowTexts(0)[0] != "10001" {
		t.Errorf("the costs-remaining filter shows %v", l.rowTexts(0))
	}
	l.filter.SetSelected("Betalda")
	waitFor(t, "the paid filter", func() bool { return l.loaded && l.query.Filter == core.FilterPaid })
	for r := range l.totals.Count {
		if l.rowTexts(r)[0] == "10001" {
			t.Error("the paid filter lists an invoice whose costs remain")
		}
	}
}

// invoiceIDOf is the ID of the listed invoice with that number.
func (l *invoiceList) invoiceIDOf(t *testing.T, number string) int64 {
	t.Helper()
	inv, ok := l.invoiceAt(rowOf(l, number))
	if !ok {
		t.Fatalf("invoice %s is not listed", number)
	}
	return inv.ID
}
