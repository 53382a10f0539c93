package core_test

import (
	"os"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/letter"
	"paminn/data/mail"
	"paminn/data/mail/mailtest"
)

// Issue 22, "Stop when paid": a letter or e-mail still queued when its invoice was
// paid or credited is held back, shown as stopped with why, and never sent — here
// through a real mail server on loopback and the real letter channel.
func TestAQueuedReminderOfAPaidOrCreditedInvoiceIsHeldBackNeverSent(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New(), Mail: mail.NewSender(nil)})
	inbox := mailtest.Start(t, mailtest.Options{})
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.SMTP = inbox.Settings("faktura@exempel.se")
	set.LettersDir = t.TempDir()
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	byMail, byLetter := b.customer("K1", true, "kund@exempel.se"), b.customer("K2", true, "")
	paid := b.invoice("1001", byMail, "2026-10-27", 10000)
	credited := b.invoice("1002", byMail, "2026-10-27", 2000)
	partly := b.invoice("1003", byMail, "2026-10-27", 3000)
	untouched := b.invoice("1004", byMail, "2026-10-27", 4000)
	paidLetter := b.invoice("1005", byLetter, "2026-10-27", 5000)
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{paid.ID, credited.ID, partly.ID, untouched.ID, paidLetter.ID},
		ChargeFee:  true, ChargeInterest: true, Prefer: core.ChannelEmail, IdempotencyKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	// While the batch waits in the queue, the customers pay and one invoice is credited.
	for _, p := range []core.Payment{{InvoiceID: paid.ID, Amount: kr("10000")},
		{InvoiceID: partly.ID, Amount: kr("1000")}, {InvoiceID: paidLetter.ID, Amount: kr("5000")}} {
		if _, err := b.svc.RegisterPayment(b.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: credited.ID, Date: core.MustDate("2026-11-26"),
		Amount: kr("2000"), Reason: "Fel pris"}); err != nil {
		t.Fatal(err)
	}

	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 2 || rep.Stopped != 3 || rep.Failed != 0 {
		t.Fatalf("delivery report %+v (%v), want 2 sent and 3 stopped", rep, err)
	}
	if n := inbox.Count(); n != 2 {
		t.Errorf("the mail server received %d e-mails, want 2 (1003 and 1004)", n)
	}
	want := map[string]struct {
		state core.DeliveryState
		why   string
	}{
		"1001": {core.DeliveryStopped, "Held back: invoice 1001 was paid before the reminder went out"},
		"1002": {core.DeliveryStopped, "Held back: invoice 1002 was credited before the reminder went out"},
		"1003": {core.DeliverySent, ""},
		"1004": {core.DeliverySent, ""},
		"1005": {core.DeliveryStopped, "Held back: invoice 1005 was paid before the reminder went out"},
	}
	for _, r := range b.reminders(res.Batch.ID) {
		w := want[r.InvoiceNumber]
		if r.State != w.state || r.FailureMessage().Text() != w.why {
			t.Errorf("reminder of %s: %s %q, want %s %q", r.InvoiceNumber, r.State, r.FailureMessage().Text(), w.state, w.why)
		}
		if r.State == core.DeliveryStopped && r.ExternalRef != "" {
			t.Errorf("a stopped reminder of %s went somewhere: %q", r.InvoiceNumber, r.ExternalRef)
		}
	}
	if files, _ := os.ReadDir(set.LettersDir); len(files) != 0 {
		t.Errorf("the letters folder holds %d files, want none: the only letter was held back", len(files))
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed+rep.Stopped != 0 || inbox.Count() != 2 {
		t.Errorf("a second pass did something: %+v (%v), %d e-mails", rep, err, inbox.Count())
	}
	wantCode(t, b.svc.RetryReminder(b.ctx, b.reminders(res.Batch.ID)[0].ID), core.ECONFLICT)
}

func (b *book) reminders(batchID int64) []core.Reminder {
	b.t.Helper()
	rs, err := b.svc.BatchReminders(b.ctx, batchID)
	if err != nil {
		b.t.Fatal(err)
	}
	return rs
}

// A letter whose attempt never finished (the program was killed after claiming it)
// is judged again at the next start: its invoice paid meanwhile, it is held back,
// not written.
func TestALetterLeftSendingByAKilledProgramIsHeldBackWhenPaidMeanwhile(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	inv := b.invoice("3001", c, "2026-10-27", 1000)
	res := b.send(core.ReminderManual, inv)
	if _, err := b.store.ClaimDeliveries(b.ctx, b.clock.Now(), b.clock.Now(), 10, nil); err != nil { // killed here
		t.Fatal(err)
	}
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: kr("1000")}); err != nil {
		t.Fatal(err)
	}
	b.clock.advance(time.Minute)
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Stopped != 1 || rep.Sent != 0 {
		t.Fatalf("delivery %+v (%v), want 1 stopped", rep, err)
	}
	if r := b.reminders(res.Batch.ID)[0]; r.State != core.DeliveryStopped || r.Attempts != 2 {
		t.Errorf("reminder %s after %d attempts, want stopped after 2", r.State, r.Attempts)
	}
	if files, _ := os.ReadDir(b.letters); len(files) != 0 {
		t.Errorf("%d letters written, want none", len(files))
	}
}

// A letter queued for an invoice the customer then disputes is held back with the
// reason, never written (issue 22: paused, as the list shows it).
func TestAQueuedLetterOfAnInvoicePausedMeanwhileIsHeldBack(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New()})
	set := b.lettersInto(t.TempDir())
	inv := b.invoice("1006", b.customer("K3", true, ""), "2026-10-27", 6000)
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ChargeFee: true, Prefer: core.ChannelLetter, IdempotencyKey: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute}); err != nil {
		t.Fatal(err)
	}
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 0 || rep.Stopped != 1 {
		t.Fatalf("delivery report %+v (%v), want the letter stopped", rep, err)
	}
	rs := b.reminders(res.Batch.ID)
	if want := "Held back: invoice 1006 is paused (Disputed)"; len(rs) != 1 || rs[0].State != core.DeliveryStopped ||
		rs[0].FailureMessage().Text() != want {
		t.Errorf("reminders %+v, want one stopped: %q", rs, want)
	}
	if files, _ := os.ReadDir(set.LettersDir); len(files) != 0 {
		t.Errorf("a held-back letter was written: %v", files)
	}
}

// A reminder never sent charges nothing (lag 1981:739 2 §: the fee is for a written
// reminder; core/RULES.md "Held back"): what a held-back reminder charged and is still
// open is withdrawn by a waiver with the program's reason, in the transaction that
// stops it, and the next reminder charges its fee as if the held-back one had never
// been made.
func TestAHeldBackRemindersChargesAreWithdrawnAndChargedAgainByTheNext(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New()})
	b.lettersInto(t.TempDir())
	inv := b.invoice("1007", b.customer("K4", true, ""), "2026-10-27", 6000)
	if _, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ChargeFee: true, ChargeInterest: true, Prefer: core.ChannelLetter, IdempotencyKey: "held"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute}); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Stopped != 1 {
		t.Fatalf("delivery report %+v (%v), want the letter stopped", rep, err)
	}
	claim, err := b.svc.InvoiceClaim(b.ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !claim.Charges().IsZero() || !claim.Principal.Equal(kr("6000")) { // Parts of the open claim
		t.Errorf("after the held-back reminder the claim is %+v, want the invoice's 6000 and no charges", claim)
	}
	entries, err := b.store.ClaimEntries(b.ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := entries[len(entries)-1]; last.Kind != core.EntryWaiver || last.Reason != core.HeldBackWithdrawal ||
		!last.Parts.Fee.Equal(kr("-60")) {
		t.Errorf("the last entry is %+v, want the withdrawal of the 60 kr fee", last)
	}
	if err := b.svc.Unpause(b.ctx, inv.ID, 0); err != nil {
		t.Fatal(err)
	}
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ChargeFee: true, ChargeInterest: true, Prefer: core.ChannelLetter, IdempotencyKey: "again"})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Reminders[0]; !r.Fee.Equal(kr("60")) || !r.InterestBefore.IsZero() || !r.EarlierCharges.IsZero() {
		t.Errorf("the next reminder: fee %s, interest stated before %s, earlier charges %s; want 60, 0, 0",
			r.Fee, r.InterestBefore, r.EarlierCharges)
	}
}

// lettersInto makes the book write its letters into dir, and returns its settings.
func (b *book) lettersInto(dir string) core.Settings {
	b.t.Helper()
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	set.LettersDir = dir
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		b.t.Fatal(err)
	}
	return set
}
