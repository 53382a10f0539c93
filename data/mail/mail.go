// Package mail sends reminder e-mails over SMTP: one message per reminder, the letter's
// text as the body and the PDF letter attached.
package mail

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net"
	netmail "net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"paminn/core"
	"paminn/data/letter"
)

// PasswordKey is the name the SMTP password is saved under in core.Secrets; it is
// core's own name for it, so the settings screen and the sender cannot disagree.
const PasswordKey = core.SMTPPasswordKey

// The values of core.SMTPSettings.Security.
const (
	SecurityStartTLS = "starttls" // plain connection upgraded with STARTTLS, which is mandatory
	SecurityTLS      = "tls"      // TLS from the first byte ("SMTPS", usually port 465)
	SecurityNone     = "none"     // no encryption; only to a server on this computer
)

// maxTimeout bounds one whole conversation with the server when the caller's context
// sets no earlier deadline.
const maxTimeout = 30 * time.Second

// Sender sends reminder e-mails. It is safe for concurrent use.
type Sender struct {
	secrets core.Secrets
	// tlsConfig, when set, replaces the default TLS configuration (tests trust their
	// own certificate authority with it).
	tlsConfig *tls.Config
}

var _ core.MailChannel = (*Sender)(nil)

// NewSender returns a Sender that reads the SMTP password from secrets under PasswordKey.
func NewSender(secrets core.Secrets) *Sender {
	return &Sender{secrets: secrets}
}

// SendReminder sends one reminder to the customer's e-mail address with the PDF letter
// attached, and returns the message's Message-ID. The Message-ID is the same each time
// the same reminder is sent, so a resend can be recognised.
//
// Errors: EINVALID for what the user must fix (settings, a missing or refused address,
// a refused login), EUNAVAILABLE when the server or the password store cannot be
// reached (try again later).
func (s *Sender) SendReminder(ctx context.Context, set core.SMTPSettings, l core.Letter, pdf []byte) (string, error) {
	set, err := normalise(set)
	if err != nil {
		return "", err
	}
	msg, err := newMessage(set, l, pdf)
	if err != nil {
		return "", err
	}
	opts, err := s.clientOptions(ctx, set)
	if err != nil {
		return "", err
	}
	client, err := gomail.NewClient(set.Host, opts...)
	if err != nil {
		return "", core.Wrap(err, core.EINVALID, "The e-mail settings are not usable", nil)
	}
	if err := send(ctx, client, msg); err != nil {
		return "", classify(err, set, l.Customer.Email)
	}
	return msg.GetMessageID(), nil
}

// send is go-mail's DialAndSendWithContext without one trap: once the server has
// accepted the message, a failure to say goodbye (QUIT) must not report it as unsent,
// or the retry would send the reminder twice.
func send(ctx context.Context, client *gomail.Client, msg *gomail.Msg) error {
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return err
	}
	if err := client.SendWithSMTPClient(conn, msg); err != nil {
		_ = client.CloseWithSMTPClient(conn) // the send error is the one that matters
		return err
	}
	_ = client.CloseWithSMTPClient(conn) // the message is already accepted
	return nil
}

// normalise checks the settings and fills in the security mode's usual port.
func normalise(set core.SMTPSettings) (core.SMTPSettings, error) {
	set.Host = strings.TrimSpace(set.Host)
	if set.Host == "" {
		return set, core.Errorf(core.EINVALID, "Enter the mail server (SMTP host) in the e-mail settings", nil)
	}
	set.Security = strings.ToLower(strings.TrimSpace(set.Security))
	if set.Security == "" {
		set.Security = SecurityStartTLS
	}
	defaultPort := map[string]int{SecurityStartTLS: 587, SecurityTLS: 465, SecurityNone: 25}
	port, known := defaultPort[set.Security]
	if !known {
		return set, core.Errorf(core.EINVALID, "Unknown e-mail security {{.Security}}: choose starttls, tls or none",
			map[string]any{"Security": set.Security})
	}
	if set.Port == 0 {
		set.Port = port
	}
	if set.Security == SecurityNone && !isLoopback(set.Host) {
		return set, core.Errorf(core.EINVALID,
			"Unencrypted e-mail is only allowed to a mail server on this computer; choose STARTTLS or TLS for {{.Host}}",
			map[string]any{"Host": set.Host})
	}
	return set, nil
}

// isLoopback reports whether host names this computer.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// clientOptions turns the settings into go-mail options: encryption, authentication
// with the saved password and a timeout no later than the context's deadline.
func (s *Sender) clientOptions(ctx context.Context, set core.SMTPSettings) ([]gomail.Option, error) {
	return s.clientOptionsWith(ctx, set, "")
}

// clientOptionsWith is clientOptions logging in with password, or with the saved
// one when password is "".
func (s *Sender) clientOptionsWith(ctx context.Context, set core.SMTPSettings, password string) ([]gomail.Option, error) {
	timeout := maxTimeout
	if dl, ok := ctx.Deadline(); ok {
		timeout = min(timeout, time.Until(dl))
	}
	if timeout <= 0 || ctx.Err() != nil {
		cause := ctx.Err()
		if cause == nil {
			cause = context.DeadlineExceeded
		}
		return nil, core.Wrap(cause, core.EUNAVAILABLE,
			"Could not reach the mail server {{.Host}}:{{.Port}}", map[string]any{"Host": set.Host, "Port": set.Port})
	}
	opts := []gomail.Option{gomail.WithPort(set.Port), gomail.WithTimeout(timeout)}
	if s.tlsConfig != nil {
		cfg := s.tlsConfig.Clone()
		cfg.ServerName = set.Host
		opts = append(opts, gomail.WithTLSConfig(cfg))
	}
	switch set.Security {
	case SecurityTLS:
		opts = append(opts, gomail.WithSSL())
	case SecurityNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if set.User == "" {
		return opts, nil
	}
	if password == "" {
		var err error
		if password, err = s.password(set.User); err != nil {
			return nil, err
		}
	}
	plain, login := gomail.SMTPAuthPlain, gomail.SMTPAuthLogin
	if set.Security == SecurityNone {
		// Allowed only on loopback (checked in normalise), where nothing crosses a network.
		plain, login = gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc
	}
	return append(opts, gomail.WithOpportunisticSMTPAuth(plain, login),
		gomail.WithUsername(set.User), gomail.WithPassword(password)), nil
}

// password reads the SMTP password from the secrets store.
func (s *Sender) password(user string) (string, error) {
	if s.secrets == nil {
		return "", core.Errorf(core.EUNAVAILABLE,
			"No password store (keyring) is available on this computer; the e-mail password cannot be read", nil)
	}
	pw, err := s.secrets.Get(PasswordKey)
	switch core.ErrorCodeOf(err) {
	case "":
		return pw, nil
	case core.ENOTFOUND:
		return "", core.Wrap(err, core.EINVALID, "No e-mail password is saved for {{.User}}; enter it in the e-mail settings",
			map[string]any{"User": user})
	case core.EUNAVAILABLE:
		return "", core.Wrap(err, core.EUNAVAILABLE,
			"No password store (keyring) is available on this computer; the e-mail password cannot be read", nil)
	default:
		return "", core.Wrap(err, core.EUNAVAILABLE, "The e-mail password could not be read from the password store", nil)
	}
}

// newMessage builds the reminder e-mail: headers, the letter as text, the PDF attached.
func newMessage(set core.SMTPSettings, l core.Letter, pdf []byte) (*gomail.Msg, error) {
	data := map[string]any{"Number": l.Invoice.Number, "Customer": l.Customer.Name, "Email": l.Customer.Email, "From": set.From}
	if strings.TrimSpace(l.Customer.Email) == "" {
		return nil, core.Errorf(core.EINVALID, "Customer {{.Customer}} has no e-mail address", data)
	}
	if len(pdf) == 0 {
		return nil, core.Errorf(core.EINVALID, "The reminder letter for invoice {{.Number}} is missing", data)
	}
	from, err := netmail.ParseAddress(set.From)
	if err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The sender address {{.From}} in the e-mail settings is not valid", data)
	}
	if from.Name == "" {
		from.Name = l.Company.Name
	}

	m := gomail.NewMsg()
	if err := m.FromFormat(from.Name, from.Address); err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The sender address {{.From}} in the e-mail settings is not valid", data)
	}
	if err := m.To(strings.TrimSpace(l.Customer.Email)); err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The e-mail address {{.Email}} of {{.Customer}} is not valid", data)
	}
	if reply := l.Company.Email; reply != "" && !strings.EqualFold(reply, from.Address) {
		if err := m.ReplyTo(reply); err != nil {
			return nil, core.Wrap(err, core.EINVALID, "The company e-mail address {{.Email}} is not valid",
				map[string]any{"Email": reply})
		}
	}
	m.Subject(Subject(l))
	m.SetMessageIDWithValue(MessageID(l, from.Address))
	m.SetDate()
	m.SetBodyString(gomail.TypeTextPlain, letter.PlainText(l))
	if err := m.AttachReader(AttachmentName(l), bytes.NewReader(pdf),
		gomail.WithFileContentType(gomail.ContentType("application/pdf"))); err != nil {
		return nil, core.Wrap(err, core.EINTERNAL, "Could not attach the letter for invoice {{.Number}}", data)
	}
	return m, nil
}

// Compose returns the subject and body of the reminder e-mail for l, as SendReminder
// writes them (core.MailChannel).
func (s *Sender) Compose(l core.Letter) (subject, body string) {
	return Subject(l), letter.PlainText(l)
}

// Subject is the reminder e-mail's subject: "Betalningspåminnelse – faktura 1001", with
// the reminder's level as in the letter's heading.
//
// A letter several invoices share (issue 22) names them: "Betalningspåminnelse –
// fakturor 1001, 1002 och 1003", or, past maxSubjectNumbers, "… – 12 fakturor".
func Subject(l core.Letter) string {
	if len(l.Others) == 0 {
		return letter.Heading(l) + " – faktura " + l.Invoice.Number
	}
	parts := l.Parts()
	if len(parts) > maxSubjectNumbers {
		return fmt.Sprintf("%s – %d fakturor", letter.Heading(l), len(parts))
	}
	numbers := make([]string, len(parts))
	for i, p := range parts {
		numbers[i] = p.Invoice.Number
	}
	last := len(numbers) - 1
	return letter.Heading(l) + " – fakturor " + strings.Join(numbers[:last], ", ") + " och " + numbers[last]
}

// maxSubjectNumbers is how many invoice numbers a subject names at most.
const maxSubjectNumbers = 4

// AttachmentName is the file name of the attached letter: "Paminnelse-1001.pdf", or
// for a letter several invoices share, "Paminnelse-1001-med-flera.pdf".
func AttachmentName(l core.Letter) string {
	if len(l.Others) > 0 {
		return "Paminnelse-" + letter.SafeName(l.Invoice.Number) + "-med-flera.pdf"
	}
	return "Paminnelse-" + letter.SafeName(l.Invoice.Number) + ".pdf"
}

// MessageID is the reminder e-mail's Message-ID, without angle brackets. It depends only
// on the reminder's ID, the company and the sender's domain, so every send of the same
// reminder carries the same ID.
func MessageID(l core.Letter, fromAddress string) string {
	domain := "paminn.invalid"
	if _, d, ok := strings.Cut(fromAddress, "@"); ok && d != "" {
		domain = strings.ToLower(d)
	}
	sum := sha256.Sum256([]byte(l.Company.OrgNumber + "\x00" + l.Company.Name))
	return fmt.Sprintf("paminnelse.%d.%s@%s", l.Reminder.ID, hex.EncodeToString(sum[:6]), domain)
}
