package core_test

import (
	"testing"

	"paminn/core"
	"paminn/data/amili"
	"paminn/data/letter"
	mailer "paminn/data/mail"
	"paminn/data/mail/mailtest"
	"paminn/data/secret"
)

// Several desktops on one book (issue 24): each a Service of its own on the one
// store, with its own password store, as two computers have.

// desktop is a Service on b's store with secrets of its own, on a shared book or not.
func desktop(b *book, clock core.Clock, secrets core.Secrets, shared bool, letters string) *core.Service {
	client := amili.NewClient()
	client.Secrets = secrets
	return core.NewService(b.store, core.Options{Clock: clock, LettersDir: letters, Secrets: secrets, SharedBook: shared,
		Channels: core.Channels{Letter: letter.New(), Mail: mailer.NewSender(secrets), Amili: client}})
}

// A desktop without the SMTP password writes the letters and leaves the e-mails in
// the queue, untouched, for a desktop that has it, and says so; that one sends them.
// On a book of its own the same desktop tries them and says why they failed.
func TestOnASharedBookADesktopWithoutTheSMTPPasswordLeavesTheEmails(t *testing.T) {
	for _, shared := range []bool{true, false} {
		b := newCombinedBook(t)
		b.inbox = mailtest.Start(t, mailtest.Options{User: "faktura", Password: "hemligt"})
		set, _ := b.svc.Settings(b.ctx)
		set.SMTP = b.inbox.Settings("faktura@exempel.se")
		if err := b.svc.SaveSettings(b.ctx, set); err != nil {
			t.Fatal(err)
		}
		res := b.sendPerCustomer(b.invoice("1001", b.customer("K1", true, "kund@exempel.se"), "2026-10-20", 1000),
			b.invoice("2001", b.customer("K2", true, ""), "2026-10-27", 500))
		without := desktop(b.book, b.clock, &secret.Memory{}, shared, b.letters)
		rep, err := without.DeliverPending(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		left, err := without.LeftForOthers(b.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !shared {
			if rep.Sent != 1 || rep.Failed != 1 || left.Any() {
				t.Errorf("on a book of its own: %+v, left %+v; want the letter sent, the e-mail failed, nothing left", rep, left)
			}
			continue
		}
		if rep.Sent != 1 || rep.Failed != 0 || b.inbox.Count() != 0 || !left.Email || left.Amili {
			t.Fatalf("without the password: %+v, %d e-mails, left %+v; want the letter alone sent, the e-mail left", rep, b.inbox.Count(), left)
		}
		for _, r := range b.reminders(res.Batch.ID) {
			if r.Channel == core.ChannelEmail && (r.State != core.DeliveryPending || r.Attempts != 0) {
				t.Errorf("the e-mail left for another desktop is %s after %d attempts, want pending, none", r.State, r.Attempts)
			}
		}
		with := &secret.Memory{}
		if err := with.Set(core.SMTPPasswordKey, "hemligt"); err != nil {
			t.Fatal(err)
		}
		other := desktop(b.book, b.clock, with, true, b.letters)
		if left, _ := other.LeftForOthers(b.ctx); left.Any() {
			t.Errorf("the desktop with the password leaves %+v", left)
		}
		if rep, err := other.DeliverPending(b.ctx); err != nil || rep.Sent != 1 || b.inbox.Count() != 1 {
			t.Errorf("with the password: %+v (%v), %d e-mails; want the e-mail sent", rep, err, b.inbox.Count())
		}
	}
}

// A desktop without the Amili key leaves the hand-overs and the reports to Amili for
// a desktop that has it, and says so; that one sends them.
func TestOnASharedBookADesktopWithoutTheAmiliKeyLeavesAmilisItems(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	res := b.send(core.ReminderAmili, b.invoice("1001", c, "2026-10-01", 5000))
	letters := b.send(core.ReminderManual, b.invoice("1002", c, "2026-10-01", 700))
	without := desktop(b.book, b.clock, &secret.Memory{}, true, b.letters)
	rep, err := without.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 1 || rep.Failed != 0 {
		t.Fatalf("without the key: %+v (%v), want the letter alone sent", rep, err)
	}
	if left, err := without.LeftForOthers(b.ctx); err != nil || !left.Amili || left.Email {
		t.Errorf("left %+v (%v), want Amili's items", left, err)
	}
	if r := b.reminders(res.Batch.ID)[0]; r.State != core.DeliveryPending || r.Attempts != 0 {
		t.Errorf("the hand-over left for another desktop is %s after %d attempts", r.State, r.Attempts)
	}
	if r := b.reminders(letters.Batch.ID)[0]; r.State != core.DeliverySent {
		t.Errorf("the letter is %s", r.State)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("with the key: %+v (%v), want the hand-over sent", rep, err)
	}
	// A payment on the case is reported to Amili by the desktop with the key only.
	inv, _ := b.svc.Invoice(b.ctx, b.reminders(res.Batch.ID)[0].InvoiceID)
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Date: core.Today(b.clock), Amount: kr("100")}); err != nil {
		t.Fatal(err)
	}
	if rep, err := without.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed != 0 {
		t.Errorf("without the key the report went: %+v (%v)", rep, err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Errorf("with the key: %+v (%v), want the payment reported", rep, err)
	}
}
