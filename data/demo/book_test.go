package demo_test

import (
	"context"
	"testing"

	"paminn/core"
	"paminn/data/amili"
	"paminn/data/demo"
)

// demoService builds the service over an open demo book as main.go does in demo mode.
func demoService(d *demo.Book) *core.Service {
	client := amili.NewClient()
	client.Secrets = d.Secrets
	return core.NewService(d.Store, core.Options{Secrets: d.Secrets, LettersDir: d.LettersDir,
		Channels: core.Channels{Amili: client}})
}

func TestDemoAmiliActivatesWithOneClickAndKeepsWorkingAfterARestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d, err := demo.OpenBook(ctx, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	svc := demoService(d)
	// One click: the activation form as prefilled from AmiliStatus, sent unchanged.
	st, err := svc.AmiliStatus(ctx)
	if err != nil || st.Activated {
		t.Fatalf("a new demo book's Amili status %+v (%v), want not yet activated", st, err)
	}
	err = svc.ActivateAmili(ctx, core.Activation{CreditorID: st.CreditorID, AccountID: st.AccountID,
		APICode: st.APICode, KeyFile: st.KeyFile, BaseURL: st.BaseURL})
	if err != nil {
		t.Fatalf("activating the demo's Amili: %v", err)
	}
	d.Close()

	// The next run: a new sandbox on a new port, a new in-memory store of secrets.
	d, err = demo.OpenBook(ctx, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	if _, err := d.Secrets.Get(core.AmiliKeySecret); err != nil {
		t.Fatalf("the reopened demo has no Amili key: %v", err)
	}
	svc = demoService(d)
	if st, err := svc.AmiliStatus(ctx); err != nil || !st.Activated {
		t.Fatalf("reopened demo's Amili status %+v (%v), want activated", st, err)
	}
	sendOneToAmili(t, svc)
}

func sendOneToAmili(t *testing.T, svc *core.Service) {
	t.Helper()
	ctx := context.Background()
	cands, err := svc.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		if _, blocked := c.ProblemFor(core.ReminderAmili); blocked {
			continue
		}
		_, err := svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderAmili,
			InvoiceIDs: []int64{c.Invoice.ID}, IdempotencyKey: core.NewIdempotencyKey()})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := svc.DeliverPending(ctx)
		if err != nil || rep.Sent != 1 || rep.Failed != 0 {
			t.Fatalf("delivery %+v (%v), want the one Amili case sent", rep, err)
		}
		return
	}
	t.Fatal("the demo book has no invoice Amili can take")
}
