package amili

import (
	"context"
	"path/filepath"
	"testing"
)

func TestAPersistedSandboxKeepsItsCasesAcrossRuns(t *testing.T) {
	state := filepath.Join(t.TempDir(), "sandbox.json")
	f := newFixture(t)
	if err := f.sandbox.Persist(state); err != nil {
		t.Fatal(err)
	}
	first, err := f.client.RegisterCase(context.Background(), f.settings, testLetter("1001"))
	if err != nil {
		t.Fatal(err)
	}
	f.sandbox.SetCaseStatus(first.CaseID, StatusPaid)

	next := NewSandbox()
	if err := next.Persist(state); err != nil {
		t.Fatal(err)
	}
	cases := next.Cases()
	if len(cases) != 1 || cases[0].ID != first.CaseID || cases[0].Status != StatusPaid {
		t.Fatalf("cases after restart: %+v, want %s paid", cases, first.CaseID)
	}
	next.mu.Lock()
	c, err := next.newCase(Registration{Creditor: testCreditor, Debts: cases[0].Debts})
	next.mu.Unlock()
	if err != nil || c.ID == first.CaseID {
		t.Errorf("a new case after restart got id %v (%v), reusing %s", c, err, first.CaseID)
	}
}
