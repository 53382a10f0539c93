package core_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/amili"
	"paminn/data/bankfile"
	"paminn/data/letter"
	"paminn/data/secret"
	"paminn/data/testbook"
)

// movingClock is a clock the test moves forward by hand.
type movingClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *movingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *movingClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// deliveryBook is a real book with real letter and Amili channels (the sandbox on
// loopback, activated) and a clock the test moves.
type deliveryBook struct {
	*book
	clock   *movingClock
	sandbox *amili.Sandbox
	letters string
}

func newDeliveryBook(t *testing.T) *deliveryBook {
	t.Helper()
	store := companyStore(t)
	sb, am, err := amili.StartDemo(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	clock := &movingClock{now: testNow}
	client := amili.NewClient()
	client.HTTP.Timeout = 2 * time.Second
	client.Secrets = &secret.Memory{}
	letters := t.TempDir()
	svc := core.NewService(store, core.Options{Clock: clock, LettersDir: letters, Secrets: client.Secrets, BankFiles: bankfile.Reader{},
		Channels: core.Channels{Letter: letter.New(), Amili: client}})
	b := &deliveryBook{book: &book{t: t, svc: svc, store: store, ctx: context.Background()},
		clock: clock, sandbox: sb, letters: letters}
	err = svc.ActivateAmili(b.ctx, core.Activation{CreditorID: am.CreditorID, AccountID: am.AccountID, APICode: am.APICode, KeyFile: am.KeyFile, BaseURL: am.BaseURL})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *deliveryBook) send(typ core.ReminderType, invs ...core.Invoice) core.BatchResult {
	b.t.Helper()
	ids := make([]int64, len(invs))
	for i, inv := range invs {
		ids[i] = inv.ID
	}
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: typ, InvoiceIDs: ids,
		ChargeInterest: true, ChargeFee: true, IdempotencyKey: core.NewIdempotencyKey()})
	if err != nil {
		b.t.Fatal(err)
	}
	return res
}

func (b *deliveryBook) reminders(batchID int64) []core.Reminder {
	b.t.Helper()
	rs, err := b.svc.BatchReminders(b.ctx, batchID)
	if err != nil {
		b.t.Fatal(err)
	}
	return rs
}

func TestActivationMakesAmiliTheDefaultType(t *testing.T) {
	b := newDeliveryBook(t)
	typ, err := b.svc.DefaultReminderType(b.ctx)
	if err != nil || typ != core.ReminderAmili {
		t.Fatalf("default type %q (%v), want amili after activation", typ, err)
	}
	st, err := b.svc.AmiliStatus(b.ctx)
	if err != nil || !st.Activated || !st.ActivatedAt.Equal(testNow) {
		t.Errorf("status %+v (%v)", st, err)
	}
}

func TestActivationWithAWrongKeyLeavesAmiliInactive(t *testing.T) {
	store := testbook.Fresh(t)
	b := &book{t: t, store: store, ctx: context.Background(), svc: core.NewService(store,
		core.Options{Clock: core.FixedClock(testNow), Secrets: &secret.Memory{}, Channels: core.Channels{Amili: amili.NewClient()}})}
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(keyFile, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := b.svc.ActivateAmili(b.ctx, core.Activation{CreditorID: "C", AccountID: "A", APICode: "X", KeyFile: keyFile, BaseURL: "http://127.0.0.1:1"})
	wantCode(t, err, core.EINVALID)
	st, err := b.svc.AmiliStatus(b.ctx)
	if err != nil || st.Activated {
		t.Errorf("activated after a failed activation: %+v (%v)", st, err)
	}
}

func TestDeliveryWritesLettersAndMarksThemSent(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	res := b.send(core.ReminderManual, b.invoice("1001", c, "2026-10-27", 10000), b.invoice("1002", c, "2026-10-01", 500))
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Sent != 2 || rep.Failed != 0 {
		t.Fatalf("delivery report %+v (%v), want 2 sent", rep, err)
	}
	for _, r := range b.reminders(res.Batch.ID) {
		if r.State != core.DeliverySent || !strings.HasPrefix(r.ExternalRef, b.letters) {
			t.Errorf("reminder %s: state %s ref %q", r.InvoiceNumber, r.State, r.ExternalRef)
			continue
		}
		pdf, err := os.ReadFile(r.ExternalRef)
		if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
			t.Errorf("letter %s is not a PDF (%v)", r.ExternalRef, err)
		}
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed != 0 {
		t.Errorf("a second pass delivered again: %+v (%v)", rep, err)
	}
}

func TestAmiliDeliveryRegistersCasesAndTheInvoiceShowsHosAmili(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	res := b.send(core.ReminderAmili, inv)
	if r := res.Reminders[0]; !r.Interest.IsZero() || !r.Fee.IsZero() || r.Channel != core.ChannelAmili {
		t.Errorf("amili reminder charged interest %s fee %s via %s; Amili charges its own", r.Interest, r.Fee, r.Channel)
	}
	if _, err := b.svc.DeliverPending(b.ctx); err != nil {
		t.Fatal(err)
	}
	got, err := b.svc.Invoice(b.ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AmiliState != core.AmiliRegistered || got.AmiliCaseRef == "" || got.Status(b.svc.Today()) != core.StatusAmili {
		t.Errorf("invoice after delivery: state %q ref %q", got.AmiliState, got.AmiliCaseRef)
	}
	b.sandbox.SetCaseState(got.AmiliCaseRef, "debt_collection", "debt_collection_active")
	if _, err := b.svc.SyncAmili(b.ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ = b.svc.Invoice(b.ctx, inv.ID); got.AmiliState != core.AmiliDebtCollection {
		t.Errorf("after the poll: state %q, want debt_collection", got.AmiliState)
	}
}

func TestAnUncertainAmiliSendIsCheckedBeforeItIsRetried(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	res := b.send(core.ReminderAmili, b.invoice("1001", c, "2026-10-27", 10000))
	b.sandbox.FailNext(1, amili.FailAfterCommit) // registered, but the answer is lost
	rep, err := b.svc.DeliverPending(b.ctx)
	if err != nil || rep.Failed != 1 {
		t.Fatalf("first pass %+v (%v), want one failure", rep, err)
	}
	if r := b.reminders(res.Batch.ID)[0]; r.State != core.DeliveryFailed || r.Error == "" {
		t.Fatalf("after the lost answer: state %s error %q", r.State, r.Error)
	}
	b.clock.advance(2 * time.Minute) // past the first backoff
	if rep, err = b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("retry pass %+v (%v), want one sent", rep, err)
	}
	if n := b.sandbox.Registrations(); n != 1 {
		t.Errorf("Amili registered %d cases, want exactly 1", n)
	}
}

func TestAFailedDeliveryWaitsForItsBackoffAndCanBeRetriedByHand(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	res := b.send(core.ReminderAmili, b.invoice("1001", c, "2026-10-27", 10000))
	b.sandbox.FailNext(1, amili.FailServerError)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("first pass %+v (%v)", rep, err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed != 0 {
		t.Fatalf("a pass inside the backoff tried again: %+v (%v)", rep, err)
	}
	id := b.reminders(res.Batch.ID)[0].ID
	if err := b.svc.RetryReminder(b.ctx, id); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("after retry %+v (%v), want one sent", rep, err)
	}
	wantCode(t, b.svc.RetryReminder(b.ctx, id), core.ECONFLICT)
}

func TestTheLettersFolderIsCreatedForTheUserToOpen(t *testing.T) {
	b := newDeliveryBook(t)
	want := filepath.Join(b.letters, "nested")
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.LettersDir = want
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	got, err := b.svc.LettersFolder(b.ctx)
	if err != nil || got != want {
		t.Fatalf("letters folder %q (%v), want %q", got, err, want)
	}
	if fi, err := os.Stat(got); err != nil || !fi.IsDir() {
		t.Errorf("the folder was not created: %v", err)
	}
}
