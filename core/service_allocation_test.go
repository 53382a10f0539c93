package core_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"paminn/core"
	"paminn/data/testbook"
)

// claimBook is the payment book with issue 20's invoice 10049: 2 210 kr due
// 2026-10-31, reminded on 2026-11-14 with 319,27 kr interest and 450 kr
// förseningsersättning (lag 1981:739 4 a §): a claim of 2 979,27 kr.
type claimBook struct {
	*payBook
	inv core.Invoice
}

var reminded10049 = core.Parts{Compensation: kr("450"), Interest: kr("319.27")}

func newClaimBook(t *testing.T, order core.PaymentOrder) *claimBook {
	t.Helper()
	b := &claimBook{payBook: newPayBook(t)}
	c, err := b.store.Customer(b.ctx, b.inv1001().CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	b.inv = b.invoice("10049", c, "2026-10-31", 2210)
	testbook.Charge(t, b.store, b.inv.ID, core.MustDate("2026-11-14"), reminded10049)
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.PaymentOrder = order
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *claimBook) inv1001() core.Invoice { return b.payBook.inv["1001"] }

// open is what remains of 10049's claim, part by part.
func (b *claimBook) open() core.Parts {
	b.t.Helper()
	open, err := b.store.OpenParts(b.ctx, []int64{b.inv.ID})
	if err != nil {
		b.t.Fatal(err)
	}
	return open[b.inv.ID]
}

func partsText(p core.Parts) string {
	return "principal " + p.Principal.StringFixed(2) + ", fee " + p.Fee.StringFixed(2) + ", compensation " +
		p.Compensation.StringFixed(2) + ", interest " + p.Interest.StringFixed(2)
}

// Worked example (issue 20, invoice 10049; the order: core/RULES.md, "Allocation of
// payments"): a payment of the invoice amount typed in settles the costs and the
// interest first, costs first, and leaves 769,27 kr of principal; with the setting
// "the invoice amount first" it settles the principal and leaves the costs.
func TestARegisteredPaymentIsAllocatedInTheBooksOrder(t *testing.T) {
	tests := []struct {
		name      string
		order     core.PaymentOrder
		allocated core.Parts
		open      core.Parts
	}{
		{"costs first (the default): förseningsersättning, interest, then 1 440,73 kr of principal", core.PayCostsFirst,
			core.Parts{Principal: kr("1440.73"), Compensation: kr("450"), Interest: kr("319.27")},
			core.Parts{Principal: kr("769.27")}},
		{"the invoice amount first: the principal, the costs and interest remain", core.PayPrincipalFirst,
			core.Parts{Principal: kr("2210")}, reminded10049},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newClaimBook(t, tt.order)
			inv, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: kr("2210"), Date: payDate})
			if err != nil {
				t.Fatal(err)
			}
			if !inv.Paid.Equal(tt.allocated.Principal) {
				t.Errorf("paid (principal settled) = %s, want %s", inv.Paid, tt.allocated.Principal)
			}
			pays, err := b.svc.InvoicePayments(b.ctx, b.inv.ID)
			if err != nil || len(pays) != 1 {
				t.Fatalf("payments = %+v (%v)", pays, err)
			}
			if p := pays[0]; p.ID == 0 || p.Kind != core.PaymentMoney || partsText(p.Parts) != partsText(tt.allocated) {
				t.Errorf("payment %+v, want allocated %s", p, partsText(tt.allocated))
			}
			if got := b.open(); partsText(got) != partsText(tt.open) {
				t.Errorf("open = %s, want %s", partsText(got), partsText(tt.open))
			}
		})
	}
}

func TestAPaymentMayBeTheWholeClaimButNoMore(t *testing.T) {
	b := newClaimBook(t, core.PayCostsFirst)
	_, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: kr("2979.28"), Date: payDate})
	wantCode(t, err, core.EINVALID)
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: kr("2979.27"), Date: payDate}); err != nil {
		t.Fatalf("the whole claim: %v", err)
	}
	if got := b.open(); !got.Sum().IsZero() {
		t.Errorf("open after the whole claim = %s", partsText(got))
	}
}

// Bank import matches against the claim: a payment of the invoice amount alone says
// so and what remains of the costs and interest; one click (WaiveReason) waives
// them, and registering writes the waiver and the payment: nothing remains.
func TestABankPaymentOfTheInvoiceAmountOffersToWaiveTheCosts(t *testing.T) {
	b := newClaimBook(t, core.PayCostsFirst)
	imp := b.preview("bgmax.txt", b.bgmax(core.BankPayment{Reference: b.inv.OCR, Amount: kr("2210")}))
	r := imp.Rows[0]
	if r.Outcome != core.OutcomePrincipalOnly || !r.Left().Equal(kr("769.27")) || !r.Balance.Equal(kr("2979.27")) {
		t.Fatalf("row = %s, left %s of %s; want principal_only with 769,27 left", r.Outcome, r.Left(), r.Balance)
	}
	imp.Choices = map[string]core.PaymentChoice{r.Payment.Key: {WaiveReason: "Betalade fakturabeloppet"}}
	imp, err := b.svc.PlanPayments(b.ctx, imp)
	if err != nil {
		t.Fatal(err)
	}
	if r := imp.Rows[0]; r.Outcome != core.OutcomeFull || !r.Waived.Sum().Equal(kr("769.27")) ||
		partsText(r.Splits[0].Parts) != partsText(core.Parts{Principal: kr("2210")}) {
		t.Fatalf("after the waiver: %s, waived %s, allocated %s", r.Outcome, r.Waived.Sum(), partsText(r.Splits[0].Parts))
	}
	b.register(imp)
	if got := b.open(); !got.Sum().IsZero() {
		t.Errorf("open after the waiver and the payment = %s", partsText(got))
	}
	inv, _ := b.svc.Invoice(b.ctx, b.inv.ID)
	if !inv.Paid.Equal(kr("2210")) {
		t.Errorf("paid = %s, want the whole principal", inv.Paid)
	}
}

func TestABankPaymentIsMatchedAgainstTheWholeClaim(t *testing.T) {
	tests := []struct {
		name    string
		amount  string
		outcome core.PaymentOutcome
		credit  string
	}{
		{"the whole claim pays in full", "2979.27", core.OutcomeFull, "0"},
		{"more than the claim keeps only the surplus over the claim as credit", "3000", core.OutcomeOver, "20.73"},
		{"less than the invoice amount pays in part", "1000", core.OutcomePartly, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newClaimBook(t, core.PayCostsFirst)
			imp := b.preview("bgmax.txt", b.bgmax(core.BankPayment{Reference: b.inv.OCR, Amount: kr(tt.amount)}))
			if r := imp.Rows[0]; r.Outcome != tt.outcome || !r.Credit.Equal(kr(tt.credit)) {
				t.Fatalf("outcome %s, credit %s; want %s, %s", r.Outcome, r.Credit, tt.outcome, tt.credit)
			}
			res := b.register(imp)
			if !res.Credits.Equal(kr(tt.credit)) {
				t.Errorf("credits = %s", res.Credits)
			}
			paid := kr(tt.amount).Sub(kr(tt.credit))
			if got := b.open(); !got.Sum().Equal(kr("2979.27").Sub(paid)) {
				t.Errorf("open = %s after paying %s", partsText(got), paid)
			}
		})
	}
}

func TestWaivingLetsGoOfWhatRemainsOfTheCostsAndInterest(t *testing.T) {
	b := newClaimBook(t, core.PayCostsFirst)
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: kr("500"), Date: payDate}); err != nil {
		t.Fatal(err)
	}
	// 450 kr of förseningsersättning and 50 kr of interest were paid: 269,27 kr of interest remain.
	waivers, err := b.svc.WaiveCharges(b.ctx, []int64{b.inv.ID, b.inv1001().ID}, "  Goodwill  ")
	if err != nil {
		t.Fatal(err)
	}
	if len(waivers) != 1 || waivers[0].Kind != core.EntryWaiver || waivers[0].Reason != "Goodwill" ||
		partsText(waivers[0].Parts) != partsText(core.Parts{Interest: kr("-269.27")}) {
		t.Fatalf("waivers = %+v", waivers)
	}
	if got := b.open(); partsText(got) != partsText(core.Parts{Principal: kr("2210")}) {
		t.Errorf("open = %s, want the principal alone", partsText(got))
	}
	history, err := b.svc.ClaimEntries(b.ctx, b.inv.ID)
	if err != nil || len(history) != 2 || history[0].Kind != core.EntryCharge || history[1].Kind != core.EntryWaiver ||
		history[1].Reason != "Goodwill" || history[1].Date != b.svc.Today() || history[1].ID == 0 {
		t.Errorf("the invoice's claim history = %+v (%v)", history, err)
	}
	_, err = b.svc.WaiveCharges(b.ctx, []int64{b.inv.ID}, "Again")
	wantCode(t, err, core.EINVALID)
}

func TestAWaiverIsRefusedWithoutAReasonOrForAnUnknownInvoice(t *testing.T) {
	b := newClaimBook(t, core.PayCostsFirst)
	tests := []struct {
		name   string
		ids    []int64
		reason string
		code   core.ErrorCode
	}{
		{"an empty reason", []int64{b.inv.ID}, "   ", core.EINVALID},
		{"a reason of more than 500 characters", []int64{b.inv.ID}, strings.Repeat("x", 501), core.EINVALID},
		{"an unknown invoice", []int64{b.inv.ID, 999999}, "Goodwill", core.ENOTFOUND},
		{"invoices with nothing to waive", []int64{b.inv1001().ID}, "Goodwill", core.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.svc.WaiveCharges(b.ctx, tt.ids, tt.reason)
			wantCode(t, err, tt.code)
			if got := b.open(); partsText(got) != partsText(core.Parts{Principal: kr("2210")}.Add(reminded10049)) {
				t.Errorf("something changed: open = %s", partsText(got))
			}
		})
	}
}

// drawInvoice returns what each round of a property test starts with: the book set
// to a drawn allocation order, and a new invoice of a drawn amount, numbered prefix
// and the round.
func (b *claimBook) drawInvoice(t *testing.T, prefix string) func(*rapid.T) (core.Settings, core.Invoice) {
	c, err := b.store.Customer(b.ctx, b.inv.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	return func(rt *rapid.T) (core.Settings, core.Invoice) {
		n++
		set, _ := b.svc.Settings(b.ctx)
		set.PaymentOrder = rapid.SampledFrom(core.PaymentOrders).Draw(rt, "order")
		if err := b.svc.SaveSettings(b.ctx, set); err != nil {
			rt.Fatal(err)
		}
		return set, b.invoice(fmt.Sprintf("%s%d", prefix, n), c, "2026-10-31", rapid.Int64Range(1, 5000).Draw(rt, "total"))
	}
}

// TestTheClaimNeverGoesNegative: on a real book, charges, payments (typed in, of
// any amount up to the claim or beyond it) and waivers in any order and either
// allocation order keep every part of the claim at zero or above, and the book's
// open claim is always what was charged less what was paid and waived; the
// payments' parts add up to what was paid.
func TestTheClaimNeverGoesNegative(t *testing.T) {
	b := newClaimBook(t, core.PayCostsFirst)
	next := b.drawInvoice(t, "P")
	rapid.Check(t, func(rt *rapid.T) {
		set, inv := next(rt)
		want := core.Parts{Principal: inv.Total}
		paid := decimal.Zero
		for range rapid.IntRange(1, 8).Draw(rt, "steps") {
			switch rapid.IntRange(0, 2).Draw(rt, "step") {
			case 0:
				ch := core.Parts{Fee: core.FromOre(rapid.Int64Range(0, 6000).Draw(rt, "fee")),
					Compensation: core.FromOre(rapid.Int64Range(0, 45000).Draw(rt, "compensation")),
					Interest:     core.FromOre(rapid.Int64Range(0, 100000).Draw(rt, "interest"))}
				testbook.Charge(b.t, b.store, inv.ID, payDate, ch)
				want = want.Add(ch)
			case 1:
				amount := core.FromOre(rapid.Int64Range(1, 800000).Draw(rt, "amount"))
				_, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: amount, Date: payDate})
				if amount.GreaterThan(want.Sum()) {
					if core.ErrorCodeOf(err) != core.EINVALID {
						rt.Fatalf("%s beyond the claim %s: %v", amount, want.Sum(), err)
					}
					continue
				}
				if err != nil {
					rt.Fatal(err)
				}
				alloc, _ := core.Allocate(amount, want, set.PaymentOrder)
				want, paid = want.Add(alloc.Neg()), paid.Add(amount)
			case 2:
				_, err := b.svc.WaiveCharges(b.ctx, []int64{inv.ID}, "Goodwill")
				if !want.Charges().IsPositive() {
					if core.ErrorCodeOf(err) != core.EINVALID {
						rt.Fatalf("a waiver of nothing: %v", err)
					}
					continue
				}
				if err != nil {
					rt.Fatal(err)
				}
				want = core.Parts{Principal: want.Principal}
			}
			open, err := b.store.OpenParts(b.ctx, []int64{inv.ID})
			if err != nil {
				rt.Fatal(err)
			}
			got := open[inv.ID]
			if partsText(got) != partsText(want) {
				rt.Fatalf("open = %s, want %s", partsText(got), partsText(want))
			}
			for _, p := range []decimal.Decimal{got.Principal, got.Fee, got.Compensation, got.Interest} {
				if p.IsNegative() {
					rt.Fatalf("a part went negative: %s", partsText(got))
				}
			}
		}
		pays, err := b.svc.InvoicePayments(b.ctx, inv.ID)
		if err != nil {
			rt.Fatal(err)
		}
		sum := decimal.Zero
		for _, p := range pays {
			if !p.Parts.Sum().Equal(p.Amount) {
				rt.Fatalf("payment %+v: parts do not add up to the amount", p)
			}
			sum = sum.Add(p.Amount)
		}
		if !sum.Equal(paid) {
			rt.Fatalf("payments add up to %s, paid %s", sum, paid)
		}
	})
}

// A payment with neither reference nor message, from a payer named as the customer,
// is suggested for the one open invoice whose claim, or whose unpaid invoice amount,
// it is.
func TestAPaymentOfTheClaimOrTheInvoiceAmountIsSuggestedByName(t *testing.T) {
	for _, amount := range []string{"2979.27", "2210"} {
		t.Run(amount, func(t *testing.T) {
			b := newClaimBook(t, core.PayCostsFirst)
			imp := b.preview("bgmax.txt", b.bgmax(core.BankPayment{PayerName: "Kund K1", Amount: kr(amount)}))
			if r := imp.Rows[0]; r.Outcome != core.OutcomeSuggested || r.Invoice.Number != "10049" {
				t.Errorf("row = %s of %q, want 10049 suggested", r.Outcome, r.Invoice.Number)
			}
		})
	}
}

// A waiver chosen in the preview is written with the payment even when, the costs
// let go, nothing remains for the payment to pay: the preview and the book agree.
func TestAWaiverChosenInThePreviewIsWrittenEvenWhenThePaymentBecomesCredit(t *testing.T) {
	b := newClaimBook(t, core.PayPrincipalFirst)
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv.ID, Amount: kr("2210"), Date: payDate}); err != nil {
		t.Fatal(err)
	}
	imp := b.preview("bgmax.txt", b.bgmax(core.BankPayment{Reference: b.inv.OCR, Amount: kr("100")}))
	imp.Choices = map[string]core.PaymentChoice{imp.Rows[0].Payment.Key: {WaiveReason: "Goodwill"}}
	imp, err := b.svc.PlanPayments(b.ctx, imp)
	if err != nil {
		t.Fatal(err)
	}
	if r := imp.Rows[0]; r.Outcome != core.OutcomeAlreadyPaid || !r.Credit.Equal(kr("100")) || !r.Waived.Sum().Equal(kr("769.27")) {
		t.Fatalf("row = %s, credit %s, waived %s", r.Outcome, r.Credit, r.Waived.Sum())
	}
	if res := b.register(imp); !res.Credits.Equal(kr("100")) {
		t.Errorf("credits = %s", res.Credits)
	}
	if got := b.open(); !got.Sum().IsZero() {
		t.Errorf("open = %s, want the waiver written", partsText(got))
	}
}

// Issue 20's property: allocating a payment and then reversing it restores the claim,
// part by part, whatever the order of allocation, the charges and the payments, and
// whatever order the payments are undone in (a real book, through the service).
func TestAllocatingThenReversingRestoresTheClaim(t *testing.T) {
	b := newClaimBook(t, core.PayCostsFirst)
	next := b.drawInvoice(t, "R")
	rapid.Check(t, func(rt *rapid.T) {
		_, inv := next(rt)
		testbook.Charge(b.t, b.store, inv.ID, payDate, core.Parts{Fee: core.FromOre(rapid.Int64Range(0, 6000).Draw(rt, "fee")),
			Compensation: core.FromOre(rapid.Int64Range(0, 45000).Draw(rt, "compensation")),
			Interest:     core.FromOre(rapid.Int64Range(0, 100000).Draw(rt, "interest"))})
		openOf := func() (core.Parts, core.Invoice) {
			open, err := b.store.OpenParts(b.ctx, []int64{inv.ID})
			if err != nil {
				rt.Fatal(err)
			}
			now, err := b.svc.Invoice(b.ctx, inv.ID)
			if err != nil {
				rt.Fatal(err)
			}
			return open[inv.ID], now
		}
		before, beforeInv := openOf()
		for range rapid.IntRange(1, 4).Draw(rt, "payments") {
			_, now := openOf()
			if !now.Claim().IsPositive() {
				break
			}
			amount := core.FromOre(rapid.Int64Range(1, core.ToOre(now.Claim())).Draw(rt, "amount"))
			if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: inv.ID, Amount: amount, Date: payDate}); err != nil {
				rt.Fatal(err)
			}
		}
		ps, err := b.svc.InvoicePayments(b.ctx, inv.ID)
		if err != nil {
			rt.Fatal(err)
		}
		for _, i := range rapid.Permutation(indexes(len(ps))).Draw(rt, "undo order") {
			if _, err := b.svc.ReversePayment(b.ctx, ps[i].ID, "Fel kund"); err != nil {
				rt.Fatal(err)
			}
		}
		after, afterInv := openOf()
		if partsText(after) != partsText(before) || !afterInv.Paid.Equal(beforeInv.Paid) || !afterInv.Charges.Equal(beforeInv.Charges) {
			rt.Fatalf("undoing every payment left %s (paid %s, charges %s), want %s (paid %s, charges %s)",
				partsText(after), afterInv.Paid, afterInv.Charges, partsText(before), beforeInv.Paid, beforeInv.Charges)
		}
	})
}

// indexes is 0, 1, …, n-1.
func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
