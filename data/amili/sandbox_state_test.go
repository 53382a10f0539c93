package amili

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"paminn/core"
)

func TestAPersistedSandboxKeepsItsCasesAcrossRunsAndMovesThemOverTime(t *testing.T) {
	state := filepath.Join(t.TempDir(), "sandbox.json")
	f := newFixture(t)
	if err := f.sandbox.Persist(state); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first, err := f.client.RegisterCase(ctx, f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}

	// The next run: a new sandbox, a later clock.
	next := NewSandbox()
	later := time.Now().Add(time.Hour)
	next.Now = func() time.Time { return later }
	if err := next.Persist(state); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(next)
	t.Cleanup(srv.Close)
	_, pub := writeKey(t, "ecdsa")
	next.RegisterCreditor("other", "someone", pub) // the creditors are the caller's to register
	key, err := readPrivateKey(f.settings.KeyFile)
	if err != nil {
		t.Fatal(err)
	}
	next.RegisterCreditor(testAPICode, testCreditor, key.Public())
	s := f.settings
	s.BaseURL = srv.URL
	client := NewClient()
	client.Now = next.Now
	got, err := client.ReadCase(ctx, s, first.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != core.AmiliDebtCollection {
		t.Errorf("an hour later the case is %q, want debt_collection", got.State)
	}
	if again, err := client.RegisterCase(ctx, s, testLetter("1001")); err != nil || again.CaseID != first.CaseID {
		t.Errorf("registering again after the restart: %+v, %v; want the same case", again, err)
	}
	if n := next.Registrations(); n != 1 {
		t.Errorf("%d cases after the restart, want 1", n)
	}
}
