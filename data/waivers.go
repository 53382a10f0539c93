package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// WaiveCharges writes the waivers and lowers each invoice's open charges by them,
// in one transaction or none; see writeWaiver.
func (s *Store) WaiveCharges(ctx context.Context, waivers []core.ClaimEntry, now time.Time) error {
	return s.write(ctx, "waive charges", func(tx *sql.Tx) error { return writeWaivers(ctx, tx, waivers, now) })
}

// writeWaivers writes each of waivers (writeWaiver) in the caller's transaction.
func writeWaivers(ctx context.Context, tx *sql.Tx, waivers []core.ClaimEntry, now time.Time) error {
	for _, w := range waivers {
		if err := writeWaiver(ctx, tx, w, now); err != nil {
			return err
		}
	}
	return nil
}

// ClaimEntries returns an invoice's claim entries, oldest first.
func (s *Store) ClaimEntries(ctx context.Context, invoiceID int64) ([]core.ClaimEntry, error) {
	var out []core.ClaimEntry
	err := s.read(ctx, "read claim entries", func(tx *sql.Tx) (err error) {
		out, err = claimEntries(ctx, tx, invoiceID)
		return err
	})
	return out, err
}

// claimEntries is ClaimEntries in the caller's transaction.
func claimEntries(ctx context.Context, tx *sql.Tx, invoiceID int64) ([]core.ClaimEntry, error) {
	var out []core.ClaimEntry
	err := readRows(ctx, tx, `SELECT id, invoice_id, kind, date, principal_ore, fee_ore, compensation_ore,
			interest_ore, coalesce(reminder_id, 0), reason
		FROM claim_entries WHERE invoice_id = ? ORDER BY date, id`, []any{invoiceID}, func(scan func(...any) error) error {
		var e core.ClaimEntry
		err := scan(&e.ID, &e.InvoiceID, (*string)(&e.Kind), dateCol{&e.Date}, oreCol{&e.Parts.Principal},
			oreCol{&e.Parts.Fee}, oreCol{&e.Parts.Compensation}, oreCol{&e.Parts.Interest}, &e.ReminderID, &e.Reason)
		out = append(out, e)
		return err
	})
	return out, err
}

// writeWaiver records a waiver (negative fee, förseningsersättning and interest; no
// principal) as a claim entry and lowers the invoice's charges_ore by it, in the
// caller's transaction. ECONFLICT when the invoice no longer owes what it lets go
// (a payment or another waiver came first), EINTERNAL for an entry that is no
// waiver, ENOTFOUND for an unknown invoice.
func writeWaiver(ctx context.Context, tx *sql.Tx, w core.ClaimEntry, now time.Time) error {
	let := orePartsOf(w.Parts.Neg()) // what it lets go, positive
	if w.Kind != core.EntryWaiver || let.principal != 0 || let.fee < 0 || let.compensation < 0 || let.interest < 0 {
		return core.Errorf(core.EINTERNAL, msgNotAWaiver, nil)
	}
	if err := settle(ctx, tx, w.InvoiceID, let, msgWaiverTooLarge); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore,
			interest_ore, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		w.InvoiceID, string(core.EntryWaiver), dateText(w.Date), -let.fee, -let.compensation, -let.interest,
		w.Reason, createdText(now))
	return err
}
