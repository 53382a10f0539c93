package demo_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"paminn/core"
)

// Issue 20: the demo shows the claim ledger — a few invoices whose invoice amount was
// paid and whose reminder fee was not (Avgifter kvar), one open invoice with a payment
// undone, and one reminded invoice paid in full after its reminder (late: a
// räntefaktura candidate).
func TestTheDemoShowsCostsLeftAReversedPaymentAndALatePayment(t *testing.T) {
	dir, svc := openDemo(t)
	ctx := context.Background()
	page, err := svc.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterCharges, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(page.Invoices); n < 3 || n > 40 || page.Totals.ChargesCount != n {
		t.Errorf("the demo has %d invoices with costs left (totals %+v), want a few", n, page.Totals)
	}
	for _, inv := range page.Invoices {
		if inv.Status(svc.Today()) != core.StatusCharges || !inv.Claim().Equal(inv.Charges) || !inv.Charges.IsPositive() {
			t.Errorf("invoice %s: status %s, claim %s, charges %s", inv.Number, inv.Status(svc.Today()), inv.Claim(), inv.Charges)
		}
	}

	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(filepath.Join(dir, "demo.db"))+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var reversed, open int
	if err := db.QueryRow(`SELECT count(*), coalesce(sum(i.total_ore > i.paid_ore), 0) FROM payments r
		JOIN payments p ON p.id = r.reverses AND p.amount_ore = -r.amount_ore AND p.principal_ore = -r.principal_ore
		JOIN invoices i ON i.id = r.invoice_id AND i.id = p.invoice_id
		WHERE r.kind = 'reversal' AND r.reason != ''`).Scan(&reversed, &open); err != nil {
		t.Fatal(err)
	}
	if reversed != 1 || open != 1 {
		t.Errorf("the demo has %d reversed payments, %d of them on an open invoice; want one", reversed, open)
	}
	var late int
	if err := db.QueryRow(`SELECT count(*) FROM invoices i JOIN payments p ON p.invoice_id = i.id
		WHERE i.reminder_count > 0 AND i.total_ore <= i.paid_ore AND i.charges_ore = 0 AND p.principal_ore = i.total_ore
		AND p.date > i.last_reminded AND i.last_reminded > i.due_date`).Scan(&late); err != nil {
		t.Fatal(err)
	}
	if late != 1 {
		t.Errorf("the demo has %d invoices paid in full after a reminder, want one", late)
	}
	// The ledger adds up: each invoice's open charges are its charge entries.
	var differ int
	if err := db.QueryRow(`SELECT count(*) FROM invoices i WHERE i.charges_ore != coalesce((SELECT
		sum(e.fee_ore + e.compensation_ore + e.interest_ore) FROM claim_entries e WHERE e.invoice_id = i.id), 0)`).Scan(&differ); err != nil {
		t.Fatal(err)
	}
	if differ != 0 {
		t.Errorf("%d invoices' charges differ from their entries", differ)
	}
}

// The demo's invoices with costs left were paid after the reminder that charged them,
// never before it.
func TestTheDemosCostsLeftWerePaidAfterTheirReminder(t *testing.T) {
	dir, _ := openDemo(t)
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(filepath.Join(dir, "demo.db"))+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var before int
	if err := db.QueryRow(`SELECT count(*) FROM invoices i JOIN payments p ON p.invoice_id = i.id
		WHERE i.charges_ore > 0 AND i.total_ore <= i.paid_ore AND p.date <= i.last_reminded`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if before != 0 {
		t.Errorf("%d of the demo's invoices with costs left were paid before their reminder", before)
	}
}
