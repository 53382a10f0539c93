package data

import (
	"testing"

	"paminn/core"
)

// The store holds its own line under the service's checks: what changed between the
// service's look and the write is refused in the write's transaction, and nothing is
// written.
func TestTheStoreRefusesACorrectionTheBookNoLongerTakes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv := mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -10, total: "1000"})
		paid := mustInvoice(t, s, c, invoiceSpec{number: "1002", dueIn: -10, total: "500", paid: "500"})
		if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100")}), at("12:00")); err != nil {
			t.Fatal(err)
		}
		ps, err := s.InvoicePayments(ctx, inv.ID)
		if err != nil || len(ps) != 1 || !ps[0].Parts.Principal.Equal(kr("100")) || ps[0].Kind != core.PaymentMoney {
			t.Fatalf("payments %+v (%v), want one of 100 kr principal", ps, err)
		}
		undo := core.PaymentReversalRequest{PaymentID: ps[0].ID, Date: today, Reason: "fel"}
		if _, err := s.ReversePayment(ctx, undo, at("12:00")); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name  string
			write func() error
			code  core.ErrorCode
		}{
			{"a payment undone twice", func() error { return ignore(s.ReversePayment(ctx, undo, at("12:01"))) }, core.ECONFLICT},
			{"an unknown payment undone", func() error {
				return ignore(s.ReversePayment(ctx, core.PaymentReversalRequest{PaymentID: 99, Reason: "fel"}, at("12:01")))
			}, core.ENOTFOUND},
			{"credit the customer does not have", func() error {
				return ignore(s.ApplyCredit(ctx, core.CreditUse{Kind: core.CreditApplied, CustomerID: c.ID, InvoiceID: inv.ID,
					Date: today, Amount: kr("1"), Parts: core.Parts{Principal: kr("1")}}, at("12:01")))
			}, core.ECONFLICT},
			{"a refund of credit the customer does not have", func() error {
				return s.RefundCredit(ctx, core.CreditUse{Kind: core.CreditRefunded, CustomerID: c.ID, Date: today, Amount: kr("1"),
					Reason: "fel"}, at("12:01"))
			}, core.ECONFLICT},
			{"a paid invoice changed", func() error { return ignore(s.UpdateInvoice(ctx, paid, nil, at("12:01"))) }, core.ECONFLICT},
			{"an invoice with a payment undone deleted", func() error {
				return s.DeleteInvoice(ctx, inv.ID, core.Message{Template: "deleted"}, at("12:01"))
			}, core.ECONFLICT},
			{"a credit note beyond the unpaid amount", func() error {
				return ignore(s.CreditInvoice(ctx, core.Credit{InvoiceID: inv.ID, Date: today, Amount: kr("1000.01"), Reason: "fel"}, at("12:01")))
			}, core.ECONFLICT},
		}
		for _, x := range cases {
			t.Run(x.name, func(t *testing.T) {
				before, err := s.InvoicePayments(ctx, inv.ID)
				if err != nil {
					t.Fatal(err)
				}
				wantCode(t, x.write(), x.code)
				after, err := s.InvoicePayments(ctx, inv.ID)
				if err != nil || len(after) != len(before) {
					t.Errorf("payments %d → %d (%v)", len(before), len(after), err)
				}
				for _, id := range []int64{inv.ID, paid.ID} {
					if h, err := s.InvoiceHistory(ctx, id); err != nil || len(h) > 1 {
						t.Errorf("history of %d: %+v (%v), want only the undo's line", id, h, err)
					}
				}
				if got, err := s.Invoice(ctx, inv.ID); err != nil || !got.Balance().Equal(kr("1000")) {
					t.Errorf("1001's balance %s (%v), want 1 000", got.Balance(), err)
				}
			})
		}
	})
}

func ignore[T any](_ T, err error) error { return err }
