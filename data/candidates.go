package data

import (
	"context"
	"database/sql"
	"math"
	"strings"

	"paminn/core"
)

// The reminder dialog reads its candidates a page at a time, as the invoice list
// does: each order walks an index that yields it and stops after the page, and the
// counts are summed from an index without reading a row.

// candidateSort is how the candidates order by one sort key: the ORDER BY columns,
// ascending, ending in a unique column, and the index that yields that order.
type candidateSort struct {
	columns []string
	index   string
	flip    bool // the index's order is the sort's descending one
}

var candidateSorts = map[core.CandidateSort]candidateSort{
	core.CandidatesByDueDate:     {[]string{"i.due_date", "i.number"}, "invoices_open", false},
	core.CandidatesByDaysOverdue: {[]string{"i.due_date", "i.number"}, "invoices_open", true}, // most days first is earliest due first
	core.CandidatesByCustomer:    {[]string{"c.name", "c.id", "i.id"}, "", false},
	core.CandidatesByBalance:     {[]string{balanceExpr, "i.id"}, "invoices_by_balance", false},
	core.CandidatesByReminders:   {[]string{"i.reminder_count", "i.due_date", "i.id"}, "invoices_eligible_by_reminders", false},
}

// amiliTakes is Amili's own terms (core's channelProblems for Amili): SEK, a customer organisation
// or personal number, a postal address (core.Address.Postal), and no earlier case.
const amiliTakes = `i.currency IN ('', '` + core.Currency + `') AND c.id_number != ''
	AND c.address_line1 != '' AND c.zip_code != '' AND c.city != '' AND i.amili_case_ref = ''`

// candidateColumnsSQL are eligibleSQL's invoice columns, then candidateColumns, then
// the case reference of an earlier, closed Amili case (NULL when none, as nearly
// always), then the open charges and the plan step taken (019_plan_steps.sql).
const candidateColumnsSQL = `i.id, i.number, i.customer_id, i.due_date, i.total_ore, i.paid_ore,
	nullif(i.currency, '` + core.Currency + `'), i.reminder_count, i.last_reminded, ` + candidateColumns + `,
	nullif(i.amili_case_ref, ''), i.charges_ore, i.plan_step`

// candidateWhere is the WHERE clause (with a leading space) and its arguments for the
// candidates q's search and Amili terms match, the search's term as searchCondOf has
// it for plan.
func candidateWhere(q core.CandidateQuery, today core.Date, plan searchPlan) (string, []any) {
	return candidateWhereOf(q, today, plan, searchSQLFor(q.Search))
}

// candidateWhereOf is candidateWhere with the search's SQL term (an engine's).
func candidateWhereOf(q core.CandidateQuery, today core.Date, plan searchPlan, term searchSQL) (string, []any) {
	where, args := ` WHERE `+isEligible.and(), isEligible.args(today)
	if q.AmiliOnly {
		where += ` AND ` + amiliTakes
	}
	if cond, sargs := searchCondOf(term, plan, q.Search); cond != "" {
		where += ` AND ` + cond
		args = append(args, sargs...)
	}
	return where, args
}

// candidatePageQuery is the SELECT of columns for q's page, and its arguments; plan
// is how q's search is read (search.go): a walking plan's page walks the order's
// index as without one.
func candidatePageQuery(q core.CandidateQuery, today core.Date, columns string, plan searchPlan) (string, []any, error) {
	if q.Sort == core.CandidatesByCustomer {
		plan = plan.listedFirst()
	}
	sort, where, args, err := candidatePageWhere(q, today, plan, searchSQLFor(q.Search))
	if err != nil {
		return "", nil, err
	}
	var from string
	switch {
	case searchPattern(q.Search) != "" && !plan.walks():
		// A search finds its few matches first and sorts them.
		from = ` FROM invoices i JOIN customers c ON c.id = i.customer_id`
	case sort.index == "":
		// By customer: walk the customers by name and each one's invoices, so the
		// page stops after limit rows instead of sorting every candidate.
		from = ` FROM customers c INDEXED BY customers_by_name CROSS JOIN invoices i INDEXED BY invoices_by_customer
			ON i.customer_id = c.id`
	default:
		from = ` FROM invoices i INDEXED BY ` + sort.index + ` JOIN customers c ON c.id = i.customer_id`
	}
	query, args := candidatePageSelect(q, sort, columns, from, where, args)
	return query, args, nil
}

// candidatePageWhere is q's order, and the WHERE clause and its arguments of q's
// page, the search's term being term (an engine's) read by plan; or the refusal of an
// unknown order.
func candidatePageWhere(q core.CandidateQuery, today core.Date, plan searchPlan, term searchSQL) (candidateSort, string, []any, error) {
	sort, ok := candidateSorts[q.Sort]
	if !ok {
		return sort, "", nil, core.Errorf(core.EINVALID, "Unknown sort order {{.Sort}}", map[string]any{"Sort": string(q.Sort)})
	}
	where, args := candidateWhereOf(q, today, plan, term)
	if q.Sort == core.CandidatesByBalance {
		where += ` AND ` + balanceExpr + ` > 0` // restated on the index, so it seeks
	}
	return sort, where, args, nil
}

// candidatePageSelect is the SELECT of columns from the FROM and WHERE clauses of
// q's page in sort's order, with where's arguments args, and all its arguments.
func candidatePageSelect(q core.CandidateQuery, sort candidateSort, columns, from, where string, args []any) (string, []any) {
	order, args := candidatePageOrder(q, sort, args)
	return `SELECT ` + columns + from + where + order + ` LIMIT ? OFFSET ?`, args
}

// candidatePageOrder is the ORDER BY clause of q's page in sort's order, and args
// followed by the page's limit and offset.
func candidatePageOrder(q core.CandidateQuery, sort candidateSort, args []any) (string, []any) {
	limit := q.Limit
	if limit <= 0 {
		limit = core.DefaultPageSize
	}
	return orderBy(listSort{columns: sort.columns}, q.Desc != sort.flip), append(args, limit, max(q.Offset, 0))
}

// CandidatePage returns one page of the eligible invoices q's search matches, in q's
// order, filled as EligibleInvoices fills them; each customer of the page is read once.
func (s *Store) CandidatePage(ctx context.Context, q core.CandidateQuery, today core.Date) ([]core.Candidate, error) {
	var cs []core.Candidate
	err := s.read(ctx, "list reminder candidates", func(tx *sql.Tx) error {
		query, args, err := s.candidatePageQuery(ctx, tx, q, today, candidateColumnsSQL)
		if err != nil {
			return err
		}
		cs, err = readCandidates(ctx, tx, query, args)
		return err
	})
	return cs, err
}

// candidatePageQuery is candidatePageQuery for q's search as the book has it.
func (s *Store) candidatePageQuery(ctx context.Context, tx *sql.Tx, q core.CandidateQuery, today core.Date, columns string) (string, []any, error) {
	many, err := s.searchMatchesMany(ctx, tx, q.Search, fewSearchMatches.dialog)
	switch {
	case err != nil || q.Sort == core.CandidatesByDueDate || q.Sort == core.CandidatesByDaysOverdue:
	case q.Sort == core.CandidatesByCustomer:
		many, err = s.searches.byCustomer(ctx, tx, searchSQLFor(q.Search), q.Search, many)
	default:
		many, err = s.searches.otherOrder(ctx, tx, searchSQLFor(q.Search), q.Search, many, candidateSorts[q.Sort].index)
	}
	if err != nil {
		return "", nil, err
	}
	return candidatePageQuery(q, today, columns, many)
}

// CandidatesByID returns those of ids that are eligible, as CandidatePage fills them.
func (s *Store) CandidatesByID(ctx context.Context, ids []int64, today core.Date) ([]core.Candidate, error) {
	cs := []core.Candidate{}
	if len(ids) == 0 {
		return cs, nil
	}
	err := s.read(ctx, "read the selected reminder candidates", func(tx *sql.Tx) (err error) {
		cs, err = candidatesByID(ctx, tx, ids, today)
		return err
	})
	return cs, err
}

// candidatesByID is CandidatesByID in the caller's transaction, for ids not empty.
func candidatesByID(ctx context.Context, tx *sql.Tx, ids []int64, today core.Date) ([]core.Candidate, error) {
	args := isEligible.args(today)
	for _, id := range ids {
		args = append(args, id)
	}
	query := `SELECT ` + candidateColumnsSQL + invoiceFrom + ` WHERE ` + isEligible.and() +
		` AND i.id IN (?` + strings.Repeat(", ?", len(ids)-1) + `)`
	return readCandidates(ctx, tx, query, args)
}

// CandidateIDs returns the IDs of q's page of eligible invoices, in q's order: the
// first invoices "Select all" ticks, in one query.
func (s *Store) CandidateIDs(ctx context.Context, q core.CandidateQuery, today core.Date) ([]int64, error) {
	ids := []int64{}
	err := s.read(ctx, "select reminder candidates", func(tx *sql.Tx) error {
		query, args, err := s.candidatePageQuery(ctx, tx, q, today, `i.id`)
		if err != nil {
			return err
		}
		return readIDs(ctx, tx, query, args, func(id int64) { ids = append(ids, id) })
	})
	return ids, err
}

// walkColumns are what Select all judges a candidate by: the invoice's ID,
// currency, earlier Amili case and last reminder, and its customer's organisation
// or personal number and postal address (core's channelProblems and
// isRecentlyReminded decide). SEK,
// nearly every invoice's currency, reads as "" (core's own currency, as for
// candidateColumnsSQL), so a row's text costs nothing to read.
const walkColumns = `i.id, coalesce(nullif(i.currency, '` + core.Currency + `'), ''), i.amili_case_ref, i.last_reminded, c.id_number,
	c.address_line1, c.zip_code, c.city`

// WalkCandidates hands q's eligible invoices to visit in q's order from the first
// (q's offset and limit are ignored), until visit returns false: each candidate
// holds the Invoice's ID, Currency, AmiliCaseRef and LastReminded and the
// Customer's IDNumber and postal Address. The walk reads only the rows visit takes, and one more.
func (s *Store) WalkCandidates(ctx context.Context, q core.CandidateQuery, today core.Date, visit func(*core.Candidate) bool) error {
	q.Offset, q.Limit = 0, math.MaxInt32 // the walk stops by itself: no page
	return s.read(ctx, "select reminder candidates", func(tx *sql.Tx) error {
		query, args, err := s.candidatePageQuery(ctx, tx, q, today, walkColumns)
		if err != nil {
			return err
		}
		return walkCandidates(ctx, tx, query, args, visit)
	})
}

// walkCandidates hands the rows of a query of walkColumns to visit, until it returns
// false.
func walkCandidates(ctx context.Context, tx *sql.Tx, query string, args []any, visit func(*core.Candidate) bool) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cust core.Customer
	c := core.Candidate{Customer: &cust}
	for rows.Next() {
		if err := rows.Scan(&c.Invoice.ID, &c.Invoice.Currency, &c.Invoice.AmiliCaseRef,
			dateCol{&c.Invoice.LastReminded}, &cust.IDNumber,
			&cust.Address.Line1, &cust.Address.ZipCode, &cust.Address.City); err != nil {
			return err
		}
		if !visit(&c) {
			return nil
		}
	}
	return rows.Err()
}

// countCandidatesSQL counts the eligible invoices of a FROM clause that follows
// (fewFrom: a search's few matches, each row read by its ID) and sums their balance.
var countCandidatesSQL = `SELECT count(*), coalesce(sum(` + balanceExpr + `), 0)`

// sumsCandidatesSQL counts every eligible invoice and sums their balance from
// invoice_sums, which the invoices' triggers keep up to date (taking sumsEligible's
// arguments).
var sumsCandidatesSQL = `SELECT coalesce(sum(n), 0), coalesce(sum(balance_ore), 0) FROM invoice_sums
	WHERE ` + sumsEligible.and()

// CountCandidates counts the eligible invoices q's search matches (q's Amili terms
// too) and sums their balance; a search matching many invoices counts up to
// searchCountBound (search.go).
func (s *Store) CountCandidates(ctx context.Context, q core.CandidateQuery, today core.Date) (core.CandidateCount, error) {
	var c core.CandidateCount
	err := s.read(ctx, "count reminder candidates", func(tx *sql.Tx) error {
		plan, err := s.searchMatchesMany(ctx, tx, q.Search, fewSearchMatches.dialog)
		if err != nil {
			return err
		}
		query, args := countCandidatesQuery(q, today, plan)
		c, err = scanCandidateCount(tx.QueryRowContext(ctx, query, args...), searchCounted(q.Search, plan))
		return err
	})
	return c, err
}

// scanCandidateCount reads a row of the dialog's count (the candidates and their
// balance), made as counted: a bounded count past searchCountBound is "more than" it.
// Both engines read their counts so.
func scanCandidateCount(row *sql.Row, counted searchCount) (core.CandidateCount, error) {
	var n, ore int64
	if err := row.Scan(&n, &ore); err != nil {
		return core.CandidateCount{}, err
	}
	if counted == searchCountBounded && n > int64(searchCountBound) {
		return core.CandidateCount{Count: searchCountBound, More: true}, nil
	}
	return core.CandidateCount{Count: int(n), Balance: core.FromOre(ore)}, nil
}

// countCandidatesQuery is the query counting the candidates q matches and summing
// their balance, and its arguments; plan as for candidatePageQuery: a walked search
// counts up to searchCountBound and one more.
func countCandidatesQuery(q core.CandidateQuery, today core.Date, plan searchPlan) (string, []any) {
	if plan.walks() && searchPattern(q.Search) != "" {
		// Up to searchCountBound and one more, from the matches as found.
		filter := q
		filter.Search = ""
		where, args := candidateWhere(filter, today, matchesFirst)
		from, args := boundedFrom(q.Search, plan, where, args, q.AmiliOnly)
		return `SELECT count(*), coalesce(sum(balance), 0) FROM (SELECT ` + balanceExpr + ` AS balance` +
			from + ` LIMIT ?) matches`, append(args, searchCountBound+1)
	}
	where, args := candidateWhere(q, today, plan)
	switch {
	case q.AmiliOnly:
		return `SELECT count(*), coalesce(sum(` + balanceExpr + `), 0) FROM invoices i JOIN customers c ON c.id = i.customer_id` + where, args
	case searchPattern(q.Search) == "":
		return sumsCandidatesSQL, sumsEligible.args(today)
	}
	filter := q
	filter.Search = ""
	where, args = candidateWhere(filter, today, matchesFirst)
	from, fromArgs := fewFrom(q.Search, plan)
	return countCandidatesSQL + from + where, append(fromArgs, args...)
}

// readCandidates runs a query of candidateColumnsSQL and makes its rows candidates,
// sharing one Customer among the rows of each customer.
func readCandidates(ctx context.Context, tx *sql.Tx, query string, args []any) ([]core.Candidate, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	v := newRowValues(21)
	customers := map[int64]*core.Customer{}
	cs := []core.Candidate{}
	for rows.Next() {
		if err := v.scan(rows); err != nil {
			return nil, err
		}
		custID := v.int(9)
		cust := customers[custID]
		if cust == nil {
			cust = &core.Customer{ID: custID, Name: v.text(10), IDNumber: v.text(11), Email: v.text(12), FeeAgreed: v.int(13) != 0,
				IsCompany: v.int(14) != 0, Address: core.Address{Line1: v.text(15), ZipCode: v.text(16), City: v.text(17)}}
			customers[custID] = cust
		}
		currency := v.text(6)
		if currency == "" {
			currency = core.Currency
		}
		inv := core.Invoice{ID: v.int(0), Number: v.text(1), CustomerID: v.int(2), CustomerName: cust.Name,
			DueDate: v.date(3), Total: amount(v.int(4)), Paid: amount(v.int(5)), Currency: currency,
			ReminderCount: int(v.int(7)), LastReminded: v.date(8), AmiliCaseRef: v.text(18), Charges: amount(v.int(19)),
			PlanStep: int(v.int(20))}
		if v.err != nil {
			return nil, v.err
		}
		cs = append(cs, core.Candidate{Invoice: inv, Customer: cust})
	}
	return cs, rows.Err()
}
