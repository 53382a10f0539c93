// Package mailtest is a real SMTP server on loopback for tests: it speaks SMTP with
// go-smtp, can require AUTH PLAIN, refuse a recipient, offer STARTTLS or speak TLS
// from the first byte, and keeps every message it accepts.
//
// It is for tests only. It lives outside _test.go files so that the tests of every
// package can share it; the program itself never imports it.
package mailtest

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	netmail "net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"paminn/core"
)

// Options configure a Server. The zero value accepts every message without a login.
type Options struct {
	// User and Password, when User is set, are the only AUTH PLAIN login accepted,
	// and MAIL FROM is refused until a client has logged in with them.
	User, Password string
	// RejectRcpt is an address RCPT TO refuses with 550 "No such mailbox".
	RejectRcpt string
	// StartTLS, when set, is offered through STARTTLS.
	StartTLS *tls.Config
	// ImplicitTLS, when set, is spoken from the first byte (SMTPS).
	ImplicitTLS *tls.Config
	// OnData, when set, is called with each message after its DATA has arrived and
	// before the server answers. The client waits for the answer meanwhile, so the
	// hook may block: a test can hold a message, or act on the sender, at exactly
	// that moment. An error refuses the message: it is not kept, and the client is
	// answered with it as it is if it is an *smtp.SMTPError, with 451 otherwise.
	OnData func(msg Message) error
}

// Message is one message the server accepted: the envelope and the raw data.
type Message struct {
	From string
	To   []string
	Data []byte
}

// MessageID is the message's Message-Id header, or "" if its header does not parse.
func (m Message) MessageID() string {
	msg, err := netmail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	return msg.Header.Get("Message-Id")
}

// Server is an SMTP server on 127.0.0.1 that keeps what it accepts.
type Server struct {
	opts Options
	port int

	mu       sync.Mutex
	messages []Message
	refused  int
}

// Start serves SMTP on a free port of 127.0.0.1 until the test ends.
func Start(tb testing.TB, o Options) *Server {
	tb.Helper()
	s := &Server{opts: o}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.TLSConfig = o.StartTLS
	// Plaintext AUTH is acceptable only because this server listens on loopback.
	srv.AllowInsecureAuth = o.StartTLS == nil && o.ImplicitTLS == nil

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	if o.ImplicitTLS != nil {
		l = tls.NewListener(l, o.ImplicitTLS)
	}
	go srv.Serve(l) //nolint:errcheck // returns ErrServerClosed when the test ends
	tb.Cleanup(func() { srv.Close() })
	return s
}

// Host is the address the server listens on: always 127.0.0.1.
func (s *Server) Host() string { return "127.0.0.1" }

// Port is the port the server listens on.
func (s *Server) Port() int { return s.port }

// Addr is host:port, for dialling the server directly.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host(), strconv.Itoa(s.port)) }

// Settings are SMTP settings that send to this server from from, without encryption
// (allowed because it is on this computer), logging in as Options.User if set.
func (s *Server) Settings(from string) core.SMTPSettings {
	// "none" is mail.SecurityNone; package mail's own tests use this package, so it
	// cannot import mail.
	return core.SMTPSettings{Host: s.Host(), Port: s.port, User: s.opts.User, From: from, Security: "none"}
}

// Messages returns the messages accepted so far, in the order they arrived.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Count is how many messages have been accepted so far.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.messages)
}

// CountByMessageID is how many times each Message-Id has been accepted so far.
func (s *Server) CountByMessageID() map[string]int {
	counts := map[string]int{}
	for _, m := range s.Messages() {
		counts[m.MessageID()]++
	}
	return counts
}

// Refused is how many messages Options.OnData refused.
func (s *Server) Refused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refused
}

// accept keeps msg unless OnData refuses it.
func (s *Server) accept(msg Message) error {
	if s.opts.OnData != nil {
		// Called without the lock: the hook may block, and the test may read the
		// server meanwhile.
		if err := s.opts.OnData(msg); err != nil {
			s.mu.Lock()
			s.refused++
			s.mu.Unlock()
			var smtpErr *smtp.SMTPError
			if errors.As(err, &smtpErr) {
				return smtpErr
			}
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 0, 0}, Message: err.Error()}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, msg)
	return nil
}

// session is one SMTP conversation with the server.
type session struct {
	srv    *Server
	authed bool
	from   string
	to     []string
}

var _ smtp.AuthSession = (*session)(nil)

func (s *session) AuthMechanisms() []string {
	if s.srv.opts.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != s.srv.opts.User || password != s.srv.opts.Password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.opts.User != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if reject := s.srv.opts.RejectRcpt; reject != "" && strings.EqualFold(to, reject) {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such mailbox"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return s.srv.accept(Message{From: s.from, To: append([]string(nil), s.to...), Data: b})
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }
