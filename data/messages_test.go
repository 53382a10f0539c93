package data

import (
	"reflect"
	"testing"

	"paminn/core"
)

// TestAFailedDeliveryKeepsItsMessageToBeTranslated: why a delivery failed is kept as
// the message template and its data (issue 21: no English on a Swedish screen), and a
// reminder that failed under an earlier version, which kept only English text, still
// reads as that text.
func TestAFailedDeliveryKeepsItsMessageToBeTranslated(t *testing.T) {
	s := mustOpen(t)
	rs := queueBook(t, s)
	claimIDs(t, s, at("10:01"), at("09:00"), 10)
	failure := core.Message{Template: "The mail server refused the address {{.Address}}",
		Data: map[string]string{"Address": "anna@example.se"}}
	o := core.DeliveryOutcome{ReminderID: rs[0].ID, State: core.DeliveryFailed,
		Error: "The mail server refused the address anna@example.se", Failure: failure, At: at("10:02")}
	if err := s.FinishDelivery(ctx, o); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE reminders SET state = 'failed', error = 'Disk full' WHERE id = ?`, rs[1].ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.BatchReminders(ctx, rs[0].BatchID)
	if err != nil {
		t.Fatal(err)
	}
	if m := got[0].FailureMessage(); !reflect.DeepEqual(m, failure) {
		t.Errorf("the failure reads back as %+v, want %+v", m, failure)
	}
	if m := got[1].FailureMessage(); m.Template != "Disk full" || m.Data != nil {
		t.Errorf("an old row's failure reads as %+v, want its text", m)
	}
	if m := got[2].FailureMessage(); !m.IsZero() {
		t.Errorf("a reminder that has not failed has the failure %+v", m)
	}
}

// TestTheListTellsWhichInvoicesLatestReminderFailed: the invoice list marks an
// invoice whose newest reminder failed, with why, and no other; FailedReminderIDs
// lists the failed ones until they are sent again, and a newer reminder of the
// invoice that has not failed clears the mark.
func TestTheListTellsWhichInvoicesLatestReminderFailed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		rs := queueBook(t, s)
		claimIDs(t, s, at("10:01"), at("09:00"), 10)
		why := core.Message{Template: "E-mail cannot be sent from this program"}
		for i, state := range []core.DeliveryState{core.DeliveryFailed, core.DeliverySent, core.DeliveryFailed} {
			o := core.DeliveryOutcome{ReminderID: rs[i].ID, State: state, At: at("10:02")}
			if state == core.DeliveryFailed {
				o.Error, o.Failure = why.Template, why
			}
			if err := s.FinishDelivery(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		if ids, err := s.FailedReminderIDs(ctx); err != nil || !reflect.DeepEqual(ids, []int64{rs[0].ID, rs[2].ID}) {
			t.Errorf("failed reminders %v (%v), want %v and %v", ids, err, rs[0].ID, rs[2].ID)
		}
		// C is reminded again; the new reminder waits to go out.
		c, err := s.Invoice(ctx, rs[2].InvoiceID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateBatch(ctx, newBatch("again", core.ReminderManual), []core.Reminder{plannedReminder(c, core.ChannelLetter)}); err != nil {
			t.Fatal(err)
		}
		page, err := s.ListInvoices(ctx, core.InvoiceQuery{Sort: core.SortNumber}, today)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{"A": true}
		for _, inv := range page.Invoices {
			if got := inv.DeliveryFailure != nil; got != want[inv.Number] {
				t.Errorf("invoice %s: marked failed %v, want %v", inv.Number, got, want[inv.Number])
			} else if got && !reflect.DeepEqual(*inv.DeliveryFailure, why) {
				t.Errorf("invoice %s fails with %+v, want %+v", inv.Number, *inv.DeliveryFailure, why)
			}
		}
		if err := s.RetryReminder(ctx, rs[0].ID, at("11:00")); err != nil {
			t.Fatal(err)
		}
		if ids, err := s.FailedReminderIDs(ctx); err != nil || !reflect.DeepEqual(ids, []int64{rs[2].ID}) {
			t.Errorf("after the retry, failed reminders %v (%v), want only %v", ids, err, rs[2].ID)
		}
	})
}
