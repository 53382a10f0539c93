package secret

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"paminn/core"
)

// The Amili private key is the largest secret Påminn keeps. Windows' Credential
// Manager holds at most WindowsMaxSecret bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE in
// Microsoft's wincred.h documentation of CREDENTIALW); this pins which keys fit, as PKCS#8
// PEM, the form a key is kept in.
func TestWhichAmiliKeysFitWindowsCredentialManager(t *testing.T) {
	ec := func(c elliptic.Curve) func() (any, error) {
		return func() (any, error) { return ecdsa.GenerateKey(c, rand.Reader) }
	}
	rsaBits := func(bits int) func() (any, error) {
		return func() (any, error) { return rsa.GenerateKey(rand.Reader, bits) }
	}
	tests := []struct {
		name string
		key  func() (any, error)
		fits bool
	}{
		{"an ES256 key fits", ec(elliptic.P256()), true},
		{"an ES384 key fits", ec(elliptic.P384()), true},
		{"an ES512 key fits", ec(elliptic.P521()), true},
		{"an RSA-2048 key fits", rsaBits(2048), true},
		{"an RSA-4096 key does not", rsaBits(4096), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, err := tt.key()
			if err != nil {
				t.Fatal(err)
			}
			der, err := x509.MarshalPKCS8PrivateKey(key)
			if err != nil {
				t.Fatal(err)
			}
			n := len(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
			if fits := n <= WindowsMaxSecret; fits != tt.fits {
				t.Errorf("a %d-byte PEM key: fits = %v, want %v", n, fits, tt.fits)
			}
		})
	}
}

// A key too large for the store is refused with a message that says what to do.
func TestASecretTooLargeForTheStoreSaysWhichKeysFit(t *testing.T) {
	err := keyringError(keyring.ErrSetDataTooBig, "amili-key")
	var e *core.Error
	if !errors.As(err, &e) || e.Code != core.EINVALID {
		t.Fatalf("err = %v, want a core.Error with EINVALID", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "2560 bytes") || !strings.Contains(msg, "ES256") {
		t.Errorf("message %q does not name the limit and a key that fits", msg)
	}
}
