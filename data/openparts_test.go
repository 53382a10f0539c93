package data

import (
	"regexp"
	"testing"

	"paminn/core"
)

// mustCharge writes what a committed reminder charged an invoice, in the schema of
// migration 015 (the batch's own writer of charges is issue 20's claimlist work).
func mustCharge(tb testing.TB, s *Store, invoiceID int64, p core.Parts) {
	tb.Helper()
	o := orePartsOf(p)
	if _, err := s.db.Exec(`INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore, interest_ore,
		created_at) VALUES (?, 'charge', ?, ?, ?, ?, '')`, invoiceID, dateText(today.AddDays(-10)), o.fee, o.compensation, o.interest); err != nil {
		tb.Fatal(err)
	}
	// paid_ore named too: invoice_sums' update trigger follows a change of the charges
	// only with it (022_plan_sums.sql).
	if _, err := s.db.Exec(`UPDATE invoices SET paid_ore = paid_ore, charges_ore = charges_ore + ? WHERE id = ?`, o.charges(), invoiceID); err != nil {
		tb.Fatal(err)
	}
}

func mustOpenParts(tb testing.TB, s *Store, id int64) core.Parts {
	tb.Helper()
	open, err := s.OpenParts(ctx, []int64{id})
	if err != nil {
		tb.Fatal(err)
	}
	return open[id]
}

func sameOre(a, b core.Parts) bool { return orePartsOf(a) == orePartsOf(b) }

// chargesColumn is the invoice's charges_ore, which must equal what OpenParts reads.
func chargesColumn(tb testing.TB, s *Store, id int64) int64 {
	tb.Helper()
	var ore int64
	if err := s.db.QueryRow(`SELECT charges_ore FROM invoices WHERE id = ?`, id).Scan(&ore); err != nil {
		tb.Fatal(err)
	}
	return ore
}

var charged = core.Parts{Fee: kr("60"), Compensation: kr("0"), Interest: kr("12.50")}

func TestOpenPartsAreTheChargesLessWhatPaymentsAndWaiversSettled(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	inv := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -40, total: "1000"})
	plain := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -40, total: "500", paid: "100"})
	mustCharge(t, s, inv.ID, charged)
	pay := core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100"), Parts: core.Parts{Principal: kr("40"), Fee: kr("60")}}
	if _, err := s.RegisterPayment(ctx, pay, at("12:00")); err != nil {
		t.Fatal(err)
	}
	waiver := core.ClaimEntry{InvoiceID: inv.ID, Kind: core.EntryWaiver, Date: today, Parts: core.Parts{Interest: kr("-12.50")}, Reason: "Goodwill"}
	if err := s.WaiveCharges(ctx, []core.ClaimEntry{waiver}, at("12:01")); err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenParts(ctx, []int64{inv.ID, plain.ID, 999})
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != 2 || !sameOre(open[inv.ID], core.Parts{Principal: kr("960")}) || !sameOre(open[plain.ID], core.Parts{Principal: kr("400")}) {
		t.Errorf("open = %+v", open)
	}
	if n := chargesColumn(t, s, inv.ID); n != 0 {
		t.Errorf("charges_ore = %d, want 0 after the fee paid and the interest waived", n)
	}
	var reason string
	if err := s.db.QueryRow(`SELECT reason FROM claim_entries WHERE kind = 'waiver' AND invoice_id = ?`, inv.ID).Scan(&reason); err != nil || reason != "Goodwill" {
		t.Errorf("the waiver's entry: %q (%v)", reason, err)
	}
}

// The store records the Service's allocation but never lets a part go below zero:
// what it refuses changes nothing.
func TestAPaymentOrWaiverBeyondWhatIsOpenIsRefusedAndChangesNothing(t *testing.T) {
	tests := []struct {
		name  string
		write func(s *Store, id int64) error
		code  core.ErrorCode
	}{
		{"a payment whose parts do not make its amount", func(s *Store, id int64) error {
			_, err := s.RegisterPayment(ctx, core.Payment{InvoiceID: id, Date: today, Amount: kr("100"),
				Parts: core.Parts{Principal: kr("90")}}, at("12:00"))
			return err
		}, core.EINTERNAL},
		{"a payment of more fee than is open", func(s *Store, id int64) error {
			_, err := s.RegisterPayment(ctx, core.Payment{InvoiceID: id, Date: today, Amount: kr("61"),
				Parts: core.Parts{Fee: kr("61")}}, at("12:00"))
			return err
		}, core.ECONFLICT},
		{"a payment of more principal than is unpaid", func(s *Store, id int64) error {
			_, err := s.RegisterPayment(ctx, core.Payment{InvoiceID: id, Date: today, Amount: kr("1000.01"),
				Parts: core.Parts{Principal: kr("1000.01")}}, at("12:00"))
			return err
		}, core.ECONFLICT},
		{"a waiver above what is owed", func(s *Store, id int64) error {
			return s.WaiveCharges(ctx, []core.ClaimEntry{{InvoiceID: id, Kind: core.EntryWaiver, Date: today,
				Parts: core.Parts{Fee: kr("-60"), Interest: kr("-12.51")}, Reason: "x"}}, at("12:00"))
		}, core.ECONFLICT},
		{"a waiver of principal", func(s *Store, id int64) error {
			return s.WaiveCharges(ctx, []core.ClaimEntry{{InvoiceID: id, Kind: core.EntryWaiver, Date: today,
				Parts: core.Parts{Principal: kr("-10")}, Reason: "x"}}, at("12:00"))
		}, core.EINTERNAL},
		{"a waiver of an unknown invoice", func(s *Store, id int64) error {
			return s.WaiveCharges(ctx, []core.ClaimEntry{{InvoiceID: 999, Kind: core.EntryWaiver, Date: today,
				Parts: core.Parts{Fee: kr("-1")}, Reason: "x"}}, at("12:00"))
		}, core.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t)
			inv := mustInvoice(t, s, mustCustomer(t, s, "K1", "Anna AB"), invoiceSpec{number: "A", dueIn: -40, total: "1000"})
			mustCharge(t, s, inv.ID, charged)
			err := tt.write(s, inv.ID)
			if core.ErrorCodeOf(err) != tt.code {
				t.Fatalf("error = %v, want %s", err, tt.code)
			}
			if got := mustOpenParts(t, s, inv.ID); !sameOre(got, core.Parts{Principal: kr("1000")}.Add(charged)) {
				t.Errorf("open = %+v: something changed", got)
			}
			var entries, payments int
			if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM claim_entries WHERE kind != 'charge'),
				(SELECT count(*) FROM payments)`).Scan(&entries, &payments); err != nil || entries+payments != 0 {
				t.Errorf("rows written: %d entries, %d payments (%v)", entries, payments, err)
			}
		})
	}
}

// Interest runs on the unpaid principal (rule 5): a payment's principal part lowers
// the base, its costs and interest parts do not.
func TestThePaymentsAfterDueAreTheirPrincipalParts(t *testing.T) {
	s := mustOpen(t)
	inv := mustInvoice(t, s, mustCustomer(t, s, "K1", "Anna AB"), invoiceSpec{number: "A", dueIn: -40, total: "1000"})
	mustCharge(t, s, inv.ID, charged)
	for _, p := range []core.Payment{
		{InvoiceID: inv.ID, Date: today.AddDays(-20), Amount: kr("50"), Parts: core.Parts{Fee: kr("50")}},
		{InvoiceID: inv.ID, Date: today.AddDays(-10), Amount: kr("100"), Parts: core.Parts{Fee: kr("10"), Interest: kr("12.50"), Principal: kr("77.50")}},
	} {
		if _, err := s.RegisterPayment(ctx, p, at("12:00")); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.PaymentsAfterDue(ctx, []int64{inv.ID})
	if err != nil {
		t.Fatal(err)
	}
	if ps := got[inv.ID]; len(ps) != 1 || ps[0].Date != today.AddDays(-10) || !ps[0].Amount.Equal(kr("77.50")) {
		t.Errorf("payments after due = %+v, want the one principal part of 77,50", ps)
	}
}

func TestInvoicePaymentsCarryTheirAllocation(t *testing.T) {
	s := mustOpen(t)
	inv := mustInvoice(t, s, mustCustomer(t, s, "K1", "Anna AB"), invoiceSpec{number: "A", dueIn: -40, total: "1000"})
	mustCharge(t, s, inv.ID, charged)
	parts := core.Parts{Principal: kr("27.50"), Fee: kr("60"), Interest: kr("12.50")}
	if _, err := s.RegisterPayment(ctx, core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100"), Parts: parts,
		Source: "bg.txt", ExternalKey: "k"}, at("12:00")); err != nil {
		t.Fatal(err)
	}
	got, err := s.InvoicePayments(ctx, inv.ID)
	if err != nil || len(got) != 1 {
		t.Fatalf("payments = %+v (%v)", got, err)
	}
	if p := got[0]; p.ID == 0 || p.Kind != core.PaymentMoney || !sameOre(p.Parts, parts) || !p.Amount.Equal(kr("100")) ||
		p.Source != "bg.txt" || p.Reverses != 0 {
		t.Errorf("payment = %+v", p)
	}
}

// OpenParts asks by invoice: the invoices by their key, the entries and payments
// through their indexes on invoice, never a whole table (a bank file's preview asks
// for thousands of invoices in a book of a million).
func TestOpenPartsReadNoWholeTable(t *testing.T) {
	s := listBook(t)
	for _, q := range []plannedQuery{
		{"open principal", openPrincipalSQL, []any{"[1,2,3]"}, true},
		{"open charges", openChargesSQL, []any{"[1,2,3]"}, true},
	} {
		for _, step := range queryPlan(t, s, q) {
			if regexp.MustCompile(`^SCAN (invoices|claim_entries|payments)\b`).MatchString(step) {
				t.Errorf("%s reads the whole table: %s", q.name, step)
			}
		}
	}
}
