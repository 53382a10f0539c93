package data

import (
	"testing"

	"paminn/core"
)

// plannedReminder is what core would plan for inv in a batch on today.
func plannedReminder(inv core.Invoice, ch core.Channel) core.Reminder {
	typ := core.ReminderManual
	if ch == core.ChannelAmili {
		typ = core.ReminderAmili
	}
	return core.Reminder{InvoiceID: inv.ID, InvoiceNumber: inv.Number, CustomerName: inv.CustomerName,
		Type: typ, Date: today, Level: inv.ReminderCount + 1, InterestRate: kr("10.5"),
		InterestFrom: inv.DueDate.AddDays(1), InterestDays: 12, Interest: kr("3.45"), Fee: kr("60"),
		Balance: inv.Balance(), AmountDue: inv.Balance().Add(kr("63.45")), NewDueDate: today.AddDays(10), Channel: ch}
}

func newBatch(key string, typ core.ReminderType) core.Batch {
	return core.Batch{IdempotencyKey: key, CreatedAt: at("10:00"), Type: typ, ChargeInterest: true, ChargeFee: true}
}

func TestCreateBatchWritesRemindersInvoicesAndQueue(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -20, total: "1000"})
		b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -10, total: "500", reminders: 1})

		res, err := s.CreateBatch(ctx, newBatch("key-1", core.ReminderManual),
			[]core.Reminder{plannedReminder(a, core.ChannelEmail), plannedReminder(b, core.ChannelLetter)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Replayed || res.Batch.ID == 0 || res.Batch.Count != 2 || len(res.Reminders) != 2 {
			t.Fatalf("result = %+v", res)
		}
		for _, r := range res.Reminders {
			if r.ID == 0 || r.BatchID != res.Batch.ID || r.State != core.DeliveryPending {
				t.Errorf("reminder = %+v", r)
			}
		}
		got, err := s.BatchReminders(ctx, res.Batch.ID)
		if err != nil || len(got) != 2 {
			t.Fatalf("BatchReminders = %v, %v", got, err)
		}
		want := res.Reminders[0]
		if g := got[0]; g.ID != want.ID || g.InvoiceNumber != "A" || g.CustomerName != "Anna AB" ||
			!g.InterestRate.Equal(kr("10.5")) || !g.Interest.Equal(kr("3.45")) || !g.Fee.Equal(kr("60")) ||
			!g.AmountDue.Equal(kr("1063.45")) || !g.Balance.Equal(kr("1000")) || g.InterestFrom != a.DueDate.AddDays(1) ||
			g.InterestDays != 12 || g.NewDueDate != today.AddDays(10) || g.Channel != core.ChannelEmail ||
			g.Level != 1 || g.Type != core.ReminderManual || g.Date != today || !g.UpdatedAt.Equal(at("10:00")) {
			t.Errorf("stored reminder = %+v\nwant %+v", g, want)
		}
		if a2, _ := s.Invoice(ctx, a.ID); a2.ReminderCount != 1 || a2.LastReminded != today || a2.AmiliState != core.AmiliNone {
			t.Errorf("invoice A after the batch: %d reminders, last %s, Amili %q", a2.ReminderCount, a2.LastReminded, a2.AmiliState)
		}
		if b2, _ := s.Invoice(ctx, b.ID); b2.ReminderCount != 2 {
			t.Errorf("invoice B has %d reminders, want 2", b2.ReminderCount)
		}
		ds, err := s.ClaimDeliveries(ctx, at("10:01"), at("09:00"), 10, nil)
		if err != nil || len(ds) != 2 {
			t.Fatalf("queue holds %d deliveries (%v), want 2", len(ds), err)
		}
	})
}

func TestCreateBatchMarksAmiliInvoicesPending(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -20, total: "1000"})
		if _, err := s.CreateBatch(ctx, newBatch("k", core.ReminderAmili), []core.Reminder{plannedReminder(a, core.ChannelAmili)}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Invoice(ctx, a.ID); got.AmiliState != core.AmiliPending {
			t.Errorf("Amili state = %q, want pending", got.AmiliState)
		}
	})
}

func TestCreateBatchWithAUsedKeyReturnsTheFirstResultAndWritesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -20, total: "1000"})
		b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -20, total: "1000"})
		first, err := s.CreateBatch(ctx, newBatch("same", core.ReminderManual), []core.Reminder{plannedReminder(a, core.ChannelLetter)})
		if err != nil {
			t.Fatal(err)
		}
		again, err := s.CreateBatch(ctx, newBatch("same", core.ReminderManual),
			[]core.Reminder{plannedReminder(a, core.ChannelLetter), plannedReminder(b, core.ChannelLetter)})
		if err != nil {
			t.Fatal(err)
		}
		if !again.Replayed || again.Batch.ID != first.Batch.ID || len(again.Reminders) != 1 || again.Reminders[0].ID != first.Reminders[0].ID {
			t.Fatalf("replay = %+v, want the first result", again)
		}
		if got, _ := s.Invoice(ctx, a.ID); got.ReminderCount != 1 {
			t.Errorf("the replay counted another reminder: %d", got.ReminderCount)
		}
		if bs, _ := s.Batches(ctx); len(bs) != 1 {
			t.Errorf("%d batches, want 1", len(bs))
		}
		byKey, err := s.BatchByKey(ctx, "same")
		if err != nil || !byKey.Replayed || byKey.Batch.ID != first.Batch.ID {
			t.Errorf("BatchByKey = %+v, %v", byKey, err)
		}
		_, err = s.BatchByKey(ctx, "never used")
		wantCode(t, err, core.ENOTFOUND)
	})
}

func TestCreateBatchIsAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -20, total: "1000"})
		tests := []struct {
			name      string
			reminders []core.Reminder
			code      core.ErrorCode
		}{
			{"a reminder for a missing invoice writes nothing", []core.Reminder{
				plannedReminder(a, core.ChannelLetter), {InvoiceID: 999, Date: today, Channel: core.ChannelLetter, Type: core.ReminderManual},
			}, core.ENOTFOUND},
			{"the same invoice twice writes nothing", []core.Reminder{
				plannedReminder(a, core.ChannelLetter), plannedReminder(a, core.ChannelLetter),
			}, core.EINVALID},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.CreateBatch(ctx, newBatch(tt.name, core.ReminderManual), tt.reminders)
				wantCode(t, err, tt.code)
				if bs, _ := s.Batches(ctx); len(bs) != 0 {
					t.Errorf("a failed batch left %d batches", len(bs))
				}
				if got, _ := s.Invoice(ctx, a.ID); got.ReminderCount != 0 {
					t.Errorf("a failed batch counted %d reminders", got.ReminderCount)
				}
				var n int
				dbOf(t, s).QueryRow(`SELECT count(*) FROM reminders`).Scan(&n)
				if n != 0 {
					t.Errorf("a failed batch left %d reminders", n)
				}
			})
		}
	})
}

func TestBatchesAreNewestFirstWithDeliveryCounts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		var invs []core.Invoice
		for _, n := range []string{"A", "B", "C"} {
			invs = append(invs, mustInvoice(t, s, c, invoiceSpec{number: n, dueIn: -20, total: "100"}))
		}
		older := newBatch("older", core.ReminderManual)
		older.CreatedAt = at("08:00")
		if _, err := s.CreateBatch(ctx, older, []core.Reminder{plannedReminder(invs[2], core.ChannelLetter)}); err != nil {
			t.Fatal(err)
		}
		res, err := s.CreateBatch(ctx, newBatch("newer", core.ReminderManual),
			[]core.Reminder{plannedReminder(invs[0], core.ChannelLetter), plannedReminder(invs[1], core.ChannelEmail)})
		if err != nil {
			t.Fatal(err)
		}
		finish(t, s, res.Reminders[0].ID, core.DeliverySent)
		finish(t, s, res.Reminders[1].ID, core.DeliveryFailed)

		bs, err := s.Batches(ctx)
		if err != nil || len(bs) != 2 {
			t.Fatalf("Batches = %v, %v", bs, err)
		}
		if b := bs[0]; b.IdempotencyKey != "newer" || b.Count != 2 || b.Sent != 1 || b.Failed != 1 ||
			!b.CreatedAt.Equal(at("10:00")) || !b.ChargeFee || !b.ChargeInterest || b.Prefer != "" || b.Type != core.ReminderManual {
			t.Errorf("newest batch = %+v", b)
		}
		if bs[1].IdempotencyKey != "older" || bs[1].Sent != 0 {
			t.Errorf("older batch = %+v", bs[1])
		}
		_, err = s.BatchReminders(ctx, 999)
		wantCode(t, err, core.ENOTFOUND)
	})
}

// finish records a delivery outcome at 10:05.
func finish(t *testing.T, s core.Store, id int64, state core.DeliveryState) {
	t.Helper()
	o := core.DeliveryOutcome{ReminderID: id, State: state, At: at("10:05")}
	if state == core.DeliveryFailed {
		o.Error = "The mail server refused the address"
	}
	if err := s.FinishDelivery(ctx, o); err != nil {
		t.Fatal(err)
	}
}
