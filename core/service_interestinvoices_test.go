package core_test

import (
	"testing"
	"time"

	"paminn/core"
)

// on is the book's service as it runs on another day.
func (b *book) on(day string) *core.Service {
	b.t.Helper()
	d := core.MustDate(day)
	return core.NewService(b.store, core.Options{Clock: core.FixedClock(time.Date(d.Year, time.Month(d.Month), d.Day, 10, 0, 0, 0, time.UTC)),
		LettersDir: b.t.TempDir()})
}

// paid registers a payment in full of inv's claim (the invoice amount and what its
// reminders charged) on day.
func (b *book) paid(inv core.Invoice, day string) {
	b.t.Helper()
	claim, err := b.svc.InvoiceClaim(b.ctx, inv.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Date: core.MustDate(day), Amount: claim.Sum()}); err != nil {
		b.t.Fatal(err)
	}
}

// lateBook is a book on 2026-11-26 with an invoice reminded with interest on
// 2026-10-15 and paid on 2026-11-10, one never reminded paid 20 days late, and one
// paid on time.
func lateBook(t *testing.T) (b *book, reminded, late, onTime core.Invoice) {
	b = newBook(t, core.Channels{})
	c := b.customer("K1", false, "")
	reminded = b.invoice("1001", c, "2026-09-30", 10000)
	late = b.invoice("1002", c, "2026-10-31", 5000)
	onTime = b.invoice("1003", c, "2026-10-31", 2000)
	_, err := b.on("2026-10-15").SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{reminded.ID}, ChargeInterest: true, Prefer: core.ChannelLetter, IdempotencyKey: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	b.paid(reminded, "2026-11-10")
	b.paid(late, "2026-11-20")
	b.paid(onTime, "2026-10-31")
	return b, reminded, late, onTime
}

func TestInterestInvoiceCandidatesAreTheInvoicesPaidLateWithTheirInterest(t *testing.T) {
	b, reminded, late, _ := lateBook(t)
	got, err := b.svc.InterestInvoiceCandidates(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 2026 H2: the reference rate 2,00 % (preliminary in the table) + 8 = 10 %.
	// 1001: 2026-10-16…11-10, 26 days on 10 000: 10 000 × 10 % × 26 / 365 = 71,232… kr.
	// 1002: 2026-11-01…11-20, 20 days on 5 000: 5 000 × 10 % × 20 / 365 = 27,397… kr.
	want := []struct {
		id       int64
		interest string
		from     string
		reminded bool
	}{{reminded.ID, "71.23", "2026-10-16", true}, {late.ID, "27.40", "2026-11-01", false}}
	if len(got.Candidates) != len(want) {
		t.Fatalf("candidates %+v, want 1001 and 1002", got.Candidates)
	}
	for i, w := range want {
		c := got.Candidates[i]
		if c.Invoice.ID != w.id || !c.Interest.Amount.Equal(kr(w.interest)) || c.From != core.MustDate(w.from) || c.Reminded != w.reminded {
			t.Errorf("candidate %d: %s %s kr from %s (reminded %v), want %s kr from %s", i, c.Invoice.Number,
				c.Interest.Amount, c.From, c.Reminded, w.interest, w.from)
		}
	}
	if got.DueDate != core.MustDate("2026-12-06") {
		t.Errorf("räntefakturor would be due %s, want today plus the 10 days' term", got.DueDate)
	}
}

func TestTheMinimumLeavesOutSmallerInterest(t *testing.T) {
	b, reminded, _, _ := lateBook(t)
	set, _ := b.svc.Settings(b.ctx)
	set.InterestInvoiceMinimum = kr("50")
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	got, err := b.svc.InterestInvoiceCandidates(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Candidates) != 1 || got.Candidates[0].Invoice.ID != reminded.ID || got.BelowMinimum != 1 || !got.Minimum.Equal(kr("50")) {
		t.Errorf("with a 50 kr minimum: %+v", got)
	}
	set.InterestInvoiceMinimum = kr("-1")
	wantCode(t, b.svc.SaveSettings(b.ctx, set), core.EINVALID)
}

func TestCreateInterestInvoicesMakesOrdinaryInvoicesOnce(t *testing.T) {
	b, reminded, late, onTime := lateBook(t)
	res, err := b.svc.CreateInterestInvoices(b.ctx, []int64{reminded.ID, late.ID, onTime.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Created) != 2 || len(res.Existing) != 0 || res.Dropped != 1 || !res.Total().Equal(kr("98.63")) {
		t.Fatalf("result %+v, want two made (71,23 + 27,40) and the invoice paid on time dropped", res)
	}
	set, _ := b.svc.Settings(b.ctx)
	for i, w := range []struct {
		number string
		of     core.Invoice
		total  string
	}{{"1004", reminded, "71.23"}, {"1005", late, "27.40"}} {
		inv := res.Created[i]
		if inv.Number != w.number || inv.InterestFor != w.of.ID || !inv.Total.Equal(kr(w.total)) || inv.CustomerID != w.of.CustomerID ||
			inv.InvoiceDate != core.MustDate("2026-11-26") || inv.DueDate != core.MustDate("2026-12-06") || inv.Currency != "SEK" ||
			!inv.Paid.IsZero() {
			t.Errorf("räntefaktura %d: %+v", i, inv)
		}
		if inv.OCR == "" || core.CheckOCR(inv.OCR, set.OCR) != nil {
			t.Errorf("räntefaktura %s has OCR %q, not one by the company's OCR rule", inv.Number, inv.OCR)
		}
	}
	if next, _ := b.svc.NextInvoiceNumber(b.ctx); next != "1006" {
		t.Errorf("the next invoice number is %q after the räntefakturor", next)
	}

	again, err := b.svc.CreateInterestInvoices(b.ctx, []int64{reminded.ID, late.ID})
	if err != nil || len(again.Created) != 0 || len(again.Existing) != 2 || again.Existing[0].Number != "1004" {
		t.Fatalf("a second press: %+v, %v; want nothing made and the two found", again, err)
	}
	left, err := b.svc.InterestInvoiceCandidates(b.ctx)
	if err != nil || len(left.Candidates) != 0 {
		t.Errorf("candidates after: %+v, %v", left.Candidates, err)
	}
}

func TestCreateInterestInvoicesRefusesAnEmptyOrRepeatedSelection(t *testing.T) {
	b, reminded, _, _ := lateBook(t)
	for name, ids := range map[string][]int64{"nothing selected": nil, "an invoice twice": {reminded.ID, reminded.ID}} {
		t.Run(name, func(t *testing.T) {
			_, err := b.svc.CreateInterestInvoices(b.ctx, ids)
			wantCode(t, err, core.EINVALID)
		})
	}
	if left, _ := b.svc.InterestInvoiceCandidates(b.ctx); len(left.Candidates) != 2 {
		t.Errorf("a refused request changed the book: %d candidates left", len(left.Candidates))
	}
}

// A räntefaktura is an ordinary invoice: once overdue the reminder flow takes it,
// with interest from its own due date.
func TestTheReminderFlowTreatsARäntefakturaLikeAnyInvoice(t *testing.T) {
	b, reminded, _, _ := lateBook(t)
	res, err := b.svc.CreateInterestInvoices(b.ctx, []int64{reminded.ID})
	if err != nil || len(res.Created) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	rf := res.Created[0]
	later := b.on("2026-12-16")
	cs, err := later.ReminderCandidates(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cs {
		found = found || c.Invoice.ID == rf.ID
	}
	if !found {
		t.Fatalf("the overdue räntefaktura %s is not among the reminder candidates %v", rf.Number, cs)
	}
	sent, err := later.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{rf.ID},
		ChargeInterest: true, Prefer: core.ChannelLetter, IdempotencyKey: "r2"})
	if err != nil || len(sent.Reminders) != 1 {
		t.Fatalf("%+v, %v", sent, err)
	}
	// 71,23 kr × 10 % × 10 days (2026-12-07…16) / 365 = 0,195… kr.
	if r := sent.Reminders[0]; !r.Interest.Equal(kr("0.2")) || r.InterestFrom != core.MustDate("2026-12-07") || !r.Balance.Equal(kr("71.23")) {
		t.Errorf("the räntefaktura's reminder: interest %s from %s on %s", r.Interest, r.InterestFrom, r.Balance)
	}
}

// Issue 20: making a räntefaktura writes a line to the history of the invoice whose
// interest it charges ("Räntefaktura 1004 skapad, 71,23 kr"), once: a second press
// that finds it writes nothing.
func TestARäntefakturaIsWrittenInItsOriginalsHistory(t *testing.T) {
	b, reminded, late, _ := lateBook(t)
	for range 2 {
		if _, err := b.svc.CreateInterestInvoices(b.ctx, []int64{reminded.ID, late.ID}); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []struct {
		of             core.Invoice
		number, amount string
	}{{reminded, "1004", "71.23"}, {late, "1005", "27.40"}} {
		hs, err := b.svc.InvoiceHistory(b.ctx, w.of.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := "Räntefaktura " + w.number + " created, " + core.FormatSEK(kr(w.amount))
		if len(hs) != 1 || hs[0].Message.Text() != want {
			t.Errorf("history of %s: %+v, want the one line %q", w.of.Number, hs, want)
		}
	}
}

// Issue 20: a payment undone after its invoice's räntefaktura was made reopens the
// invoice, and its next reminder states the interest from the due date again. The
// räntefaktura's interest counts as stated before (core/RULES.md, "Räntefakturor"),
// so the customer is asked for each day's interest once.
//
// Worked by hand (2026 H2: reference rate 2,00 % + 8 = 10 %, räntelagen 6 § and 9 §):
// 1001, 10 000 kr due 2026-09-30, reminded with interest 2026-10-15 (15 days: 41,10
// kr), paid in full 2026-11-10, räntefaktura for 2026-10-16…11-10 (26 days: 71,23
// kr), the payment undone 2026-11-26, reminded again 2026-12-16: it states 77 days on
// 10 000 kr, 210,96 kr; 41,10 + 71,23 = 112,33 kr was stated before, so it charges
// 98,63 kr anew (2026-11-11…12-16, 36 days: 10 000 × 10 % × 36 / 365 = 98,63).
func TestAReminderAfterAnUndonePaymentDoesNotChargeTheRäntefakturasInterestAgain(t *testing.T) {
	b, reminded, _, _ := lateBook(t)
	res, err := b.svc.CreateInterestInvoices(b.ctx, []int64{reminded.ID})
	if err != nil || len(res.Created) != 1 || !res.Created[0].Total.Equal(kr("71.23")) {
		t.Fatalf("%+v, %v", res, err)
	}
	ps, err := b.svc.InvoicePayments(b.ctx, reminded.ID)
	if err != nil || len(ps) != 1 {
		t.Fatalf("payments of 1001: %+v, %v", ps, err)
	}
	if _, err := b.svc.ReversePayment(b.ctx, ps[0].ID, "paid to the wrong invoice"); err != nil {
		t.Fatal(err)
	}
	later := b.on("2026-12-16")
	sent, err := later.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{reminded.ID},
		ChargeInterest: true, Prefer: core.ChannelLetter, IdempotencyKey: "after-undo"})
	if err != nil || len(sent.Reminders) != 1 {
		t.Fatalf("%+v, %v", sent, err)
	}
	r := sent.Reminders[0]
	if !r.Interest.Equal(kr("210.96")) || !r.InterestBefore.Equal(kr("112.33")) || !r.NewCharges().Interest.Equal(kr("98.63")) {
		t.Errorf("the reminder states %s kr interest, %s kr of it stated before, charges %s kr anew; want 210,96, 112,33, 98,63",
			r.Interest, r.InterestBefore, r.NewCharges().Interest)
	}
	// What the customer is asked in all: 1001's claim and the räntefaktura's, with
	// each day's interest once (41,10 + 71,23 + 98,63 = 210,96 kr).
	claim, err := later.InvoiceClaim(b.ctx, reminded.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := kr("10000").Add(kr("41.10")).Add(kr("98.63")); !claim.Sum().Equal(want) {
		t.Errorf("1001's claim is %s kr, want %s kr", claim.Sum(), want)
	}
}
