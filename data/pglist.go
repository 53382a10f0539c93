package data

import (
	"context"
	"database/sql"
	"strings"

	"paminn/core"
)

// The invoice list on PostgreSQL. The filters, sort orders, status order and totals
// are the SQLite list's own (listWhere, listSorts, statusRankExpr, invoice_sums),
// rendered from the same core terms; what differs is only what SQLite needs for speed
// — INDEXED BY and CROSS JOIN (pageQuery) — which PostgreSQL's planner, with
// statistics, does without (the terms a filter implies on an order's index,
// restatedTerms, it needs as SQLite does); and the flags of invoice_sums,
// which SQLite reads as booleans and PostgreSQL compares to 1 (pgSumsTerms).

// ListInvoices returns one page of the invoices matching q's filter and search in q's
// order, and the totals, as Store.ListInvoices (a search as pgsearch.go has it).
func (s *PGStore) ListInvoices(ctx context.Context, q core.InvoiceQuery, today core.Date) (core.InvoicePage, error) {
	page := core.InvoicePage{Invoices: []core.Invoice{}}
	err := s.read(ctx, "list invoices", func(ctx context.Context, tx *sql.Tx) error {
		plan, err := s.searchPlan(ctx, tx, q.Search, fewSearchMatches.list)
		if err == nil && q.Sort == core.SortCustomer {
			plan, err = s.searches.byCustomer(ctx, tx, pgSearchSQLFor(q.Search), q.Search, plan)
		}
		if err != nil {
			return err
		}
		query, args, err := pgPageQuery(q, today, plan)
		if err != nil {
			return err
		}
		if page.Invoices, err = queryInvoices(ctx, tx, query, args...); err != nil {
			return err
		}
		if page.Invoices == nil {
			page.Invoices = []core.Invoice{}
		}
		if err := fillDeliveryFailures(ctx, tx, page.Invoices); err != nil || q.SkipTotals {
			return err
		}
		if strings.TrimSpace(q.Search) != "" {
			page.Totals, err = pgSearchTotals(ctx, tx, q, plan, today)
			return err
		}
		page.Totals, err = pgListTotals(ctx, tx, q.Filter, today)
		return err
	})
	if err != nil {
		return core.InvoicePage{}, err
	}
	return page, nil
}

// pgPageQuery is the SELECT (and its arguments) for q's page: q's filter and search
// in q's order, as pageQuery has them, the search read by plan, without SQLite's
// index hints.
func pgPageQuery(q core.InvoiceQuery, today core.Date, plan searchPlan) (string, []any, error) {
	if !pgWalksIndexOnly(q) {
		plan = plan.listedFirst()
	}
	where, args, err := pgListWhere(q, today, plan)
	if err != nil {
		return "", nil, err
	}
	key, sort, limit, err := pageOrder(q)
	if err != nil {
		return "", nil, err
	}
	if !(key == core.SortBalance && onlyOpen(q.Filter)) {
		// An open filter by claim reads invoices_open_by_claim (pgmigrations/027),
		// whose invoices all have a claim; with the claim's sign restated the planner
		// walked the whole book's claim index instead, rejecting paid invoices' fees.
		where += restatedTerms(q.Filter, key, pgNewestRemindedDue)
	}
	args = append(args, limit, max(q.Offset, 0))
	order := orderBy(sort, q.Desc)
	if plan.walks() && strings.TrimSpace(q.Search) != "" {
		from := ` FROM invoices i`
		if key == core.SortCustomer {
			from = invoiceFrom
		}
		return pgPageByIDs(invoiceColumns, invoiceFrom, from, where, order), args, nil
	}
	return `SELECT ` + invoiceColumns + invoiceFrom + where + order + ` LIMIT ? OFFSET ?`, args, nil
}

// pgWalksIndexOnly says a walked page of q's search reads its IDs from its order's
// index alone (pgPageByIDs): by due date (pgmigrations/029), and the whole book in
// every order but by customer (pgmigrations/030), whose indexes hold the ID, the
// number, the customer and what the order is made of. A filter's page may read
// another index (the filter's own, the open invoices'), and the customers' order
// walks the customers; a page of a listed search there reads the matches first
// instead (searchPlan.listedFirst).
func pgWalksIndexOnly(q core.InvoiceQuery) bool {
	switch q.Sort {
	case "", core.SortDueDate:
		return true
	case core.SortCustomer:
		return false
	}
	return q.Filter == core.FilterAll
}

// pgPageByIDs is the SELECT of columns from the rows of from (the invoices i and their
// customers c) that are a page of a search that walks the order's index
// (searchPlan.walks): the page's IDs first, from idsFrom (the invoices i, and their
// customers c only when where or order needs them), by where in order, taking where's
// arguments, then the limit and the offset; then those IDs' rows, in order. Selecting
// the IDs alone, PostgreSQL reads them from the order's index without a row (an
// index-only scan) when the index holds the ID and every column where tests
// (pgmigrations/029): a walked entry that is not among the matches, or fails the
// search's test, then reads no row, as on SQLite (search.go, trigramCustomers). At
// 1,000,000 invoices, the list's page of "bröderna" (4,317 matches) read each walked
// entry's row in 10 ms, and the dialog's page of "malin" in 20 ms, 12 so.
func pgPageByIDs(columns, from, idsFrom, where, order string) string {
	return `SELECT ` + columns + from + ` WHERE i.id IN (SELECT i.id` + idsFrom + where + order +
		` LIMIT ? OFFSET ?)` + order
}

// pgNewestRemindedDue is newestRemindedDue with invoice_sums' flags compared, as
// PostgreSQL takes them.
var pgNewestRemindedDue = pgRewrite(newestRemindedDue, `open AND reminded`, `open = 1 AND reminded = 1`)

// pgListTotals is listTotals without a search: filter f's invoices, the overdue ones
// and their claims, and those whose costs remain and those costs, summed from
// invoice_sums as sumsTotalsQuery sums them, with the terms rendered by pgSumsTerms.
func pgListTotals(ctx context.Context, tx *sql.Tx, f core.Filter, today core.Date) (core.InvoiceTotals, error) {
	if _, ok := filterSQL(f); !ok {
		return core.InvoiceTotals{}, core.Errorf(core.EINVALID, "Unknown invoice filter {{.Filter}}", map[string]any{"Filter": string(f)})
	}
	cond := pgSumsTerms(core.FilterTerms[f])
	overdue := pgSumsTerms(core.FilterTerms[core.FilterOverdue])
	charges := pgSumsTerms(core.FilterTerms[core.FilterCharges])
	args := append(append(overdue.args(today), overdue.args(today)...), append(charges.args(today), charges.args(today)...)...)
	args = append(args, cond.args(today)...)
	return scanTotals(tx.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0)::bigint,
		coalesce(sum(CASE WHEN `+pgAnd(overdue)+` THEN n END), 0)::bigint,
		coalesce(sum(CASE WHEN `+pgAnd(overdue)+` THEN balance_ore + charges_ore END), 0)::bigint,
		coalesce(sum(CASE WHEN `+pgAnd(charges)+` THEN n END), 0)::bigint,
		coalesce(sum(CASE WHEN `+pgAnd(charges)+` THEN charges_ore END), 0)::bigint
		FROM invoice_sums WHERE `+pgAnd(cond), args...), searchCountNone)
}

// pgSumsFlags are invoice_sums' flags as factsSQL writes them for SQLite (`open`,
// `NOT open`: integers read as booleans), each as the comparison PostgreSQL takes
// (`open = 1`, `open = 0`). Built from factsSQL, so the facts are written once.
var pgSumsFlags = func() map[string]string {
	m := map[string]string{}
	for _, f := range factsSQL {
		if isSQLName(f.sumsHolds) && f.sumsFails == `NOT `+f.sumsHolds {
			m[f.sumsHolds], m[f.sumsFails] = f.sumsHolds+` = 1`, f.sumsHolds+` = 0`
		}
	}
	return m
}()

// isSQLName says whether s is a bare column name.
func isSQLName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_') {
			return false
		}
	}
	return s != ""
}

// pgSumsTerms renders terms on an invoice_sums row for PostgreSQL: render's terms
// with the flags compared (pgSumsFlags).
func pgSumsTerms(terms []core.Term) renderedTerms {
	r := render(terms, true)
	conds := make([]string, len(r.conds))
	for i, c := range r.conds {
		if pg, ok := pgSumsFlags[c]; ok {
			c = pg
		}
		conds[i] = c
	}
	r.conds = conds
	return r
}

// pgAnd is r's conjunction for PostgreSQL: "true" for no terms (SQLite's is "1").
func pgAnd(r renderedTerms) string {
	if len(r.conds) == 0 {
		return `true`
	}
	return r.and()
}
