package amili

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"paminn/core"
	"paminn/data/secret"
)

// savedKey returns a Memory holding the PEM in keyFile as ActivateAmili saves it.
func savedKey(t *testing.T, keyFile string) *secret.Memory {
	t.Helper()
	pemBytes, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	m := &secret.Memory{}
	if err := m.Set(core.AmiliKeySecret, string(pemBytes)); err != nil {
		t.Fatal(err)
	}
	return m
}

// noKeyring is a password store that is not there.
type noKeyring struct{}

func (noKeyring) Get(string) (string, error) { return "", noKeyringErr }
func (noKeyring) Set(string, string) error   { return noKeyringErr }

var noKeyringErr = core.Errorf(core.EUNAVAILABLE, "No password store (keyring) is available on this computer", nil)

func TestClientSignsWithTheKeyFromSecrets(t *testing.T) {
	t.Run("the saved key signs even after the key file is gone", func(t *testing.T) {
		f := newFixture(t)
		f.client.Secrets = savedKey(t, f.settings.KeyFile)
		if err := os.Remove(f.settings.KeyFile); err != nil {
			t.Fatal(err)
		}
		if _, err := f.client.RegisterCase(context.Background(), f.settings, testLetter("1001")); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Verify signs with the key being activated, not the saved one", func(t *testing.T) {
		f := newFixture(t)
		registered, err := os.ReadFile(f.settings.KeyFile)
		if err != nil {
			t.Fatal(err)
		}
		unknown, _ := writeKey(t, "ecdsa")
		f.client.Secrets = savedKey(t, unknown)
		if err := f.client.Verify(context.Background(), f.settings, registered); err != nil {
			t.Fatalf("with the registered key: %v", err)
		}
		err = f.client.Verify(context.Background(), f.settings, nil)
		wantCode(t, err, core.EINVALID, "did not accept the credentials")
	})
	t.Run("a key to activate that is not a key is invalid and names the file", func(t *testing.T) {
		f := newFixture(t)
		f.client.Secrets = &secret.Memory{}
		err := f.client.Verify(context.Background(), f.settings, []byte("not a key"))
		wantCode(t, err, core.EINVALID, filepath.Base(f.settings.KeyFile)+" could not be read")
	})
	t.Run("no saved key asks for activation again", func(t *testing.T) {
		f := newFixture(t)
		f.client.Secrets = &secret.Memory{}
		_, err := f.client.RegisterCase(context.Background(), f.settings, testLetter("1001"))
		wantCode(t, err, core.EINVALID, "activate Amili again")
		if got := f.sandbox.Registrations(); got != 0 {
			t.Errorf("sandbox registered %d cases, want 0", got)
		}
	})
	t.Run("no keyring leaves Amili unavailable", func(t *testing.T) {
		f := newFixture(t)
		f.client.Secrets = noKeyring{}
		_, err := f.client.RegisterCase(context.Background(), f.settings, testLetter("1001"))
		wantCode(t, err, core.EUNAVAILABLE, "No password store (keyring)")
	})
}
