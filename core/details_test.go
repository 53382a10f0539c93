package core_test

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"

	"paminn/core"
	"paminn/data/letter"
	"paminn/data/mail"
	"paminn/data/mail/mailtest"
)

// The e-mail an invoice's details show is the one a mail server received: the same
// recipient, subject, text and Message-ID.
func TestTheEmailTheDetailsShowIsTheEmailTheCustomerGot(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New(), Mail: mail.NewSender(nil)})
	inbox := mailtest.Start(t, mailtest.Options{})
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.SMTP = inbox.Settings("faktura@exempel.se")
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	c := b.customer("K1", true, "kund@exempel.se")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	if _, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ChargeFee: true, ChargeInterest: true, Prefer: core.ChannelEmail, IdempotencyKey: "k"}); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("delivery %+v (%v)", rep, err)
	}
	d, err := b.svc.InvoiceDetails(b.ctx, inv.ID)
	if err != nil || len(d.Reminders) != 1 {
		t.Fatalf("details %+v (%v)", d.Reminders, err)
	}
	e, err := b.svc.ReminderEmail(b.ctx, inv.ID, d.Reminders[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	got := received(t, inbox.Messages()[0])
	if e.To != "kund@exempel.se" || e.Subject != got.subject || e.Body != got.body || e.MessageID != got.messageID {
		t.Errorf("the details show\n%+v\nthe customer got\n%+v", e, got)
	}
	pdf, err := b.svc.ReminderLetterPDF(b.ctx, inv.ID, d.Reminders[0].ID)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the e-mail's letter is no PDF (%v)", err)
	}
}

// receivedMail is what a customer's mail program shows of a reminder e-mail.
type receivedMail struct{ subject, body, messageID string }

// received reads the subject, the text part and the Message-ID of a message.
func received(t *testing.T, m mailtest.Message) receivedMail {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	parts := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := parts.NextPart() // decodes quoted-printable itself
		if err != nil {
			t.Fatalf("no text part: %v", err)
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/plain") {
			var r io.Reader = p
			if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
				r = quotedprintable.NewReader(p)
			}
			body, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return receivedMail{subject, strings.ReplaceAll(string(body), "\r\n", "\n"),
				strings.Trim(msg.Header.Get("Message-Id"), "<>")}
		}
	}
}

func TestALetterOrEmailThatIsNotThereIsSaidSo(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New(), Mail: mail.NewSender(nil)})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	if _, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: "k"}); err != nil {
		t.Fatal(err)
	}
	d, err := b.svc.InvoiceDetails(b.ctx, inv.ID)
	if err != nil || len(d.Reminders) != 1 || d.Reminders[0].Channel != core.ChannelLetter {
		t.Fatalf("details %+v (%v)", d.Reminders, err)
	}
	letterID := d.Reminders[0].ID
	for _, tc := range []struct {
		name string
		call func() error
		code core.ErrorCode
	}{
		{"a letter has no e-mail", func() error { _, err := b.svc.ReminderEmail(b.ctx, inv.ID, letterID); return err }, core.EINVALID},
		{"a reminder of another invoice is not this one's", func() error {
			_, err := b.svc.ReminderLetterPDF(b.ctx, inv.ID, letterID+1)
			return err
		}, core.ENOTFOUND},
		{"an invoice not in the book has no details", func() error { _, err := b.svc.InvoiceDetails(b.ctx, inv.ID+100); return err }, core.ENOTFOUND},
		{"a customer not in the book has no details", func() error { _, err := b.svc.CustomerDetails(b.ctx, c.ID+100); return err }, core.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.call(), tc.code) })
	}
	if pdf, err := b.svc.ReminderLetterPDF(b.ctx, inv.ID, letterID); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the letter is no PDF (%v)", err)
	}
}
