package secret

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"

	"paminn/core"
)

func TestMemoryGivesBackWhatWasSet(t *testing.T) {
	var m Memory
	if err := m.Set("smtp-password", "hemligt"); err != nil {
		t.Fatal(err)
	}
	if err := m.Set("smtp-password", "nytt-hemligt"); err != nil {
		t.Fatal(err)
	}
	got, err := m.Get("smtp-password")
	if err != nil || got != "nytt-hemligt" {
		t.Fatalf("Get = %q, %v; want the last value set", got, err)
	}
}

func TestMemoryReportsAMissingSecretAsNotFound(t *testing.T) {
	var m Memory
	_, err := m.Get("smtp-password")
	if core.ErrorCodeOf(err) != core.ENOTFOUND {
		t.Fatalf("err = %v, want ENOTFOUND", err)
	}
}

func TestMemoryIsSafeForConcurrentUse(t *testing.T) {
	var m Memory
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			name := fmt.Sprintf("k%d", i%4)
			_ = m.Set(name, "v")
			_, _ = m.Get(name)
		})
	}
	wg.Wait()
}

// The keyring tests replace go-keyring's provider with its in-memory mock; they must
// not run in parallel.

func TestKeyringStoresUnderItsService(t *testing.T) {
	keyring.MockInit()
	k := Keyring{Service: "paminn-test"}
	if err := k.Set("smtp-password", "hemligt"); err != nil {
		t.Fatal(err)
	}
	got, err := k.Get("smtp-password")
	if err != nil || got != "hemligt" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if _, err := (Keyring{}).Get("smtp-password"); core.ErrorCodeOf(err) != core.ENOTFOUND {
		t.Fatalf("another service saw the secret: err = %v", err)
	}
	if v, err := keyring.Get("paminn-test", "smtp-password"); err != nil || v != "hemligt" {
		t.Fatalf("the secret is not in the keyring under the service: %q, %v", v, err)
	}
}

func TestKeyringMapsErrorsToCoreCodes(t *testing.T) {
	noDBus := errors.New("failed to open dbus connection: no such file or directory")
	for _, tc := range []struct {
		name     string
		provider error
		want     core.ErrorCode
		says     string
	}{
		{"a missing secret is not found", nil, core.ENOTFOUND, "No secret named smtp-password"},
		{"no secret service means no keyring", noDBus, core.EUNAVAILABLE, "No password store (keyring) is available on this computer"},
		{"too much data is invalid", keyring.ErrSetDataTooBig, core.EINVALID, "too long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.provider == nil {
				keyring.MockInit()
			} else {
				keyring.MockInitWithError(tc.provider)
			}
			_, err := Keyring{}.Get("smtp-password")
			var e *core.Error
			if !errors.As(err, &e) || e.Code != tc.want {
				t.Fatalf("Get: err = %v, want code %s", err, tc.want)
			}
			if !strings.Contains(e.Text(), tc.says) {
				t.Errorf("message %q does not say %q", e.Text(), tc.says)
			}
			if tc.provider != nil && !errors.Is(err, tc.provider) {
				t.Errorf("the cause %v is not kept in the chain", tc.provider)
			}
			if tc.provider != nil {
				if err := (Keyring{}).Set("smtp-password", "x"); core.ErrorCodeOf(err) != tc.want {
					t.Errorf("Set: err = %v, want code %s", err, tc.want)
				}
			}
		})
	}
}
