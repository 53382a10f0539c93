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
	var numbers []string
	err := s.read(ctx, "read the highest invoice numbers", func(tx *sql.Tx) (err error) {
		numbers, err = highestInvoiceNumbers(ctx, tx, highestNumbersSQL)
		return err
	})
	return numbers, err
}

// highestInvoiceNumbers reads the numbers query (highestNumbersSQL, or its twin without
// the index hint) selects, never nil.
func highestInvoiceNumbers(ctx context.Context, tx *sql.Tx, query string) ([]string, error) {
	numbers := []string{}
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return numbers, err
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return numbers, err
		}
		numbers = append(numbers, n)
	}
	return numbers, rows.Err()
}
