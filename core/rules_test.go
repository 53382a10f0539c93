package core

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var today = MustDate("2026-11-26")

func kr(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestAnInvoiceStatusIsDerivedFromBalanceDueDateRemindersAndAmili(t *testing.T) {
	base := Invoice{Total: kr("1000"), Paid: kr("0"), DueDate: MustDate("2026-11-01")}
	cases := []struct {
		name   string
		change func(*Invoice)
		want   Status
	}{
		{"a fully paid invoice is paid, even when it was reminded", func(i *Invoice) { i.Paid = kr("1000"); i.ReminderCount = 2 }, StatusPaid},
		{"an unpaid invoice past its due date is overdue", func(*Invoice) {}, StatusOverdue},
		{"a partly paid invoice past its due date is overdue", func(i *Invoice) { i.Paid = kr("999.99") }, StatusOverdue},
		{"an invoice due today is not yet overdue", func(i *Invoice) { i.DueDate = today }, StatusUnpaid},
		{"a reminded invoice shows as reminded", func(i *Invoice) { i.ReminderCount = 1 }, StatusReminded},
		{"an invoice with Amili shows as with Amili", func(i *Invoice) { i.ReminderCount = 1; i.AmiliState = AmiliPending }, StatusAmili},
		{"so does one paid to Amili", func(i *Invoice) { i.AmiliState = AmiliPaid }, StatusAmili},
		{"a withdrawn or closed case with money owed is overdue again", func(i *Invoice) { i.AmiliState = AmiliClosed }, StatusOverdue},
		{"and reminded, if it was", func(i *Invoice) { i.AmiliState = AmiliClosed; i.ReminderCount = 1 }, StatusReminded},
		{"a closed case paid in full is paid", func(i *Invoice) { i.AmiliState = AmiliClosed; i.Paid = kr("1000") }, StatusPaid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv := base
			tc.change(&inv)
			if got := inv.Status(today); got != tc.want {
				t.Errorf("status %s, want %s", got, tc.want)
			}
		})
	}
}

func TestEligibilityFollowsRuleOne(t *testing.T) {
	withID := Customer{Name: "Bygg AB", IDNumber: "556036-0793",
		Address: Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm"}}
	overdue := Invoice{Number: "1", Total: kr("100"), Paid: kr("0"), DueDate: MustDate("2026-11-01"), Currency: "SEK"}
	cases := []struct {
		name   string
		change func(*Candidate)
		typ    ReminderType
		ok     bool
	}{
		{"an overdue unpaid invoice can be reminded manually", func(*Candidate) {}, ReminderManual, true},
		{"and through Amili", func(*Candidate) {}, ReminderAmili, true},
		{"a paid invoice cannot", func(c *Candidate) { c.Invoice.Paid = kr("100") }, ReminderManual, false},
		{"an invoice due today cannot", func(c *Candidate) { c.Invoice.DueDate = today }, ReminderManual, false},
		{"an invoice with Amili cannot", func(c *Candidate) { c.Invoice.AmiliState = AmiliRegistered }, ReminderManual, false},
		{"one whose case was withdrawn or closed can", func(c *Candidate) { c.Invoice.AmiliState = AmiliClosed }, ReminderManual, true},
		{"Amili needs the customer's number", func(c *Candidate) { c.Customer.IDNumber = "" }, ReminderAmili, false},
		{"a manual reminder does not", func(c *Candidate) { c.Customer.IDNumber = "" }, ReminderManual, true},
		{"Amili needs SEK", func(c *Candidate) { c.Invoice.Currency = "EUR" }, ReminderAmili, false},
		{"Amili needs the customer's postal address", func(c *Candidate) { c.Customer.Address.City = "" }, ReminderAmili, false},
		{"a manual reminder does not need it", func(c *Candidate) { c.Customer.Address = Address{} }, ReminderManual, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cust := withID // each case changes its own copy
			c := Candidate{Invoice: overdue, Customer: &cust}
			tc.change(&c)
			err := checkEligible(c, tc.typ, today)
			if (err == nil) != tc.ok {
				t.Errorf("checkEligible = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestAReminderIsFlaggedRecentForSevenDays(t *testing.T) {
	cases := []struct {
		last string
		want bool
	}{{"", false}, {"2026-11-26", true}, {"2026-11-19", true}, {"2026-11-18", false}}
	for _, tc := range cases {
		inv := Invoice{}
		if tc.last != "" {
			inv.LastReminded = MustDate(tc.last)
		}
		if got := isRecentlyReminded(&inv, today); got != tc.want {
			t.Errorf("last reminded %q: recent = %v, want %v", tc.last, got, tc.want)
		}
	}
}

func TestAManualReminderChargesTheFeeOnlyWhereAgreedAndSetsTheNewDueDate(t *testing.T) {
	set := DefaultSettings()
	rates := RateTable(DefaultReferenceRates())
	req := ReminderRequest{Type: ReminderManual, ChargeFee: true}
	inv := Invoice{Total: kr("500"), Paid: kr("0"), DueDate: MustDate("2026-11-01"), ReminderCount: 1}
	for _, agreed := range []bool{true, false} {
		r, err := planReminder(Candidate{Invoice: inv, Customer: &Customer{FeeAgreed: agreed}}, nil, earlierCharges{}, req, today, set, rates)
		if err != nil {
			t.Fatal(err)
		}
		wantFee := decimal.Zero
		if agreed {
			wantFee = kr("60")
		}
		if !r.Fee.Equal(wantFee) || r.Level != 2 || r.NewDueDate != MustDate("2026-12-06") || r.Channel != ChannelLetter {
			t.Errorf("agreed=%v: fee %s level %d new due %s channel %s", agreed, r.Fee, r.Level, r.NewDueDate, r.Channel)
		}
	}
}

func TestUnderAmiliInterestFeeAndEmailNeverApply(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		req := ReminderRequest{Type: ReminderAmili, ChargeInterest: rapid.Bool().Draw(t, "interest"),
			ChargeFee: rapid.Bool().Draw(t, "fee"), Prefer: rapid.SampledFrom(AllChannels()).Draw(t, "prefer")}
		balance := decimal.New(rapid.Int64Range(1, 1_000_000_00).Draw(t, "ore"), -2)
		days := rapid.IntRange(1, 800).Draw(t, "days")
		inv := Invoice{Total: balance, Paid: decimal.Zero, DueDate: today.AddDays(-days)}
		c := Candidate{Invoice: inv, Customer: &Customer{FeeAgreed: true, Email: "a@b.se", IDNumber: "556036-0793",
			Address: Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm"}}}
		r, err := planReminder(c, nil, earlierCharges{}, req, today, DefaultSettings(), RateTable(DefaultReferenceRates()))
		if err != nil {
			t.Fatal(err)
		}
		if !r.Interest.IsZero() || !r.Fee.IsZero() || r.Channel != ChannelAmili || !r.AmountDue.Equal(balance) {
			t.Fatalf("amili reminder: interest %s fee %s channel %s due %s", r.Interest, r.Fee, r.Channel, r.AmountDue)
		}
	})
}

func TestAManualReminderNeverOwesLessThanTheBalance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		req := ReminderRequest{Type: ReminderManual, ChargeInterest: rapid.Bool().Draw(t, "interest"),
			ChargeFee: rapid.Bool().Draw(t, "fee")}
		balance := decimal.New(rapid.Int64Range(1, 1_000_000_00).Draw(t, "ore"), -2)
		inv := Invoice{Total: balance, Paid: decimal.Zero, DueDate: today.AddDays(-rapid.IntRange(1, 2000).Draw(t, "days"))}
		r, err := planReminder(Candidate{Invoice: inv, Customer: &Customer{FeeAgreed: true}}, nil, earlierCharges{}, req, today,
			DefaultSettings(), RateTable(DefaultReferenceRates()))
		if err != nil {
			t.Fatal(err)
		}
		if r.AmountDue.LessThan(balance) || r.Interest.IsNegative() || r.Fee.GreaterThan(MaxReminderFee) {
			t.Fatalf("due %s < balance %s, or interest %s, or fee %s", r.AmountDue, balance, r.Interest, r.Fee)
		}
	})
}
