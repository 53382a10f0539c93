package core_test

import (
	"bytes"
	"context"
	"mime"
	"net/mail"
	"os"
	"strings"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/letter"
	mailer "paminn/data/mail"
	"paminn/data/mail/mailtest"
)

// combinedBook is a real book with the real letter writer and mail sender, a real
// SMTP server on loopback, and a clock the test moves.
type combinedBook struct {
	*book
	clock   *movingClock
	inbox   *mailtest.Server
	letters string
}

func newCombinedBook(t *testing.T) *combinedBook {
	t.Helper()
	store := companyStore(t)
	clock := &movingClock{now: testNow}
	letters := t.TempDir()
	svc := core.NewService(store, core.Options{Clock: clock, LettersDir: letters,
		Channels: core.Channels{Letter: letter.New(), Mail: mailer.NewSender(nil)}})
	b := &combinedBook{book: &book{t: t, svc: svc, store: store, ctx: context.Background()}, clock: clock,
		inbox: mailtest.Start(t, mailtest.Options{}), letters: letters}
	set, err := svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.SMTP = b.inbox.Settings("faktura@exempel.se")
	if err := svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	return b
}

// sendPerCustomer sends invs as one batch, one letter per customer, by e-mail where
// the customer has an address.
func (b *combinedBook) sendPerCustomer(invs ...core.Invoice) core.BatchResult {
	b.t.Helper()
	ids := make([]int64, len(invs))
	for i, inv := range invs {
		ids[i] = inv.ID
	}
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids,
		ChargeFee: true, ChargeInterest: true, Prefer: core.ChannelEmail, PerCustomer: true,
		IdempotencyKey: core.NewIdempotencyKey()})
	if err != nil {
		b.t.Fatal(err)
	}
	return res
}

// subjects are the decoded subjects of the e-mails the server received, and their
// raw text, in order.
func (b *combinedBook) mails() (subjects, raw []string) {
	b.t.Helper()
	for _, m := range b.inbox.Messages() {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			b.t.Fatal(err)
		}
		s, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			b.t.Fatal(err)
		}
		subjects, raw = append(subjects, s), append(raw, string(m.Data))
	}
	return subjects, raw
}

func (b *combinedBook) letterFiles() []string {
	b.t.Helper()
	es, err := os.ReadDir(b.letters)
	if err != nil {
		b.t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// Issue 22, one letter per customer: a customer's reminders of a batch go as one
// e-mail (to a real SMTP server) or one letter file, each marked sent with the same
// reference, once; a second pass sends nothing.
func TestACustomersRemindersGoAsOneEmailOrOneLetterOnce(t *testing.T) {
	b := newCombinedBook(t)
	byMail, byLetter, alone := b.customer("K1", true, "kund@exempel.se"), b.customer("K2", true, ""), b.customer("K3", true, "k3@exempel.se")
	m1, m2, m3 := b.invoice("1001", byMail, "2026-10-20", 1000), b.invoice("1002", byMail, "2026-10-10", 2000), b.invoice("1003", byMail, "2026-10-27", 3000)
	l1, l2 := b.invoice("2001", byLetter, "2026-10-27", 500), b.invoice("2002", byLetter, "2026-10-28", 600)
	a1 := b.invoice("3001", alone, "2026-10-27", 700)
	res := b.sendPerCustomer(m1, l1, m2, a1, m3, l2)
	if n := res.Totals.Letters; n[core.ChannelEmail] != 2 || n[core.ChannelLetter] != 1 || len(res.Reminders) != 6 {
		t.Errorf("totals count %v letters for %d reminders, want 2 e-mails and 1 letter for 6", n, len(res.Reminders))
	}
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 6 || rep.Failed+rep.Stopped != 0 {
		t.Fatalf("delivery %+v (%v), want 6 sent", rep, err)
	}
	subjects, raw := b.mails()
	if len(subjects) != 2 {
		t.Fatalf("%d e-mails, want 2: %q", len(subjects), subjects)
	}
	if want := "Betalningspåminnelse – fakturor 1001, 1002 och 1003"; subjects[0] != want {
		t.Errorf("subject %q, want %q", subjects[0], want)
	}
	for _, number := range []string{"1001", "1002", "1003", "Att betala totalt"} {
		if !strings.Contains(raw[0], number) {
			t.Errorf("the shared e-mail does not say %s", number)
		}
	}
	if subjects[1] != "Betalningspåminnelse – faktura 3001" {
		t.Errorf("the lone invoice's subject %q", subjects[1])
	}
	if files := b.letterFiles(); len(files) != 1 || !strings.HasPrefix(files[0], "Paminnelse-kund-K2-2-fakturor-") {
		t.Errorf("letter files %q, want one for K2's two invoices", files)
	}
	refs := map[int64]string{}
	for _, r := range b.reminders(res.Batch.ID) {
		if r.State != core.DeliverySent || r.ExternalRef == "" {
			t.Errorf("reminder of %s: %s %q, want sent", r.InvoiceNumber, r.State, r.ExternalRef)
		}
		if r.Group == 0 {
			continue
		}
		if ref, ok := refs[r.Group]; ok && ref != r.ExternalRef {
			t.Errorf("reminder of %s went as %q, its letter as %q", r.InvoiceNumber, r.ExternalRef, ref)
		}
		refs[r.Group] = r.ExternalRef
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed+rep.Stopped != 0 || b.inbox.Count() != 2 {
		t.Errorf("a second pass did something: %+v (%v), %d e-mails", rep, err, b.inbox.Count())
	}
	// Opened from any of its rows, a shared letter is the one the customer got.
	for _, r := range b.reminders(res.Batch.ID) {
		switch r.InvoiceNumber {
		case "2002":
			if path, err := b.svc.ReminderLetterFile(b.ctx, r.InvoiceID, r.ID); err != nil || path != r.ExternalRef {
				t.Errorf("2002's letter opens as %q (%v), it was posted as %q", path, err, r.ExternalRef)
			}
		case "1003":
			if e, err := b.svc.ReminderEmail(b.ctx, r.InvoiceID, r.ID); err != nil || e.Subject != subjects[0] {
				t.Errorf("1003's e-mail shows as %q (%v), it went as %q", e.Subject, err, subjects[0])
			}
		}
	}
}

// The rule "a queued letter whose invoice was paid is held back, never sent" holds
// in a shared letter: the paid invoice's reminder is stopped with why, and the letter
// goes without it, its total the others' — or, when every invoice was paid, not at all.
func TestASharedLetterGoesWithoutTheInvoicePaidMeanwhile(t *testing.T) {
	b := newCombinedBook(t)
	c, d := b.customer("K1", true, "kund@exempel.se"), b.customer("K2", true, "k2@exempel.se")
	paid, kept := b.invoice("1001", c, "2026-10-10", 1000), b.invoice("1002", c, "2026-10-20", 2000)
	bothPaid1, bothPaid2 := b.invoice("2001", d, "2026-10-10", 100), b.invoice("2002", d, "2026-10-20", 200)
	res := b.sendPerCustomer(paid, kept, bothPaid1, bothPaid2)
	for _, inv := range []core.Invoice{paid, bothPaid1, bothPaid2} {
		if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: inv.Total}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 1 || rep.Stopped != 3 || rep.Failed != 0 {
		t.Fatalf("delivery %+v (%v), want 1 sent and 3 stopped", rep, err)
	}
	subjects, raw := b.mails()
	if len(subjects) != 1 || subjects[0] != "Betalningspåminnelse – faktura 1002" {
		t.Fatalf("e-mails %q, want one for 1002 alone", subjects)
	}
	if strings.Contains(raw[0], "1001") {
		t.Error("the e-mail still names the paid invoice 1001")
	}
	for _, r := range b.reminders(res.Batch.ID) {
		want := core.DeliveryStopped
		if r.InvoiceNumber == "1002" {
			want = core.DeliverySent
		}
		if r.State != want {
			t.Errorf("reminder of %s: %s, want %s", r.InvoiceNumber, r.State, want)
		}
		if want == core.DeliveryStopped && !strings.Contains(r.FailureMessage().Text(), "was paid before the reminder went out") {
			t.Errorf("reminder of %s stopped with %q", r.InvoiceNumber, r.FailureMessage().Text())
		}
	}
}

// A shared letter is claimed whole even when the claim's limit would cut it, and a
// program killed after claiming it sends it once at the next start, all its
// reminders recorded sent together.
func TestASharedLetterLeftSendingByAKilledProgramGoesOnceWhole(t *testing.T) {
	b := newCombinedBook(t)
	c := b.customer("K1", true, "kund@exempel.se")
	i1, i2, i3 := b.invoice("1001", c, "2026-10-10", 1000), b.invoice("1002", c, "2026-10-20", 2000), b.invoice("1003", c, "2026-10-21", 3000)
	res := b.sendPerCustomer(i1, i2, i3)
	ds, err := b.store.ClaimDeliveries(b.ctx, b.clock.Now(), b.clock.Now(), 1, nil) // killed here
	if err != nil || len(ds) != 3 {
		t.Fatalf("a claim of 1 took %d reminders (%v), want the letter's 3", len(ds), err)
	}
	b.clock.advance(time.Minute)
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 3 {
		t.Fatalf("delivery %+v (%v), want 3 sent", rep, err)
	}
	if n := b.inbox.Count(); n != 1 {
		t.Errorf("%d e-mails, want 1", n)
	}
	for _, r := range b.reminders(res.Batch.ID) {
		if r.State != core.DeliverySent || r.Attempts != 2 {
			t.Errorf("reminder of %s: %s after %d attempts, want sent after 2", r.InvoiceNumber, r.State, r.Attempts)
		}
	}
}

// A shared e-mail the server refuses fails for all its reminders, and sending one
// of them again sends the whole letter again, once.
func TestAFailedSharedLetterIsSentAgainWhole(t *testing.T) {
	b := newCombinedBook(t)
	c := b.customer("K1", true, "nobody@exempel.se")
	i1, i2 := b.invoice("1001", c, "2026-10-10", 1000), b.invoice("1002", c, "2026-10-20", 2000)
	refusing := mailtest.Start(t, mailtest.Options{RejectRcpt: "nobody@exempel.se"})
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.SMTP = refusing.Settings("faktura@exempel.se")
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	res := b.sendPerCustomer(i1, i2)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 2 {
		t.Fatalf("delivery %+v (%v), want both failed", rep, err)
	}
	rs := b.reminders(res.Batch.ID)
	set.SMTP = b.inbox.Settings("faktura@exempel.se")
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.RetryReminder(b.ctx, rs[1].ID); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 {
		t.Fatalf("delivery after retry %+v (%v), want both sent", rep, err)
	}
	if n := b.inbox.Count(); n != 1 {
		t.Errorf("%d e-mails, want the one shared letter", n)
	}
}

// A batch's posted letters print as they were posted: a shared letter is one letter
// in the batch's one PDF, listing its invoices, read back with pdftotext.
func TestABatchsSharedLetterPrintsAsOneLetter(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New()})
	c1, c2 := b.customer("K1", true, ""), b.customer("K2", true, "")
	a, z := b.invoice("3001", c1, "2026-10-27", 1000), b.invoice("3002", c1, "2026-10-28", 2000)
	alone := b.invoice("3003", c2, "2026-10-27", 3000)
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{a.ID, alone.ID, z.ID}, ChargeFee: true, PerCustomer: true, IdempotencyKey: "print"})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 3 {
		t.Fatalf("delivery %+v (%v), want 3 sent", rep, err)
	}
	path, err := b.svc.BatchLettersFile(b.ctx, res.Batch.ID)
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, path)
	if len(pages) != 2 || !strings.Contains(pages[0], "Faktura 3001") || !strings.Contains(pages[0], "Faktura 3002") ||
		!strings.Contains(pages[0], "Att betala totalt") || !strings.Contains(pages[1], "3003") {
		t.Fatalf("%d pages, want K1's shared letter then 3003's:\n%s", len(pages), strings.Join(pages, "\n-- page --\n"))
	}
}
