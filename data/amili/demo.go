package amili

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"paminn/core"
)

// The demo creditor's ids and API code, in Amili's shapes (24-hex-digit ids); the
// sandbox knows them.
const (
	DemoCreditorID = "674dbeb208847b9501cc9138"
	DemoAccountID  = "674dbeaf08847b9501cc9132"
	DemoAPICode    = "DEMO-API-CODE-0001"
	demoKeyName    = "amili-demo-es256.pem"
)

// DemoCredentials returns the demo creditor and account ids and the path of an
// ES256 (P-256) private key in dir (PKCS#8 PEM, mode 0600), creating the key the first
// time and reusing it after, so a demo book keeps working across runs.
func DemoCredentials(dir string) (creditorID, accountID, keyFile string, err error) {
	keyFile = filepath.Join(dir, demoKeyName)
	if _, err := readPrivateKey(keyFile); err == nil {
		return DemoCreditorID, DemoAccountID, keyFile, nil
	} else if _, statErr := os.Stat(keyFile); !errors.Is(statErr, fs.ErrNotExist) {
		return "", "", "", err // there is a file, and it is not a key: leave it be
	}
	if err := writeDemoKey(dir, keyFile); err != nil {
		return "", "", "", core.Wrap(err, core.EUNAVAILABLE, "The Amili demo key could not be written to {{.Path}}",
			map[string]any{"Path": keyFile})
	}
	return DemoCreditorID, DemoAccountID, keyFile, nil
}

// writeDemoKey generates a P-256 key and writes it whole or not at all.
func writeDemoKey(dir, keyFile string) error {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, demoKeyName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := pem.Encode(tmp, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), keyFile)
}

// RegisterDemoCreditor lets the demo creditor authenticate with DemoAPICode and the
// private key in keyFile (as DemoCredentials wrote it, or any key the client can read).
func (s *Sandbox) RegisterDemoCreditor(keyFile string) error {
	key, err := readPrivateKey(keyFile)
	if err != nil {
		return err
	}
	s.RegisterCreditor(DemoAPICode, DemoCreditorID, key.Public())
	return nil
}

// StartDemo makes (or reuses) the demo credentials in dir, starts a sandbox on
// loopback that knows them, and returns it with the Amili settings that reach it, not
// yet activated. With stateFile set the sandbox keeps its cases there across runs.
// The caller closes the sandbox.
func StartDemo(dir, stateFile string) (*Sandbox, core.AmiliSettings, error) {
	creditor, account, keyFile, err := DemoCredentials(dir)
	if err != nil {
		return nil, core.AmiliSettings{}, err
	}
	sb := NewSandbox()
	if stateFile != "" {
		if err := sb.Persist(stateFile); err != nil {
			return nil, core.AmiliSettings{}, err
		}
	}
	if err := sb.RegisterDemoCreditor(keyFile); err != nil {
		return nil, core.AmiliSettings{}, err
	}
	base, err := sb.Start("127.0.0.1:0")
	if err != nil {
		return nil, core.AmiliSettings{}, err
	}
	return sb, core.AmiliSettings{BaseURL: base, CreditorID: creditor, AccountID: account, APICode: DemoAPICode,
		Environment: core.AmiliSandbox, KeyFile: keyFile}, nil
}
