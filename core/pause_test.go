package core_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"paminn/core"
)

// candidateIDs are every candidate's ID (one page holds them all), the count, and what
// Select all ticks for a manual reminder.
func (b *book) candidateIDs() (page []int64, count int, selected []int64) {
	b.t.Helper()
	cs, err := b.svc.CandidatePage(b.ctx, core.CandidateQuery{Limit: 500})
	if err != nil {
		b.t.Fatal(err)
	}
	for _, c := range cs {
		page = append(page, c.Invoice.ID)
	}
	n, err := b.svc.CountCandidates(b.ctx, core.CandidateQuery{})
	if err != nil {
		b.t.Fatal(err)
	}
	sel, err := b.svc.SelectCandidates(b.ctx, core.CandidateQuery{}, core.ReminderManual, true)
	if err != nil {
		b.t.Fatal(err)
	}
	return page, n.Count, sel.IDs
}

// invoiceNow is the invoice as the store reads it now.
func (b *book) invoiceNow(id int64) core.Invoice {
	b.t.Helper()
	inv, err := b.svc.Invoice(b.ctx, id)
	if err != nil {
		b.t.Fatal(err)
	}
	return inv
}

func TestAPausedOrDisputedInvoiceIsNeverOfferedAndComesBackWhenUnpaused(t *testing.T) {
	tests := []struct {
		name       string
		reason     core.PauseReason
		ofCustomer bool
	}{
		{"a disputed invoice", core.PauseDispute, false},
		{"an invoice with a payment plan", core.PausePlan, false},
		{"every invoice of a paused customer", core.PauseOther, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBook(t, core.Channels{})
			c := b.customer("K1", true, "")
			other := b.customer("K2", true, "")
			inv := b.invoice("1001", c, "2026-10-01", 1000)
			keep := b.invoice("2001", other, "2026-10-01", 1000)
			p := core.Pause{InvoiceID: inv.ID, Reason: tt.reason, Note: "Kunden bestrider"}
			if tt.ofCustomer {
				p = core.Pause{CustomerID: c.ID, Reason: tt.reason, Note: "Konkursutredning"}
			}
			if _, err := b.svc.PauseInvoice(b.ctx, p); err != nil {
				t.Fatal(err)
			}
			page, n, sel := b.candidateIDs()
			if !slices.Equal(page, []int64{keep.ID}) || n != 1 || !slices.Equal(sel, []int64{keep.ID}) {
				t.Fatalf("candidates %v, count %d, selected %v; want only %d", page, n, sel, keep.ID)
			}
			got := b.invoiceNow(inv.ID)
			if got.Pause != tt.reason || got.Status(b.svc.Today()) != core.StatusPaused ||
				!core.FilterPaused.Matches(got, b.svc.Today()) {
				t.Errorf("paused invoice: pause %q, status %s", got.Pause, got.Status(b.svc.Today()))
			}
			_, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
				InvoiceIDs: []int64{inv.ID}, IdempotencyKey: "paused"})
			wantCode(t, err, core.EINVALID)
			if !strings.Contains(err.Error(), "paused") {
				t.Errorf("refusal %q does not say the invoice is paused", err)
			}
			if err := b.svc.Unpause(b.ctx, p.InvoiceID, p.CustomerID); err != nil {
				t.Fatal(err)
			}
			if page, n, _ := b.candidateIDs(); len(page) != 2 || n != 2 {
				t.Errorf("after unpausing: candidates %v, count %d; want both", page, n)
			}
			if got := b.invoiceNow(inv.ID); got.Pause != core.PauseNone || got.Status(b.svc.Today()) != core.StatusOverdue {
				t.Errorf("unpaused invoice: pause %q, status %s", got.Pause, got.Status(b.svc.Today()))
			}
		})
	}
}

func TestAnInvoiceAddedForAPausedCustomerIsPausedWithIt(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{CustomerID: c.ID, Reason: core.PauseDispute}); err != nil {
		t.Fatal(err)
	}
	inv := b.invoice("1001", c, "2026-10-01", 1000)
	if got := b.invoiceNow(inv.ID); got.Pause != core.PauseDispute {
		t.Errorf("new invoice of a disputing customer: pause %q", got.Pause)
	}
}

func TestAnInvoicesOwnPauseOutlivesItsCustomersAndHistoryIsKept(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-01", 1000)
	for _, p := range []core.Pause{{InvoiceID: inv.ID, Reason: core.PauseDispute}, {CustomerID: c.ID, Reason: core.PausePlan}} {
		if _, err := b.svc.PauseInvoice(b.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.svc.Unpause(b.ctx, 0, c.ID); err != nil {
		t.Fatal(err)
	}
	if got := b.invoiceNow(inv.ID); got.Pause != core.PauseDispute {
		t.Errorf("after the customer's pause ended the invoice's own dispute is %q", got.Pause)
	}
	// Pausing again replaces the current pause; the first stays in the history, ended.
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PausePlan}); err != nil {
		t.Fatal(err)
	}
	ps, err := b.svc.Pauses(b.ctx, inv.ID, 0)
	if err != nil || len(ps) != 2 || ps[0].Reason != core.PausePlan || !ps[0].Ended.IsZero() ||
		ps[1].Reason != core.PauseDispute || ps[1].Ended.IsZero() || ps[1].Started != testNow {
		t.Errorf("history = %+v (%v)", ps, err)
	}
	wantCode(t, b.svc.Unpause(b.ctx, 0, c.ID), core.ENOTFOUND)
}

func TestAPauseEndsWhenItsEndDatePasses(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-01", 1000)
	// The pause lasts through its end date; the book's clock is 2026-11-26.
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PausePlan,
		Until: core.MustDate("2026-11-26")}); err != nil {
		t.Fatal(err)
	}
	if n, err := b.svc.EndExpiredPauses(b.ctx); n != 0 || err != nil {
		t.Fatalf("ended %d on its last day (%v)", n, err)
	}
	later := core.NewService(b.store, core.Options{Clock: core.FixedClock(testNow.AddDate(0, 0, 1))})
	if n, err := later.EndExpiredPauses(b.ctx); n != 1 || err != nil {
		t.Fatalf("ended %d the day after (%v)", n, err)
	}
	if got := b.invoiceNow(inv.ID); got.Pause != core.PauseNone {
		t.Errorf("pause %q after its end date", got.Pause)
	}
}

func TestTheBackgroundLoopEndsAPauseWhoseEndDatePassed(t *testing.T) {
	b := newBook(t, core.Channels{})
	inv := b.invoice("1001", b.customer("K1", true, ""), "2026-10-01", 1000)
	// Written past the service's check, as a pause made yesterday to last one day.
	if _, err := b.store.StartPause(b.ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PausePlan,
		Until: core.MustDate("2026-11-25"), Started: testNow.AddDate(0, 0, -1)}); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(b.ctx)
	done := make(chan struct{})
	go func() { defer close(done); b.svc.RunDelivery(ctx, time.Hour) }()
	deadline := time.Now().Add(10 * time.Second)
	for b.invoiceNow(inv.ID).Pause != core.PauseNone && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	<-done
	if got := b.invoiceNow(inv.ID); got.Pause != core.PauseNone {
		t.Errorf("pause %q after the loop's first pass", got.Pause)
	}
}

func TestABadPauseIsRefusedAndChangesNothing(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-01", 1000)
	tests := []struct {
		name  string
		pause core.Pause
		code  core.ErrorCode
	}{
		{"no reason", core.Pause{InvoiceID: inv.ID}, core.EINVALID},
		{"an unknown reason", core.Pause{InvoiceID: inv.ID, Reason: "holiday"}, core.EINVALID},
		{"'other' without a note", core.Pause{InvoiceID: inv.ID, Reason: core.PauseOther, Note: "  "}, core.EINVALID},
		{"a note of more than 500 characters", core.Pause{InvoiceID: inv.ID, Reason: core.PausePlan, Note: strings.Repeat("x", 501)}, core.EINVALID},
		{"an end date already passed", core.Pause{InvoiceID: inv.ID, Reason: core.PausePlan, Until: core.MustDate("2026-11-25")}, core.EINVALID},
		{"both an invoice and a customer", core.Pause{InvoiceID: inv.ID, CustomerID: c.ID, Reason: core.PausePlan}, core.EINVALID},
		{"neither", core.Pause{Reason: core.PausePlan}, core.EINVALID},
		{"an unknown invoice", core.Pause{InvoiceID: 999, Reason: core.PausePlan}, core.ENOTFOUND},
		{"an unknown customer", core.Pause{CustomerID: 999, Reason: core.PausePlan}, core.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.svc.PauseInvoice(b.ctx, tt.pause)
			wantCode(t, err, tt.code)
		})
	}
	if _, n, _ := b.candidateIDs(); n != 1 {
		t.Errorf("after refused pauses %d candidates, want 1", n)
	}
	wantCode(t, b.svc.Unpause(b.ctx, inv.ID, 0), core.ENOTFOUND)
}

// Property (issue 22): whatever invoices and customers are paused, and unpaused again,
// a paused invoice is never a candidate, never counted, never selected; every
// invoice not paused that rule 1 allows is.
func TestAPausedInvoiceIsNeverACandidate(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		b := newBook(t, core.Channels{})
		customers := []core.Customer{b.customer("K1", true, ""), b.customer("K2", true, "")}
		var invs []core.Invoice
		for i := range rapid.IntRange(1, 8).Draw(rt, "invoices") {
			c := customers[rapid.IntRange(0, 1).Draw(rt, "customer")]
			due := core.MustDate("2026-11-26").AddDays(rapid.IntRange(-40, 5).Draw(rt, "due"))
			invs = append(invs, b.invoice(fmt.Sprint(1001+i), c, due.String(), 1000))
		}
		own, ofCustomer := map[int64]bool{}, map[int64]bool{} // the model: who is paused now
		for i := range rapid.IntRange(0, 6).Draw(rt, "steps") {
			p := core.Pause{Reason: rapid.SampledFrom(core.PauseReasons).Draw(rt, "reason"), Note: fmt.Sprint("step ", i)}
			if rapid.Bool().Draw(rt, "of a customer") {
				p.CustomerID = customers[rapid.IntRange(0, 1).Draw(rt, "paused customer")].ID
			} else {
				p.InvoiceID = invs[rapid.IntRange(0, len(invs)-1).Draw(rt, "paused invoice")].ID
			}
			paused := !rapid.Bool().Draw(rt, "unpause")
			if !paused {
				_ = b.svc.Unpause(b.ctx, p.InvoiceID, p.CustomerID) // ENOTFOUND when not paused
			} else if _, err := b.svc.PauseInvoice(b.ctx, p); err != nil {
				rt.Fatal(err)
			}
			if p.InvoiceID != 0 {
				own[p.InvoiceID] = paused
			} else {
				ofCustomer[p.CustomerID] = paused
			}
		}
		page, n, sel := b.candidateIDs()
		var want []int64
		for _, inv := range invs {
			inv = b.invoiceNow(inv.ID)
			if modelPaused := own[inv.ID] || ofCustomer[inv.CustomerID]; modelPaused != (inv.Pause != core.PauseNone) {
				rt.Fatalf("invoice %s paused %q, the model says paused %v", inv.Number, inv.Pause, modelPaused)
			}
			if inv.Meets(core.EligibleTerms, b.svc.Today()) {
				want = append(want, inv.ID)
			}
			if inv.Pause != core.PauseNone && (slices.Contains(page, inv.ID) || slices.Contains(sel, inv.ID)) {
				rt.Fatalf("paused invoice %s (%s) is a candidate", inv.Number, inv.Pause)
			}
		}
		slices.Sort(page)
		slices.Sort(sel)
		if !slices.Equal(page, want) || n != len(want) || !slices.Equal(sel, want) {
			rt.Fatalf("candidates %v, count %d, selected %v; want %v", page, n, sel, want)
		}
	})
}

// A disputed claim must not go to collection: a hand-over of a paused invoice to
// Amili is refused with the reason and never reaches Amili; once resumed it is taken.
func TestADisputedInvoiceIsNotHandedToAmili(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K9", true, "")
	inv := b.invoice("9001", c, "2026-10-27", 5000)
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute, Note: "Felaktig leverans"}); err != nil {
		t.Fatal(err)
	}
	_, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: core.NewIdempotencyKey()})
	wantCode(t, err, core.EINVALID)
	if !strings.Contains(core.AsError(err).Text(), "must not go to collection") {
		t.Errorf("message %q, want it to say a disputed claim must not go to collection", core.AsError(err).Text())
	}
	if len(b.sandbox.Cases()) != 0 {
		t.Error("the hand-over reached Amili")
	}
	if err := b.svc.Unpause(b.ctx, inv.ID, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: core.NewIdempotencyKey()}); err != nil {
		t.Fatalf("the resumed invoice: %v", err)
	}
}

// A paused invoice nothing else happened to can be deleted; its pauses go with it, so
// the next invoice, which may get its row id, starts with none.
func TestDeletingAPausedInvoiceDeletesItsPauses(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-01", 1000)
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute}); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.DeleteInvoice(b.ctx, inv.ID); err != nil {
		t.Fatalf("deleting the paused invoice: %v", err)
	}
	next := b.invoice("1002", c, "2026-10-01", 1000)
	if ps, err := b.svc.Pauses(b.ctx, next.ID, 0); err != nil || len(ps) != 0 || b.invoiceNow(next.ID).Pause != core.PauseNone {
		t.Errorf("the next invoice (id %d, the deleted one's %d) has pauses %+v (%v)", next.ID, inv.ID, ps, err)
	}
}
