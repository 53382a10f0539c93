package mail

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/letter"
	"paminn/data/mail/mailtest"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// sampleLetter is a first reminder with interest and a fee to "Åsa Öberg AB".
func sampleLetter() core.Letter {
	balance, interest, fee := dec("8000"), dec("79.45"), dec("60")
	return core.Letter{
		Company: core.Company{
			Name: "Fjällbäckens Snickeri AB", OrgNumber: "556677-8899", Bankgiro: "5050-1055",
			Address: core.Address{Line1: "Storgatan 1", ZipCode: "452 96", City: "Strömstad"},
			Email:   "faktura@snickeri.se", Phone: "0526-123 45",
		},
		Customer: core.Customer{Name: "Åsa Öberg AB", Email: "asa@oberg.se"},
		Invoice: core.Invoice{
			Number: "1042", InvoiceDate: core.MustDate("2025-01-01"), DueDate: core.MustDate("2025-01-31"),
			Total: balance, OCR: "104257",
		},
		Reminder: core.Reminder{
			ID: 314, Level: 1, Date: core.MustDate("2025-03-01"),
			InterestRate: dec("12.5"), InterestFrom: core.MustDate("2025-02-01"), InterestDays: 29,
			Interest: interest, Fee: fee, Balance: balance, AmountDue: balance.Add(interest).Add(fee),
			NewDueDate: core.MustDate("2025-03-11"),
		},
	}
}

func samplePDF(t *testing.T, l core.Letter) []byte {
	t.Helper()
	pdf, err := letter.New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// wantCode fails unless err is a *core.Error with code and a message that says says.
func wantCode(t *testing.T, err error, code core.ErrorCode, says string) {
	t.Helper()
	var e *core.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want a *core.Error", err, err)
	}
	if e.Code != code {
		t.Fatalf("code = %s, want %s; err = %v", e.Code, code, err)
	}
	if !strings.Contains(e.Text(), says) {
		t.Fatalf("message %q does not say %q", e.Text(), says)
	}
}

func TestSendReminderDeliversTheLetterAndItsText(t *testing.T) {
	in := mailtest.Start(t, mailtest.Options{})
	l := sampleLetter()
	pdf := samplePDF(t, l)

	id, err := NewSender(nil).SendReminder(ctxT(t), in.Settings("faktura@snickeri.se"), l, pdf)
	if err != nil {
		t.Fatal(err)
	}
	got := in.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	if got[0].From != "faktura@snickeri.se" || len(got[0].To) != 1 || got[0].To[0] != "asa@oberg.se" {
		t.Fatalf("envelope from %q to %v", got[0].From, got[0].To)
	}
	m := parseMail(t, got[0].Data)
	if m.subject != "Betalningspåminnelse – faktura 1042" {
		t.Errorf("subject = %q", m.subject)
	}
	if m.header.Get("Message-Id") != id || id == "" {
		t.Errorf("Message-ID header %q, returned %q", m.header.Get("Message-Id"), id)
	}
	body := strings.ReplaceAll(m.body, "\u00a0", " ") // amounts use no-break spaces
	for _, want := range []string{
		"Fjällbäckens Snickeri AB", "1042", "2025-01-01", "2025-01-31", "8 000,00 kr",
		"Dröjsmålsränta", "12,50 % 2025-02-01 – 2025-03-01 (29 dagar)", "79,45 kr", "Påminnelseavgift", "60,00 kr",
		"8 139,45 kr", "2025-03-11", "Bankgiro", "5050-1055", "OCR-nummer", "104257",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the body does not say %q:\n%s", want, body)
		}
	}
	att, ok := m.attachments["Paminnelse-1042.pdf"]
	if !ok {
		t.Fatalf("no attachment Paminnelse-1042.pdf; attachments: %v", keys(m.attachments))
	}
	if !bytes.HasPrefix(att, []byte("%PDF-")) || !bytes.Equal(att, pdf) {
		t.Errorf("the attachment is not the letter (%d bytes, starts %q)", len(att), att[:min(len(att), 8)])
	}
}

func TestSendReminderGivesTheSameReminderTheSameMessageID(t *testing.T) {
	in := mailtest.Start(t, mailtest.Options{})
	l := sampleLetter()
	s := NewSender(nil)
	first, err := s.SendReminder(ctxT(t), in.Settings("faktura@snickeri.se"), l, samplePDF(t, l))
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.SendReminder(ctxT(t), in.Settings("faktura@snickeri.se"), l, samplePDF(t, l))
	if err != nil {
		t.Fatal(err)
	}
	if first != again {
		t.Errorf("a resend got Message-ID %q, the first send %q", again, first)
	}
	if want := "<paminnelse.314."; !strings.HasPrefix(first, want) || !strings.HasSuffix(first, "@snickeri.se>") {
		t.Errorf("Message-ID %q does not name the reminder and the sender's domain", first)
	}
	other := l
	other.Reminder.ID = 315
	if MessageID(other, "faktura@snickeri.se") == MessageID(l, "faktura@snickeri.se") {
		t.Error("two reminders share a Message-ID")
	}
	otherCompany := l
	otherCompany.Company.OrgNumber = "556000-0000"
	if MessageID(otherCompany, "faktura@snickeri.se") == MessageID(l, "faktura@snickeri.se") {
		t.Error("two companies' reminders with the same ID share a Message-ID")
	}
}

func TestSendReminderLogsInWithThePasswordFromSecrets(t *testing.T) {
	in := mailtest.Start(t, mailtest.Options{User: "anna", Password: "rätt-lösen"})
	secrets := fakeSecrets{values: map[string]string{PasswordKey: "rätt-lösen"}}
	l := sampleLetter()
	if _, err := NewSender(secrets).SendReminder(ctxT(t), in.Settings("faktura@snickeri.se"), l, samplePDF(t, l)); err != nil {
		t.Fatal(err)
	}
	if n := in.Count(); n != 1 {
		t.Fatalf("%d messages arrived, want 1", n)
	}
}

func TestSendReminderFailures(t *testing.T) {
	closedPort := func(t *testing.T) int {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		return port
	}
	for _, tc := range []struct {
		name    string
		inbox   mailtest.Options
		secrets core.Secrets
		change  func(t *testing.T, s *core.SMTPSettings, l *core.Letter)
		code    core.ErrorCode
		says    string
	}{
		{
			name:   "a server that is not listening is unavailable",
			change: func(t *testing.T, s *core.SMTPSettings, _ *core.Letter) { s.Port = closedPort(t) },
			code:   core.EUNAVAILABLE, says: "Could not reach the mail server 127.0.0.1:",
		},
		{
			name:    "a wrong password is a rejected login",
			inbox:   mailtest.Options{User: "anna", Password: "rätt-lösen"},
			secrets: fakeSecrets{values: map[string]string{PasswordKey: "fel"}},
			change:  func(_ *testing.T, s *core.SMTPSettings, _ *core.Letter) { s.User = "anna" },
			code:    core.EINVALID, says: "The mail server rejected the login for anna",
		},
		{
			name:    "no keyring means the password cannot be read",
			inbox:   mailtest.Options{User: "anna", Password: "rätt-lösen"},
			secrets: fakeSecrets{err: core.Errorf(core.EUNAVAILABLE, "No password store (keyring) is available on this computer", nil)},
			change:  func(_ *testing.T, s *core.SMTPSettings, _ *core.Letter) { s.User = "anna" },
			code:    core.EUNAVAILABLE, says: "No password store (keyring) is available on this computer; the e-mail password cannot be read",
		},
		{
			name:    "no saved password asks the user to enter one",
			inbox:   mailtest.Options{User: "anna", Password: "rätt-lösen"},
			secrets: fakeSecrets{values: map[string]string{}},
			change:  func(_ *testing.T, s *core.SMTPSettings, _ *core.Letter) { s.User = "anna" },
			code:    core.EINVALID, says: "No e-mail password is saved for anna",
		},
		{
			name:  "a refused recipient is invalid",
			inbox: mailtest.Options{RejectRcpt: "asa@oberg.se"},
			code:  core.EINVALID, says: "The mail server refused the recipient asa@oberg.se",
		},
		{
			name:   "a customer without e-mail is invalid",
			change: func(_ *testing.T, _ *core.SMTPSettings, l *core.Letter) { l.Customer.Email = "" },
			code:   core.EINVALID, says: "Customer Åsa Öberg AB has no e-mail address",
		},
		{
			name:   "a malformed customer address is invalid",
			change: func(_ *testing.T, _ *core.SMTPSettings, l *core.Letter) { l.Customer.Email = "asa at oberg" },
			code:   core.EINVALID, says: "is not valid",
		},
		{
			name: "no encryption is refused for a server elsewhere",
			change: func(_ *testing.T, s *core.SMTPSettings, _ *core.Letter) {
				s.Host = "smtp.example.com"
			},
			code: core.EINVALID, says: "only allowed to a mail server on this computer",
		},
		{
			name:   "STARTTLS is mandatory: a server without it gets nothing",
			change: func(_ *testing.T, s *core.SMTPSettings, _ *core.Letter) { s.Security = SecurityStartTLS },
			code:   core.EINVALID, says: "does not offer STARTTLS",
		},
		{
			name:   "an unknown security setting is invalid",
			change: func(_ *testing.T, s *core.SMTPSettings, _ *core.Letter) { s.Security = "ssl3" },
			code:   core.EINVALID, says: "Unknown e-mail security ssl3",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := mailtest.Start(t, tc.inbox)
			set, l := in.Settings("faktura@snickeri.se"), sampleLetter()
			if tc.change != nil {
				tc.change(t, &set, &l)
			}
			_, err := NewSender(tc.secrets).SendReminder(ctxT(t), set, l, samplePDF(t, sampleLetter()))
			wantCode(t, err, tc.code, tc.says)
			if n := in.Count(); n != 0 {
				t.Errorf("%d messages arrived, want none", n)
			}
		})
	}
}

func TestSendReminderOverSTARTTLS(t *testing.T) {
	serverTLS, clientTLS := selfSignedTLS(t)
	in := mailtest.Start(t, mailtest.Options{User: "anna", Password: "rätt-lösen", StartTLS: serverTLS})
	s := NewSender(fakeSecrets{values: map[string]string{PasswordKey: "rätt-lösen"}})
	s.tlsConfig = clientTLS
	set := core.SMTPSettings{Host: "127.0.0.1", Port: in.Port(), User: "anna", From: "faktura@snickeri.se"} // Security "" = starttls
	l := sampleLetter()
	if _, err := s.SendReminder(ctxT(t), set, l, samplePDF(t, l)); err != nil {
		t.Fatal(err)
	}
	if n := in.Count(); n != 1 {
		t.Fatalf("%d messages arrived, want 1", n)
	}
}

func TestSendReminderRefusesAnUntrustedCertificate(t *testing.T) {
	serverTLS, _ := selfSignedTLS(t)
	in := mailtest.Start(t, mailtest.Options{StartTLS: serverTLS})
	set := core.SMTPSettings{Host: "127.0.0.1", Port: in.Port(), From: "faktura@snickeri.se", Security: SecurityStartTLS}
	l := sampleLetter()
	_, err := NewSender(nil).SendReminder(ctxT(t), set, l, samplePDF(t, l))
	wantCode(t, err, core.EINVALID, "certificate of the mail server 127.0.0.1 could not be verified")
	if n := in.Count(); n != 0 {
		t.Fatalf("%d messages arrived over an unverified connection", n)
	}
}

func TestSendReminderOverImplicitTLS(t *testing.T) {
	serverTLS, clientTLS := selfSignedTLS(t)
	in := mailtest.Start(t, mailtest.Options{ImplicitTLS: serverTLS})
	s := NewSender(nil)
	s.tlsConfig = clientTLS
	set := core.SMTPSettings{Host: "127.0.0.1", Port: in.Port(), From: "faktura@snickeri.se", Security: SecurityTLS}
	l := sampleLetter()
	if _, err := s.SendReminder(ctxT(t), set, l, samplePDF(t, l)); err != nil {
		t.Fatal(err)
	}
	if n := in.Count(); n != 1 {
		t.Fatalf("%d messages arrived, want 1", n)
	}
}

func TestSendReminderRespectsTheContextDeadline(t *testing.T) {
	// A server that accepts the connection and then never says a word.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	set := core.SMTPSettings{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, From: "faktura@snickeri.se", Security: SecurityNone}
	start := time.Now()
	_, err = NewSender(nil).SendReminder(ctx, set, sampleLetter(), samplePDF(t, sampleLetter()))
	wantCode(t, err, core.EUNAVAILABLE, "127.0.0.1")
	if waited := time.Since(start); waited > 5*time.Second {
		t.Fatalf("the send waited %v past a 300 ms deadline", waited)
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "127.0.0.1": true, "127.0.0.2": true, "::1": true, "[::1]": true,
		"192.168.1.10": false, "smtp.example.com": false, "localhost.example.com": false,
	} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestTheDemoInboxFilesEveryReminderItReceives(t *testing.T) {
	in, err := StartDemoInbox(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	l := sampleLetter()
	if _, err := NewSender(nil).SendReminder(context.Background(), in.Settings("faktura@foretaget.se"), l, []byte("%PDF-1.4 demo")); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(in.Dir, "*.eml"))
	if err != nil || len(files) != 1 {
		t.Fatalf("filed %v (%v), want one .eml", files, err)
	}
	b, err := os.ReadFile(files[0])
	if err != nil || !strings.Contains(string(b), "Subject:") {
		t.Errorf("the filed message has no subject: %q (%v)", b, err)
	}
}
