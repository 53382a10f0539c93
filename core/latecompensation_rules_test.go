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
	r, err := planReminder(c, nil, earlierCharges{}, req, today, DefaultSettings(), RateTable(DefaultReferenceRates()))
	if err != nil {
		t.Fatal(err)
	}
	if !r.LateCompensation.IsZero() || !r.Fee.IsZero() || !r.AmountDue.Equal(decimalOf("10000")) {
		t.Errorf("Amili reminder: compensation %s, fee %s, due %s", r.LateCompensation, r.Fee, r.AmountDue)
	}
}

// Rule 6 (lag 1981:739, 4 a §): förseningsersättning is 450 kr less the reminder fees
// already charged on the invoice, never below zero, from company customers only and
// only until it has been charged.
func TestLateCompensationIs450LessTheFeesChargedBefore(t *testing.T) {
	company, person := &Customer{IsCompany: true}, &Customer{}
	tests := []struct {
		name     string
		customer *Customer
		before   earlierCharges
		want     string
	}{
		{"a company never charged anything owes 450 kr", company, earlierCharges{}, "450"},
		{"a company charged a 60 kr fee owes 390 kr more", company, earlierCharges{fees: decimalOf("60")}, "390"},
		{"a company charged two 60 kr fees owes 330 kr more", company, earlierCharges{fees: decimalOf("120")}, "330"},
		{"a company charged fees of exactly 450 kr owes nothing more", company, earlierCharges{fees: decimalOf("450")}, "0"},
		{"a company charged fees above 450 kr owes nothing more, never less than nothing", company,
			earlierCharges{fees: decimalOf("480")}, "0"},
		{"a company charged förseningsersättning before owes none again", company, earlierCharges{compensated: true}, "0"},
		{"a private person never owes förseningsersättning", person, earlierCharges{}, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lateCompensationFor(tt.customer, tt.before); !got.Equal(decimalOf(tt.want)) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
