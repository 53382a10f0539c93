package core_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"paminn/core"
	"paminn/data"
	"paminn/data/amili"
	"paminn/data/letter"
	"paminn/data/mail"
	"paminn/data/mail/mailtest"
	"paminn/data/secret"
)

// smtpPassword is the password the secrets tests save; ASCII, so that it would be
// found byte for byte however the book or a log encoded it.
const smtpPassword = "Sm7p-l0senord-4711"

// secretsBook is a real book on a known path, with real letter, mail and Amili
// channels sharing one password store, and a log the test can read.
type secretsBook struct {
	*book
	path    string
	keyFile string
	baseURL string
	secrets core.Secrets
	log     *bytes.Buffer
	sandbox *amili.Sandbox
}

func newSecretsBook(t *testing.T, secrets core.Secrets) *secretsBook {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	setUpCompany(t, store)
	sb, am, err := amili.StartDemo(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	b := &secretsBook{book: &book{t: t, store: store, ctx: context.Background()},
		path: path, keyFile: am.KeyFile, baseURL: am.BaseURL, secrets: secrets, log: captureLogs(t), sandbox: sb}
	b.svc = b.service(store)
	return b
}

// service builds a service over store as main.go does: every channel gets the same
// password store. A second one over the same store is the program started again.
func (b *secretsBook) service(store core.Store) *core.Service {
	client := amili.NewClient()
	client.HTTP.Timeout = 2 * time.Second
	client.Secrets = b.secrets
	return core.NewService(store, core.Options{Clock: core.FixedClock(testNow), LettersDir: b.t.TempDir(),
		Secrets: b.secrets, Logger: slog.Default(),
		Channels: core.Channels{Letter: letter.New(), Mail: mail.NewSender(b.secrets), Amili: client}})
}

func (b *secretsBook) activate() error {
	return b.svc.ActivateAmili(b.ctx, core.Activation{CreditorID: amili.DemoCreditorID,
		AccountID: amili.DemoAccountID, APICode: amili.DemoAPICode, KeyFile: b.keyFile, BaseURL: b.baseURL})
}

// captureLogs sends everything logged through slog, at every level, to a buffer for
// the rest of the test.
func captureLogs(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&lockedWriter{w: &buf}, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

// lockedWriter serialises writes from the sandbox's and the servers' goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// bookBytes is every byte of the book on disk: the file, its write-ahead log and any
// backup beside it.
func bookBytes(t *testing.T, path string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(path + "*")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = raw
	}
	if len(out[filepath.Base(path)]) == 0 {
		t.Fatalf("the book %s is empty or missing", path)
	}
	return out
}

func TestSecretsStayOutOfTheBookAndTheLogs(t *testing.T) {
	b := newSecretsBook(t, &secret.Memory{})
	if err := b.activate(); err != nil {
		t.Fatal(err)
	}
	inbox := mailtest.Start(t, mailtest.Options{User: "faktura@exempel.se", Password: smtpPassword})
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.SMTP = inbox.Settings("faktura@exempel.se")
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.SetSMTPPassword(smtpPassword); err != nil {
		t.Fatal(err)
	}
	// The key file is read once, at activation: Amili works on without it, after a
	// restart too (a new service and client over the same book and keyring).
	if err := os.Remove(b.keyFile); err != nil {
		t.Fatal(err)
	}
	b.svc = b.service(b.store)
	c := b.customer("K1", false, "kund@exempel.se")
	inv1, inv2 := b.invoice("1001", c, "2026-10-27", 10000), b.invoice("1002", c, "2026-10-28", 2000)
	for _, req := range []core.ReminderRequest{
		{Type: core.ReminderAmili, InvoiceIDs: []int64{inv1.ID}, IdempotencyKey: "amili"},
		{Type: core.ReminderManual, InvoiceIDs: []int64{inv2.ID}, Prefer: core.ChannelEmail, IdempotencyKey: "mail"},
	} {
		if _, err := b.svc.SendReminders(b.ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 2 {
		t.Fatalf("delivery %+v (%v), want the Amili case and the e-mail sent\nlog:\n%s", rep, err, b.log)
	}
	if b.sandbox.Registrations() != 1 || inbox.Count() != 1 {
		t.Fatalf("Amili registered %d cases and the mail server accepted %d messages, want 1 and 1",
			b.sandbox.Registrations(), inbox.Count())
	}
	if err := b.store.Close(); err != nil { // a checkpoint: the WAL's pages reach the file
		t.Fatal(err)
	}
	b.assertNoSecrets(t)
}

// assertNoSecrets fails the test if the Amili key or the SMTP password shows in the
// book's files or in the log.
func (b *secretsBook) assertNoSecrets(t *testing.T) {
	t.Helper()
	key, err := b.secrets.Get(core.AmiliKeySecret)
	if err != nil || !strings.Contains(key, "PRIVATE KEY") {
		t.Fatalf("the Amili key is not in the password store: %q, %v", key, err)
	}
	secrets := map[string]string{"the SMTP password": smtpPassword}
	for i, line := range strings.Split(key, "\n") {
		if line != "" && !strings.HasPrefix(line, "-----") {
			secrets[fmt.Sprintf("line %d of the Amili key", i+1)] = line
		}
	}
	places := bookBytes(t, b.path)
	places["the log"] = b.log.Bytes()
	for where, raw := range places {
		for what, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("%s holds %s", where, what)
			}
		}
	}
}

func TestWithoutAKeyringSecretsAreRefusedAndNothingChanges(t *testing.T) {
	noDBus := errors.New("failed to connect to the session bus: no D-Bus address")
	for _, tc := range []struct {
		name    string
		secrets func() core.Secrets
	}{
		{"a Linux without a secret service", func() core.Secrets {
			keyring.MockInitWithError(noDBus) // go-keyring as it fails on a headless Linux
			return secret.Keyring{Service: "paminn-test"}
		}},
		{"a program given no password store at all", func() core.Secrets { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newSecretsBook(t, tc.secrets())
			before, err := b.svc.Settings(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			for what, err := range map[string]error{
				"ActivateAmili":   b.activate(),
				"SetSMTPPassword": b.svc.SetSMTPPassword(smtpPassword),
			} {
				var e *core.Error
				if !errors.As(err, &e) || e.Code != core.EUNAVAILABLE ||
					!strings.HasPrefix(e.Text(), "No password store (keyring) is available on this computer") {
					t.Errorf("%s: err = %v, want EUNAVAILABLE saying there is no password store", what, err)
				}
			}
			after, err := b.svc.Settings(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(before, after) {
				t.Errorf("the settings changed:\nbefore %+v\nafter  %+v", before, after)
			}
			if st, err := b.svc.AmiliStatus(b.ctx); err != nil || st.Activated {
				t.Errorf("Amili status %+v (%v), want not activated", st, err)
			}
			if typ, err := b.svc.DefaultReminderType(b.ctx); err != nil || typ != core.ReminderManual {
				t.Errorf("default type %q (%v), want manual", typ, err)
			}
			if strings.Contains(b.log.String(), smtpPassword) {
				t.Errorf("the log holds the SMTP password:\n%s", b.log)
			}
		})
	}
}

func TestActivationReadsAndChecksTheKeyFileOnce(t *testing.T) {
	for _, tc := range []struct {
		name    string
		keyFile func(t *testing.T, demoKey string) string
		code    core.ErrorCode
		says    string
	}{
		{"a missing key file is named", func(t *testing.T, _ string) string {
			return filepath.Join(t.TempDir(), "saknas.pem")
		}, core.EINVALID, "saknas.pem could not be read"},
		{"a file that is not PEM is refused", func(t *testing.T, _ string) string {
			return writeFile(t, "inte-nyckel.pem", []byte("not a key"))
		}, core.EINVALID, "inte-nyckel.pem could not be read"},
		{"a certificate without its key is refused", func(t *testing.T, _ string) string {
			return writeFile(t, "cert.pem", []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
		}, core.EINVALID, "cert.pem could not be read"},
		{"a file too large to be a key is refused", func(t *testing.T, _ string) string {
			return writeFile(t, "stor.pem", bytes.Repeat([]byte("A"), 1<<20))
		}, core.EINVALID, "stor.pem could not be read"},
		{"a key Amili does not know is refused", func(t *testing.T, _ string) string {
			_, _, other, err := amili.DemoCredentials(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return other
		}, core.EINVALID, "did not accept the credentials"},
		{"the key after a certificate in the same file is found", func(t *testing.T, demoKey string) string {
			raw, err := os.ReadFile(demoKey)
			if err != nil {
				t.Fatal(err)
			}
			cert := []byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
			return writeFile(t, "cert-och-nyckel.pem", append(cert, raw...))
		}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := &secret.Memory{}
			b := newSecretsBook(t, mem)
			b.keyFile = tc.keyFile(t, b.keyFile)
			err := b.activate()
			if core.ErrorCodeOf(err) != tc.code || err != nil && !strings.Contains(core.AsError(err).Text(), tc.says) {
				t.Fatalf("err = %v, want code %q saying %q", err, tc.code, tc.says)
			}
			saved, getErr := mem.Get(core.AmiliKeySecret)
			st, stErr := b.svc.AmiliStatus(b.ctx)
			if stErr != nil {
				t.Fatal(stErr)
			}
			switch {
			case tc.code != "" && (getErr == nil || st.Activated):
				t.Errorf("a refused activation saved a key (%v) or activated Amili (%v)", getErr == nil, st.Activated)
			case tc.code == "" && (getErr != nil || strings.Contains(saved, "CERTIFICATE") || !st.Activated):
				t.Errorf("saved key %q (%v), activated %v: want the key alone saved and Amili activated", saved, getErr, st.Activated)
			}
		})
	}
}

func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
