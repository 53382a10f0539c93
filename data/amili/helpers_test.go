package amili

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

const (
	testCreditor = "674dbeb208847b9501cc9138"
	testAccount  = "674dbeaf08847b9501cc9132"
	testAPICode  = "API-CODE-4711"
	// testTimeout keeps the FailTimeout test fast while leaving the race detector room.
	testTimeout = 300 * time.Millisecond
	// fixtureTimeout bounds every other request: a loaded machine answers on loopback
	// well within it, but not always within testTimeout (under Wine at load 16, one of
	// the 205 registrations of TestOpenCasesPagesThroughEveryOpenCaseAndMapsTheirStates
	// timed out).
	fixtureTimeout = 10 * time.Second
)

// fixture is a real sandbox on a real loopback HTTP server and a client for it.
type fixture struct {
	sandbox  *Sandbox
	client   *Client
	settings core.AmiliSettings
}

// newFixture serves a sandbox with testCreditor's ES256 key registered under
// testAPICode.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	sb := NewSandbox()
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	t.Cleanup(func() { sb.Close() }) // runs first: releases stalled requests
	keyFile, pub := writeKey(t, "ecdsa")
	sb.RegisterCreditor(testAPICode, testCreditor, pub)
	client := NewClient()
	client.HTTP.Timeout = fixtureTimeout
	return &fixture{
		sandbox: sb,
		client:  client,
		settings: core.AmiliSettings{
			Activated: true, CreditorID: testCreditor, AccountID: testAccount, APICode: testAPICode,
			Environment: core.AmiliSandbox, BaseURL: srv.URL, KeyFile: keyFile,
		},
	}
}

// writeKey generates a key of the kind ("ed25519", "rsa", "ecdsa", "p384", "p521"), writes its
// private half as PKCS#8 PEM in a temporary file and returns the path and public half.
func writeKey(t *testing.T, kind string) (path string, pub crypto.PublicKey) {
	t.Helper()
	var priv crypto.Signer
	var err error
	switch kind {
	case "ed25519":
		_, priv, err = ed25519.GenerateKey(rand.Reader)
	case "rsa":
		priv, err = rsa.GenerateKey(rand.Reader, 2048)
	case "ecdsa":
		priv, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "p384":
		priv, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "p521":
		priv, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	default:
		t.Fatalf("unknown key kind %q", kind)
	}
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), kind+".pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, priv.Public()
}

// testLetter is a hand-over of invoice 1001: 1 500.50 kr, 250 kr paid, 30 days' terms.
func testLetter(number string) core.AmiliHandover {
	return core.AmiliHandover{
		Customer: core.Customer{
			Name: "Bageri Lindqvist AB", IDNumber: "556677-8899", IsCompany: true,
			Email: "ekonomi@lindqvist.example",
			Address: core.Address{
				Line1: "Storgatan 12", ZipCode: "111 22", City: "Stockholm", Country: "SE",
			},
		},
		Invoice: core.Invoice{
			Number:      number,
			InvoiceDate: core.MustDate("2026-09-01"),
			DueDate:     core.MustDate("2026-10-01"),
			Total:       decimal.RequireFromString("1500.50"),
			Paid:        decimal.RequireFromString("250"),
			Currency:    "SEK",
		},
	}
}

// wantCode fails the test unless err carries the code and its text contains want.
func wantCode(t *testing.T, err error, code core.ErrorCode, want string) {
	t.Helper()
	if got := core.ErrorCodeOf(err); got != code {
		t.Fatalf("error code = %q, want %q (error: %v)", got, code, err)
	}
	if code == "" {
		return
	}
	var e *core.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *core.Error", err)
	}
	if !strings.Contains(e.Text(), want) {
		t.Errorf("message %q does not contain %q", e.Text(), want)
	}
}

// urlQuery parses a raw query string.
func urlQuery(raw string) (url.Values, error) { return url.ParseQuery(raw) }

// readFile is os.ReadFile, named for the tests that read testdata.
func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
