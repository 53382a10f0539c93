package mail

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"

	"paminn/core"
	"paminn/data/mail/mailtest"
)

func TestATestEMailGoesToTheSenderAndReturnsTheServersAnswer(t *testing.T) {
	in := mailtest.Start(t, mailtest.Options{User: "anna", Password: "rätt-lösen"})
	s := NewSender(fakeSecrets{values: map[string]string{PasswordKey: "rätt-lösen"}})
	reply, err := s.SendTest(ctxT(t), in.Settings("faktura@snickeri.se"), "", "Fjällbäckens Snickeri AB")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(reply, "OK: queued") { // go-smtp's answer to the message
		t.Errorf("reply = %q, want the server's answer", reply)
	}
	msgs := in.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "faktura@snickeri.se" || msgs[0].From != "faktura@snickeri.se" {
		t.Fatalf("messages = %+v, want one from and to the sender", msgs)
	}
	m, err := netmail.ReadMessage(bytes.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	from, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("From"))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil || !strings.Contains(from, "Fjällbäckens Snickeri AB") || !strings.Contains(string(body), "testmejl från Påminn") {
		t.Errorf("the test e-mail reads From %q, text %q (%v)", from, body, err)
	}
}

func TestATestEMailTriesAPasswordNotYetSaved(t *testing.T) {
	in := mailtest.Start(t, mailtest.Options{User: "anna", Password: "rätt-lösen"})
	s := NewSender(fakeSecrets{values: map[string]string{}})
	if _, err := s.SendTest(ctxT(t), in.Settings("faktura@snickeri.se"), "rätt-lösen", ""); err != nil {
		t.Fatalf("with the password typed: %v", err)
	}
	if in.Count() != 1 {
		t.Errorf("%d messages, want 1", in.Count())
	}
}

// What the user sees when the test fails: the plain words, and the server's own
// reply beside them where it gave one.
func TestATestEMailThatFailsSaysWhyInPlainWords(t *testing.T) {
	for _, tc := range []struct {
		name     string
		inbox    mailtest.Options
		password string
		from     string
		code     core.ErrorCode
		says     string
		reply    string // what the server's reply starts with; "" for none
	}{
		{"a server that refuses the message", mailtest.Options{OnData: func(mailtest.Message) error {
			return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Message rejected as spam"}
		}}, "", "faktura@snickeri.se", core.EINVALID, "The mail server 127.0.0.1 refused the message", "554"},
		{"a wrong password", mailtest.Options{User: "anna", Password: "rätt-lösen"}, "fel", "faktura@snickeri.se",
			core.EINVALID, "The mail server rejected the login for anna", "535"},
		{"a server that refuses the sender as recipient", mailtest.Options{RejectRcpt: "faktura@snickeri.se"}, "", "faktura@snickeri.se",
			core.EINVALID, "The mail server refused the recipient faktura@snickeri.se", "550"},
		{"no sender address to send the test to", mailtest.Options{}, "", "", core.EINVALID, "Enter the sender address", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := mailtest.Start(t, tc.inbox)
			reply, err := NewSender(fakeSecrets{values: map[string]string{}}).SendTest(ctxT(t), in.Settings(tc.from), tc.password, "")
			wantCode(t, err, tc.code, tc.says)
			if !strings.HasPrefix(reply, tc.reply) || (tc.reply == "") != (reply == "") || strings.Contains(reply, `"`) {
				t.Errorf("reply = %q, want it to start with %q", reply, tc.reply)
			}
			if in.Count() != 0 {
				t.Errorf("%d messages arrived", in.Count())
			}
		})
	}
}
