package data

import (
	"context"
	"log/slog"
)

// The sum tables after a bulk write on PostgreSQL. invoice_sums and plan_sums hold a
// few thousand rows, which the invoices' triggers update once for every invoice
// written. Within one transaction no update's old row can be reclaimed, so an import
// or a move of 1,000,000 invoices leaves invoice_sums 13,334 pages long for its 4,856
// rows (BENCHMARKS.md, "The list's totals on a server book after a bulk write"):
// VACUUM frees the dead rows, but the table keeps its length, and every list's totals,
// which read the table whole, read 100 MB instead of 400 kB, for as long as the book
// lives. A transaction of fewer invoices is left to autovacuum, which reuses the space.

// bulkWrite is how many invoices one transaction must write for the sum tables to
// be compacted afterwards.
var bulkWrite = 10_000

// compactSums rewrites the sum tables whole and refreshes the statistics after a
// transaction that wrote written invoices (or rows), when they are bulkWrite or more. It runs
// after the commit (VACUUM runs in no transaction); the tables are small once
// compacted, so the other desktops' totals wait milliseconds for their lock. It needs
// the tables' owner's rights (README: the desktops' users are members of the book's
// role): without them, or on any failure, the book is as right as before, only
// slower to total, and the log says so.
func (s *PGStore) compactSums(ctx context.Context, written int) {
	if written < bulkWrite {
		return
	}
	for _, stmt := range []string{`VACUUM (FULL, ANALYZE) invoice_sums, plan_sums`, `ANALYZE invoices, customers`} {
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			slog.Warn("the sum tables were not compacted after a bulk write", "statement", stmt, "err", err)
			return
		}
	}
}
