package core

import "testing"

// Under Amili (rule 4) Påminn charges nothing itself, förseningsersättning included
// (Amili charges its own).
func TestLateCompensationIsNeverChargedUnderAmili(t *testing.T) {
	today := MustDate("2026-11-26")
	c := Candidate{Invoice: Invoice{Total: decimalOf("10000"), Paid: decimalOf("0"), DueDate: MustDate("2026-10-27")},
		Customer: &Customer{IsCompany: true, FeeAgreed: true, IDNumber: "556036-0793",
			Address: Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm"}}}
	req := ReminderRequest{Type: ReminderAmili, ChargeFee: true, ChargeLateCompensation: true}
	r, err := planReminder(c, nil, false, req, today, DefaultSettings(), RateTable(DefaultReferenceRates()))
	if err != nil {
		t.Fatal(err)
	}
	if !r.LateCompensation.IsZero() || !r.Fee.IsZero() || !r.AmountDue.Equal(decimalOf("10000")) {
		t.Errorf("Amili reminder: compensation %s, fee %s, due %s", r.LateCompensation, r.Fee, r.AmountDue)
	}
}
