package amili

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"paminn/core"
)

// The demo creditor's ids: the sandbox takes any, these read as what they are.
const (
	DemoCreditorID = "DEMO-CREDITOR-1"
	DemoAccountID  = "DEMO-ACCOUNT-1"
	demoKeyName    = "amili-demo-key.pem"
)

// DemoCredentials returns the demo creditor and account ids and the path of an
// Ed25519 private key in dir (PKCS#8 PEM, mode 0600), creating the key the first time
// and reusing it after, so a demo book keeps working across runs.
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

// writeDemoKey generates an Ed25519 key and writes it whole or not at all.
func writeDemoKey(dir, keyFile string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
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

// RegisterDemoCreditor lets creditorID authenticate with the private key in keyFile
// (as DemoCredentials wrote it, or any key the client can read).
func (s *Sandbox) RegisterDemoCreditor(creditorID, keyFile string) error {
	key, err := readPrivateKey(keyFile)
	if err != nil {
		return err
	}
	s.RegisterCreditor(creditorID, key.Public())
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
	if err := sb.RegisterDemoCreditor(creditor, keyFile); err != nil {
		return nil, core.AmiliSettings{}, err
	}
	base, err := sb.Start("127.0.0.1:0")
	if err != nil {
		return nil, core.AmiliSettings{}, err
	}
	return sb, core.AmiliSettings{BaseURL: base, CreditorID: creditor, AccountID: account, KeyFile: keyFile}, nil
}
