package core_test

import (
	"context"
	"testing"

	"paminn/core"
	"paminn/data/testbook"
)

// On 5 January 2027 the shipped table has no rate for 2027 H1: the Riksbank
// publishes each half-year's reference rate only at its start (Riksbanken,
// "Referensränta", riksbank.se: "fastställs för ett halvår i taget, den 1 januari och
// den 1 juli"), so every book meets this day twice a year. Rule 5: a missing rate
// blocks interest only.
func TestANewHalfYearWithoutItsRateBlocksOnlyInterest(t *testing.T) {
	book := testbook.New(t, testbook.Options{Amili: true, Today: core.MustDate("2027-01-05")})
	svc, ctx := book.Service, context.Background()
	h2027 := core.HalfYear{Year: 2027, Half: 1}

	cs, err := svc.CandidatePage(ctx, core.CandidateQuery{})
	if err != nil {
		t.Fatalf("CandidatePage fails as a whole: %v", err)
	}
	if len(cs) == 0 {
		t.Fatal("no candidates")
	}
	for _, c := range cs {
		if c.InterestMissing != h2027 || !c.Interest.IsZero() {
			t.Errorf("%s: InterestMissing %v, Interest %s; want 2027 H1 and none", c.Invoice.Number, c.InterestMissing, c.Interest)
		}
	}
	offer, err := svc.InterestOffer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if offer.Available() || len(offer.Missing) != 1 || offer.Missing[0] != h2027 {
		t.Errorf("offer = %+v, want 2027 H1 missing", offer)
	}

	ids := []int64{cs[0].Invoice.ID, cs[1].Invoice.ID}
	_, err = svc.PreviewReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids, ChargeInterest: true})
	if h, ok := core.MissingRateOf(err); !ok || h != h2027 {
		t.Errorf("interest asked for without a rate: err %v, want the missing 2027 H1", err)
	}
	// The dialog's selection totals still add up, without interest.
	tot, err := svc.SelectionTotals(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids, ChargeInterest: true})
	if err != nil || tot.Count != 2 || !tot.Interest.IsZero() {
		t.Errorf("selection totals without a rate: %+v, %v; want both invoices and no interest", tot, err)
	}
	res, err := svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids,
		ChargeFee: true, IdempotencyKey: "no-interest"})
	if err != nil {
		t.Fatalf("reminders without interest: %v", err)
	}
	if len(res.Reminders) != 2 || !res.Totals.Interest.IsZero() {
		t.Errorf("sent %d reminders with interest %s", len(res.Reminders), res.Totals.Interest)
	}

	st, err := svc.AmiliStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.ActivateAmili(ctx, core.Activation{CreditorID: st.CreditorID, AccountID: st.AccountID,
		APICode: st.APICode, Environment: st.Environment, KeyFile: st.KeyFile, BaseURL: st.BaseURL}); err != nil {
		t.Fatal(err)
	}
	var amiliID int64
	for _, c := range cs[2:] {
		if _, blocked := c.ProblemFor(core.ReminderAmili); !blocked {
			amiliID = c.Invoice.ID
			break
		}
	}
	if _, err := svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{amiliID},
		IdempotencyKey: "amili"}); err != nil {
		t.Errorf("Amili hand-over without the rate: %v", err)
	}

	// Once the user enters the rate, interest is offered again.
	rates, err := svc.ReferenceRates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rates = append(rates, core.ReferenceRate{Year: 2027, Half: 1, Rate: rates[len(rates)-1].Rate})
	if err := svc.SaveReferenceRates(ctx, rates); err != nil {
		t.Fatal(err)
	}
	if offer, err = svc.InterestOffer(ctx); err != nil || !offer.Available() || offer.Rate.HalfYear() != h2027 {
		t.Errorf("after entering 2027 H1: offer %+v, err %v", offer, err)
	}
	cs, err = svc.CandidatePage(ctx, core.CandidateQuery{})
	if err != nil || cs[0].InterestMissing != (core.HalfYear{}) || !cs[len(cs)-1].Interest.IsPositive() {
		t.Errorf("after entering 2027 H1: candidates err %v, first %+v", err, cs[0])
	}
}
