package data

import (
	"context"
	"database/sql"

	"paminn/core"
)

// withdrawHeldBack lets go of what a held-back reminder charged (o.Withdraw), as far
// as each part of it is still open on its invoice, by a waiver with the reason
// core.HeldBackWithdrawal, in the caller's transaction (the one recording the stop).
// What a payment already settled of it stays settled.
func withdrawHeldBack(ctx context.Context, tx *sql.Tx, o core.DeliveryOutcome) error {
	var invoiceID int64
	if err := tx.QueryRowContext(ctx, `SELECT invoice_id FROM reminders WHERE id = ?`, o.ReminderID).
		Scan(&invoiceID); err != nil {
		return err
	}
	open, err := openParts(ctx, tx, []int64{invoiceID})
	if err != nil {
		return err
	}
	let := orePartsOf(o.Withdraw).chargesUpTo(orePartsOf(open[invoiceID]))
	if let.charges() <= 0 {
		return nil
	}
	// Dated the day of the stop, so a period already exported to the books keeps its
	// charge and the next one books the withdrawal.
	return writeWaiver(ctx, tx, core.ClaimEntry{InvoiceID: invoiceID, Kind: core.EntryWaiver, Date: core.DateOf(o.At),
		Parts: let.parts().Neg(), Reason: core.HeldBackWithdrawal}, o.At)
}
