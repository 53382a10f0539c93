package core

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// invoice10049 is issue 20's demo invoice: 2 210 kr reminded with 319,27 kr interest
// and 450 kr förseningsersättning (lag 1981:739 4 a §), 2 979,27 kr in all.
var invoice10049 = Parts{Principal: kr("2210"), Fee: kr("0"), Compensation: kr("450"), Interest: kr("319.27")}

// Worked examples. Source of the order: core/RULES.md, "Allocation of payments":
// costs, then interest, then the principal unless the payer designated otherwise.
// Swedish statute has no rule on the order within one debt (handelsbalken 9 kap.
// 5 § gives the debtor the choice between debts); interest before principal is the
// Högsta domstolen's rule for a part payment by set-off (2023, Lexbase's summary:
// "först avräknas mot den upplupna räntan och därefter mot kapitalbeloppet"); costs
// first is collection practice (Motus, "fyrst upp í kostnað og vexti og síðast upp
// í höfuðstól"; inkassoguiden.no) and Dutch statute (BW 6:44), the creditor's choice
// where the payer designates nothing. PayPrincipalFirst is the owner applying the
// payment as a payer designating the invoice amount would.
func TestAllocateWorkedExamples(t *testing.T) {
	tests := []struct {
		name   string
		amount string
		open   Parts
		order  PaymentOrder
		want   Parts
		rest   string
	}{
		{"the invoice amount paid on 10049 goes to förseningsersättning and interest first, 769,27 kr of principal remain",
			"2210", invoice10049, PayCostsFirst,
			Parts{Principal: kr("1440.73"), Fee: kr("0"), Compensation: kr("450"), Interest: kr("319.27")}, "0"},
		{"the invoice amount paid on 10049 with principal first pays the principal, the costs remain",
			"2210", invoice10049, PayPrincipalFirst,
			Parts{Principal: kr("2210"), Fee: kr("0"), Compensation: kr("0"), Interest: kr("0")}, "0"},
		{"the whole claim of 10049 settles every part",
			"2979.27", invoice10049, PayCostsFirst, invoice10049, "0"},
		{"more than the claim leaves the surplus as the customer's credit",
			"3000", invoice10049, PayPrincipalFirst, invoice10049, "20.73"},
		{"a payment smaller than the reminder fee goes to the fee alone",
			"40", Parts{Principal: kr("1000"), Fee: kr("60"), Compensation: kr("0"), Interest: kr("12.50")}, PayCostsFirst,
			Parts{Principal: kr("0"), Fee: kr("40"), Compensation: kr("0"), Interest: kr("0")}, "0"},
		{"the fee comes before förseningsersättning, interest before the principal",
			"100", Parts{Principal: kr("1000"), Fee: kr("60"), Compensation: kr("30"), Interest: kr("12.50")}, PayCostsFirst,
			Parts{Principal: kr("0"), Fee: kr("60"), Compensation: kr("30"), Interest: kr("10")}, "0"},
		{"principal first, what is left over goes to the fee, then interest",
			"1065", Parts{Principal: kr("1000"), Fee: kr("60"), Compensation: kr("0"), Interest: kr("12.50")}, PayPrincipalFirst,
			Parts{Principal: kr("1000"), Fee: kr("60"), Compensation: kr("0"), Interest: kr("5")}, "0"},
		{"a part open below zero takes nothing",
			"100", Parts{Principal: kr("500"), Fee: kr("-10"), Compensation: kr("0"), Interest: kr("0")}, PayCostsFirst,
			Parts{Principal: kr("100"), Fee: kr("0"), Compensation: kr("0"), Interest: kr("0")}, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rest := Allocate(kr(tt.amount), tt.open, tt.order)
			if !sameParts(got, tt.want) || !rest.Equal(kr(tt.rest)) {
				t.Errorf("Allocate(%s) = %v, rest %s; want %v, rest %s", tt.amount, got, rest, tt.want, tt.rest)
			}
		})
	}
}

func genOre(t *rapid.T, label string, lo int64) decimal.Decimal {
	return FromOre(rapid.Int64Range(lo, 10_000_000).Draw(t, label))
}

func genParts(t *rapid.T) Parts {
	return Parts{Principal: genOre(t, "principal", 0), Fee: genOre(t, "fee", 0),
		Compensation: genOre(t, "compensation", 0), Interest: genOre(t, "interest", 0)}
}

// TestAllocationProperties: whatever the claim, the payment and the order, the
// allocations add up to the payment (with the rest), no part of the claim goes
// negative, the rest is only what the whole claim could not take, and the order
// decides only which part is settled first.
func TestAllocationProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		open := genParts(t)
		amount := genOre(t, "amount", 1)
		order := rapid.SampledFrom(PaymentOrders).Draw(t, "order")
		alloc, rest := Allocate(amount, open, order)
		if !alloc.Sum().Add(rest).Equal(amount) {
			t.Fatalf("allocations %v and rest %s do not add up to %s", alloc, rest, amount)
		}
		left := open.Add(alloc.Neg())
		for _, p := range []decimal.Decimal{left.Principal, left.Fee, left.Compensation, left.Interest,
			alloc.Principal, alloc.Fee, alloc.Compensation, alloc.Interest, rest} {
			if p.IsNegative() {
				t.Fatalf("a part went negative: open %v, allocated %v, rest %s", open, alloc, rest)
			}
		}
		if rest.IsPositive() && !left.Sum().IsZero() {
			t.Fatalf("%s was left over while %s of the claim remains", rest, left.Sum())
		}
		other, _ := Allocate(amount, open, PaymentOrders[1-indexOf(order)])
		if !other.Sum().Equal(alloc.Sum()) {
			t.Fatalf("the order changed how much the claim takes: %s and %s", other.Sum(), alloc.Sum())
		}
	})
}

func indexOf(o PaymentOrder) int {
	for i, k := range PaymentOrders {
		if k == o {
			return i
		}
	}
	return -1
}

// TestAllocatingInTurnsNeverOverpaysTheClaim: payments one after another, each
// allocated on what the earlier ones left, settle exactly the claim (never more),
// and the claim never goes negative on the way.
func TestAllocatingInTurnsNeverOverpaysTheClaim(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		open := genParts(t)
		claim := open.Sum()
		order := rapid.SampledFrom(PaymentOrders).Draw(t, "order")
		paid, credit := decimal.Zero, decimal.Zero
		for range rapid.IntRange(1, 6).Draw(t, "payments") {
			alloc, rest := Allocate(genOre(t, "amount", 1), open, order)
			open = open.Add(alloc.Neg())
			if open.Sum().IsNegative() || open.Principal.IsNegative() || open.Charges().IsNegative() {
				t.Fatalf("the claim went negative: %v", open)
			}
			paid, credit = paid.Add(alloc.Sum()), credit.Add(rest)
		}
		if !paid.Add(open.Sum()).Equal(claim) {
			t.Fatalf("paid %s and open %s do not make the claim %s", paid, open.Sum(), claim)
		}
		if credit.IsPositive() && !open.Sum().IsZero() {
			t.Fatalf("credit %s kept while %s is open", credit, open.Sum())
		}
	})
}
