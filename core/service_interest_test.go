package core_test

import (
	"testing"

	"paminn/core"
)

// Rule 5 (räntelagen 6 §: interest on the unpaid amount of each day) through the
// service: 10 000 kr due 2026-09-30, 4 000 kr paid on 2026-10-31, reminded on
// 2026-11-26 at the shipped 2026 H2 rate 2.00 % (preliminary) + 8 = 10 %:
// 1–31 Oct, 31 days on 10 000 = 84.9315…; 1–26 Nov, 26 days on 6 000 = 42.7397…;
// (310 000 + 156 000) × 0.10 / 365 = 127.6712… → 127.67 kr, rounded once.
// Today's balance for the whole 57 days would have given 93.70 kr.
func TestAReminderChargesInterestOnEachDaysUnpaidAmount(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", false, "")
	inv := b.invoice("1001", c, "2026-09-30", 10000)
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Date: core.MustDate("2026-10-31"), Amount: kr("4000")}); err != nil {
		t.Fatal(err)
	}

	cs, err := b.svc.ReminderCandidates(b.ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("candidates %v, %v", cs, err)
	}
	if !cs[0].Interest.Equal(kr("127.67")) {
		t.Errorf("preview interest %s, want 127.67", cs[0].Interest)
	}
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
		ChargeInterest: true, IdempotencyKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Reminders[0]
	if !r.Interest.Equal(kr("127.67")) || r.InterestDays != 57 || !r.AmountDue.Equal(kr("6127.67")) {
		t.Errorf("reminder interest %s over %d days, due %s", r.Interest, r.InterestDays, r.AmountDue)
	}
	if len(r.InterestLines) != 2 || !r.InterestLines[0].Base.Equal(kr("10000")) || !r.InterestLines[0].Amount.Equal(kr("84.93")) ||
		!r.InterestLines[1].Base.Equal(kr("6000")) || !r.InterestLines[1].Amount.Equal(kr("42.74")) {
		t.Errorf("lines %+v", r.InterestLines)
	}
	stored, err := b.svc.BatchReminders(b.ctx, res.Batch.ID)
	if err != nil || len(stored[0].InterestLines) != 2 {
		t.Errorf("stored lines %+v, %v", stored, err)
	}
}
