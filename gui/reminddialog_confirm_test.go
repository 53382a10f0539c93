package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

// sendConfirmed presses Skicka påminnelser and then the confirmation's button.
func sendConfirmed(t *testing.T, d *remindDialog) {
	t.Helper()
	c := openConfirmation(t, d)
	test.Tap(c.confirmBtn)
}

// openConfirmation presses Skicka påminnelser and waits for the confirmation.
func openConfirmation(t *testing.T, d *remindDialog) *confirmation {
	t.Helper()
	test.Tap(d.sendBtn)
	waitFor(t, "the confirmation", func() bool { return d.confirm != nil })
	return d.confirm
}

// confirmationText is everything the confirmation shows, a line each.
func confirmationText(c *confirmation) string {
	return strings.Join(labelTexts(c.content), "\n")
}

// remindNow sends a manual reminder today for the invoices numbered so, through the
// service, so that they count as reminded within the last seven days.
func remindNow(t *testing.T, book testbook.Book, numbers ...string) {
	t.Helper()
	ctx := context.Background()
	all, err := book.Service.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range all {
		if contains(numbers, c.Invoice.Number) {
			ids = append(ids, c.Invoice.ID)
		}
	}
	if _, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids,
		IdempotencyKey: core.NewIdempotencyKey()}); err != nil {
		t.Fatal(err)
	}
}

func batchCount(t *testing.T, book testbook.Book) int {
	t.Helper()
	bs, err := book.Service.Batches(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(bs)
}

func TestSendShowsTheCountsByChannelAndTheTotalFromThePreviewAndSendsNothingYet(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	for i := range 3 { // K1 and K3 have e-mail addresses, K2 has none
		d.toggle(i, true)
	}
	d.email.SetChecked(true)
	d.interest.SetChecked(true)
	d.fee.SetChecked(true)
	settle()
	want, err := book.Service.PreviewReminders(context.Background(), d.request())
	if err != nil {
		t.Fatal(err)
	}
	c := openConfirmation(t, d)
	if n := batchCount(t, book); n != 0 {
		t.Fatalf("%d batches before confirming, want none", n)
	}
	shown := labelTexts(c.content)
	for _, s := range []string{"Fakturor", "3", "    Med e-post", "2", "    Som PDF-brev", "1", "Att kräva totalt",
		formatAmount(want.Totals.AmountDue), formatAmount(want.Totals.Interest), formatAmount(want.Totals.Fees),
		"1 saknar e-postadress och får ett brev i stället"} {
		if !contains(shown, s) {
			t.Errorf("the confirmation does not show %q: %q", s, shown)
		}
	}
	if c.amiliNote.Visible() {
		t.Error("the Amili note shows for manual reminders")
	}
	if m.Window.Canvas().Focused() != c.confirmBtn {
		t.Error("the confirm button does not have the keyboard")
	}
	test.Tap(c.confirmBtn)
	waitFor(t, "the send", func() bool { return d.sent })
	if n := batchCount(t, book); n != 1 {
		t.Errorf("%d batches after confirming, want 1", n)
	}
}

func TestBackAndEscReturnWithTheSelectionIntactAndEnterSendsUnderTheSameKey(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	d.toggle(0, true)
	d.toggle(2, true)
	order := append([]int64(nil), d.order...)
	steps := []struct {
		name  string
		leave func(c *confirmation)
	}{
		{"Tillbaka", func(c *confirmation) { test.Tap(c.backBtn) }},
		{"Esc on the focused button", func(c *confirmation) { c.confirmBtn.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }},
		{"Esc with nothing focused", func(c *confirmation) {
			m.Window.Canvas().Unfocus()
			m.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}},
	}
	for _, step := range steps {
		c := openConfirmation(t, d)
		step.leave(c)
		if d.confirm != nil || hasButton(m.Window.Canvas().Overlays().Top(), "Bekräfta och skicka") {
			t.Errorf("%s: the confirmation stays", step.name)
		}
		if d.closed || len(d.order) != 2 || d.order[0] != order[0] || d.order[1] != order[1] {
			t.Errorf("%s: dialog closed %v, selection %v, want %v", step.name, d.closed, d.order, order)
		}
		if d.sendBtn.Disabled() {
			t.Errorf("%s: Send stays disabled: %q", step.name, d.reason.Text)
		}
		if n := batchCount(t, book); n != 0 {
			t.Fatalf("%s: %d batches, want none", step.name, n)
		}
	}
	c := openConfirmation(t, d)
	c.confirmBtn.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitFor(t, "the send", func() bool { return d.sent })
	bs, err := book.Service.Batches(context.Background())
	if err != nil || len(bs) != 1 || bs[0].IdempotencyKey != d.key || bs[0].Count != 2 {
		t.Fatalf("batches %+v (%v), want one of 2 under the dialog's key %s", bs, err, d.key)
	}
}

func TestUnderAmiliTheConfirmationSaysTheInvoicesGoToAmiliForCollection(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Amili: true})
	d := openRemind(t, m)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	test.Tap(d.activateBtn)
	d.activation.submit()
	waitFor(t, "the activation", func() bool { return d.setup.amili.Activated })
	d.toggle(0, true) // K1's
	settle()
	c := openConfirmation(t, d)
	shown := confirmationText(c)
	for _, s := range []string{"Till Visma Amili", "Fakturorna lämnas till Visma Amili för inkasso"} {
		if !strings.Contains(shown, s) {
			t.Errorf("the confirmation does not say %q: %q", s, shown)
		}
	}
	if strings.Contains(shown, "Med e-post") || strings.Contains(shown, "Som PDF-brev") {
		t.Errorf("the confirmation names a channel Amili does not use: %q", shown)
	}
	if lines := labelTexts(c.content); contains(lines, "Ränta") || contains(lines, "Avgifter") {
		t.Errorf("the confirmation shows interest or fees, which Amili charges itself: %q", lines)
	}
}

func TestTheConfirmationNamesTheInvoicesRemindedInTheLastSevenDays(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	remindNow(t, book, "10002")
	d := openRemind(t, m)
	for i, c := range shownCandidates(t, d) {
		if c.Invoice.Number == "10002" || c.Invoice.Number == "10001" {
			d.toggle(i, true)
		}
	}
	c := openConfirmation(t, d)
	if want := "1 av dem påmindes de senaste 7 dagarna: 10002"; !contains(labelTexts(c.content), want) {
		t.Errorf("the confirmation does not warn %q: %q", want, confirmationText(c))
	}
}

func TestSelectAllLeavesOutTheRecentlyRemindedUnlessAsked(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Overdue: 6})
	remindNow(t, book, "10001", "10004")
	d := openRemind(t, m)
	test.Tap(d.selectAll)
	waitFor(t, "Select all", func() bool { return len(d.selected) > 0 })
	if len(d.selected) != 4 {
		t.Errorf("Select all ticked %d, want the 4 not reminded lately", len(d.selected))
	}
	if want := "Hoppade över 2: påminda de senaste 7 dagarna (2). Kryssa i ”Ta med nyligen påminda” för att ta med dem också."; d.notice.Text != want || !d.notice.Visible() {
		t.Errorf("notice %q (visible %v), want %q", d.notice.Text, d.notice.Visible(), want)
	}
	c := openConfirmation(t, d)
	if want := "Markera alla hoppade över 2"; !strings.Contains(confirmationText(c), want) {
		t.Errorf("the confirmation does not say %q: %q", want, confirmationText(c))
	}
	test.Tap(c.backBtn)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	d.typeRadio.SetSelected("Manuell påminnelse")
	if d.skipped.Skipped() != 0 {
		t.Error("what Select all skipped outlives a change of type")
	}

	test.Tap(d.withRecent)
	test.Tap(d.selectAll)
	waitFor(t, "Select all with the recent", func() bool { return len(d.selected) == 6 })
	if d.notice.Visible() {
		t.Errorf("a notice shows when Select all skipped nothing: %q", d.notice.Text)
	}
}

func TestUnderAmiliSelectAllSaysHowManyItSkippedAndWhy(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Amili: true, Overdue: 6}) // K3's two have no number
	d := openRemind(t, m)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	test.Tap(d.selectAll)
	waitFor(t, "Select all", func() bool { return len(d.selected) > 0 })
	if len(d.selected) != 4 {
		t.Errorf("Select all under Amili ticked %d, want 4", len(d.selected))
	}
	if want := "Hoppade över 2: saknar org./personnr, som Amili behöver (2)"; d.notice.Text != want {
		t.Errorf("notice %q, want %q", d.notice.Text, want)
	}
}

func TestSelectAllSaysSoWhenNothingCanBeSelected(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Overdue: 2})
	remindNow(t, book, "10001", "10002")
	d := openRemind(t, m)
	test.Tap(d.selectAll)
	waitFor(t, "Select all", func() bool { return d.notice.Visible() })
	if want := "Ingen faktura kan markeras: påminda de senaste 7 dagarna (2). Kryssa i ”Ta med nyligen påminda” för att ta med dem också."; d.notice.Text != want {
		t.Errorf("notice %q, want %q", d.notice.Text, want)
	}
	if len(d.selected) != 0 || !d.sendBtn.Disabled() {
		t.Errorf("%d selected, Send disabled %v", len(d.selected), d.sendBtn.Disabled())
	}
}
