package mail

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/emersion/go-smtp"

	"paminn/core"
)

// DemoInbox is a mail server on loopback that files every message it receives as an
// .eml file in a folder. The demo points its SMTP settings at it, so a newcomer can
// send e-mail reminders and open what "the customer" got, without a real account.
type DemoInbox struct {
	Host string
	Port int
	Dir  string

	srv *smtp.Server
	mu  sync.Mutex
	n   int
}

// StartDemoInbox serves a DemoInbox on 127.0.0.1 (a free port) filing into dir.
func StartDemoInbox(dir string) (*DemoInbox, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, core.Wrap(err, core.EUNAVAILABLE, "Could not create the folder {{.Path}}", map[string]any{"Path": dir})
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, core.Wrap(err, core.EUNAVAILABLE, "The demo mail server could not start", nil)
	}
	in := &DemoInbox{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, Dir: dir}
	in.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &demoSession{in: in}, nil }))
	in.srv.Domain = "localhost"
	in.srv.ReadTimeout, in.srv.WriteTimeout = 30*time.Second, 30*time.Second
	go in.srv.Serve(l) //nolint:errcheck // returns ErrServerClosed after Close
	return in, nil
}

// Settings are SMTP settings that send to this inbox.
func (in *DemoInbox) Settings(from string) core.SMTPSettings {
	return core.SMTPSettings{Host: in.Host, Port: in.Port, From: from, Security: SecurityNone}
}

// Close stops the server.
func (in *DemoInbox) Close() error { return in.srv.Close() }

// file writes one received message to the folder.
func (in *DemoInbox) file(to string, r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	in.mu.Lock()
	in.n++
	name := fmt.Sprintf("%s-%03d-%s.eml", time.Now().Format("20060102-150405"), in.n, safeAddress(to))
	in.mu.Unlock()
	return os.WriteFile(filepath.Join(in.Dir, name), b, 0o600)
}

// safeAddress makes an e-mail address usable in a file name.
func safeAddress(a string) string {
	out := []rune(a)
	for i, r := range out {
		if !(r == '@' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			out[i] = '_'
		}
	}
	return string(out)
}

// demoSession is one SMTP conversation with the DemoInbox; it accepts everything.
type demoSession struct {
	in *DemoInbox
	to string
}

func (s *demoSession) Mail(string, *smtp.MailOptions) error { return nil }

func (s *demoSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = to
	return nil
}

func (s *demoSession) Data(r io.Reader) error { return s.in.file(s.to, r) }
func (s *demoSession) Reset()                 { s.to = "" }
func (s *demoSession) Logout() error          { return nil }
