package core_test

import (
	"testing"

	"paminn/core"
)

// Rule 6, from lag (1981:739) om ersättning för inkassokostnader m.m., 4 a §: a
// company debtor owes a creditor förseningsersättning of 450 kr when paying late, with
// no agreement needed; it is charged once per invoice, and a reminder fee is then not
// charged on that invoice.
func TestLateCompensationIsChargedOncePerInvoiceToCompaniesInsteadOfTheFee(t *testing.T) {
	b := newBook(t, core.Channels{})
	company := b.customer("K1", true, "") // a company that agreed to a fee
	person, err := b.svc.SaveCustomer(b.ctx, core.Customer{Number: "K2", Name: "Anna Andersson", IDNumber: "19811218-9876",
		FeeAgreed: true, Address: core.Address{Line1: "Lillgatan 2", ZipCode: "753 20", City: "Uppsala"}})
	if err != nil {
		t.Fatal(err)
	}
	invCompany := b.invoice("1001", company, "2026-10-27", 10000)
	invPerson := b.invoice("1002", person, "2026-10-27", 5000)
	req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{invCompany.ID, invPerson.ID},
		ChargeFee: true, ChargeLateCompensation: true, IdempotencyKey: "first"}

	cs, err := b.svc.CandidatePage(b.ctx, core.CandidateQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if !cs[0].LateCompensation.Equal(kr("450")) || !cs[1].LateCompensation.IsZero() {
		t.Errorf("preview compensation %s (company) and %s (person)", cs[0].LateCompensation, cs[1].LateCompensation)
	}
	// The dialog's selection totals are what the batch will add up to.
	tot, err := b.svc.SelectionTotals(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if !tot.LateCompensation.Equal(kr("450")) || !tot.Fees.Equal(kr("60")) || !tot.AmountDue.Equal(kr("15510")) {
		t.Errorf("selection totals %+v; want 450 compensation, 60 in fees, 15 510", tot)
	}

	res, err := b.svc.SendReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	rc, rp := res.Reminders[0], res.Reminders[1]
	if !rc.LateCompensation.Equal(kr("450")) || !rc.Fee.IsZero() || !rc.AmountDue.Equal(kr("10450")) {
		t.Errorf("company: compensation %s, fee %s, due %s; want 450, no fee, 10 450", rc.LateCompensation, rc.Fee, rc.AmountDue)
	}
	if !rp.LateCompensation.IsZero() || !rp.Fee.Equal(kr("60")) {
		t.Errorf("person: compensation %s, fee %s; want none and the agreed 60 kr fee", rp.LateCompensation, rp.Fee)
	}
	if !res.Totals.LateCompensation.Equal(kr("450")) || !res.Totals.Fees.Equal(kr("60")) || !res.Totals.AmountDue.Equal(kr("15510")) {
		t.Errorf("totals %+v", res.Totals)
	}
	if !res.Batch.ChargeLateCompensation {
		t.Error("the batch does not record that compensation was asked for")
	}
	stored, err := b.svc.BatchReminders(b.ctx, res.Batch.ID)
	if err != nil || !stored[0].LateCompensation.Equal(kr("450")) {
		t.Errorf("stored %+v, %v", stored, err)
	}

	// The next reminder of the same invoice charges neither again.
	cs, err = b.svc.CandidatePage(b.ctx, core.CandidateQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if !cs[0].LateCompensation.IsZero() || !cs[0].Fee.IsZero() {
		t.Errorf("second preview: compensation %s, fee %s; want neither", cs[0].LateCompensation, cs[0].Fee)
	}
	req.IdempotencyKey, req.InvoiceIDs = "second", []int64{invCompany.ID}
	if tot, err = b.svc.SelectionTotals(b.ctx, req); err != nil || !tot.LateCompensation.IsZero() || !tot.Fees.IsZero() ||
		!tot.AmountDue.Equal(kr("10000")) {
		t.Errorf("second selection totals %+v, %v; want neither charge", tot, err)
	}
	res, err = b.svc.SendReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Reminders[0]; !r.LateCompensation.IsZero() || !r.Fee.IsZero() || !r.AmountDue.Equal(kr("10000")) {
		t.Errorf("second reminder: compensation %s, fee %s, due %s; want neither", r.LateCompensation, r.Fee, r.AmountDue)
	}
}
