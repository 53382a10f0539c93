package core_test

import (
	"fmt"
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
	// It still asks for the 450 kr charged before and not paid: the claim (rule 12).
	if tot, err = b.svc.SelectionTotals(b.ctx, req); err != nil || !tot.LateCompensation.IsZero() || !tot.Fees.IsZero() ||
		!tot.AmountDue.Equal(kr("10450")) || !tot.EarlierCharges.Equal(kr("450")) {
		t.Errorf("second selection totals %+v, %v; want neither charge", tot, err)
	}
	res, err = b.svc.SendReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Reminders[0]; !r.LateCompensation.IsZero() || !r.Fee.IsZero() || !r.AmountDue.Equal(kr("10450")) ||
		!r.EarlierCharges.Equal(kr("450")) {
		t.Errorf("second reminder: compensation %s, fee %s, due %s; want neither", r.LateCompensation, r.Fee, r.AmountDue)
	}
}

// Rule 6 with lag (1981:739) om ersättning för inkassokostnader m.m., 4 a §: once
// the creditor gets förseningsersättning, reminder (and collection) costs are due only
// for the part above it. So förseningsersättning after reminder fees asks 450 kr less
// the fees already charged on the invoice (never below zero), a fee after
// förseningsersättning is not asked, and the customer is asked 450 kr in all, in
// either order. The dialog's preview (the candidate, the selection's totals and the
// preview of the batch) says what the reminder will charge.
func TestLateCompensationAndReminderFeesComeTo450KronorInAll(t *testing.T) {
	type step struct {
		fee, comp         bool   // the options ticked
		wantFee, wantComp string // what the reminder charges
	}
	feeOnly := step{fee: true, wantFee: "60", wantComp: "0"}
	tests := []struct {
		name    string
		steps   []step
		inTotal string // fees and förseningsersättning charged over all the reminders
	}{
		{"förseningsersättning after a 60 kr fee asks 390 kr", []step{
			feeOnly,
			{fee: true, comp: true, wantFee: "0", wantComp: "390"},
		}, "450"},
		{"förseningsersättning after two 60 kr fees asks 330 kr", []step{
			feeOnly, feeOnly,
			{fee: true, comp: true, wantFee: "0", wantComp: "330"},
		}, "450"},
		{"förseningsersättning with no fee before asks the whole 450 kr and no fee", []step{
			{fee: true, comp: true, wantFee: "0", wantComp: "450"},
		}, "450"},
		{"a fee after förseningsersättning is not asked", []step{
			{comp: true, wantFee: "0", wantComp: "450"},
			{fee: true, wantFee: "0", wantComp: "0"},
			{fee: true, comp: true, wantFee: "0", wantComp: "0"},
		}, "450"},
		{"förseningsersättning after fees above 450 kr asks nothing, never less", []step{
			feeOnly, feeOnly, feeOnly, feeOnly, feeOnly, feeOnly, feeOnly, feeOnly,
			{comp: true, wantFee: "0", wantComp: "0"},
		}, "480"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBook(t, core.Channels{})
			inv := b.invoice("1001", b.customer("K1", true, ""), "2026-10-27", 10000)
			total := kr("0")
			for i, s := range tt.steps {
				req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID},
					ChargeFee: s.fee, ChargeLateCompensation: s.comp, IdempotencyKey: fmt.Sprint("step ", i)}
				wantFee, wantComp := kr(s.wantFee), kr(s.wantComp)
				// The reminder asks for the claim: the charges of the steps before, still
				// unpaid, and its own (DESIGN.md rule 12).
				want := kr("10000").Add(total).Add(wantFee).Add(wantComp)

				cs, err := b.svc.CandidatePage(b.ctx, core.CandidateQuery{})
				if err != nil || len(cs) != 1 {
					t.Fatalf("step %d: candidates %v, %v", i, cs, err)
				}
				if s.comp && !cs[0].LateCompensation.Equal(wantComp) {
					t.Errorf("step %d: the candidate previews %s förseningsersättning, want %s", i, cs[0].LateCompensation, wantComp)
				}
				tot, err := b.svc.SelectionTotals(b.ctx, req)
				if err != nil || !tot.Fees.Equal(wantFee) || !tot.LateCompensation.Equal(wantComp) || !tot.AmountDue.Equal(want) {
					t.Errorf("step %d: selection totals %+v, %v; want fee %s, förseningsersättning %s", i, tot, err, wantFee, wantComp)
				}
				pre, err := b.svc.PreviewReminders(b.ctx, req)
				if err != nil || !pre.Reminders[0].Fee.Equal(wantFee) || !pre.Reminders[0].LateCompensation.Equal(wantComp) {
					t.Fatalf("step %d: preview %+v, %v", i, pre.Reminders, err)
				}
				res, err := b.svc.SendReminders(b.ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				r := res.Reminders[0]
				if !r.Fee.Equal(wantFee) || !r.LateCompensation.Equal(wantComp) || !r.AmountDue.Equal(want) {
					t.Errorf("step %d: fee %s, förseningsersättning %s, due %s; want %s, %s, %s",
						i, r.Fee, r.LateCompensation, r.AmountDue, wantFee, wantComp, want)
				}
				total = total.Add(r.Fee).Add(r.LateCompensation)
			}
			if !total.Equal(kr(tt.inTotal)) {
				t.Errorf("fees and förseningsersättning come to %s kr in all, want %s", total, tt.inTotal)
			}
		})
	}
}
