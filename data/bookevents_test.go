package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"paminn/core"
)

// ledgerBook is a book holding one of every event the bookkeeping export books, in
// 2025. Payments, credit arising from a bank file and issue 9's credit notes go
// through the store's own methods; the rows whose writers belong to other
// parts of issue 20 (charges, allocations, reversals, waivers, credit notes, credit
// uses, räntefakturor) are written here in the layout of migration 015.
func ledgerBook(t *testing.T, s core.Store) {
	t.Helper()
	c := mustCustomer(t, s, "K1", "Kund Ett")
	inv := mustInvoice(t, s, c, invoiceSpec{number: "10049", dueIn: -60, total: "2360"})
	if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: core.MustDate("2025-02-20"),
		Amount: kr("2210")}), at("10:00")); err != nil {
		t.Fatal(err)
	}
	interest := mustInvoice(t, s, c, invoiceSpec{number: "10050", dueIn: 10, total: "41.10"})
	id, ii := fmt.Sprint(inv.ID), fmt.Sprint(interest.ID)
	mustExec(t, s,
		`INSERT INTO claim_entries (invoice_id, kind, date, compensation_ore, interest_ore, created_at)
			VALUES (`+id+`, 'charge', '2025-02-01', 45000, 31927, 'x')`,
		`INSERT INTO payments (id, invoice_id, date, amount_ore, principal_ore, compensation_ore, interest_ore, kind)
			VALUES (100, `+id+`, '2025-03-05', 76927, 0, 45000, 31927, 'payment')`,
		`INSERT INTO payments (invoice_id, date, amount_ore, principal_ore, compensation_ore, interest_ore, kind, reverses, reason)
			VALUES (`+id+`, '2025-03-06', -76927, 0, -45000, -31927, 'reversal', 100, 'fel kund')`,
		`INSERT INTO claim_entries (invoice_id, kind, date, compensation_ore, interest_ore, reason, created_at)
			VALUES (`+id+`, 'waiver', '2025-03-07', -45000, -31927, 'god kund', 'x')`,
		`INSERT INTO claim_entries (invoice_id, kind, date, principal_ore, reason, created_at)
			VALUES (`+id+`, 'credit_note', '2025-04-01', -10000, 'rabatt', 'x')`,
		`INSERT INTO payments (id, invoice_id, date, amount_ore, principal_ore, kind)
			VALUES (201, `+ii+`, '2025-04-03', 2500, 2500, 'credit')`,
		`INSERT INTO customer_credit_uses (customer_id, kind, date, amount_ore, payment_id, created_at)
			VALUES (`+fmt.Sprint(c.ID)+`, 'applied', '2025-04-03', 2500, 201, 'x')`,
		`INSERT INTO customer_credit_uses (customer_id, kind, date, amount_ore, reason, created_at)
			VALUES (`+fmt.Sprint(c.ID)+`, 'refunded', '2025-05-01', 1000, 'återbetalt', 'x')`,
		`UPDATE invoices SET interest_for = `+id+`, invoice_date = '2025-03-20' WHERE id = `+ii,
	)
	// Money beyond the claim, kept as the customer's credit, as a bank import writes it.
	if err := s.RegisterBankPayments(ctx, []core.BankRegistration{{Payment: core.Payment{InvoiceID: inv.ID,
		Date: core.MustDate("2025-02-20"), Source: "bg.txt", ExternalKey: "bg-1"}, CustomerID: c.ID,
		Credit: kr("35"), CreditInvoiceID: inv.ID}}, at("10:30")); err != nil {
		t.Fatal(err)
	}
	// A credit note through the store: a credit_note entry (and the credits row Amili is told of).
	if _, err := s.CreditInvoice(ctx, core.Credit{InvoiceID: inv.ID, Date: core.MustDate("2025-04-01"),
		Amount: kr("50"), Number: "K-1"}, at("11:00")); err != nil {
		t.Fatal(err)
	}
}

// events collects BookEvents from from through to.
func events(t *testing.T, s core.Store, from, to string) []core.BookEvent {
	t.Helper()
	var out []core.BookEvent
	if err := s.BookEvents(ctx, core.MustDate(from), core.MustDate(to), func(e core.BookEvent) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func mustExec(t *testing.T, s core.Store, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := dbOf(t, s).ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// describeEvents renders events as "date kind invoice/customer principal fee comp interest".
func describeEvents(events []core.BookEvent) string {
	var b strings.Builder
	for _, e := range events {
		p := e.Parts
		fmt.Fprintf(&b, "%s %s %s/%s %s %s %s %s", e.Date, e.Kind, e.InvoiceNumber, e.CustomerNumber,
			p.Principal.StringFixed(2), p.Fee.StringFixed(2), p.Compensation.StringFixed(2), p.Interest.StringFixed(2))
		if e.OnInterestInvoice {
			b.WriteString(" räntefaktura")
		}
		if e.Reversed != "" {
			b.WriteString(" reverses " + string(e.Reversed))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestBookEventsReadsEveryEventOnceByItsDate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		ledgerBook(t, s)
		got := events(t, s, "2025-01-01", "2025-12-31")
		want := `2025-02-01 charge 10049/K1 0.00 0.00 450.00 319.27
2025-02-20 payment 10049/K1 2210.00 0.00 0.00 0.00
2025-02-20 credit_arose 10049/K1 35.00 0.00 0.00 0.00
2025-03-05 payment 10049/K1 0.00 0.00 450.00 319.27
2025-03-06 reversal 10049/K1 0.00 0.00 -450.00 -319.27 reverses payment
2025-03-07 waiver 10049/K1 0.00 0.00 -450.00 -319.27
2025-03-20 interest_invoice 10050/K1 0.00 0.00 0.00 41.10 räntefaktura
2025-04-01 credit_note 10049/K1 -100.00 0.00 0.00 0.00
2025-04-01 credit_note 10049/K1 -50.00 0.00 0.00 0.00
2025-04-03 credit_applied 10050/K1 25.00 0.00 0.00 0.00 räntefaktura
2025-05-01 credit_refunded /K1 10.00 0.00 0.00 0.00
`
		if d := describeEvents(got); d != want {
			t.Errorf("events =\n%s\nwant\n%s", d, want)
		}
	})
}

// An event is never in two periods: however the year is split, the two parts hold
// the year's events, each once.
func TestBookEventsPeriodsSplitTheEventsWithoutOverlap(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		ledgerBook(t, s)
		whole := events(t, s, "2025-01-01", "2025-12-31")
		for _, split := range []string{"2025-02-01", "2025-03-05", "2025-03-06", "2025-03-31", "2025-04-02", "2025-06-30"} {
			t.Run("split after "+split, func(t *testing.T) {
				first := events(t, s, "2025-01-01", split)
				second := events(t, s, core.MustDate(split).AddDays(1).String(), "2025-12-31")
				if got, want := describeEvents(first)+describeEvents(second), describeEvents(whole); got != want {
					t.Errorf("the two periods hold\n%s\nthe year\n%s", got, want)
				}
			})
		}
	})
}

func TestBookEventsOfAnEmptyPeriodAreNone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		ledgerBook(t, s)
		if got := events(t, s, "2024-01-01", "2024-12-31"); len(got) != 0 {
			t.Fatalf("BookEvents = %v; want none", got)
		}
	})
}

func TestLastBookEventDateIsThePeriodsLatestEvent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		ledgerBook(t, s)
		tests := []struct{ from, to, want string }{
			{"2025-01-01", "2025-12-31", "2025-05-01"}, // the refund
			{"2025-01-01", "2025-03-19", "2025-03-07"}, // the waiver
			{"2025-03-08", "2025-03-31", "2025-03-20"}, // the räntefaktura
			{"2025-04-02", "2025-04-30", "2025-04-03"}, // the credit applied
			{"2024-01-01", "2024-12-31", ""},
		}
		for _, tt := range tests {
			got, err := s.LastBookEventDate(ctx, core.MustDate(tt.from), core.MustDate(tt.to))
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.want; (want == "" && !got.IsZero()) || (want != "" && got.String() != want) {
				t.Errorf("%s–%s: %v, want %q", tt.from, tt.to, got, want)
			}
		}
	})
}

// An error of the caller's ends the reading and comes back as it was.
func TestBookEventsStopsAtTheCallersError(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		ledgerBook(t, s)
		stop := errors.New("disk full")
		calls := 0
		err := s.BookEvents(ctx, core.MustDate("2025-01-01"), core.MustDate("2025-12-31"), func(core.BookEvent) error {
			calls++
			return stop
		})
		if err != stop || calls != 1 {
			t.Errorf("BookEvents = %v after %d calls, want the caller's error after 1", err, calls)
		}
	})
}
