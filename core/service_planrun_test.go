package core_test

import (
	"strings"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/letter"
)

// onWith is the book's service as it runs on day, delivering by ch.
func (b *book) onWith(day string, ch core.Channels) *core.Service {
	b.t.Helper()
	d := core.MustDate(day)
	return core.NewService(b.store, core.Options{Clock: core.FixedClock(time.Date(d.Year, time.Month(d.Month), d.Day, 10, 0, 0, 0, time.UTC)),
		Channels: ch, LettersDir: b.t.TempDir()})
}

// byPlan sends invoices by the plan on day (step 0: each its own next step) and
// returns the batch's reminders as the book reads them back.
func (b *book) byPlan(svc *core.Service, key string, step int, ids ...int64) ([]core.Reminder, error) {
	b.t.Helper()
	res, err := svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids,
		ByPlan: true, Step: step, IdempotencyKey: key})
	if err != nil {
		return nil, err
	}
	return b.reminders(res.Batch.ID), nil
}

// Issue 22, sending by the plan, with the default plan (Amili not activated:
// Påminnelse 1 ten days after the due date, Påminnelse 2 and Inkassokrav fourteen days
// after the step before): each batch gives the invoice its next step — the step's fee
// (the customer agreed to one), interest, time to pay and text — records the step,
// refuses a second step on one day, a step already taken, and a step when every step
// is taken.
func TestAnInvoiceTakesItsPlansStepsInOrder(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-08-01", 10000)

	first, err := b.byPlan(b.on("2026-08-11"), "p1", 0, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := first[0]
	if r.Step != 1 || r.StepName != "Påminnelse 1" || r.Action != core.StepReminder || !r.Fee.Equal(kr("60")) ||
		!r.Interest.IsPositive() || r.NewDueDate != core.MustDate("2026-08-21") {
		t.Errorf("first: step %d %q %s, fee %s, interest %s, pay by %s; want step 1 Påminnelse 1, 60 kr, interest, 2026-08-21",
			r.Step, r.StepName, r.Action, r.Fee, r.Interest, r.NewDueDate)
	}
	for _, want := range []string{"Hej Kund K1!", "faktura 1001", "2026-08-01", core.FormatSEK(r.AmountDue), "2026-08-21"} {
		if !strings.Contains(r.LetterText, want) || !strings.Contains(r.EmailText, want) {
			t.Errorf("the step's texts lack %q:\n%s", want, r.LetterText)
		}
	}
	if got := b.invoiceNow(inv.ID); got.PlanStep != 1 || core.HistoryOf(got).Taken != 1 {
		t.Errorf("the invoice has taken step %d, want 1", got.PlanStep)
	}
	_, err = b.byPlan(b.on("2026-08-11"), "p1 again", 0, inv.ID)
	wantCode(t, err, core.EINVALID) // never two steps on one day
	_, err = b.byPlan(b.on("2026-08-20"), "back", 1, inv.ID)
	wantCode(t, err, core.EINVALID) // never back to a step taken

	second, err := b.byPlan(b.on("2026-08-25"), "p2", 0, inv.ID)
	if err != nil || second[0].Step != 2 || second[0].StepName != "Påminnelse 2" || !strings.Contains(second[0].LetterText, "Trots vår påminnelse") {
		t.Fatalf("second: %+v, %v", second, err)
	}
	third, err := b.byPlan(b.on("2026-09-08"), "p3", 0, inv.ID)
	if err != nil || third[0].Step != 3 || third[0].Action != core.StepInkasso {
		t.Fatalf("third: %+v, %v", third, err)
	}
	_, err = b.byPlan(b.on("2026-10-08"), "p4", 0, inv.ID)
	wantCode(t, err, core.EINVALID) // every step taken (no Amili step without activation)
	if got := b.invoiceNow(inv.ID); got.PlanStep != 3 || got.ReminderCount != 3 {
		t.Errorf("step %d, %d reminders; want 3 and 3", got.PlanStep, got.ReminderCount)
	}
}

// The user may override the step for a batch and skip forward (core/RULES.md,
// "Sending by the plan"); the invoice then stands at the step it took. A reminder
// sent outside the plan takes no step but moves the day the next counts from. A
// customer who agreed to no fee is charged none by a step with a fee.
func TestAnOverrideSkipsForwardAndAReminderOutsideThePlanTakesNoStep(t *testing.T) {
	b := newBook(t, core.Channels{})
	nofee := b.customer("K2", false, "")
	skip := b.invoice("2001", nofee, "2026-08-01", 5000)
	outside := b.invoice("2002", nofee, "2026-08-01", 5000)

	// The batch's own choices are not used by the plan: no förseningsersättning.
	res, err := b.on("2026-08-11").SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{skip.ID},
		ByPlan: true, Step: 2, ChargeFee: true, ChargeLateCompensation: true, IdempotencyKey: "skip"})
	if err != nil {
		t.Fatal(err)
	}
	rs := b.reminders(res.Batch.ID)
	if rs[0].Step != 2 || rs[0].StepName != "Påminnelse 2" || !rs[0].Fee.IsZero() || !rs[0].LateCompensation.IsZero() ||
		res.Batch.ChargeFee || res.Batch.ChargeLateCompensation {
		t.Fatalf("override to step 2: %+v, batch %+v; want step 2 without a fee or förseningsersättning", rs, res.Batch)
	}
	if got := b.invoiceNow(skip.ID); got.PlanStep != 2 || got.ReminderCount != 1 {
		t.Errorf("step %d after %d reminders, want step 2 after 1", got.PlanStep, got.ReminderCount)
	}

	if _, err := b.on("2026-08-05").SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{outside.ID}, IdempotencyKey: "outside"}); err != nil {
		t.Fatal(err)
	}
	got := b.invoiceNow(outside.ID)
	plan := core.DefaultPlan()
	pos := plan.NextStep(core.PlanFacts{Invoice: got, History: core.HistoryOf(got)}, core.MustDate("2026-08-11"))
	if got.PlanStep != 0 || pos.Step != 0 || !pos.DueOn(core.MustDate("2026-08-11")) {
		t.Errorf("after a reminder outside the plan: step %d, next %d due %v; want 0, Påminnelse 1 due", got.PlanStep, pos.Step, pos.On)
	}
}

// The plan's inkassokrav step sends the company's own inkassokrav: refused before a
// reminder went out; after one, its collection fee (180 kr, lag 1981:739 4 § 2 st. 2,
// no agreement needed) is charged to the claim as a reminder's fee is, it gives the
// step's eight days to pay, and its letter, read back from the PDF, is an
// inkassokrav with the step's text, the fee and every element inkassolagen 5 § asks.
func TestThePlansInkassokravStepSendsTheCompanysOwnInkassokrav(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K3", false, "")
	never := b.invoice("3001", c, "2026-08-01", 10000)
	inv := b.invoice("3002", c, "2026-08-01", 10000)

	_, err := b.byPlan(b.on("2026-09-20"), "too soon", 3, never.ID)
	wantCode(t, err, core.ECONFLICT) // no reminder before it

	if _, err := b.byPlan(b.on("2026-08-11"), "r1", 0, inv.ID); err != nil {
		t.Fatal(err)
	}
	before, err := b.svc.InvoiceClaim(b.ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	svc := b.onWith("2026-09-20", core.Channels{Letter: letter.New()})
	rs, err := b.byPlan(svc, "inkasso", 3, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	if r.Action != core.StepInkasso || r.Step != 3 || !r.Fee.Equal(kr("180")) || r.NewDueDate != core.MustDate("2026-09-28") ||
		!r.AmountDue.Equal(r.ClaimDue()) {
		t.Fatalf("inkassokrav: %s step %d, fee %s, pay by %s, to pay %s (claim %s); want inkasso, 3, 180, 2026-09-28",
			r.Action, r.Step, r.Fee, r.NewDueDate, r.AmountDue, r.ClaimDue())
	}
	after, err := b.svc.InvoiceClaim(b.ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := before.Fee.Add(kr("180")); !after.Fee.Equal(want) || !after.Interest.Equal(before.Interest.Add(r.Interest.Sub(r.InterestBefore))) {
		t.Errorf("claim fees %s interest %s after the inkassokrav, want fees %s", after.Fee, after.Interest, want)
	}
	if rep, err := svc.DeliverPending(b.ctx); err != nil || rep.Sent != 2 { // the reminder before it too
		t.Fatalf("delivery %+v, %v", rep, err)
	}
	sent := b.reminders(r.BatchID)[0]
	page := strings.Join(pdfPages(t, sent.ExternalRef), "\n")
	for _, want := range []string{"Inkassokrav", "Inkassokrav till Kund K3", "Inkassoavgift", "180,00",
		"Faktura 3002 daterad 2026-07-02", "2026-09-28", "Kronofogden", core.FormatSEK(r.AmountDue)} {
		if want = strings.ReplaceAll(want, "\u00a0", " "); !strings.Contains(page, want) { // pdftotext gives plain spaces
			t.Errorf("the inkassokrav's letter lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "Betalningspåminnelse") {
		t.Errorf("the inkassokrav's letter is titled a reminder:\n%s", page)
	}
}

// Where each invoice stands in its plan, as the list and the dialog show it: the
// step taken, the next and its day, whether it is due; nothing next for a paused or
// a paid invoice. "Dags enligt planen" lists only due ones, each with its standing.
func TestEachInvoiceShowsWhereItStandsInItsPlan(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K4", true, "")
	fresh := b.invoice("4001", c, "2026-11-01", 1000)   // Påminnelse 1 due 2026-11-11
	early := b.invoice("4002", c, "2026-11-20", 1000)   // Påminnelse 1 on 2026-11-30
	taken := b.invoice("4003", c, "2026-10-01", 1000)   // Påminnelse 1 taken 2026-11-20
	paused := b.invoice("4004", c, "2026-10-01", 1000)  // disputed
	settled := b.invoice("4005", c, "2026-10-01", 1000) // paid
	if _, err := b.byPlan(b.on("2026-11-20"), "p1", 0, taken.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := b.svc.PauseInvoice(b.ctx, core.Pause{InvoiceID: paused.ID, Reason: core.PauseDispute}); err != nil {
		t.Fatal(err)
	}
	b.paid(settled, "2026-11-02")
	var invs []core.Invoice
	for _, inv := range []core.Invoice{fresh, early, taken, paused, settled} {
		invs = append(invs, b.invoiceNow(inv.ID))
	}
	got, err := b.svc.PlanStandings(b.ctx, invs)
	if err != nil {
		t.Fatal(err)
	}
	want := []core.PlanStanding{
		{Next: "Påminnelse 1", NextOn: core.MustDate("2026-11-11"), Due: true},
		{Next: "Påminnelse 1", NextOn: core.MustDate("2026-11-30")},
		{Taken: "Påminnelse 1", Next: "Påminnelse 2", NextOn: core.MustDate("2026-12-04")},
		{}, {},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("invoice %s stands %+v, want %+v", invs[i].Number, got[i], want[i])
		}
	}
	page, err := b.svc.DueByPlanPage(b.ctx, 0, 10)
	if err != nil || len(page) != 1 || page[0].Invoice.ID != fresh.ID || page[0].Standing != want[0] {
		t.Errorf("Dags enligt planen: %+v, %v; want only 4001 with its standing", page, err)
	}
	cands, err := b.svc.CandidatePage(b.ctx, core.CandidateQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		if c.Invoice.ID == taken.ID && c.Standing != want[2] {
			t.Errorf("the dialog's candidate 4003 stands %+v, want %+v", c.Standing, want[2])
		}
		// The plan's page fills its rows as the dialog's page does: days overdue, earlier
		// reminders, the preview figures.
		if len(page) == 1 && c.Invoice.ID == page[0].Invoice.ID && (c.DaysOverdue != page[0].DaysOverdue ||
			c.PreviousReminders != page[0].PreviousReminders || !c.Interest.Equal(page[0].Interest) || !c.Fee.Equal(page[0].Fee)) {
			t.Errorf("4001 on the plan's page: %d days overdue, %d reminders, interest %s, fee %s; the dialog's page: %d, %d, %s, %s",
				page[0].DaysOverdue, page[0].PreviousReminders, page[0].Interest, page[0].Fee,
				c.DaysOverdue, c.PreviousReminders, c.Interest, c.Fee)
		}
	}
}

// Sent by the plan and one letter per customer (issue 22), a customer's invoices at
// the same step share one letter and one fee (RULES.md "One letter per customer");
// an inkassokrav states one claim's demand (inkassolagen 5 §), so it is never shared.
func TestByThePlanACustomersInvoicesShareALetterOfOneStepButNeverAnInkassokrav(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	a := b.invoice("1001", c, "2026-08-01", 1000)
	bb := b.invoice("1002", c, "2026-08-01", 2000)
	send := func(day, key string, step int) []core.Reminder {
		t.Helper()
		res, err := b.on(day).SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
			InvoiceIDs: []int64{a.ID, bb.ID}, ByPlan: true, Step: step, PerCustomer: true, IdempotencyKey: key})
		if err != nil {
			t.Fatal(err)
		}
		return b.reminders(res.Batch.ID)
	}
	rs := send("2026-08-11", "p1", 0)
	if rs[0].Group == 0 || rs[0].Group != rs[1].Group {
		t.Errorf("Påminnelse 1 of one customer: groups %d and %d, want one shared letter", rs[0].Group, rs[1].Group)
	}
	if fees := rs[0].Fee.Add(rs[1].Fee); !fees.Equal(kr("60")) {
		t.Errorf("the shared letter charges %s in fees, want one fee of 60", fees)
	}
	rs = send("2026-09-20", "inkasso", 3)
	for _, r := range rs {
		if r.Action != core.StepInkasso || r.Group != 0 {
			t.Errorf("invoice %d: %s in group %d, want an inkassokrav of its own", r.InvoiceID, r.Action, r.Group)
		}
	}
}
