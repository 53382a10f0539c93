package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"paminn/core"
)

// TestPostgresListPagesOrderedByAnIndexSortNothing holds the PostgreSQL list's indexes
// to SQLite's: a SQLite index ends in the rowid, so a page in an order ending in
// i.id (by reminders, by last reminded, by claim) reads it in order; on PostgreSQL
// the index must end in id itself, or every page sorts the whole filter (100 ms at
// 100,000 invoices, BENCHMARKS.md, branch pgbench). With sorting priced out
// (enable_sort off), a page whose order an index holds is planned without a Sort.
func TestPostgresListPagesOrderedByAnIndexSortNothing(t *testing.T) {
	s := mustOpenPG(t)
	tests := []struct {
		filter core.Filter
		sort   core.SortKey
	}{
		{core.FilterAll, core.SortReminders},
		{core.FilterAll, core.SortLastReminded},
		{core.FilterAll, core.SortBalance},
		{core.FilterPaid, core.SortReminders},
		{core.FilterPaid, core.SortLastReminded},
		{core.FilterAmili, core.SortReminders},
		{core.FilterAmili, core.SortLastReminded},
		{core.FilterAmili, core.SortBalance},
		{core.FilterCharges, core.SortReminders},
		{core.FilterCharges, core.SortLastReminded},
		{core.FilterCharges, core.SortBalance},
		{core.FilterAll, core.SortInvoiceDate}, // 027_list_orders_end_in_id.sql, as those below
		{core.FilterAll, core.SortTotal},
		{core.FilterPaid, core.SortInvoiceDate},
		{core.FilterReminded, core.SortInvoiceDate},
		{core.FilterAmili, core.SortInvoiceDate},
		{core.FilterAmili, core.SortTotal},
		{core.FilterCharges, core.SortInvoiceDate},
		{core.FilterCharges, core.SortTotal},
		{core.FilterReminded, core.SortStatus}, // its own index (pgOnlyIndexes)
	}
	for _, tt := range tests {
		for _, desc := range []bool{false, true} {
			name := fmt.Sprintf("filter %q by %s desc=%v walks an index", tt.filter, tt.sort, desc)
			t.Run(name, func(t *testing.T) {
				plan := explainPGPage(t, s, core.InvoiceQuery{Filter: tt.filter, Sort: tt.sort, Desc: desc})
				if strings.Contains(plan, "Sort") {
					t.Errorf("the page sorts:\n%s", plan)
				}
			})
		}
	}
}

// An open filter's first page by claim on a server book reads the open invoices' own
// index by claim (pgmigrations/027), not the whole book's, where the smallest claims
// are paid invoices' fees, each read and rejected (4,762 at 1,000,000 before the
// first overdue invoice).
func TestPostgresOpenFiltersByClaimReadTheOpenInvoicesIndex(t *testing.T) {
	s := mustOpenPG(t)
	for _, f := range []core.Filter{core.FilterOverdue, core.FilterUnpaid, core.FilterReminded} {
		for _, desc := range []bool{false, true} {
			plan := explainPGPage(t, s, core.InvoiceQuery{Filter: f, Sort: core.SortBalance, Desc: desc})
			if !strings.Contains(plan, "invoices_open_by_claim") {
				t.Errorf("filter %q by claim desc=%v:\n%s", f, desc, plan)
			}
		}
	}
}

// explainPGPage is the plan of q's first page on s, with sorting priced out.
func explainPGPage(t *testing.T, s *PGStore, q core.InvoiceQuery) string {
	t.Helper()
	query, args, err := pgPageQuery(q, core.NewDate(2026, 3, 16), matchesFirst) // no search: the plan is not read
	if err != nil {
		t.Fatal(err)
	}
	return explainPG(t, s, query, args, "enable_sort")
}

// explainPG is the plan of query with args on s, one line a step, with each of the
// planner's settings off switched off for it.
func explainPG(t *testing.T, s *PGStore, query string, args []any, off ...string) string {
	t.Helper()
	var plan strings.Builder
	err := s.read(ctx, "explain", func(ctx2 context.Context, tx *sql.Tx) error {
		for _, setting := range off {
			if _, err := tx.ExecContext(ctx2, `SET LOCAL `+setting+` = off`); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx2, `EXPLAIN `+query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			plan.WriteString(line + "\n")
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return plan.String()
}
