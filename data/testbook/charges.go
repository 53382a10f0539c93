package testbook

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver, as data uses it

	"paminn/core"
	"paminn/data"
)

// Charge writes what a committed reminder charged an invoice — a 'charge' claim
// entry of fee, förseningsersättning and interest dated on — and raises the
// invoice's open charges by it, in the schema of data/migrations/015_claim_ledger.sql,
// straight into the book's file. It stands in for the batch's own writer of charges
// (issue 20's claimlist work) in tests of what follows a charge: allocation and
// waivers.
func Charge(t testing.TB, store *data.Store, invoiceID int64, on core.Date, p core.Parts) {
	t.Helper()
	path := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(filepath.ToSlash(store.Path()))
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fee, comp, interest := core.ToOre(p.Fee), core.ToOre(p.Compensation), core.ToOre(p.Interest)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore, interest_ore,
			created_at) VALUES (?, 'charge', ?, ?, ?, ?, ?)`, invoiceID, on.String(), fee, comp, interest, on.String()+"T12:00:00Z"); err != nil {
		t.Fatal(err)
	}
	// paid_ore named too: invoice_sums' update trigger follows a change of the charges
	// only with it (022_plan_sums.sql; a batch keeps the sums for its own charges).
	if _, err := tx.Exec(`UPDATE invoices SET paid_ore = paid_ore, charges_ore = charges_ore + ? WHERE id = ?`, fee+comp+interest, invoiceID); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}
