// Package secret keeps passwords out of the book: in the operating system's password
// store (Keyring) or, for demo mode and tests, in memory (Memory).
package secret

import (
	"errors"
	"sort"
	"sync"

	"github.com/zalando/go-keyring"

	"paminn/core"
)

// DefaultService is the keyring service name Påminn files its secrets under when a
// Keyring has none set.
const DefaultService = "paminn"

// WindowsMaxSecret is the most bytes Windows' Credential Manager keeps in one secret
// (CRED_MAX_CREDENTIAL_BLOB_SIZE, 5 × 512; go-keyring refuses more with
// ErrSetDataTooBig before asking Windows). An ES256 or ES384 key in PEM is a few hundred
// bytes and an RSA-2048 key about 1,700, so they fit; an RSA-4096 key (about 3,300) does
// not, and saving one fails with msgTooBig, keeping the secret saved before it.
const WindowsMaxSecret = 2560

// msgTooBig is what a secret larger than the store takes gets.
const msgTooBig = "The secret {{.Name}} is too long for the password store, which keeps at most {{.Max}} bytes: use an ES256 key or an RSA key of at most 2048 bits"

// Keyring stores secrets in the operating system's password store: Keychain on macOS,
// Credential Manager on Windows, the Secret Service (GNOME Keyring, KWallet) over D-Bus
// on Linux. A headless Linux without a Secret Service has no store; every call then
// fails with EUNAVAILABLE.
type Keyring struct {
	Service string // "" means DefaultService
}

var _ core.Secrets = Keyring{}

// Get returns the secret called name: ENOTFOUND if none is saved, EUNAVAILABLE if the
// computer has no password store.
func (k Keyring) Get(name string) (string, error) {
	v, err := keyring.Get(k.service(), name)
	if err != nil {
		return "", keyringError(err, name)
	}
	return v, nil
}

// Set saves value as the secret called name, replacing any earlier one.
func (k Keyring) Set(name, value string) error {
	if err := keyring.Set(k.service(), name, value); err != nil {
		return keyringError(err, name)
	}
	return nil
}

func (k Keyring) service() string {
	if k.Service == "" {
		return DefaultService
	}
	return k.Service
}

// keyringError translates go-keyring's errors into core's codes. Anything the keyring
// does not name (no D-Bus, no Secret Service, a locked or refused store) means the
// store cannot be used from here.
func keyringError(err error, name string) error {
	data := map[string]any{"Name": name}
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return core.Wrap(err, core.ENOTFOUND, "No secret named {{.Name}} is saved in the password store", data)
	case errors.Is(err, keyring.ErrSetDataTooBig):
		data["Max"] = WindowsMaxSecret
		return core.Wrap(err, core.EINVALID, msgTooBig, data)
	default:
		return core.Wrap(err, core.EUNAVAILABLE, "No password store (keyring) is available on this computer", data)
	}
}

// Memory keeps secrets in memory for demo mode and tests. It never persists anything:
// what is set is gone when the program exits. The zero value is ready to use and it is
// safe for concurrent use.
type Memory struct {
	mu      sync.Mutex
	secrets map[string]string
}

var _ core.Secrets = (*Memory)(nil)

// Get returns the secret called name, or ENOTFOUND.
func (m *Memory) Get(name string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.secrets[name]
	if !ok {
		return "", core.Errorf(core.ENOTFOUND, "No secret named {{.Name}} is saved in the password store",
			map[string]any{"Name": name})
	}
	return v, nil
}

// Set saves value as the secret called name, replacing any earlier one.
func (m *Memory) Set(name, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.secrets == nil {
		m.secrets = make(map[string]string)
	}
	m.secrets[name] = value
	return nil
}

// Names lists the names of the secrets saved, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.secrets))
	for name := range m.secrets {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
