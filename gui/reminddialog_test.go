package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
	"paminn/data/testbook"
)

func TestTheRadioSwitchDisablesAndEnablesTheManualChecks(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	if d.typeRadio.Selected != "Manuell påminnelse" {
		t.Fatalf("preselected type = %q, want manual before activation", d.typeRadio.Selected)
	}
	checks := map[string]interface{ Disabled() bool }{"interest": d.interest, "fee": d.fee, "email": d.email}
	for name, c := range checks {
		if c.Disabled() {
			t.Errorf("%s is disabled under manual", name)
		}
	}
	if d.amiliNote.Visible() {
		t.Error("the Amili note shows under manual")
	}

	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	for name, c := range checks {
		if !c.Disabled() {
			t.Errorf("%s is enabled under Amili", name)
		}
	}
	if !d.amiliNote.Visible() || d.amiliNote.Text != "Amili hanterar ränta, avgift och utskick enligt gällande regler" {
		t.Errorf("Amili note visible=%v text=%q", d.amiliNote.Visible(), d.amiliNote.Text)
	}

	d.typeRadio.SetSelected("Manuell påminnelse")
	for name, c := range checks {
		if c.Disabled() {
			t.Errorf("%s stays disabled after switching back to manual", name)
		}
	}
}

func TestTheOptionsShowTheRateAndTheFee(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	rate, err := book.Service.InterestRateToday(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := "Debitera dröjsmålsränta (" + core.FormatPercent(rate.Rate) + ")"
	if d.interest.Text != want {
		t.Errorf("interest label = %q, want %q", d.interest.Text, want)
	}
	if want := "Ta ut påminnelseavgift (60,00\u00a0kr, där kunden har godkänt avgift)"; d.fee.Text != want {
		t.Errorf("fee label = %q, want %q", d.fee.Text, want)
	}
}

func TestTheCounterCountsAndRefusesThe201st(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 205})
	d := openRemind(t, m)
	cands := shownCandidates(t, d)
	if len(cands) != 205 || d.count.Count != 205 {
		t.Fatalf("%d candidates shown, %d counted, want 205", len(cands), d.count.Count)
	}
	if d.counter.Text != "0 av 200 valda" {
		t.Errorf("counter = %q", d.counter.Text)
	}
	for i := 0; i < core.MaxBatch; i++ {
		d.toggle(i, true)
	}
	if d.counter.Text != "200 av 200 valda" {
		t.Errorf("counter = %q after 200 ticks", d.counter.Text)
	}
	d.toggle(core.MaxBatch, true)
	if len(d.selected) != core.MaxBatch || d.selected[cands[core.MaxBatch].Invoice.ID] {
		t.Errorf("the 201st tick was taken: %d selected", len(d.selected))
	}
	if d.counter.Text != "200 av 200 valda" {
		t.Errorf("counter = %q after the refused tick", d.counter.Text)
	}
	if want := "Du kan markera upp till 200 fakturor åt gången"; d.notice.Text != want || !d.notice.Visible() {
		t.Errorf("notice = %q (visible %v), want %q", d.notice.Text, d.notice.Visible(), want)
	}
	d.toggle(0, false)
	if d.counter.Text != "199 av 200 valda" {
		t.Errorf("counter = %q after unticking one", d.counter.Text)
	}
}

func TestSelectAllTakesTheFirst200InTheOrderShown(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Overdue: 205})
	d := openRemind(t, m)
	cands := shownCandidates(t, d)
	test.Tap(d.selectAll)
	waitFor(t, "Select all", func() bool { return len(d.selected) > 0 })
	if d.counter.Text != "200 av 200 valda" {
		t.Errorf("counter = %q", d.counter.Text)
	}
	if d.notice.Text != "De 200 första är markerade" {
		t.Errorf("notice = %q", d.notice.Text)
	}
	for i, c := range cands {
		if d.selected[c.Invoice.ID] != (i < core.MaxBatch) {
			t.Fatalf("candidate %d (invoice %s) selected = %v", i, c.Invoice.Number, d.selected[c.Invoice.ID])
		}
	}
	test.Tap(d.clearAll)
	if d.counter.Text != "0 av 200 valda" || len(d.selected) != 0 {
		t.Errorf("after deselect all: counter %q, %d selected", d.counter.Text, len(d.selected))
	}
}

func TestUnderAmiliTheInvoicesAmiliCannotTakeCannotBeTicked(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Amili: true})
	d := openRemind(t, m)
	cands := shownCandidates(t, d)
	bad := -1
	for i, c := range cands {
		if _, blocked := c.ProblemFor(core.ReminderAmili); blocked {
			bad = i
		}
	}
	if bad < 0 {
		t.Fatal("the test book has no candidate Amili cannot take")
	}
	d.toggle(bad, true)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	waitFor(t, "the selection's totals", func() bool { return !d.selected[cands[bad].Invoice.ID] })
	if d.selected[cands[bad].Invoice.ID] {
		t.Error("switching to Amili kept an invoice Amili cannot take")
	}
	d.toggle(bad, true)
	if len(d.selected) != 0 {
		t.Errorf("ticked an invoice Amili cannot take")
	}
	c := cands[bad]
	if note, _ := d.noteText(c); note != "Saknar org./personnr, som Amili behöver" {
		t.Errorf("the row's note is %q", note)
	}
	if want := tr("Invoice {{.Number}}: the customer has no organisation or personal number, which Amili needs",
		map[string]any{"Number": c.Invoice.Number}); d.notice.Text != want {
		t.Errorf("notice %q, want the full reason %q", d.notice.Text, want)
	}
}

func TestTheInfoBarShowsUntilAmiliIsActivatedThenGoes(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Amili: true})
	d := openRemind(t, m)
	if d.infoBar.Visible() {
		t.Error("the info bar shows under manual")
	}
	d.toggle(0, true)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	if !d.infoBar.Visible() {
		t.Fatal("the info bar is hidden under Amili before activation")
	}

	test.Tap(d.activateBtn)
	if d.activation == nil {
		t.Fatal("Aktivera Amili opened no form")
	}
	d.activation.submit() // the form comes prefilled with the sandbox's details
	waitFor(t, "the activation", func() bool { return d.setup.amili.Activated })

	if d.infoBar.Visible() {
		t.Error("the info bar stays after activation")
	}
	if d.typ != core.ReminderAmili || len(d.selected) != 1 {
		t.Errorf("after activation: type %s, %d selected; the user's choices were lost", d.typ, len(d.selected))
	}
	if d.sendBtn.Disabled() {
		t.Errorf("Send is disabled after activation: %q", d.reason.Text)
	}
	st, err := book.Service.AmiliStatus(context.Background())
	if err != nil || !st.Activated {
		t.Errorf("the service says activated=%v (%v)", st.Activated, err)
	}
}

func TestAFailedActivationChangesNothing(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Amili: true})
	d := openRemind(t, m)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	test.Tap(d.activateBtn)
	d.activation.form.Items[1].Widget.(interface{ SetText(string) }).SetText("") // no creditor ID
	d.activation.submit()
	settle()
	if d.setup.amili.Activated || !d.infoBar.Visible() {
		t.Error("a failed activation hid the info bar")
	}
	if top := m.Window.Canvas().Overlays().Top(); top == nil || !contains(labelTexts(top), "Ange ditt borgenärs-id hos Amili") {
		t.Errorf("the error is not shown in plain Swedish: %v", labelTexts(top))
	}
}

func TestSendIsDisabledWithTheReasonVisible(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{Amili: true})
	d := openRemind(t, m)
	if !d.sendBtn.Disabled() || d.reason.Text != "Markera minst en faktura för att skicka" || !d.reason.Visible() {
		t.Errorf("with nothing ticked: disabled=%v reason=%q", d.sendBtn.Disabled(), d.reason.Text)
	}
	d.toggle(0, true)
	if d.sendBtn.Disabled() || d.reason.Text != "" {
		t.Errorf("with one ticked under manual: disabled=%v reason=%q", d.sendBtn.Disabled(), d.reason.Text)
	}
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	if !d.sendBtn.Disabled() || d.reason.Text != "Aktivera Amili först (knappen överst)" {
		t.Errorf("under Amili before activation: disabled=%v reason=%q", d.sendBtn.Disabled(), d.reason.Text)
	}
}

func TestSendingManuallyMarksTheInvoiceRemindedInTheList(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	number := shownCandidates(t, d)[0].Invoice.Number
	d.toggle(0, true)
	sendConfirmed(t, d)
	if !d.sendBtn.Disabled() || !d.progress.Visible() {
		t.Error("Send stays enabled, or shows no progress, while sending")
	}
	waitFor(t, "the send", func() bool { return d.sent })
	waitFor(t, "the list to show Påmind", func() bool {
		row := rowOf(m.invoices, number)
		return row >= 0 && statusText(m.invoices, row) == "Påmind"
	})
	if !contains(labelTexts(m.invoices.table), "Påmind") {
		t.Errorf("the table does not render Påmind: %v", labelTexts(m.invoices.table))
	}
	if !d.closed {
		t.Error("the dialog stays open after sending")
	}
	if top := m.Window.Canvas().Overlays().Top(); top == nil || !contains(labelTexts(top), "Påminnelser skapade") {
		t.Errorf("no summary after sending: %v", labelTexts(top))
	}
	bs, err := book.Service.Batches(context.Background())
	if err != nil || len(bs) != 1 || bs[0].Count != 1 {
		t.Fatalf("batches %+v, %v", bs, err)
	}
}

func TestSendingViaAmiliMarksTheInvoiceWithAmili(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Amili: true})
	d := openRemind(t, m)
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	test.Tap(d.activateBtn)
	d.activation.submit()
	waitFor(t, "the activation", func() bool { return d.setup.amili.Activated })
	i := firstCandidate(t, d, func(c core.Candidate) bool { _, blocked := c.ProblemFor(core.ReminderAmili); return !blocked })
	number := shownCandidates(t, d)[i].Invoice.Number
	d.toggle(i, true)
	sendConfirmed(t, d)
	waitFor(t, "the list to show Hos Amili", func() bool {
		row := rowOf(m.invoices, number)
		return row >= 0 && statusText(m.invoices, row) == "Hos Amili"
	})
	if _, err := book.Service.DeliverPending(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the status line to show the case reference", func() bool {
		row := rowOf(m.invoices, number)
		if row < 0 {
			return false
		}
		m.invoices.table.Select(widget.TableCellID{Row: row, Col: 0})
		return strings.Contains(m.invoices.detail.Text, "Amili-ärende "+book.Sandbox.Cases()[0].ID)
	})
	m.Window.Canvas().Overlays().Top().(interface{ Hide() }).Hide()
	if d2 := openRemind(t, m); d2.typ != core.ReminderAmili {
		t.Errorf("after activation the dialog preselects %s, want Amili", d2.typ)
	}
}

func TestADoubleSendCreatesOneBatch(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	d.toggle(0, true)
	d.toggle(1, true)
	test.Tap(d.sendBtn)
	test.Tap(d.sendBtn) // the second click of a double click opens no second confirmation
	waitFor(t, "the confirmation", func() bool { return d.confirm != nil })
	c := d.confirm
	test.Tap(c.confirmBtn)
	test.Tap(c.confirmBtn) // the second click of a double click
	d.sending = false      // and a press that got past the button: the key still holds
	d.send(c.req)
	waitFor(t, "the send", func() bool { return d.sent })
	settle()
	bs, err := book.Service.Batches(context.Background())
	if err != nil || len(bs) != 1 {
		t.Fatalf("%d batches (%v), want 1", len(bs), err)
	}
}

func TestSpaceTicksTheFocusedRowAndEscCloses(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	if m.Window.Canvas().Focused() != d.list {
		t.Error("the list does not have the keyboard when the dialog opens")
	}
	d.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	d.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	d.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(d.selected) != 2 {
		t.Errorf("%d selected after Space, Down, Space; want 2", len(d.selected))
	}
	d.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(d.selected) != 1 {
		t.Errorf("%d selected after a second Space on the same row; want 1", len(d.selected))
	}
	d.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !d.closed {
		t.Error("Esc did not close the dialog")
	}
}

func TestTheTotalsFollowTheChecksAndTheType(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	i := firstCandidate(t, d, func(c core.Candidate) bool { return c.Customer.FeeAgreed })
	c := shownCandidates(t, d)[i]
	d.toggle(i, true)
	d.interest.SetChecked(true)
	d.fee.SetChecked(true)
	settle()
	want := lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · To be reminded {{.Total}}", map[string]any{
		"Balance": formatAmount(c.Invoice.Balance()), "Interest": formatAmount(c.Interest), "Fees": formatAmount(c.Fee),
		"Total": formatAmount(c.Invoice.Balance().Add(c.Interest).Add(c.Fee))})
	if d.totals.Text != want {
		t.Errorf("totals = %q, want %q", d.totals.Text, want)
	}
	d.typeRadio.SetSelected("Skicka påminnelse via Amili")
	settle()
	zero := formatAmount(c.Fee.Sub(c.Fee))
	want = lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · To be reminded {{.Total}}", map[string]any{
		"Balance": formatAmount(c.Invoice.Balance()), "Interest": zero, "Fees": zero, "Total": formatAmount(c.Invoice.Balance())})
	if d.totals.Text != want {
		t.Errorf("totals under Amili = %q, want %q", d.totals.Text, want)
	}
}

// shownCandidates returns every candidate the dialog lists, in the order shown,
// waiting for each page as the table would when scrolled to it.
func shownCandidates(t *testing.T, d *remindDialog) []core.Candidate {
	t.Helper()
	var cs []core.Candidate
	for row := 0; row < d.count.Count; row++ {
		var c core.Candidate
		waitFor(t, "a page of candidates", func() bool {
			var ok bool
			c, ok = d.candidateAt(row)
			return ok
		})
		cs = append(cs, c)
	}
	return cs
}

// firstCandidate returns the index of the first candidate that ok accepts.
func firstCandidate(t *testing.T, d *remindDialog, ok func(core.Candidate) bool) int {
	t.Helper()
	for i, c := range shownCandidates(t, d) {
		if ok(c) {
			return i
		}
	}
	t.Fatal("no such candidate in the test book")
	return -1
}

func TestTheSummarySaysWhoGetsALetterInsteadOfAnEmail(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	d := openRemind(t, m)
	for i, c := range shownCandidates(t, d) {
		if c.Customer.Email == "" {
			d.toggle(i, true)
		}
	}
	d.email.SetChecked(true)
	sendConfirmed(t, d)
	waitFor(t, "the send", func() bool { return d.sent })
	top := m.Window.Canvas().Overlays().Top()
	shown := strings.Join(labelTexts(top), "\n")
	if !strings.Contains(shown, "Kunder utan e-postadress får ett brev i stället.") {
		t.Errorf("the summary does not say who gets a letter: %q", shown)
	}
	if !hasButton(top, "Öppna brevmappen") {
		t.Error("the summary offers no way to open the letters folder")
	}
}

// hasButton reports whether a visible button with that text is under o.
func hasButton(o fyne.CanvasObject, text string) bool {
	if o == nil || !o.Visible() {
		return false
	}
	switch x := o.(type) {
	case *widget.Button:
		return x.Text == text
	case *keyButton:
		return x.Text == text
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(x).Objects() {
			if hasButton(child, text) {
				return true
			}
		}
	case *fyne.Container:
		for _, child := range x.Objects {
			if hasButton(child, text) {
				return true
			}
		}
	}
	return false
}

// Issue 25, point 10: before a manual batch is sent, the user is told which names its
// letters cannot print, and may still cancel; the warning follows the confirmation.
func TestSendingWarnsOfNamesTheLettersCannotPrint(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Letters: true})
	d := openRemind(t, m)
	c := shownCandidates(t, d)[0]
	customers, err := book.Service.Customers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, customer := range customers {
		if customer.ID == c.Invoice.CustomerID {
			customer.Name = "山田太郎"
			if _, err := book.Service.SaveCustomer(context.Background(), customer); err != nil {
				t.Fatal(err)
			}
		}
	}
	d.toggle(0, true)

	sendConfirmed(t, d)
	waitFor(t, "the warning", func() bool { return d.unprintable != nil })
	top := m.Window.Canvas().Overlays().Top()
	texts := strings.Join(labelTexts(top), "\n")
	if !strings.Contains(texts, "Faktura "+c.Invoice.Number+": 山田太郎") || !strings.Contains(texts, "Vissa namn kan inte skrivas ut") {
		t.Errorf("the warning does not name the invoice and the name: %s", texts)
	}
	if !d.sendBtn.Disabled() {
		t.Error("Send is enabled while the warning is open")
	}
	tapButton(t, top, "Avbryt")
	waitFor(t, "the dialog to be ready again", func() bool { return !d.sending })
	if bs, err := book.Service.Batches(context.Background()); err != nil || len(bs) != 0 {
		t.Fatalf("%d batches after Cancel (%v), want none", len(bs), err)
	}
	if d.sendBtn.Disabled() {
		t.Errorf("Send stays disabled after Cancel: %q", d.reason.Text)
	}

	d.unprintable = nil
	sendConfirmed(t, d)
	waitFor(t, "the warning again", func() bool { return d.unprintable != nil })
	tapButton(t, m.Window.Canvas().Overlays().Top(), "Skicka ändå")
	waitFor(t, "the send", func() bool { return d.sent })
	if bs, err := book.Service.Batches(context.Background()); err != nil || len(bs) != 1 {
		t.Fatalf("%d batches after Send anyway (%v), want 1", len(bs), err)
	}
}
