package mail

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/textproto"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"paminn/core"
)

// SendTest sends a short test e-mail through the mail server of set to the sender's
// own address, the way reminders go (encryption, login), and returns the server's
// answer to the message (its reply, often with a queue number). password, when not
// "", is used instead of the one saved, so settings can be tried before they are
// saved; senderName is the name shown as the sender.
//
// A failure is a core.Error in plain words, as SendReminder's, returned with the
// server's own reply where there was one (serverReply).
func (s *Sender) SendTest(ctx context.Context, set core.SMTPSettings, password, senderName string) (string, error) {
	set, err := normalise(set)
	if err != nil {
		return "", err
	}
	msg, err := newTestMessage(set, senderName)
	if err != nil {
		return "", err
	}
	opts, err := s.clientOptionsWith(ctx, set, password)
	if err != nil {
		return "", err
	}
	client, err := gomail.NewClient(set.Host, opts...)
	if err != nil {
		return "", core.Wrap(err, core.EINVALID, "The e-mail settings are not usable", nil)
	}
	if err := send(ctx, client, msg); err != nil {
		return serverReply(err), classify(err, set, set.From)
	}
	return strings.TrimSpace(msg.ServerResponse()), nil
}

// newTestMessage is the test e-mail: from and to the sender address of set.
func newTestMessage(set core.SMTPSettings, senderName string) (*gomail.Msg, error) {
	data := map[string]any{"From": set.From}
	if strings.TrimSpace(set.From) == "" {
		return nil, core.Errorf(core.EINVALID, "Enter the sender address (From) in the e-mail settings; the test e-mail goes to it", nil)
	}
	from, err := netmail.ParseAddress(set.From)
	if err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The sender address {{.From}} in the e-mail settings is not valid", data)
	}
	if from.Name == "" {
		from.Name = senderName
	}
	m := gomail.NewMsg()
	if err := m.FromFormat(from.Name, from.Address); err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The sender address {{.From}} in the e-mail settings is not valid", data)
	}
	if err := m.To(from.Address); err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The sender address {{.From}} in the e-mail settings is not valid", data)
	}
	m.Subject("Påminn – testmejl")
	m.SetDate()
	m.SetMessageID()
	m.SetBodyString(gomail.TypeTextPlain, "Det här är ett testmejl från Påminn. E-postinställningarna fungerar: "+
		"påminnelser med e-post skickas genom den här servern.\n\n"+
		"This is a test e-mail from Påminn. The e-mail settings work: e-mail reminders go through this server.\n")
	return m, nil
}

// serverReply is the mail server's own reply in err's chain ("550 No such mailbox"),
// bounded, or "" when the server said nothing (it could not be reached, or the
// failure was found before a word was sent).
func serverReply(err error) string {
	var proto *textproto.Error
	if errors.As(err, &proto) {
		return core.Excerpt(fmt.Sprintf("%d %s", proto.Code, proto.Msg))
	}
	var sendErr *gomail.SendError
	if errors.As(err, &sendErr) {
		text := sendErr.Error()
		if _, after, ok := strings.Cut(text, ": "); ok {
			text = after
		}
		text, _, _ = strings.Cut(text, ", affected")
		// go-mail quotes the server's words: 554 "5.7.1 Message rejected".
		return core.Excerpt(strings.ReplaceAll(text, `"`, ""))
	}
	return ""
}
