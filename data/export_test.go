package data

import (
	"context"
	"database/sql"
	"testing"

	"paminn/core"
)

// DB is the store's connection pool, for benchmarks in package data_test that
// measure SQLite itself beside the store.
func (s *Store) DB() *sql.DB { return s.db }

// ListTotals computes the invoice list's totals alone, as ListInvoices does for q.
func (s *Store) ListTotals(ctx context.Context, q core.InvoiceQuery, today core.Date) (core.InvoiceTotals, error) {
	var t core.InvoiceTotals
	err := s.read(ctx, "list totals", func(tx *sql.Tx) error {
		many, err := s.searchMatchesMany(ctx, tx, q.Search, fewSearchMatches.list)
		if err != nil {
			return err
		}
		t, err = listTotals(ctx, tx, q, many, today)
		return err
	})
	return t, err
}

// ForgetSearchPlans forgets which searches match many invoices, so that a benchmark's
// every search is asked as one newly typed.
func (s *Store) ForgetSearchPlans() {
	s.searches.mu.Lock()
	s.searches.many, s.searches.fewCustomers = nil, nil
	s.searches.mu.Unlock()
}

// AtServerVersion is atServerVersion, for benchmarks in package data_test: it returns
// how to take a SQLite book down to the PostgreSQL schema's version.
func AtServerVersion(tb testing.TB) func(tb testing.TB, path string) { return atServerVersion(tb) }

// NewPGBook is newPGBook, for benchmarks in package data_test: an empty book on the
// test server.
func NewPGBook(tb testing.TB) string { return newPGBook(tb) }
