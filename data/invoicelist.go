package data

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"paminn/core"
)

// listSort is how the list orders by one sort key: the ORDER BY columns, ascending,
// ending in a unique column so paging is stable, and the index that yields that order
// (see 001_init.sql). The customer sort walks customers by name and needs no hint.
type listSort struct {
	columns []string
	index   string
}

var listSorts = map[core.SortKey]listSort{
	core.SortDueDate:      {[]string{"i.due_date", "i.number"}, "invoices_by_due_date"},
	core.SortNumber:       {[]string{"i.number"}, "invoices_by_number"},
	core.SortCustomer:     {[]string{"c.name", "c.id", "i.id"}, ""},
	core.SortInvoiceDate:  {[]string{"i.invoice_date", "i.id"}, "invoices_by_invoice_date"},
	core.SortTotal:        {[]string{"i.total_ore", "i.id"}, "invoices_by_total"},
	core.SortBalance:      {claimOrder, "invoices_by_claim"},                                          // the column shows the claim
	core.SortStatus:       {[]string{statusRankExpr, "i.due_date", "i.number"}, "invoices_by_status"}, // overdue sorts before unpaid by due date
	core.SortReminders:    {[]string{"i.reminder_count", "i.id"}, "invoices_by_reminders"},
	core.SortLastReminded: {[]string{"i.last_reminded", "i.id"}, "invoices_by_last_reminded"},
}

// balanceExpr is the balance, as invoices_by_balance holds it. The filters' terms and
// the status order are rendered from core's definitions (invoicefacts.go).
const balanceExpr = `(i.total_ore - i.paid_ore)`

// claimOrder is the order by claim as invoices_by_claim holds it (021_few_filters_cover.sql):
// the claim, then the columns the index carries for the open filters' terms, then the
// ID, so a page reads the index in order and sorts nothing.
var claimOrder = []string{claimExpr, "i.total_ore", "i.paid_ore", "i.due_date", "i.reminder_count", "i.id"}

// claimExpr is the claim (core.Invoice.Claim: the balance and the open charges), as
// invoices_by_claim holds it (016_claim_status.sql).
const claimExpr = `(i.total_ore - i.paid_ore + i.charges_ore)`

// ListInvoices returns one page of the invoices matching q's filter and search, in
// q's order, and the totals over all matches unless q skips them; "overdue" is
// judged against today.
func (s *Store) ListInvoices(ctx context.Context, q core.InvoiceQuery, today core.Date) (core.InvoicePage, error) {
	page := core.InvoicePage{Invoices: []core.Invoice{}}
	err := s.read(ctx, "list invoices", func(tx *sql.Tx) error {
		many, err := s.searchMatchesMany(ctx, tx, q.Search, fewSearchMatches.list)
		switch {
		case err != nil || q.Sort == "" || q.Sort == core.SortDueDate || q.Sort == core.SortNumber:
			// These orders' indexes hold the number, and by due date the customer.
		case q.Sort == core.SortCustomer:
			many, err = s.searches.byCustomer(ctx, tx, searchSQLFor(q.Search), q.Search, many)
		default:
			many, err = s.searches.otherOrder(ctx, tx, searchSQLFor(q.Search), q.Search, many, walkedIndex(q))
		}
		if err != nil {
			return err
		}
		query, args, err := pageQuery(q, today, many)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, query, args...)
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
		if err := fillDeliveryFailures(ctx, tx, page.Invoices); err != nil || q.SkipTotals {
			return err
		}
		page.Totals, err = listTotals(ctx, tx, q, many, today)
		return err
	})
	if err != nil {
		return core.InvoicePage{}, err
	}
	return page, nil
}

// pageOrder is q's sort key (the due date when none), its order and its page's
// length (the default when none), or the refusal of an unknown order.
func pageOrder(q core.InvoiceQuery) (core.SortKey, listSort, int, error) {
	key := q.Sort
	if key == "" {
		key = core.SortDueDate
	}
	sort, ok := listSorts[key]
	if !ok {
		return key, listSort{}, 0, core.Errorf(core.EINVALID, "Unknown sort order {{.Sort}}", map[string]any{"Sort": string(key)})
	}
	limit := q.Limit
	if limit <= 0 {
		limit = core.DefaultPageSize
	}
	return key, sort, limit, nil
}

// pageQuery is the SELECT (and its arguments) for the page of the list q asks for;
// plan is how q's search is read (search.go): a walking plan's page walks the order's
// index as without one.
func pageQuery(q core.InvoiceQuery, today core.Date, plan searchPlan) (string, []any, error) {
	if q.Sort == core.SortCustomer {
		plan = plan.listedFirst()
	}
	where, args, err := listWhere(q, today, plan)
	if err != nil {
		return "", nil, err
	}
	if plan.walks() {
		q.Search = "" // the index and joins are chosen as without a search
	}
	key, sort, limit, err := pageOrder(q)
	if err != nil {
		return "", nil, err
	}
	where += restatedTerms(q.Filter, key, newestRemindedDue)
	args = append(args, limit, max(q.Offset, 0))
	if index := fewIndexes[q.Filter]; index != "" && !walksCustomers(q, key) && filterIndexes[filterSort{q.Filter, key}] == "" {
		return fewPageQuery(q, key, index, where, orderBy(sort, q.Desc)), args, nil
	}
	query := `SELECT ` + invoiceColumns + listFrom(q, key, sort) + where + orderBy(sort, q.Desc) + ` LIMIT ? OFFSET ?`
	return query, args, nil
}

// restatedTerms are terms filter f implies, restated (with a leading " AND ", or "")
// on the columns of key's own index, so a page by key seeks past the entries f cannot
// match instead of reading and rejecting them: the status ranks f can have; by claim,
// whether f's invoices have one; and by due date, the reminded filter's bound, the
// latest due date of a reminded invoice (newestDue: newestRemindedDue in the engine's
// SQL). Both engines add them.
func restatedTerms(f core.Filter, key core.SortKey, newestDue string) string {
	switch {
	case key == core.SortDueDate && f == core.FilterReminded:
		return ` AND i.due_date <= ` + newestDue // a bound, see newestRemindedDue
	case key == core.SortStatus && filtersSQL[f].ranks != "":
		return ` AND ` + statusRankExpr + filtersSQL[f].ranks
	case key == core.SortBalance && onlyOpen(f):
		return ` AND ` + claimExpr + ` > 0` // an open balance is a claim
	case key == core.SortBalance && onlySettled(f):
		return ` AND ` + claimExpr + ` <= 0` // nothing left is no claim
	}
	return ""
}

// fewIndexes are the filters whose invoices are few enough to sort rather than read
// in order, each with the index of its invoices.
var fewIndexes = map[core.Filter]string{
	core.FilterAmili:   "invoices_with_amili",
	core.FilterCharges: "invoices_charged", // 016_claim_status.sql
	core.FilterPaused:  "invoices_paused",  // 017_pauses.sql
}

// fewPageQuery is the page of one of fewIndexes' filters, whose invoices it reads
// through index: it sorts their IDs and sort keys alone, and joins the page's rows to
// their customers afterwards, rather than sorting every match's whole row. The
// customer is joined first only where the order or a search needs it.
func fewPageQuery(q core.InvoiceQuery, key core.SortKey, index, where, order string) string {
	from := ` FROM invoices i INDEXED BY ` + index
	if key == core.SortCustomer || strings.TrimSpace(q.Search) != "" {
		from += ` JOIN customers c ON c.id = i.customer_id`
	}
	page := `SELECT i.id` + from + where + order + ` LIMIT ? OFFSET ?`
	return `SELECT ` + invoiceColumns + invoiceFrom + ` WHERE i.id IN (` + page + `)` + order
}

// listFrom is the FROM clause of a page. Sorted by customer, it walks the customers
// by name and each one's invoices (CROSS JOIN keeps that nesting), so a page stops
// after limit rows instead of sorting every match; the invoices with Amili are found
// through their own index by customer.
func listFrom(q core.InvoiceQuery, key core.SortKey, sort listSort) string {
	if walksCustomers(q, key) {
		index := `invoices_by_customer`
		if few := fewByCustomer[q.Filter]; few != "" {
			index = few // each customer's few of the filter's
		}
		return ` FROM customers c INDEXED BY customers_by_name CROSS JOIN invoices i INDEXED BY ` + index + `
			ON i.customer_id = c.id`
	}
	return ` FROM invoices i` + listIndex(q, key, sort) + ` JOIN customers c ON c.id = i.customer_id`
}

// walksCustomers says whether q's page walks the customers by name: the customer
// order without a search, unless q's filter is one of the few (fewIndexes) without
// an index of its own by customer.
func walksCustomers(q core.InvoiceQuery, key core.SortKey) bool {
	return key == core.SortCustomer && strings.TrimSpace(q.Search) == "" &&
		(fewIndexes[q.Filter] == "" || fewByCustomer[q.Filter] != "")
}

// fewByCustomer are the indexes by customer of those of fewIndexes' filters that
// have one, for the customer order's walk.
var fewByCustomer = map[core.Filter]string{
	core.FilterAmili:   "invoices_with_amili_by_customer", // 010_closed_amili_case.sql
	core.FilterCharges: "invoices_charged_by_customer",    // 021_few_filters_cover.sql
}

// listIndex is the INDEXED BY clause that keeps the first page quick, whatever the
// planner would guess without statistics: the open invoices' index for an open filter
// by due date, the Amili index for the few handed over, else the sort's own index, so
// a page is read in order and stops after limit rows. A search scans anyway.
func listIndex(q core.InvoiceQuery, key core.SortKey, sort listSort) string {
	switch {
	case strings.TrimSpace(q.Search) != "":
		return ""
	case onlyOpen(q.Filter) && key == core.SortDueDate:
		return ` INDEXED BY invoices_open`
	case filterIndexes[filterSort{q.Filter, key}] != "":
		return ` INDEXED BY ` + filterIndexes[filterSort{q.Filter, key}]
	case fewIndexes[q.Filter] != "":
		return ` INDEXED BY ` + fewIndexes[q.Filter]
	case sort.index != "":
		return ` INDEXED BY ` + sort.index
	}
	return ""
}

// walkedIndex is the name of the index a page of q walks when its search walks
// (searchPlan.walks): listIndex's, as without the search.
func walkedIndex(q core.InvoiceQuery) string {
	key := q.Sort
	if key == "" {
		key = core.SortDueDate
	}
	q.Search = ""
	return strings.TrimPrefix(listIndex(q, key, listSorts[key]), ` INDEXED BY `)
}

// newestRemindedDue is the latest due date of an open, reminded invoice, from
// invoice_sums: the "reminded" filter by due date seeks below it in invoices_open,
// which no longer holds the reminder count (009_reminder_writes.sql), instead of
// reading the row of every open invoice not yet due to find it is not reminded.
// invoice_sums holds every invoice's due date in a row of its kind, so the bound
// leaves out no reminded invoice (TestRemindedPagesAreTheFiltersInvoices).
const newestRemindedDue = `(SELECT due_date FROM invoice_sums WHERE open AND reminded AND n > 0
	ORDER BY due_date DESC LIMIT 1)`

// filterSort is one filter sorted by one key.
type filterSort struct {
	filter core.Filter
	key    core.SortKey
}

// filterIndexes are the indexes of one filter's own invoices in one sort's order
// (008_any_size.sql), for the orders whose whole-book index holds tens of thousands
// of entries the filter does not match before the first one it does.
var filterIndexes = map[filterSort]string{
	{core.FilterReminded, core.SortLastReminded}: "invoices_reminded_by_last_reminded",
	{core.FilterReminded, core.SortInvoiceDate}:  "invoices_reminded_by_invoice_date", // 009_reminder_writes.sql
	{core.FilterReminded, core.SortNumber}:       "invoices_reminded_by_number",
	{core.FilterPaid, core.SortLastReminded}:     "invoices_paid_by_last_reminded",
	{core.FilterPaid, core.SortReminders}:        "invoices_paid_by_reminders",
	{core.FilterOverdue, core.SortInvoiceDate}:   "invoices_open_by_invoice_date",
	{core.FilterUnpaid, core.SortInvoiceDate}:    "invoices_open_by_invoice_date",
	{core.FilterAmili, core.SortStatus}:          "invoices_with_amili_by_status", // 021_few_filters_cover.sql, as those below
	{core.FilterAmili, core.SortDueDate}:         "invoices_with_amili_by_due_date",
	{core.FilterAmili, core.SortNumber}:          "invoices_with_amili_by_number",
	{core.FilterAmili, core.SortInvoiceDate}:     "invoices_with_amili_by_invoice_date",
	{core.FilterAmili, core.SortTotal}:           "invoices_with_amili_by_total",
	{core.FilterAmili, core.SortBalance}:         "invoices_with_amili_by_claim",
	{core.FilterAmili, core.SortReminders}:       "invoices_with_amili_by_reminders",
	{core.FilterAmili, core.SortLastReminded}:    "invoices_with_amili_by_last_reminded",
	{core.FilterCharges, core.SortDueDate}:       "invoices_charged",
	{core.FilterCharges, core.SortNumber}:        "invoices_charged_by_number",
	{core.FilterCharges, core.SortInvoiceDate}:   "invoices_charged_by_invoice_date",
	{core.FilterCharges, core.SortTotal}:         "invoices_charged_by_total",
	{core.FilterCharges, core.SortBalance}:       "invoices_charged_by_claim",
	{core.FilterCharges, core.SortReminders}:     "invoices_charged_by_reminders",
	{core.FilterCharges, core.SortLastReminded}:  "invoices_charged_by_last_reminded",
	{core.FilterCharges, core.SortStatus}:        "invoices_charged_by_status",
}

// listTotals counts the invoices matching q's filter and search, the overdue ones and
// their claims, and those whose costs remain (core.FilterCharges) and those costs;
// plan as for pageQuery. Without a search the counts are summed from invoice_sums
// (008_any_size.sql, 016_claim_status.sql), which the invoices' triggers keep up to
// date; a search's are counted as searchCounted says.
func listTotals(ctx context.Context, tx *sql.Tx, q core.InvoiceQuery, plan searchPlan, today core.Date) (core.InvoiceTotals, error) {
	counted := searchCounted(q.Search, plan)
	query, args, err := listTotalsQuery(q, plan, counted, today)
	if err != nil {
		return core.InvoiceTotals{}, err
	}
	return scanTotals(tx.QueryRowContext(ctx, query, args...), counted)
}

// scanTotals reads a row of the list's totals (the count, the overdue ones and their
// claims, those whose costs remain and those costs), made as counted: a bounded count
// past searchCountBound is "more than" it, without the sums it did not make whole.
// Both engines read their totals so.
func scanTotals(row *sql.Row, counted searchCount) (core.InvoiceTotals, error) {
	var t core.InvoiceTotals
	var overdueOre, chargesOre int64
	err := row.Scan(&t.Count, &t.OverdueCount, &overdueOre, &t.ChargesCount, &chargesOre)
	t.OverdueAmount, t.ChargesAmount = core.FromOre(overdueOre), core.FromOre(chargesOre)
	if counted == searchCountBounded && t.Count > searchCountBound {
		t = core.InvoiceTotals{Count: searchCountBound, More: true}
	}
	return t, err
}

// listTotalsQuery is listTotals' query and its arguments, for a count made as counted
// of q's search read by plan.
func listTotalsQuery(q core.InvoiceQuery, plan searchPlan, counted searchCount, today core.Date) (string, []any, error) {
	today2 := append(isOverdue.args(today), isOverdue.args(today)...)
	switch counted {
	case searchCountAll:
		// A search of few matches reads each one's row by its ID (search.go).
		filter := q
		filter.Search = ""
		where, args, err := listWhere(filter, today, matchesFirst)
		from, fromArgs := fewFrom(q.Search, plan)
		return searchTotalsSQL + from + where + `) matches`, append(append(today2, fromArgs...), args...), err
	case searchCountBounded:
		// A search of many matches stops after searchCountBound and one more.
		filter := q
		filter.Search = ""
		where, args, err := listWhere(filter, today, matchesFirst)
		from, args := boundedFrom(q.Search, plan, where, args, false)
		return searchTotalsSQL + from + ` LIMIT ?) matches`, append(append(today2, args...), searchCountBound+1), err
	}
	return sumsTotalsQuery(q.Filter, today)
}

// The costs-remaining filter's terms, on the invoices and on invoice_sums: the
// totals count its invoices within every filter.
var (
	isCharges   = render(core.FilterTerms[core.FilterCharges], false)
	sumsCharges = render(core.FilterTerms[core.FilterCharges], true)
)

// searchTotalsSQL counts a search's matches, the overdue ones and their claims, and
// those whose costs remain and those costs, in one pass over the invoices i of the
// FROM clause that follows it and closes with ") matches", taking the overdue terms'
// arguments twice, then the FROM clause's.
var searchTotalsSQL = `SELECT count(*), coalesce(sum(overdue), 0), coalesce(sum(overdue_ore), 0),
	coalesce(sum(charged), 0), coalesce(sum(charges_ore), 0) FROM (SELECT ` + isOverdue.and() + ` AS overdue,
	CASE WHEN ` + isOverdue.and() + ` THEN ` + claimExpr + ` END AS overdue_ore, ` + isCharges.and() + ` AS charged,
	CASE WHEN ` + isCharges.and() + ` THEN i.charges_ore END AS charges_ore`

// sumsTotalsQuery counts filter f's invoices, the overdue ones and their claims, and
// those whose costs remain and those costs, from invoice_sums; and gives its
// arguments.
func sumsTotalsQuery(f core.Filter, today core.Date) (string, []any, error) {
	rf, ok := filterSQL(f)
	if !ok {
		return "", nil, core.Errorf(core.EINVALID, "Unknown invoice filter {{.Filter}}", map[string]any{"Filter": string(f)})
	}
	if sumsCharges.todays > 0 {
		panic("data: the costs-remaining filter depends on today")
	}
	cond := rf.sums
	args := append(append(sumsOverdue.args(today), sumsOverdue.args(today)...), cond.args(today)...)
	return `SELECT coalesce(sum(n), 0), coalesce(sum(CASE WHEN ` + sumsOverdue.and() + ` THEN n END), 0),
		coalesce(sum(CASE WHEN ` + sumsOverdue.and() + ` THEN balance_ore + charges_ore END), 0),
		coalesce(sum(CASE WHEN ` + sumsCharges.and() + ` THEN n END), 0),
		coalesce(sum(CASE WHEN ` + sumsCharges.and() + ` THEN charges_ore END), 0)
		FROM invoice_sums WHERE ` + cond.and(), args, nil
}

// listWhere is the WHERE clause (with a leading space, or "") for q's filter and
// search, the search's term as searchCondOf has it for plan.
func listWhere(q core.InvoiceQuery, today core.Date, plan searchPlan) (string, []any, error) {
	return listWhereOf(q, today, plan, searchSQLFor(q.Search))
}

// listWhereOf is listWhere with the search's SQL term (an engine's).
func listWhereOf(q core.InvoiceQuery, today core.Date, plan searchPlan, term searchSQL) (string, []any, error) {
	rf, ok := filterSQL(q.Filter)
	if !ok {
		return "", nil, core.Errorf(core.EINVALID, "Unknown invoice filter {{.Filter}}", map[string]any{"Filter": string(q.Filter)})
	}
	conds, args := slices.Clone(rf.rows.conds), rf.rows.args(today)
	if cond, sargs := searchCondOf(term, plan, q.Search); cond != "" {
		conds = append(conds, cond)
		args = append(args, sargs...)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// orderBy is the ORDER BY clause for sort, descending if desc.
func orderBy(sort listSort, desc bool) string {
	dir := ""
	if desc {
		dir = " DESC"
	}
	return ` ORDER BY ` + strings.Join(sort.columns, dir+", ") + dir
}
