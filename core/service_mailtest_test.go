package core_test

import (
	"strings"
	"testing"

	"github.com/emersion/go-smtp"

	"paminn/core"
	"paminn/data/mail"
	"paminn/data/mail/mailtest"
	"paminn/data/secret"
)

// The Testa button's call: a test e-mail through the settings as entered (the
// password typed, not yet saved), and a refusing server told in plain words with
// its own reply beside them.
func TestTheServiceSendsATestEMailAndSaysHowItWent(t *testing.T) {
	secrets := &secret.Memory{}
	b := newBook(t, core.Channels{Mail: mail.NewSender(secrets)})
	good := mailtest.Start(t, mailtest.Options{User: "anna", Password: "rätt-lösen"})
	res, err := b.svc.TestMail(b.ctx, good.Settings("faktura@snickeriek.se"), "rätt-lösen")
	if err != nil || res.To != "faktura@snickeriek.se" || res.Reply == "" || good.Count() != 1 {
		t.Fatalf("test e-mail: %+v (%v), %d arrived", res, err, good.Count())
	}
	if from := good.Messages()[0].Data; !strings.Contains(string(from), "Snickeri Ek AB") {
		t.Errorf("the test e-mail does not name the company as its sender")
	}

	refusing := mailtest.Start(t, mailtest.Options{OnData: func(mailtest.Message) error {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Message rejected as spam"}
	}})
	res, err = b.svc.TestMail(b.ctx, refusing.Settings("faktura@snickeriek.se"), "")
	e := core.AsError(err)
	if e.Code != core.EINVALID || e.Message != "The mail server {{.Host}} refused the message" ||
		!strings.Contains(res.Reply, "Message rejected as spam") {
		t.Errorf("refused: %v, reply %q", err, res.Reply)
	}
	_, err = b.svc.TestMail(b.ctx, core.SMTPSettings{Host: "127.0.0.1", Port: 70000, From: "a@b.se"}, "")
	wantCode(t, err, core.EINVALID)
}
