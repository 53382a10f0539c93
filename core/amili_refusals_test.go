package core_test

import (
	"strings"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/amili"
)

// issue 19, point 5. Every registration CONTRACT.md documents carries the debtor's
// postal address (customer.address: address_line_1, zip_code, city), and Amili
// refuses one without it: the address is checked before sending, as the ID number is.
func TestACustomerWithoutAPostalAddressIsNotHandedToAmili(t *testing.T) {
	b := newDeliveryBook(t)
	c, err := b.svc.SaveCustomer(b.ctx, core.Customer{Number: "K9", Name: "Kund utan adress", IDNumber: "556677-8899",
		IsCompany: true, Address: core.Address{Line1: "Storgatan 1"}})
	if err != nil {
		t.Fatal(err)
	}
	inv := b.invoice("9001", c, "2026-10-27", 5000)
	cs, err := b.svc.ReminderCandidates(b.ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("candidates %+v (%v)", cs, err)
	}
	if p, blocked := cs[0].ProblemFor(core.ReminderAmili); !blocked || p.Code != core.ProblemNoAddress {
		t.Errorf("Amili takes a customer without a postcode and city: %v %+v", blocked, p)
	}
	_, err = b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: core.NewIdempotencyKey()})
	wantCode(t, err, core.EINVALID)
	if !strings.Contains(core.AsError(err).Text(), "no postal address") {
		t.Errorf("message %q, want it to name the missing address", core.AsError(err).Text())
	}
	if len(b.sandbox.Cases()) != 0 {
		t.Error("the hand-over reached Amili")
	}
	if _, blocked := cs[0].ProblemFor(core.ReminderManual); blocked {
		t.Error("a manual reminder is blocked too")
	}
}

// issue 19, point 5. A hand-over Amili refused made no case: the invoice is not "with
// Amili" (its status, its filter, the reminder dialog), and once the user has fixed
// what was refused and sends it again, it is handed over once.
func TestARefusedHandOverIsNotWithAmiliAndCanBeSentAgain(t *testing.T) {
	b := newDeliveryBook(t)
	c := b.customer("K1", true, "")
	inv := b.invoice("7001", c, "2026-10-27", 5000)
	res := b.send(core.ReminderAmili, inv)
	// The address was removed after the batch (or the batch is older than the check):
	// Amili refuses the registration.
	c.Address = core.Address{}
	if _, err := b.svc.SaveCustomer(b.ctx, c); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("delivery %+v (%v), want the refusal", rep, err)
	}
	today := core.Today(b.clock)
	refused, _ := b.svc.Invoice(b.ctx, inv.ID)
	if refused.Status(today) == core.StatusAmili || refused.AmiliState.WithAmili() || b.listed(core.FilterAmili, inv.ID) || !b.candidate(inv.ID) {
		t.Fatalf("the refused invoice is %s (state %q), in the Amili filter %v, a candidate %v; want it not with Amili",
			refused.Status(today), refused.AmiliState, b.listed(core.FilterAmili, inv.ID), b.candidate(inv.ID))
	}
	r := b.reminders(res.Batch.ID)[0]
	if r.State != core.DeliveryFailed || !strings.Contains(r.Error, "address") {
		t.Errorf("the reminder is %s %q, want failed naming the address", r.State, r.Error)
	}
	b.clock.advance(time.Hour)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed != 0 {
		t.Errorf("refused data was sent again on its own: %+v (%v)", rep, err)
	}

	c.Address = core.Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm"}
	if _, err := b.svc.SaveCustomer(b.ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.RetryReminder(b.ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if again, _ := b.svc.Invoice(b.ctx, inv.ID); again.AmiliState != core.AmiliPending || b.candidate(inv.ID) {
		t.Errorf("sent again, the invoice is %q, a candidate %v; want pending with Amili", again.AmiliState, b.candidate(inv.ID))
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("delivery %+v (%v), want the case", rep, err)
	}
	handed, _ := b.svc.Invoice(b.ctx, inv.ID)
	if n := casesPerInvoice(b.sandbox); n["7001"] != 1 || handed.AmiliCaseRef == "" || handed.Status(today) != core.StatusAmili {
		t.Errorf("cases %v; invoice %+v", n, handed)
	}
}

// issue 19, point 5: a refused hand-over is not sent again once the invoice has
// gone to Amili by another one, which would make a second case.
func TestARefusedHandOverIsNotSentAgainAfterAnotherOne(t *testing.T) {
	b := newDeliveryBook(t)
	inv := b.invoice("7002", b.customer("K1", true, ""), "2026-10-27", 5000)
	first := b.send(core.ReminderAmili, inv)
	b.sandbox.FailNext(1, amili.FailRefused)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("delivery %+v (%v), want the refusal", rep, err)
	}
	b.send(core.ReminderAmili, inv)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("delivery %+v (%v), want the case", rep, err)
	}
	wantCode(t, b.svc.RetryReminder(b.ctx, b.reminders(first.Batch.ID)[0].ID), core.ECONFLICT)
	if n := casesPerInvoice(b.sandbox); n["7002"] != 1 {
		t.Errorf("cases %v, want one", n)
	}
}

// issue 19, point 1. A crediting Amili refuses stays on the invoice's reports, failed
// with Amili's reason, is not sent again on its own, and goes once the user sends it
// again; until then the invoice's reports show that Amili has not taken it.
func TestARefusedCreditingStaysVisibleAndCanBeSentAgain(t *testing.T) {
	b := newDeliveryBook(t)
	inv := b.invoice("1001", b.customer("K1", true, ""), "2026-10-27", 10000)
	b.send(core.ReminderAmili, inv)
	if _, err := b.svc.DeliverPending(b.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: inv.ID, Amount: kr("2500"), Number: "K-7", Reason: "Rabatt"}); err != nil {
		t.Fatal(err)
	}
	b.sandbox.FailNext(1, amili.FailRefused)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("delivery %+v (%v), want the refusal", rep, err)
	}
	b.clock.advance(time.Hour)
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent+rep.Failed != 0 {
		t.Errorf("a refused crediting was sent again on its own: %+v (%v)", rep, err)
	}
	rs, err := b.svc.InvoiceAmiliReports(b.ctx, inv.ID)
	if err != nil || len(rs) != 1 || rs[0].Kind != core.AmiliReportCrediting || rs[0].State != core.DeliveryFailed ||
		!strings.Contains(rs[0].Error, "Amili refused invoice 1001") {
		t.Fatalf("the invoice's reports %+v (%v), want the refused crediting", rs, err)
	}
	if err := b.svc.RetryAmiliReport(b.ctx, rs[0].ID); err != nil {
		t.Fatal(err)
	}
	if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("delivery %+v (%v), want the crediting", rep, err)
	}
	if cs := b.sandbox.Creditings(); len(cs) != 1 || !cs[0].Amount.Equal(kr("2500")) {
		t.Errorf("creditings at Amili %+v, want one of 2 500 kr", cs)
	}
}
