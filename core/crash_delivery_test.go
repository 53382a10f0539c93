//go:build unix

package core_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data"
	"paminn/data/amili"
	"paminn/data/letter"
	"paminn/data/mail"
	"paminn/data/mail/mailtest"
	"paminn/data/secret"
)

// killSwitch kills the running child at a chosen point of a delivery: while the
// mail server holds the n-th message, before accepting it, or just after Amili has
// registered the n-th case, before its answer goes back.
type killSwitch struct {
	mu                sync.Mutex
	child             *child
	atMessage, atCase int // 0: never
	messages, cases   int // seen in this round
	fired             int // kills made
}

// arm sets the points for the next child's round.
func (k *killSwitch) arm(c *child, atMessage, atCase int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.child, k.atMessage, k.atCase, k.messages, k.cases = c, atMessage, atCase, 0, 0
}

// message is called while the server holds a message; true means the child was killed.
func (k *killSwitch) message() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.messages++
	return k.killIf(k.messages == k.atMessage)
}

// registered is called after a case was registered; true means the child was killed.
func (k *killSwitch) registered() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.cases++
	return k.killIf(k.cases == k.atCase)
}

func (k *killSwitch) killIf(now bool) bool {
	if !now || k.child == nil {
		return false
	}
	k.child.kill()
	k.child = nil
	k.fired++
	return true
}

// startHoldingInbox starts a mail server on loopback that asks the kill switch about
// each message while it holds it, before accepting it: a message whose sender was
// killed at that moment is refused, never accepted.
func startHoldingInbox(t *testing.T, kills *killSwitch) *mailtest.Server {
	t.Helper()
	return mailtest.Start(t, mailtest.Options{OnData: func(mailtest.Message) error {
		if kills.message() {
			return errors.New("the sender went away")
		}
		return nil
	}})
}

// interruptibleAmili serves the Amili sandbox on loopback through the kill switch.
func interruptibleAmili(t *testing.T, sb *amili.Sandbox, kills *killSwitch) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/case--registrations" {
			sb.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, r)
		if rec.Code == http.StatusCreated && kills.registered() {
			return // the client died before it heard the case was registered
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes()) // the client may hang up; nothing to do then
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// childDeliver opens the book and works the delivery queue once, by e-mail and
// Amili, with the Amili key from PAMINN_AMILI_KEYFILE in its password store.
func childDeliver() error {
	store, err := data.Open(os.Getenv("PAMINN_BOOK"))
	if err != nil {
		return err
	}
	defer store.Close()
	key, err := os.ReadFile(os.Getenv("PAMINN_AMILI_KEYFILE"))
	if err != nil {
		return err
	}
	secrets := &secret.Memory{}
	if err := secrets.Set(core.AmiliKeySecret, string(key)); err != nil {
		return err
	}
	client := amili.NewClient()
	client.HTTP.Timeout = 10 * time.Second
	client.Secrets = secrets
	svc := core.NewService(store, core.Options{LettersDir: os.TempDir(), Secrets: secrets, Logger: quietLog,
		Channels: core.Channels{Letter: letter.New(), Mail: mail.NewSender(secrets), Amili: client}})
	ready()
	rep, err := svc.DeliverPending(context.Background())
	if err != nil {
		return err
	}
	if rep.Failed > 0 {
		return fmt.Errorf("%d deliveries failed", rep.Failed)
	}
	return nil
}

// deliveryCrashBook writes a book at path with e-mail and Amili reminders queued:
// perKind invoices each, over three customers of each kind.
func deliveryCrashBook(t *testing.T, path, amiliURL, keyFile string, smtpPort, perKind int) {
	t.Helper()
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	creditor, account := amili.DemoCreditorID, amili.DemoAccountID
	secrets := &secret.Memory{}
	client := amili.NewClient()
	client.Secrets = secrets
	svc := core.NewService(store, core.Options{Secrets: secrets, Channels: core.Channels{Amili: client}})
	if err := svc.ActivateAmili(ctx, core.Activation{CreditorID: creditor, AccountID: account,
		APICode: amili.DemoAPICode, KeyFile: keyFile, BaseURL: amiliURL}); err != nil {
		t.Fatal(err)
	}
	set, err := svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company = core.Company{Name: "Påminn Test AB", OrgNumber: "556677-8899", Bankgiro: "123-4566",
		Email: "faktura@paminntest.se", Address: core.Address{Line1: "Kungsgatan 1", ZipCode: "111 43", City: "Stockholm", Country: "SE"}}
	set.SMTP = core.SMTPSettings{Host: "127.0.0.1", Port: smtpPort, From: "faktura@paminntest.se", Security: "none"}
	if err := svc.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	due := core.Today(core.SystemClock{}).AddDays(-20)
	var mailIDs, amiliIDs []int64
	for i := 0; i < 2*perKind; i++ {
		kind := "E"
		if i >= perKind {
			kind = "A"
		}
		cust := core.Customer{Number: fmt.Sprintf("%s%d", kind, i%3), Name: fmt.Sprintf("Kund %s%d AB", kind, i%3),
			IDNumber: "556036-0793", IsCompany: true,
			Address: core.Address{Line1: "Storgatan 1", ZipCode: "411 38", City: "Göteborg", Country: "SE"}}
		if kind == "E" {
			cust.Email = fmt.Sprintf("e%d@kund.se", i%3)
		}
		c := ensureCustomer(t, svc, cust)
		inv, err := svc.CreateInvoice(ctx, core.Invoice{Number: fmt.Sprint(5001 + i), CustomerID: c.ID,
			InvoiceDate: due.AddDays(-30), DueDate: due, Total: decimal.NewFromInt(1000 + int64(i))})
		if err != nil {
			t.Fatal(err)
		}
		if kind == "E" {
			mailIDs = append(mailIDs, inv.ID)
		} else {
			amiliIDs = append(amiliIDs, inv.ID)
		}
	}
	if _, err := svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: mailIDs,
		Prefer: core.ChannelEmail, IdempotencyKey: "mail"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: amiliIDs,
		IdempotencyKey: "amili"}); err != nil {
		t.Fatal(err)
	}
}

// ensureCustomer returns the customer with c's number, saving c first if there is none.
func ensureCustomer(t *testing.T, svc *core.Service, c core.Customer) core.Customer {
	t.Helper()
	cs, err := svc.Customers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, have := range cs {
		if have.Number == c.Number {
			return have
		}
	}
	c, err = svc.SaveCustomer(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAKillDuringDeliveryStillDeliversEachReminderExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	const perKind = 15
	kills := &killSwitch{}
	inbox := startHoldingInbox(t, kills)
	_, _, keyFile, err := amili.DemoCredentials(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sb := amili.NewSandbox()
	if err := sb.RegisterDemoCreditor(keyFile); err != nil {
		t.Fatal(err)
	}
	amiliURL := interruptibleAmili(t, sb, kills)
	path := filepath.Join(t.TempDir(), "book.db")
	deliveryCrashBook(t, path, amiliURL, keyFile, inbox.Port(), perKind)
	env := []string{"PAMINN_BOOK=" + path, "PAMINN_AMILI_KEYFILE=" + keyFile}

	// 1: killed while the mail server holds the 6th e-mail, before accepting it.
	c := startChild(t, "deliver", env...)
	kills.arm(c, 6, 0)
	<-c.done
	// 2: killed just after Amili registered the 4th case, before the answer arrives.
	c = startChild(t, "deliver", env...)
	kills.arm(c, 0, 4)
	<-c.done
	// 3: started once more, it drains the queue.
	c = startChild(t, "deliver", env...)
	kills.arm(c, 0, 0)
	c.wait(t)

	kills.mu.Lock()
	fired := kills.fired
	kills.mu.Unlock()
	if refused := inbox.Refused(); fired != 2 || refused != 1 {
		t.Fatalf("%d kills landed, %d of them on a message held by the server; want 2 and 1", fired, refused)
	}
	byMessageID := inbox.CountByMessageID()
	byRecipient := map[string]int{}
	for _, m := range inbox.Messages() {
		for _, to := range m.To {
			byRecipient[to]++
		}
	}
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	batches, err := store.Batches(ctx)
	if err != nil || len(batches) != 2 {
		t.Fatalf("%d batches (%v), want 2", len(batches), err)
	}
	var mails, amilis int
	for _, b := range batches {
		rs, err := store.BatchReminders(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.State != core.DeliverySent {
				t.Errorf("reminder for invoice %s is %s (%s), want sent", r.InvoiceNumber, r.State, r.Error)
			}
			switch r.Channel {
			case core.ChannelEmail:
				mails++
				if n := byMessageID[r.ExternalRef]; n != 1 {
					t.Errorf("the e-mail for invoice %s (%s) arrived %d times", r.InvoiceNumber, r.ExternalRef, n)
				}
			case core.ChannelAmili:
				amilis++
			}
		}
	}
	if mails != perKind || len(byMessageID) != perKind {
		t.Errorf("%d e-mail reminders, %d distinct messages arrived; want %d of each", mails, len(byMessageID), perKind)
	}
	for i := 0; i < 3; i++ {
		addr := fmt.Sprintf("e%d@kund.se", i)
		if got := byRecipient[addr]; got != perKind/3 {
			t.Errorf("%s got %d messages, want %d", addr, got, perKind/3)
		}
	}
	if amilis != perKind || sb.Registrations() != perKind {
		t.Errorf("%d Amili reminders, %d registrations at Amili; want %d of each", amilis, sb.Registrations(), perKind)
	}
	registered := map[string]int{}
	for _, c := range sb.Cases() {
		registered[c.Debt.InvoiceNumber]++
	}
	for number, n := range registered {
		if n != 1 {
			t.Errorf("invoice %s is in %d Amili cases", number, n)
		}
	}
}
