package mail

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"paminn/core"
)

// inbox is a real SMTP server on loopback (go-smtp) that keeps what it receives.
type inbox struct {
	addr string
	port int

	user, password string // when set, AUTH PLAIN with these is required before MAIL
	rejectRcpt     string // RCPT TO this address is refused with 550

	mu       sync.Mutex
	received []received
}

// received is one message as the server got it.
type received struct {
	from string
	to   []string
	data []byte
}

// inboxOptions configure startInbox.
type inboxOptions struct {
	user, password string
	rejectRcpt     string
	starttls       *tls.Config // offer STARTTLS with this
	implicitTLS    *tls.Config // speak TLS from the first byte with this
}

// startInbox starts an SMTP server on 127.0.0.1 and stops it when the test ends.
func startInbox(t *testing.T, o inboxOptions) *inbox {
	t.Helper()
	in := &inbox{user: o.user, password: o.password, rejectRcpt: o.rejectRcpt}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{in: in}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.TLSConfig = o.starttls
	// Plaintext AUTH is acceptable only because this server listens on loopback.
	srv.AllowInsecureAuth = o.starttls == nil && o.implicitTLS == nil

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	in.addr = l.Addr().String()
	in.port = l.Addr().(*net.TCPAddr).Port
	if o.implicitTLS != nil {
		l = tls.NewListener(l, o.implicitTLS)
	}
	go srv.Serve(l) //nolint:errcheck // returns ErrServerClosed when the test ends
	t.Cleanup(func() { srv.Close() })
	return in
}

// messages returns what has arrived so far.
func (in *inbox) messages() []received {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]received(nil), in.received...)
}

// session is one SMTP conversation with the inbox.
type session struct {
	in     *inbox
	authed bool
	from   string
	to     []string
}

var _ smtp.AuthSession = (*session)(nil)

func (s *session) AuthMechanisms() []string {
	if s.in.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != s.in.user || password != s.in.password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.in.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.EqualFold(to, s.in.rejectRcpt) {
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
	s.in.mu.Lock()
	defer s.in.mu.Unlock()
	s.in.received = append(s.in.received, received{from: s.from, to: s.to, data: b})
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// parsedMail is a received message taken apart: headers, text body, attachments.
type parsedMail struct {
	header      netmail.Header
	subject     string
	body        string
	attachments map[string][]byte // by file name
}

// parseMail reads a MIME message the way a mail program would.
func parseMail(t *testing.T, data []byte) parsedMail {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the message does not parse: %v", err)
	}
	p := parsedMail{header: msg.Header, attachments: map[string][]byte{}}
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mediaType, "multipart/") {
		t.Fatalf("want a multipart message, Content-Type is %q", msg.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable; base64 is decoded below
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		content := readPart(t, part)
		if name := part.FileName(); name != "" {
			p.attachments[name] = content
		} else if strings.HasPrefix(part.Header.Get("Content-Type"), "text/plain") {
			p.body = string(content)
		}
	}
	return p
}

func readPart(t *testing.T, part *multipart.Part) []byte {
	t.Helper()
	var r io.Reader = part
	if strings.EqualFold(part.Header.Get("Content-Transfer-Encoding"), "base64") {
		r = base64.NewDecoder(base64.StdEncoding, part)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// selfSignedTLS makes a certificate for 127.0.0.1 and returns the server's TLS
// configuration and a client configuration that trusts it.
func selfSignedTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Påminn test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

// fakeSecrets stands in for the OS keyring: it holds values, or fails every call with err.
type fakeSecrets struct {
	values map[string]string
	err    error
}

func (f fakeSecrets) Get(name string) (string, error) {
	if f.err != nil {
		return "", f.err
	}
	v, ok := f.values[name]
	if !ok {
		return "", core.Errorf(core.ENOTFOUND, "No secret named {{.Name}}", map[string]any{"Name": name})
	}
	return v, nil
}

func (f fakeSecrets) Set(name, value string) error {
	if f.err != nil {
		return f.err
	}
	f.values[name] = value
	return nil
}
