package data

import (
	"context"
	"database/sql"

	"paminn/core"
)

// addPublishedReferenceRates gives an existing book the published reference rates it
// lacks, for migration 004. A half-year the book already has keeps its rate: the user
// may have entered or corrected it.
func addPublishedReferenceRates(ctx context.Context, tx *sql.Tx) error {
	for _, r := range core.DefaultReferenceRates() {
		_, err := tx.ExecContext(ctx, `INSERT INTO reference_rates (year, half, rate, preliminary)
			VALUES (?, ?, ?, ?) ON CONFLICT (year, half) DO NOTHING`,
			r.Year, r.Half, r.Rate.String(), boolInt(r.Preliminary))
		if err != nil {
			return err
		}
	}
	return nil
}
