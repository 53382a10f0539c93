package core_test

import (
	"testing"
	"time"

	"paminn/core"
)

// On a real book: a company's invoice of 10 000 kr due 2026-10-27, reminded on
// 2026-11-10 with a 60 kr fee, gets an inkassokrav on 2026-11-26 with interest and
// förseningsersättning: 10 000 × (2,00 + 8) % × 30 / 365 = 82,19 kr of interest,
// 450 − 60 = 390 kr förseningsersättning and no collection fee (lag 1981:739 4 a §;
// core/RULES.md, "The company's own inkassokrav"): 10 000 + 60 + 82,19 + 390.
func TestAnInkassokravIsPlannedFromWhatTheBookSays(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	never := b.invoice("1002", c, "2026-10-27", 5000)

	_, err := b.svc.PreviewCollectionDemand(b.ctx, never.ID, core.CollectionOptions{PayDays: 10})
	wantCode(t, err, core.ECONFLICT) // never reminded

	earlier := core.NewService(b.store, core.Options{Clock: core.FixedClock(time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)),
		LettersDir: t.TempDir()})
	if _, err := earlier.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{inv.ID}, ChargeFee: true, IdempotencyKey: "r1"}); err != nil {
		t.Fatal(err)
	}
	l, err := b.svc.PreviewCollectionDemand(b.ctx, inv.ID, core.CollectionOptions{PayDays: 10,
		ChargeInterest: true, ChargeLateCompensation: true})
	if err != nil {
		t.Fatal(err)
	}
	d := l.Demand
	if !d.Principal.Equal(kr("10000")) || !d.EarlierCharges.Equal(kr("60")) || !d.Interest.Amount.Equal(kr("82.19")) ||
		!d.LateCompensation.Equal(kr("390")) || !d.Fee.IsZero() || !d.AmountDue.Equal(kr("10532.19")) {
		t.Errorf("principal %s, earlier %s, interest %s, förseningsersättning %s, fee %s, to pay %s; "+
			"want 10000, 60, 82.19, 390, 0, 10532.19", d.Principal, d.EarlierCharges, d.Interest.Amount,
			d.LateCompensation, d.Fee, d.AmountDue)
	}
	if d.PayBy != core.MustDate("2026-12-06") || l.Company.Name == "" || l.Customer.Name != "Kund K1" {
		t.Errorf("pay by %s, company %q, customer %q", d.PayBy, l.Company.Name, l.Customer.Name)
	}
	_, err = b.svc.PreviewCollectionDemand(b.ctx, inv.ID, core.CollectionOptions{PayDays: 7})
	wantCode(t, err, core.EINVALID)
}
