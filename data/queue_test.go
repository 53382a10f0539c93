package data

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"paminn/core"
)

// queueBook holds one batch of three letter reminders created at 10:00.
func queueBook(t *testing.T, s core.Store) []core.Reminder {
	t.Helper()
	c := mustCustomer(t, s, "K1", "Anna AB")
	var rs []core.Reminder
	for _, n := range []string{"A", "B", "C"} {
		rs = append(rs, plannedReminder(mustInvoice(t, s, c, invoiceSpec{number: n, dueIn: -20, total: "100"}), core.ChannelLetter))
	}
	res, err := s.CreateBatch(ctx, newBatch("q", core.ReminderManual), rs)
	if err != nil {
		t.Fatal(err)
	}
	return res.Reminders
}

func claimIDs(t *testing.T, s core.Store, now, stale time.Time, limit int) ([]int64, []core.Delivery) {
	t.Helper()
	ds, err := s.ClaimDeliveries(ctx, now, stale, limit, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, d := range ds {
		ids = append(ids, d.Reminder.ID)
	}
	return ids, ds
}

func TestClaimDeliveriesMarksThemSendingOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		rs := queueBook(t, s)
		ids, ds := claimIDs(t, s, at("10:01"), at("09:00"), 2)
		if len(ids) != 2 || ids[0] != rs[0].ID || ids[1] != rs[1].ID {
			t.Fatalf("claimed %v, want the first two of %v", ids, rs)
		}
		d := ds[0]
		if d.Reminder.State != core.DeliverySending || d.Reminder.Attempts != 1 || d.Uncertain ||
			d.Invoice.Number != "A" || d.Invoice.CustomerName != "Anna AB" || d.Customer.Email == "" ||
			!d.Reminder.Fee.Equal(kr("60")) || d.Reminder.InvoiceNumber != "A" {
			t.Errorf("delivery = %+v", d)
		}
		ids, _ = claimIDs(t, s, at("10:01"), at("09:00"), 10)
		if len(ids) != 1 || ids[0] != rs[2].ID {
			t.Errorf("second claim = %v, want only the third reminder", ids)
		}
		if ids, _ = claimIDs(t, s, at("10:02"), at("09:00"), 10); len(ids) != 0 {
			t.Errorf("third claim = %v, want nothing: all are being sent", ids)
		}
	})
}

func TestClaimDeliveriesTakesBackStaleSendingRowsAsUncertain(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		rs := queueBook(t, s)
		claimIDs(t, s, at("10:01"), at("09:00"), 10)
		// The program stopped; at start-up every sending row claimed before now is stale.
		ids, ds := claimIDs(t, s, at("11:00"), at("10:30"), 10)
		if len(ids) != 3 {
			t.Fatalf("reclaimed %v, want all three", ids)
		}
		for _, d := range ds {
			if !d.Uncertain || d.Reminder.Attempts != 2 {
				t.Errorf("reclaimed %d: uncertain %v, attempts %d; want uncertain, 2", d.Reminder.ID, d.Uncertain, d.Reminder.Attempts)
			}
		}
		if ids, _ := claimIDs(t, s, at("11:00"), at("10:30"), 10); len(ids) != 0 {
			t.Errorf("rows claimed at 11:00 are not stale before 10:30, yet %v came back", ids)
		}
		_ = rs
	})
}

func TestFinishDeliveryAndRetry(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		rs := queueBook(t, s)
		claimIDs(t, s, at("10:01"), at("09:00"), 10)
		sent, later, byHand := rs[0].ID, rs[1].ID, rs[2].ID
		outcomes := []core.DeliveryOutcome{
			{ReminderID: sent, State: core.DeliverySent, ExternalRef: "/letters/A.pdf", At: at("10:02")},
			{ReminderID: later, State: core.DeliveryFailed, Error: "Disk full", NextAttempt: at("10:30"), At: at("10:02")},
			{ReminderID: byHand, State: core.DeliveryFailed, Error: "No address", At: at("10:02")},
		}
		for _, o := range outcomes {
			if err := s.FinishDelivery(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		if ids, _ := claimIDs(t, s, at("10:29"), at("09:00"), 10); len(ids) != 0 {
			t.Errorf("before the next attempt is due, claimed %v", ids)
		}
		if ids, _ := claimIDs(t, s, at("10:30"), at("09:00"), 10); len(ids) != 1 || ids[0] != later {
			t.Errorf("when the next attempt is due, claimed %v, want [%d]", ids, later)
		}

		got, _ := s.BatchReminders(ctx, rs[0].BatchID)
		if g := got[0]; g.State != core.DeliverySent || g.ExternalRef != "/letters/A.pdf" || !g.UpdatedAt.Equal(at("10:02")) || g.Attempts != 1 {
			t.Errorf("sent reminder = %+v", g)
		}
		if g := got[2]; g.State != core.DeliveryFailed || g.Error != "No address" {
			t.Errorf("failed reminder = %+v", g)
		}

		wantCode(t, s.RetryReminder(ctx, sent, at("11:00")), core.ECONFLICT)
		wantCode(t, s.RetryReminder(ctx, 999, at("11:00")), core.ENOTFOUND)
		if err := s.RetryReminder(ctx, byHand, at("11:00")); err != nil {
			t.Fatal(err)
		}
		ids, ds := claimIDs(t, s, at("11:00"), at("09:00"), 10)
		if len(ids) != 1 || ids[0] != byHand || ds[0].Reminder.Attempts != 2 || ds[0].Uncertain {
			t.Errorf("after a retry by hand, claimed %+v", ds)
		}
		wantCode(t, s.FinishDelivery(ctx, core.DeliveryOutcome{ReminderID: 999, State: core.DeliverySent, At: at("11:00")}), core.ENOTFOUND)
	})
}

func TestFinishDeliveryRecordsTheAmiliCase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -20, total: "100"})
		res, err := s.CreateBatch(ctx, newBatch("a", core.ReminderAmili), []core.Reminder{plannedReminder(inv, core.ChannelAmili)})
		if err != nil {
			t.Fatal(err)
		}
		id := res.Reminders[0].ID
		claimIDs(t, s, at("10:01"), at("09:00"), 10)
		err = s.FinishDelivery(ctx, core.DeliveryOutcome{ReminderID: id, State: core.DeliverySent, ExternalRef: "case-1",
			At: at("10:02"), AmiliState: core.AmiliRegistered, AmiliCaseRef: "case-1"})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.Invoice(ctx, inv.ID)
		if got.AmiliState != core.AmiliRegistered || got.AmiliCaseRef != "case-1" {
			t.Errorf("invoice Amili = %q %q, want registered case-1", got.AmiliState, got.AmiliCaseRef)
		}
		// A later outcome without a case reference keeps the one recorded.
		err = s.FinishDelivery(ctx, core.DeliveryOutcome{ReminderID: id, State: core.DeliverySent, At: at("10:03"),
			AmiliState: core.AmiliReminderSent})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Invoice(ctx, inv.ID); got.AmiliState != core.AmiliReminderSent || got.AmiliCaseRef != "case-1" {
			t.Errorf("invoice Amili = %q %q, want reminder_sent case-1", got.AmiliState, got.AmiliCaseRef)
		}
	})
}

// letterBook holds one batch, created at 10:00, of letters customers share (issue
// 22): customer n's invoices are one letter (group n) when it has more than one.
func letterBook(t *testing.T, s core.Store, invoicesPerCustomer ...int) (rs []core.Reminder, groups map[int64][]int64) {
	t.Helper()
	var planned []core.Reminder
	for n, count := range invoicesPerCustomer {
		c := mustCustomer(t, s, fmt.Sprint("K", n+1), fmt.Sprint("Kund ", n+1))
		for i := range count {
			r := plannedReminder(mustInvoice(t, s, c, invoiceSpec{number: fmt.Sprintf("%d-%d", n+1, i+1), dueIn: -20, total: "100"}), core.ChannelLetter)
			if count > 1 {
				r.Group = int64(n + 1)
			}
			planned = append(planned, r)
		}
	}
	res, err := s.CreateBatch(ctx, newBatch("letters", core.ReminderManual), planned)
	if err != nil {
		t.Fatal(err)
	}
	groups = map[int64][]int64{}
	for _, r := range res.Reminders {
		if r.Group != 0 {
			groups[r.Group] = append(groups[r.Group], r.ID)
		}
	}
	return res.Reminders, groups
}

// A letter several reminders share is claimed whole, however small the limit, taken
// back whole when its attempt never finished, and due again whole.
func TestEnginesALetterIsClaimedWhole(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		rs, groups := letterBook(t, s, 3, 1)
		letter, alone := groups[1], rs[3].ID
		if ids, _ := claimIDs(t, s, at("10:01"), at("09:00"), 1); !slices.Equal(ids, letter) {
			t.Fatalf("claimed %v with a limit of one, want the whole letter %v", ids, letter)
		}
		if ids, _ := claimIDs(t, s, at("10:01"), at("09:00"), 10); !slices.Equal(ids, []int64{alone}) {
			t.Fatalf("claimed %v, want the reminder alone in its letter", ids)
		}
		if err := s.FinishDelivery(ctx, core.DeliveryOutcome{ReminderID: alone, State: core.DeliverySent, At: at("10:02")}); err != nil {
			t.Fatal(err)
		}
		var outcomes []core.DeliveryOutcome
		for _, id := range letter {
			outcomes = append(outcomes, core.DeliveryOutcome{ReminderID: id, State: core.DeliveryFailed, Error: "Disk full",
				NextAttempt: at("10:30"), At: at("10:02")})
		}
		if err := s.FinishDeliveries(ctx, outcomes); err != nil {
			t.Fatal(err)
		}
		if ids, ds := claimIDs(t, s, at("10:30"), at("09:00"), 1); !slices.Equal(ids, letter) || ds[0].Reminder.Attempts != 2 || ds[0].Uncertain {
			t.Fatalf("when due again, claimed %+v, want the whole letter, a second attempt", ds)
		}
		ids, ds := claimIDs(t, s, at("11:00"), at("10:45"), 1)
		if !slices.Equal(ids, letter) {
			t.Fatalf("started again, took back %v with a limit of one, want the whole letter %v", ids, letter)
		}
		for _, d := range ds {
			if !d.Uncertain || d.Reminder.Attempts != 3 {
				t.Errorf("taken back %d: uncertain %v, attempts %d; want uncertain, 3", d.Reminder.ID, d.Uncertain, d.Reminder.Attempts)
			}
		}
	})
}

// A desktop claims only the channels it can send (core.LeftForOthers); the rest stay
// pending, untouched, for another.
func TestEnginesAClaimTakesOnlyTheChannelsAsked(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		var planned []core.Reminder
		for i, ch := range []core.Channel{core.ChannelEmail, core.ChannelLetter, core.ChannelEmail} {
			planned = append(planned, plannedReminder(mustInvoice(t, s, c, invoiceSpec{number: fmt.Sprint(i + 1), dueIn: -20, total: "100"}), ch))
		}
		res, err := s.CreateBatch(ctx, newBatch("mixed", core.ReminderManual), planned)
		if err != nil {
			t.Fatal(err)
		}
		rs := res.Reminders
		ds, err := s.ClaimDeliveries(ctx, at("10:01"), at("09:00"), 10, []core.Channel{core.ChannelLetter, core.ChannelAmili})
		if err != nil || len(ds) != 1 || ds[0].Reminder.ID != rs[1].ID {
			t.Fatalf("claimed %d (%v), want the letter alone", len(ds), err)
		}
		if ids, _ := claimIDs(t, s, at("10:01"), at("09:00"), 10); !slices.Equal(ids, []int64{rs[0].ID, rs[2].ID}) {
			t.Errorf("then, with every channel, claimed %v, want the two e-mails untouched", ids)
		}
	})
}

// A reminder held back (stopped) is never claimed again, nor sent again by hand, and
// a letter goes without its stopped reminder.
func TestEnginesAStoppedReminderIsNeverClaimedAgain(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		_, groups := letterBook(t, s, 3)
		letter := groups[1]
		claimIDs(t, s, at("10:01"), at("09:00"), 10)
		outcomes := []core.DeliveryOutcome{
			{ReminderID: letter[0], State: core.DeliveryStopped, Error: "Paid", At: at("10:02")},
			{ReminderID: letter[1], State: core.DeliveryFailed, Error: "Disk full", NextAttempt: at("10:30"), At: at("10:02")},
			{ReminderID: letter[2], State: core.DeliveryFailed, Error: "Disk full", NextAttempt: at("10:30"), At: at("10:02")},
		}
		if err := s.FinishDeliveries(ctx, outcomes); err != nil {
			t.Fatal(err)
		}
		if ids, _ := claimIDs(t, s, at("10:30"), at("10:30"), 10); !slices.Equal(ids, letter[1:]) {
			t.Errorf("claimed %v, want the letter without its stopped reminder %v", ids, letter[1:])
		}
		if ids, _ := claimIDs(t, s, at("12:00"), at("11:00"), 10); !slices.Equal(ids, letter[1:]) {
			t.Errorf("taken back %v, want %v: never the stopped one", ids, letter[1:])
		}
		wantCode(t, s.RetryReminder(ctx, letter[0], at("12:00")), core.ECONFLICT)
	})
}
