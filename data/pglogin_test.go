package data

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"paminn/core"
	"paminn/data/secret"
)

// pgUsers numbers the login roles this test binary makes.
var pgUsers atomic.Int64

// newPGUser makes a role that logs in with a password and owns a new, empty
// database (PostgreSQL 15: and its public schema), as an office's desktop user of its
// own book; both are dropped when the test ends. It returns the book's address
// without the password, and the password.
func newPGUser(tb testing.TB) (address, password string) {
	tb.Helper()
	skipWithoutPG(tb)
	role := fmt.Sprintf("paminn_u%d_%d", os.Getpid(), pgUsers.Add(1))
	password = fmt.Sprintf("pw-%d-%d", os.Getpid(), pgUsers.Load())
	if _, err := pgAdmin(tb).Exec(`CREATE ROLE ` + role + ` LOGIN PASSWORD '` + password + `'`); err != nil {
		tb.Fatalf("CREATE ROLE: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := pgAdmin(tb).Exec(`DROP ROLE IF EXISTS ` + role); err != nil {
			tb.Errorf("DROP ROLE %s: %v", role, err)
		}
	})
	u, err := url.Parse(newPGDatabase(tb, "OWNER "+role))
	if err != nil {
		tb.Fatal(err)
	}
	u.User = url.User(role)
	return u.String(), password
}

// asker answers ServerLogin's questions with the passwords given, in turn, and
// remembers why each was asked.
type asker struct {
	answers []string
	whys    []error
}

func (a *asker) ask(_ context.Context, _ string, why error) (string, error) {
	a.whys = append(a.whys, why)
	if len(a.whys) > len(a.answers) {
		return "", errors.New("the user closed the window")
	}
	return a.answers[len(a.whys)-1], nil
}

func TestAServerBooksPasswordLivesInThePasswordStore(t *testing.T) {
	address, password := newPGUser(t)
	t.Run("the first time it is asked for once and saved once the server takes it", func(t *testing.T) {
		secrets := &secret.Memory{}
		a := &asker{answers: []string{password}}
		s, err := ServerLogin{Secrets: secrets, Ask: a.ask}.Open(ctx, address)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		s.Close()
		if len(a.whys) != 1 || a.whys[0] != nil {
			t.Errorf("asked %d times (%v), want once with no reason", len(a.whys), a.whys)
		}
		name := savedName(t, secrets, password)
		if !strings.Contains(name, "@127.0.0.1:") || !strings.HasSuffix(name, "/"+strings.TrimPrefix(mustURL(t, address).Path, "/")) {
			t.Errorf("saved as %q, want the user, server, port and database", name)
		}
		t.Run("and the next time it is not asked for", func(t *testing.T) {
			a := &asker{}
			s, err := ServerLogin{Secrets: secrets, Ask: a.ask}.Open(ctx, address)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			s.Close()
			if len(a.whys) != 0 {
				t.Errorf("asked %d times, want never", len(a.whys))
			}
		})
	})
	t.Run("a wrong password is asked for again with the server's refusal and never saved", func(t *testing.T) {
		secrets := &secret.Memory{}
		a := &asker{answers: []string{"wrong", password}}
		s, err := ServerLogin{Secrets: secrets, Ask: a.ask}.Open(ctx, address)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		s.Close()
		if len(a.whys) != 2 || a.whys[0] != nil || !strings.Contains(fmt.Sprint(a.whys[1]), "refused user") {
			t.Errorf("asked with %v, want no reason and then the refusal", a.whys)
		}
		savedName(t, secrets, password)
	})
	t.Run("a saved password the server no longer takes is asked for and replaced", func(t *testing.T) {
		secrets := &secret.Memory{}
		cfg, err := loginConfig(address)
		if err != nil {
			t.Fatal(err)
		}
		secrets.Set(ServerPasswordName(cfg), "changed since")
		a := &asker{answers: []string{password}}
		s, err := ServerLogin{Secrets: secrets, Ask: a.ask}.Open(ctx, address)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		s.Close()
		if len(a.whys) != 1 || !strings.Contains(fmt.Sprint(a.whys[0]), "refused user") {
			t.Errorf("asked with %v, want the refusal once", a.whys)
		}
		savedName(t, secrets, password)
	})
	t.Run("a user who gives up opens nothing and saves nothing", func(t *testing.T) {
		secrets := &secret.Memory{}
		a := &asker{}
		if _, err := (ServerLogin{Secrets: secrets, Ask: a.ask}).Open(ctx, address); err == nil {
			t.Fatal("opened without a password")
		}
		cfg, _ := loginConfig(address)
		if _, err := secrets.Get(ServerPasswordName(cfg)); core.ErrorCodeOf(err) != core.ENOTFOUND {
			t.Errorf("saved something: %v", err)
		}
	})
}

func TestAPasswordInAServerBooksAddressIsRefused(t *testing.T) {
	for _, address := range []string{
		"postgres://anna:secret@db.example/paminn",
		"postgresql://anna:@db.example:5433/paminn?sslmode=verify-full",
	} {
		_, err := ServerLogin{Secrets: &secret.Memory{}}.Open(ctx, address)
		if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), "Write no password") {
			t.Errorf("%s: %v, want the refusal", address, err)
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("the refusal shows the password: %v", err)
		}
	}
}

func TestSSLModeIsTakenFromTheAddress(t *testing.T) {
	address, password := newPGUser(t) // the test server offers no TLS
	for _, tc := range []struct {
		mode   string
		opened bool
	}{
		{"disable", true},
		{"prefer", true},
		{"require", false},
		{"verify-full", false},
	} {
		t.Run("sslmode="+tc.mode, func(t *testing.T) {
			u := mustURL(t, address)
			q := u.Query()
			q.Set("sslmode", tc.mode)
			u.RawQuery = q.Encode()
			a := &asker{answers: []string{password}}
			s, err := ServerLogin{Secrets: &secret.Memory{}, Ask: a.ask}.Open(ctx, u.String())
			if s != nil {
				s.Close()
			}
			if tc.opened && err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !tc.opened && (core.ErrorCodeOf(err) != core.EUNAVAILABLE || !strings.Contains(err.Error(), "no encrypted connection")) {
				t.Fatalf("Open: %v, want the server's lack of TLS said", err)
			}
		})
	}
}

// savedName returns the name of the one secret saved, failing unless it holds password.
func savedName(t *testing.T, secrets *secret.Memory, password string) string {
	t.Helper()
	names := secrets.Names()
	if len(names) != 1 {
		t.Fatalf("saved %v, want one password", names)
	}
	if got, _ := secrets.Get(names[0]); got != password {
		t.Errorf("saved %q, want the password the server took", got)
	}
	return names[0]
}

func mustURL(t *testing.T, address string) *url.URL {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestAServerBookChosenOnADesktopIsTriedAndItsPasswordSaved(t *testing.T) {
	address, password := newPGUser(t)
	secrets := &secret.Memory{}
	login := ServerLogin{Secrets: secrets}
	if err := login.Check(ctx, address, "wrong"); !passwordRefused(err) {
		t.Fatalf("Check with a wrong password: %v, want the refusal", err)
	}
	if names := secrets.Names(); len(names) != 0 {
		t.Fatalf("a refused password was saved: %v", names)
	}
	if err := login.Check(ctx, address, password); err != nil {
		t.Fatalf("Check: %v", err)
	}
	savedName(t, secrets, password)
	a := &asker{}
	s, err := ServerLogin{Secrets: secrets, Ask: a.ask}.Open(ctx, address)
	if err != nil {
		t.Fatalf("Open after Check: %v", err)
	}
	s.Close()
	if len(a.whys) != 0 {
		t.Errorf("asked %d times after the choice saved the password", len(a.whys))
	}
}
