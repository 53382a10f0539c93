package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode"

	"paminn/core"
)

// listOrder is the ORDER BY of each sort key, ascending; every one ends in a unique
// column so paging is stable. Each is served by an index (see 001_init.sql).
var listOrder = map[core.SortKey][]string{
	core.SortDueDate:      {"i.due_date", "i.id"},
	core.SortNumber:       {"i.number"},
	core.SortCustomer:     {"c.name", "c.id", "i.id"},
	core.SortInvoiceDate:  {"i.invoice_date", "i.id"},
	core.SortTotal:        {"i.total_ore", "i.id"},
	core.SortBalance:      {"i.balance_ore", "i.id"},
	core.SortStatus:       {"i.status_rank", "i.due_date", "i.id"}, // overdue sorts before unpaid by due date
	core.SortReminders:    {"i.reminder_count", "i.id"},
	core.SortLastReminded: {"i.last_reminded", "i.id"},
}

// ListInvoices returns one page of the invoices matching q's filter and search, in
// q's order, and the totals over all matches; "overdue" is judged against today.
func (s *Store) ListInvoices(ctx context.Context, q core.InvoiceQuery, today core.Date) (core.InvoicePage, error) {
	where, args, err := listWhere(q, today)
	if err != nil {
		return core.InvoicePage{}, err
	}
	order, err := orderBy(q)
	if err != nil {
		return core.InvoicePage{}, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = core.DefaultPageSize
	}
	page := core.InvoicePage{Invoices: []core.Invoice{}}
	err = s.read(ctx, "list invoices", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+invoiceColumns+invoiceFrom+where+order+` LIMIT ? OFFSET ?`,
			append(args, limit, max(q.Offset, 0))...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var inv core.Invoice
			if err := scanInvoice(rows, &inv); err != nil {
				return err
			}
			page.Invoices = append(page.Invoices, inv)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		page.Totals, err = listTotals(ctx, tx, q.Search != "", where, args, today)
		return err
	})
	if err != nil {
		return core.InvoicePage{}, err
	}
	return page, nil
}

// listTotals counts all invoices matching where, and the overdue ones and their balance.
func listTotals(ctx context.Context, tx *sql.Tx, join bool, where string, args []any, today core.Date) (core.InvoiceTotals, error) {
	from := ` FROM invoices i`
	if join { // only a search looks at the customer
		from = invoiceFrom
	}
	var t core.InvoiceTotals
	var overdueOre int64
	err := tx.QueryRowContext(ctx, `SELECT count(*),
		count(*) FILTER (WHERE i.balance_ore > 0 AND i.due_date < ?),
		coalesce(sum(i.balance_ore) FILTER (WHERE i.balance_ore > 0 AND i.due_date < ?), 0)`+from+where,
		append([]any{dateText(today), dateText(today)}, args...)...).Scan(&t.Count, &t.OverdueCount, &overdueOre)
	t.OverdueAmount = core.FromOre(overdueOre)
	return t, err
}

// listWhere is the WHERE clause (with a leading space, or "") for q's filter and search.
func listWhere(q core.InvoiceQuery, today core.Date) (string, []any, error) {
	var conds []string
	var args []any
	switch q.Filter {
	case core.FilterAll:
	case core.FilterUnpaid:
		conds = append(conds, `i.balance_ore > 0`)
	case core.FilterOverdue:
		conds = append(conds, `i.balance_ore > 0`, `i.due_date < ?`)
		args = append(args, dateText(today))
	case core.FilterReminded:
		conds = append(conds, `i.balance_ore > 0`, `i.reminder_count > 0`)
	case core.FilterAmili:
		conds = append(conds, `i.amili_state != ''`)
	case core.FilterPaid:
		conds = append(conds, `i.balance_ore <= 0`)
	default:
		return "", nil, core.Errorf(core.EINVALID, "Unknown invoice filter {{.Filter}}", map[string]any{"Filter": string(q.Filter)})
	}
	if search := strings.TrimSpace(q.Search); search != "" {
		p := caseInsensitiveGlob(search)
		conds = append(conds, `(i.number GLOB ? OR c.name GLOB ?)`)
		args = append(args, p, p)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// orderBy is the ORDER BY clause for q's sort key and direction.
func orderBy(q core.InvoiceQuery) (string, error) {
	key := q.Sort
	if key == "" {
		key = core.SortDueDate
	}
	cols, ok := listOrder[key]
	if !ok {
		return "", core.Errorf(core.EINVALID, "Unknown sort order {{.Sort}}", map[string]any{"Sort": string(key)})
	}
	dir := ""
	if q.Desc {
		dir = " DESC"
	}
	return ` ORDER BY ` + strings.Join(cols, dir+", ") + dir, nil
}

// caseInsensitiveGlob is a GLOB pattern matching text that contains s, ignoring case
// for every letter, Swedish å, ä and ö included (LIKE folds ASCII only).
func caseInsensitiveGlob(s string) string {
	var b strings.Builder
	b.WriteByte('*')
	for _, r := range s {
		lower, upper := unicode.ToLower(r), unicode.ToUpper(r)
		switch {
		case lower != upper:
			b.WriteString("[" + string(lower) + string(upper))
			if r != lower && r != upper {
				b.WriteRune(r)
			}
			b.WriteByte(']')
		case r == '*' || r == '?' || r == '[':
			b.WriteString("[" + string(r) + "]") // a literal in GLOB
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('*')
	return b.String()
}
