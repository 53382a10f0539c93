package core

import "github.com/shopspring/decimal"

// Allocate splits a payment of amount over what is open of a claim, in the order
// the owner chose (core/RULES.md, "Allocation of payments"): PayCostsFirst takes
// the reminder fees, then förseningsersättning, then interest, then the principal;
// PayPrincipalFirst takes the principal first, then fees, förseningsersättning and
// interest. Each part takes at most what is open of it (a part open below zero
// takes nothing), so no part of the claim goes negative; rest is what the claim
// cannot take (the customer's credit). alloc.Sum() + rest is always amount.
func Allocate(amount decimal.Decimal, open Parts, order PaymentOrder) (alloc Parts, rest decimal.Decimal) {
	alloc, rest = ZeroParts, amount
	for _, part := range order.parts() {
		take := decimal.Min(decimal.Max(*part(&open), decimal.Zero), decimal.Max(rest, decimal.Zero))
		*part(&alloc) = take
		rest = rest.Sub(take)
	}
	return alloc, rest
}

// partOf picks one part of a Parts.
type partOf func(*Parts) *decimal.Decimal

func principalPart(p *Parts) *decimal.Decimal    { return &p.Principal }
func feePart(p *Parts) *decimal.Decimal          { return &p.Fee }
func compensationPart(p *Parts) *decimal.Decimal { return &p.Compensation }
func interestPart(p *Parts) *decimal.Decimal     { return &p.Interest }

// parts is the order a payment settles a claim's parts in.
func (o PaymentOrder) parts() []partOf {
	switch o {
	case PayPrincipalFirst:
		return []partOf{principalPart, feePart, compensationPart, interestPart}
	case PayCostsFirst:
		return []partOf{feePart, compensationPart, interestPart, principalPart}
	}
	return []partOf{feePart, compensationPart, interestPart, principalPart}
}

// PaymentOrders lists the allocation orders, the default first.
var PaymentOrders = []PaymentOrder{PayCostsFirst, PayPrincipalFirst}

// Valid reports whether o is one of PaymentOrders.
func (o PaymentOrder) Valid() bool {
	for _, k := range PaymentOrders {
		if o == k {
			return true
		}
	}
	return false
}

// OpenCharges is what is open of p's costs and interest, each part never below
// zero: what a waiver of the rest would let go.
func OpenCharges(p Parts) Parts {
	return Parts{Principal: decimal.Zero, Fee: decimal.Max(p.Fee, decimal.Zero),
		Compensation: decimal.Max(p.Compensation, decimal.Zero), Interest: decimal.Max(p.Interest, decimal.Zero)}
}

// sameParts reports whether a and b are equal part by part.
func sameParts(a, b Parts) bool {
	return a.Principal.Equal(b.Principal) && a.Fee.Equal(b.Fee) && a.Compensation.Equal(b.Compensation) &&
		a.Interest.Equal(b.Interest)
}

// roundParts is p with every part rounded to öre.
func roundParts(p Parts) Parts {
	return Parts{RoundOre(p.Principal), RoundOre(p.Fee), RoundOre(p.Compensation), RoundOre(p.Interest)}
}
