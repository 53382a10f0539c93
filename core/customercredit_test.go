package core_test

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

// creditBook is a pay book where customer K1 paid 1 250 kr on invoice 1003 of
// 1 000 kr, by a BgMax file: 250 kr stays as K1's credit (tillgodo).
func creditBook(t *testing.T) *payBook {
	t.Helper()
	b := newPayBook(t)
	imp := b.preview("bgmax.txt", bgmaxPaying(125000, b.ocr("1003")))
	if got := outcomes(imp); got != "over" {
		t.Fatalf("outcomes %s, want an overpayment", got)
	}
	if _, err := b.svc.RegisterPayments(b.ctx, imp); err != nil {
		t.Fatal(err)
	}
	if got := b.credits()[b.inv["1003"].CustomerID]; !got.Equal(kr("250")) {
		t.Fatalf("K1's credit %s, want 250", got)
	}
	return b
}

func (b *payBook) credits() map[int64]decimal.Decimal {
	b.t.Helper()
	c, err := b.svc.CustomerCredits(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	return c
}

func TestACustomersCreditPaysTheirInvoiceAndIsRefundedAndTheTotalsAddUp(t *testing.T) {
	b := creditBook(t)
	k1 := b.inv["1002"].CustomerID
	inv, err := b.svc.ApplyCredit(b.ctx, k1, b.inv["1002"].ID, kr("200"))
	if err != nil {
		t.Fatal(err)
	}
	if !inv.Balance().Equal(kr("800")) {
		t.Errorf("1002's balance %s after 200 kr of credit, want 800", inv.Balance())
	}
	ps := b.paymentsOf("1002")
	if len(ps) != 1 || ps[0].Kind != core.PaymentFromCredit || !ps[0].Amount.Equal(kr("200")) ||
		!ps[0].Parts.Sum().Equal(ps[0].Amount) || ps[0].Date != b.svc.Today() {
		t.Errorf("payments %+v, want one from credit of 200 kr allocated in full", ps)
	}
	if h := b.historyOf(inv.ID); len(h) != 1 || h[0] != "200,00 kr of the customer's credit applied" {
		t.Errorf("history %q", h)
	}
	if err := b.svc.RefundCredit(b.ctx, k1, kr("30"), "Återbetalt till kundens konto"); err != nil {
		t.Fatal(err)
	}
	// 250 arose; 200 applied + 30 refunded + 20 left = 250.
	if got := b.credits()[k1]; !got.Equal(kr("20")) {
		t.Errorf("K1's credit %s, want 250 − 200 − 30 = 20", got)
	}
	// Undoing the payment from credit gives the credit back and reopens the invoice.
	if _, err := b.svc.ReversePayment(b.ctx, ps[0].ID, "Fel faktura"); err != nil {
		t.Fatal(err)
	}
	if got := b.credits()[k1]; !got.Equal(kr("220")) {
		t.Errorf("K1's credit %s after the undo, want 220", got)
	}
	if got := b.invoiceNow("1002").Balance(); !got.Equal(kr("1000")) {
		t.Errorf("1002's balance %s after the undo, want 1 000", got)
	}
	if err := b.svc.RefundCredit(b.ctx, k1, kr("220"), "Resten återbetald"); err != nil {
		t.Fatal(err)
	}
	if got, ok := b.credits()[k1]; ok {
		t.Errorf("K1 keeps %s of credit after all of it was refunded", got)
	}
}

func TestAUseOfCreditThatDoesNotFitIsRefusedAndNothingChanges(t *testing.T) {
	cases := []struct {
		name  string
		setup func(b *payBook)
		use   func(b *payBook) error
		code  core.ErrorCode
		says  string
	}{
		{"more than the customer's credit", nil, func(b *payBook) error {
			return ignore(b.svc.ApplyCredit(b.ctx, b.inv["1002"].CustomerID, b.inv["1002"].ID, kr("250.01")))
		}, core.EINVALID, "Kund K1 has 250,00 kr in credit, less than 250,01 kr"},
		{"an invoice of another customer", nil, func(b *payBook) error {
			return ignore(b.svc.ApplyCredit(b.ctx, b.inv["1002"].CustomerID, b.inv["1005"].ID, kr("100")))
		}, core.EINVALID, "Invoice 1005 is not Kund K1's"},
		{"more than remains of the invoice", func(b *payBook) {
			if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv["1002"].ID, Amount: kr("900")}); err != nil {
				b.t.Fatal(err)
			}
		}, func(b *payBook) error {
			return ignore(b.svc.ApplyCredit(b.ctx, b.inv["1002"].CustomerID, b.inv["1002"].ID, kr("150")))
		}, core.EINVALID, "150,00 kr is more than the 100,00 kr that remains of invoice 1002"},
		{"nothing", nil, func(b *payBook) error {
			return ignore(b.svc.ApplyCredit(b.ctx, b.inv["1002"].CustomerID, b.inv["1002"].ID, kr("0")))
		}, core.EINVALID, "The amount must be more than 0 kr"},
		{"a negative amount", nil, func(b *payBook) error {
			return b.svc.RefundCredit(b.ctx, b.inv["1002"].CustomerID, kr("-10"), "fel")
		}, core.EINVALID, "The amount must be more than 0 kr"},
		{"an amount beyond any invoice", nil, func(b *payBook) error {
			return ignore(b.svc.ApplyCredit(b.ctx, b.inv["1002"].CustomerID, b.inv["1002"].ID, kr("2000000000")))
		}, core.EINVALID, "is too large an amount"},
		{"a refund beyond the credit", nil, func(b *payBook) error {
			return b.svc.RefundCredit(b.ctx, b.inv["1002"].CustomerID, kr("300"), "Återbetalt")
		}, core.EINVALID, "Kund K1 has 250,00 kr in credit, less than 300,00 kr"},
		{"a refund without a reason", nil, func(b *payBook) error {
			return b.svc.RefundCredit(b.ctx, b.inv["1002"].CustomerID, kr("100"), "")
		}, core.EINVALID, "Give a reason"},
		{"an unknown customer", nil, func(b *payBook) error {
			return b.svc.RefundCredit(b.ctx, 999, kr("100"), "Återbetalt")
		}, core.ENOTFOUND, "Customer 999 does not exist"},
		{"an unknown invoice", nil, func(b *payBook) error {
			return ignore(b.svc.ApplyCredit(b.ctx, b.inv["1002"].CustomerID, 999, kr("100")))
		}, core.ENOTFOUND, "Invoice 999 does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := creditBook(t)
			if c.setup != nil {
				c.setup(b)
			}
			payments := len(b.paymentsOf("1002"))
			balance := b.invoiceNow("1002").Balance()
			err := c.use(b)
			wantCode(t, err, c.code)
			if got := plainText(core.AsError(err).Text()); !strings.Contains(got, c.says) {
				t.Errorf("message %q does not say %q", got, c.says)
			}
			if got := b.credits(); !got[b.inv["1002"].CustomerID].Equal(kr("250")) || len(got) != 1 {
				t.Errorf("credits %v after the refusal, want K1's 250 kr alone", got)
			}
			if got := len(b.paymentsOf("1002")); got != payments {
				t.Errorf("1002 has %d payments, %d before", got, payments)
			}
			if got := b.invoiceNow("1002").Balance(); !got.Equal(balance) {
				t.Errorf("1002's balance %s, was %s", got, balance)
			}
		})
	}
}

// Credit applied to an invoice with Amili is a payment of the debtor's like any
// other: it is reported to Amili, and so it is not undone here.
func TestCreditAppliedToAnInvoiceWithAmiliIsReportedToAmili(t *testing.T) {
	b := newPayBook(t)
	imp := b.preview("bgmax.txt", bgmaxPaying(90000, b.ocr("1005"))) // 900 kr on K2's 800 kr invoice
	if _, err := b.svc.RegisterPayments(b.ctx, imp); err != nil {
		t.Fatal(err)
	}
	k2 := b.inv["1006"].CustomerID
	if _, err := b.svc.ApplyCredit(b.ctx, k2, b.inv["1006"].ID, kr("100")); err != nil {
		t.Fatal(err)
	}
	ps := b.paymentsOf("1006")
	if len(ps) != 1 || ps[0].Kind != core.PaymentFromCredit || ps[0].AmiliReport != core.DeliveryPending {
		t.Fatalf("payments on 1006 %+v, want one from credit queued for Amili", ps)
	}
	_, err := b.svc.ReversePayment(b.ctx, ps[0].ID, "fel")
	wantCode(t, err, core.ECONFLICT)
}

// Credit applied settles a claim as money paid does (core/RULES.md, "Allocation of
// payments"): the costs first, then the interest, the invoice amount last.
func TestCreditAppliedSettlesTheCostsFirstLikeAPayment(t *testing.T) {
	b := creditBook(t)
	inv := b.inv["1002"]
	testbook.Charge(t, b.store, inv.ID, b.svc.Today(), core.Parts{Principal: decimal.Zero, Fee: kr("60"),
		Compensation: decimal.Zero, Interest: kr("15")})
	if _, err := b.svc.ApplyCredit(b.ctx, inv.CustomerID, inv.ID, kr("100")); err != nil {
		t.Fatal(err)
	}
	ps := b.paymentsOf("1002")
	want := core.Parts{Principal: kr("25"), Fee: kr("60"), Compensation: decimal.Zero, Interest: kr("15")}
	if len(ps) != 1 || !ps[0].Parts.Principal.Equal(want.Principal) || !ps[0].Parts.Fee.Equal(want.Fee) ||
		!ps[0].Parts.Interest.Equal(want.Interest) {
		t.Errorf("credit of 100 kr on 1 000 + 60 fee + 15 interest went %+v, want %+v", ps, want)
	}
}
