package data

import (
	"context"
	"database/sql"
)

// highestNumbersSQL reads the longest invoice numbers, highest first, from their own
// index (008_any_size.sql): a few index entries, however large the book.
const highestNumbersSQL = `SELECT number FROM invoices INDEXED BY invoices_by_number_length
	ORDER BY length(number) DESC, number DESC LIMIT 20`

// HighestInvoiceNumbers returns the 20 longest invoice numbers, highest in text
// order first.
func (s *Store) HighestInvoiceNumbers(ctx context.Context) ([]string, error) {
	numbers := []string{}
	err := s.read(ctx, "read the highest invoice numbers", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, highestNumbersSQL)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			numbers = append(numbers, n)
		}
		return rows.Err()
	})
	return numbers, err
}
