package data

import (
	"testing"

	"paminn/core"
)

func TestCreateInvoiceRoundTripsEveryField(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	want := core.Invoice{Number: "1001", CustomerID: c.ID, InvoiceDate: core.MustDate("2025-01-31"),
		DueDate: core.MustDate("2025-02-28"), Total: kr("1250.50"), Paid: kr("250.25"), Currency: "SEK",
		OCR: "100123", ReminderCount: 2, LastReminded: core.MustDate("2025-03-10"),
		AmiliState: core.AmiliRegistered, AmiliCaseRef: "case-9",
		PlanStep: 2} // entered with two reminders, it has taken two steps of its plan (019)
	created, err := s.CreateInvoice(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Invoice(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	want.ID, want.CustomerName = created.ID, "Anna AB"
	if !sameInvoice(got, want) || !sameInvoice(created, want) {
		t.Fatalf("Invoice = %+v\nwant      %+v", got, want)
	}
	if !got.Balance().Equal(kr("1000.25")) {
		t.Errorf("balance = %s, want 1000.25", got.Balance())
	}
	var payments int
	s.db.QueryRow(`SELECT count(*) FROM payments WHERE invoice_id = ?`, got.ID).Scan(&payments)
	if payments != 1 {
		t.Errorf("the paid amount became %d payments, want 1", payments)
	}
}

// sameInvoice compares invoices with decimal-aware amounts.
func sameInvoice(a, b core.Invoice) bool {
	amountsEqual := a.Total.Equal(b.Total) && a.Paid.Equal(b.Paid) && a.Charges.Equal(b.Charges)
	a.Total, a.Paid, a.Charges = b.Total, b.Paid, b.Charges
	return amountsEqual && a == b
}

func TestInvoiceErrors(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -5, total: "100"})
	tests := []struct {
		name string
		do   func() error
		code core.ErrorCode
		text string
	}{
		{"a duplicate invoice number is a conflict", func() error {
			_, err := s.CreateInvoice(ctx, core.Invoice{Number: "1001", CustomerID: c.ID, Total: kr("1")})
			return err
		}, core.ECONFLICT, "Invoice number 1001 already exists"},
		{"an invoice for an unknown customer is not found", func() error {
			_, err := s.CreateInvoice(ctx, core.Invoice{Number: "1002", CustomerID: 999, Total: kr("1")})
			return err
		}, core.ENOTFOUND, "Customer 999 does not exist"},
		{"reading an unknown invoice is not found", func() error {
			_, err := s.Invoice(ctx, 999)
			return err
		}, core.ENOTFOUND, "Invoice 999 does not exist"},
		{"paying an unknown invoice is not found", func() error {
			_, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: 999, Date: today, Amount: kr("1")}), at("12:00"))
			return err
		}, core.ENOTFOUND, "Invoice 999 does not exist"},
		{"setting the Amili state of an unknown invoice is not found", func() error {
			return s.SetAmiliState(ctx, 999, core.AmiliPaid)
		}, core.ENOTFOUND, "Invoice 999 does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			wantCode(t, err, tt.code)
			if text := core.AsError(err).Text(); text != tt.text {
				t.Errorf("message = %q, want %q", text, tt.text)
			}
		})
	}
}

func TestRegisterPaymentReducesTheBalance(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	inv := mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -5, total: "1000"})
	for _, step := range []struct{ pay, balance string }{{"400", "600"}, {"600", "0"}} {
		got, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr(step.pay)}), at("12:00"))
		if err != nil {
			t.Fatal(err)
		}
		if !got.Balance().Equal(kr(step.balance)) || got.CustomerName != "Anna AB" {
			t.Fatalf("after paying %s: balance %s, customer %q; want %s", step.pay, got.Balance(), got.CustomerName, step.balance)
		}
	}
	if got, _ := s.Invoice(ctx, inv.ID); got.Status(today) != core.StatusPaid {
		t.Errorf("status = %s, want paid", got.Status(today))
	}
}

func TestEligibleInvoicesAreUnpaidOverdueAndNotWithAmili(t *testing.T) {
	s := mustOpen(t)
	anna := mustCustomer(t, s, "K1", "Anna AB")
	bertil := mustCustomer(t, s, "K2", "Bertil AB")
	mustInvoice(t, s, anna, invoiceSpec{number: "B", dueIn: -10, total: "100"})
	mustInvoice(t, s, bertil, invoiceSpec{number: "A", dueIn: -10, total: "100", reminders: 1})
	mustInvoice(t, s, anna, invoiceSpec{number: "C", dueIn: -30, total: "100", paid: "40"})
	mustInvoice(t, s, anna, invoiceSpec{number: "paid", dueIn: -30, total: "100", paid: "100"})
	mustInvoice(t, s, anna, invoiceSpec{number: "due today", dueIn: 0, total: "100"})
	mustInvoice(t, s, anna, invoiceSpec{number: "not due", dueIn: 10, total: "100"})
	mustInvoice(t, s, anna, invoiceSpec{number: "amili", dueIn: -30, total: "100", amili: core.AmiliPending})

	cs, err := s.EligibleInvoices(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		got = append(got, c.Invoice.Number)
		if c.Customer.ID != c.Invoice.CustomerID || c.Customer.Name != c.Invoice.CustomerName || c.Customer.Email == "" {
			t.Errorf("candidate %s has customer %+v", c.Invoice.Number, c.Customer)
		}
		if c.DaysOverdue != 0 || !c.Interest.IsZero() {
			t.Errorf("the store filled core's fields on %s", c.Invoice.Number)
		}
	}
	if want := []string{"C", "A", "B"}; !equalStrings(got, want) {
		t.Fatalf("eligible = %v, want %v (by due date, then number)", got, want)
	}
}

// EligibleInvoices reads only the fields core.Candidate lists as filled; those must
// be the invoice's and the customer's own, the currency too when it is not SEK.
func TestEligibleInvoicesFillTheFieldsCandidateLists(t *testing.T) {
	s := mustOpen(t)
	anna := mustCustomer(t, s, "K1", "Anna AB")
	mustInvoice(t, s, anna, invoiceSpec{number: "A", dueIn: -10, total: "1234.56", paid: "34.50", reminders: 2})
	eur := core.Invoice{Number: "EUR", CustomerID: anna.ID, InvoiceDate: today.AddDays(-40),
		DueDate: today.AddDays(-5), Total: kr("99"), Currency: "EUR"}
	if _, err := s.CreateInvoice(ctx, eur); err != nil {
		t.Fatal(err)
	}
	cs, err := s.EligibleInvoices(ctx, today)
	if err != nil || len(cs) != 2 {
		t.Fatalf("%d eligible (%v), want 2", len(cs), err)
	}
	for _, c := range cs {
		inv, err := s.Invoice(ctx, c.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, want := c.Invoice, inv
		if got.Number != want.Number || got.CustomerID != want.CustomerID || got.CustomerName != want.CustomerName ||
			got.DueDate != want.DueDate || !got.Total.Equal(want.Total) || !got.Paid.Equal(want.Paid) ||
			got.Currency != want.Currency || got.ReminderCount != want.ReminderCount ||
			got.LastReminded != want.LastReminded || got.AmiliState != core.AmiliNone {
			t.Errorf("candidate invoice %+v, want the fields of %+v", got, want)
		}
		cust := c.Customer
		if cust.ID != anna.ID || cust.Name != anna.Name || cust.IDNumber != anna.IDNumber ||
			cust.Email != anna.Email || cust.FeeAgreed != anna.FeeAgreed {
			t.Errorf("candidate customer %+v, want the fields of %+v", cust, anna)
		}
	}
}

func TestInvoicesForReminderKeepsTheOrderAsked(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	a := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -10, total: "100"})
	b := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -20, total: "100"})
	cs, err := s.InvoicesForReminder(ctx, []int64{b.ID, a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Invoice.ID != b.ID || cs[1].Invoice.ID != a.ID || cs[0].Customer.ID != c.ID {
		t.Fatalf("InvoicesForReminder = %+v", cs)
	}
	_, err = s.InvoicesForReminder(ctx, []int64{a.ID, 4242})
	wantCode(t, err, core.ENOTFOUND)
	if text := core.AsError(err).Text(); text != "Invoice 4242 does not exist" {
		t.Errorf("message = %q, want it to name the missing id", text)
	}
	if cs, err := s.InvoicesForReminder(ctx, nil); err != nil || len(cs) != 0 {
		t.Errorf("no ids gave %v, %v", cs, err)
	}
}

func TestAmiliInvoicesAreThoseWithAnOpenCase(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	mustInvoice(t, s, c, invoiceSpec{number: "pending", dueIn: -10, total: "100", amili: core.AmiliPending})
	open := mustInvoice(t, s, c, invoiceSpec{number: "open", dueIn: -10, total: "100", amili: core.AmiliRegistered, caseRef: "c1"})
	paid := mustInvoice(t, s, c, invoiceSpec{number: "paid", dueIn: -10, total: "100", amili: core.AmiliPaid, caseRef: "c2"})
	mustInvoice(t, s, c, invoiceSpec{number: "closed", dueIn: -10, total: "100", amili: core.AmiliClosed, caseRef: "c3"})
	mustInvoice(t, s, c, invoiceSpec{number: "none", dueIn: -10, total: "100"})

	invs, err := s.AmiliInvoices(ctx)
	if err != nil || len(invs) != 1 || invs[0].ID != open.ID {
		t.Fatalf("AmiliInvoices = %+v, %v; want only %q", invs, err, open.Number)
	}
	if err := s.SetAmiliState(ctx, paid.ID, core.AmiliDebtCollection); err != nil {
		t.Fatal(err)
	}
	if invs, _ := s.AmiliInvoices(ctx); len(invs) != 2 {
		t.Errorf("after reopening a case, AmiliInvoices has %d invoices, want 2", len(invs))
	}
	if got, _ := s.Invoice(ctx, paid.ID); got.AmiliState != core.AmiliDebtCollection || got.AmiliCaseRef != "c2" {
		t.Errorf("after SetAmiliState: %q %q", got.AmiliState, got.AmiliCaseRef)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
