package testbook

import (
	"database/sql"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver, as data registers it
)

// Ledger writes rows of migration 015's claim ledger (charges, allocated payments,
// reversals, waivers, credit notes, customer credit, invoice history) straight into
// the book, for views that read what other parts of the program write, and then sets
// each invoice's paid_ore and charges_ore from the ledger as 015 defines them.
func (b Book) Ledger(tb testing.TB, stmts ...string) {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+b.Store.Path()+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	for _, q := range append(stmts, ledgerColumns) {
		if _, err := db.Exec(q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
}

// ledgerColumns sets paid_ore (the principal settled by payments and credit notes)
// and charges_ore (the charges less what payments and waivers settled of them) of
// every invoice with ledger rows.
const ledgerColumns = `UPDATE invoices SET
	paid_ore = coalesce((SELECT sum(principal_ore) FROM payments p WHERE p.invoice_id = invoices.id), 0)
		- coalesce((SELECT sum(principal_ore) FROM claim_entries e WHERE e.invoice_id = invoices.id AND e.kind = 'credit_note'), 0),
	charges_ore = coalesce((SELECT sum(fee_ore + compensation_ore + interest_ore) FROM claim_entries e WHERE e.invoice_id = invoices.id), 0)
		- coalesce((SELECT sum(fee_ore + compensation_ore + interest_ore) FROM payments p WHERE p.invoice_id = invoices.id), 0)
	WHERE id IN (SELECT invoice_id FROM payments UNION SELECT invoice_id FROM claim_entries)`
