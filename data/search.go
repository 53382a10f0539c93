package data

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A search finds the invoices whose number or customer's name contains what was
// typed, in any case (caseInsensitiveGlob). A search of three characters or more
// finds its candidates in the trigram index (searchtrigrams.go, 023_search_index.sql)
// and tests them; one of one or two characters finds them in the same index's
// vocabulary (searchshort.go, 028_short_search.sql); any other (a pasted control
// character, a character SQLite folds otherwise) reads every number and name from
// their narrow indexes. A page of a search is read one of three ways, and the store
// picks by how many invoices the search matches in the whole book, which the plan's
// question counts (up to broadSearchMatches and one more) and, for a search matching
// up to that many, lists for the call (searchPlan.ids):
//
//   - Few (at most fewSearchMatches, for the list and for the dialog): the listed
//     matches are read and sorted.
//   - More, up to broadSearchMatches: the page walks its order's index as without a
//     search and keeps the entries whose ID is listed, testing the ID on the index
//     entry, no row read (walkAmongMatches).
//   - Many: the page walks its order's index and tests each row (walkTestingRows). A
//     letter or digit typed alone matches most of the book; at 1,000,000 invoices,
//     finding and sorting every match of "e" took the dialog's page 1.3 s, now 2–3
//     ms (BENCHMARKS.md, "Search through a trigram index").
//
// Each reads the same rows (TestBothSearchPlansReadTheSameInvoices,
// TestEveryPlanOfASearchReadsTheSamePages): the choice only changes how long a page
// takes. A walked search is counted up to searchCountBound and says "more than".
// Some orders take a listed search's matches first whatever their number
// (searchPlan.listedFirst), a walk by customer may test the customers first
// (searchPlans.byCustomer), and a search of many walked in an order whose index holds
// neither the number nor the name may be tested by its customers and its numbers'
// IDs instead of its rows (searchPlans.otherOrder, walkMatchingCustomers).

// searchMatch is how a search's SQL tests a column against its argument.
type searchMatch func(column string) string

// globMatch tests a column against a case-insensitive GLOB pattern.
func globMatch(column string) string { return column + ` GLOB ?` }

// exactMatch tests whether a column holds the argument's bytes as they are.
func exactMatch(column string) string { return `instr(` + column + `, ?) > 0` }

// searchSQL is a search's SQL, for one way of finding its matches.
type searchSQL struct {
	// names and numbers are the FROM and WHERE clauses of the invoices s whose
	// customer's name, and whose number, match the search, each taking partArgs.
	// Each reads its rows as it goes (a nested loop, not a list made first), so that
	// a count of its first rows stops after them.
	names, numbers string
	// row tests one invoice row i against the search, taking rowArgs: its number,
	// and its customer's name.
	row string
	// notName and notNumber test that row i's customer's name, and its number, do
	// not match, taking the pattern.
	notName, notNumber string
	// trigrams says row looks its customer up in the trigram index
	// (023_search_index.sql), taking its MATCH expression after the number's pattern.
	trigrams bool
	// indexArgs, when set, are the arguments names and numbers take before the
	// pattern, for the index they find their candidates in (trigramMatch's expression,
	// shortRange's bounds, PostgreSQL's forms of a short search).
	indexArgs func(search string) []any
	// pattern is the argument the parts test a column against for what was typed
	// (searchPattern on SQLite, pgSearchPattern on PostgreSQL), "" for no search.
	pattern func(search string) string
	// among tests that invoice i is among the IDs a query (ids) selects.
	among func(ids string) string
	// walkAmong, when set, is among as a walked page tests each entry of the order's
	// index (walkAmongMatches): PostgreSQL's, a set of IDs made once and looked up.
	walkAmong func(ids string) string
	// customerNames, when set, is the FROM and WHERE clauses of the customers m whose
	// name matches the search, taking partArgs: with the numbers, it makes the
	// customers a walk by customer tests first (searchPlan.customers).
	customerNames string
	// amongCustomers tests that the walked customer c is among those a query selects,
	// before its invoices are read.
	amongCustomers func(customers string) string
	// ofCustomers, when set with customerNames, tests that invoice i's customer is
	// among those a query selects, on the walked index entry when the index holds
	// the customer (walkMatchingCustomers, customersOrNumbers).
	ofCustomers func(customers string) string
	// idList selects (as id) each ID of a list the plan's question found
	// (searchPlan.ids), taking the list as its one argument; gather is the aggregate
	// the plan's question makes that list with, of a column id.
	idList, gather string
	// candidates, when set, selects (with duplicates) the invoices whose name or
	// number the index holds the search in, not yet tested by the pattern, taking
	// indexArgs twice: the plan's question counts these instead of ids (planQuery).
	candidates string
	// fewCandidates, when set, is byCustomer's question as the index answers it
	// without reading a row: the customers whose names, and the invoices whose
	// numbers, the index holds the search in, each counted up to a bound, taking
	// indexArgs and the bound twice. It counts at least the matches, so "few" is
	// never said of a search matching more.
	fewCandidates string
}

// planQuery is the plan's question for search, whose SQL is q: how many invoices
// it matches, up to a bound (its last argument), with its arguments. A search found
// through the index's vocabulary (shortSQL) counts the rows the index finds without
// testing each against the pattern, which reads each row: the index finds what the
// pattern matches, and more only where SQLite folds a character into the search's
// that the pattern does not take (the Kelvin sign for k), so the count may be too
// high only in such a book, and a plan too many makes a page slower, never wrong.
// Otherwise the question also gathers the IDs it counted into a list (idList), so
// that the page and the count of the same call read the list instead of finding the
// matches again; that column is NULL when the search counts candidates, or when it
// matches nothing.
func (q searchSQL) planQuery(search string, bound int) (string, []any) {
	if q.candidates != "" {
		args := append(q.indexArgs(search), q.indexArgs(search)...)
		return `SELECT count(*), NULL FROM (` + q.candidates + ` LIMIT ?) x`, append(args, bound)
	}
	return `SELECT count(*), ` + q.gather + ` FROM (` + q.ids() + ` LIMIT ?) x`, append(q.idArgs(search), bound)
}

// fromIDs is the FROM clause of the matches of a search, each once, as x.id: from the
// list the plan found (searchPlan.ids) when it has one, else found again; and its
// arguments.
func (q searchSQL) fromIDs(plan searchPlan, search string) (string, []any) {
	if plan.ids != "" {
		return ` FROM (SELECT DISTINCT id FROM (` + q.idList + `) y) x`, []any{plan.ids}
	}
	return ` FROM (SELECT id FROM (` + q.ids() + `) y GROUP BY id) x`, q.idArgs(search)
}

// amongIDs tests that invoice i is among the IDs a query selects, on SQLite.
func amongIDs(ids string) string { return `i.id IN (` + ids + `)` }

// walkAmongIDs is amongIDs for a page that walks its order's index
// (walkAmongMatches): the unary + keeps SQLite from looking each ID up in the walked
// index instead, as it did walking the customers by name, seeking every listed ID
// in each customer's invoices (50,000 × 1,188 seeks, 1 s, for "café" at 1,000,000).
// The same + keeps the test of a walked row's customer (trigramSQL.row) a test.
func walkAmongIDs(ids string) string { return `+i.id IN (` + ids + `)` }

// newSearchSQL is the SQL of a search that reads the customers' names and the
// invoice numbers, each from a narrow index, rather than every invoice row joined to
// its customer; the matching customers' invoices are found by their index.
func newSearchSQL(match searchMatch) searchSQL {
	return searchSQL{
		names: `FROM customers m INDEXED BY customers_by_name
	CROSS JOIN invoices s INDEXED BY invoices_by_customer ON s.customer_id = m.id WHERE ` + match("m.name"),
		numbers:   `FROM invoices s INDEXED BY invoices_by_number WHERE ` + match("s.number"),
		row:       `(` + match("i.number") + ` OR EXISTS (SELECT 1 FROM customers m WHERE m.id = i.customer_id AND ` + match("m.name") + `))`,
		notName:   `NOT EXISTS (SELECT 1 FROM customers m WHERE m.id = i.customer_id AND ` + match("m.name") + `)`,
		notNumber: `NOT ` + match("i.number"),
		pattern:   searchPattern,
		among:     amongIDs,
		walkAmong: walkAmongIDs,
		idList:    sqliteIDList,
		gather:    sqliteGather,
	}
}

// sqliteIDList and sqliteGather are searchSQL.idList and gather on SQLite: the list a
// JSON array.
const (
	sqliteIDList = `SELECT value AS id FROM json_each(?)`
	sqliteGather = `json_group_array(id)`
)

// trigramCustomers are the customers m whose names hold every trigram of the search
// (customer_name_trigrams MATCH, taking trigramMatch's expression), each looked up by
// its ID (CROSS JOIN keeps the index first: a join the planner may order let it scan
// every name instead), to be tested by the GLOB pattern. A join, not a subquery of
// the customer's name: a term holding a correlated subquery is tested after every
// other term of its row (SQLite's where.c, TERM_VARSELECT), so an invoice walked in
// an index would have its row read before the test of its ID, which the index entry
// holds (walkAmongMatches; at 1,000,000 invoices, the dialog's page of "bröderna" took
// 30 ms so, 8 ms as a join).
const trigramCustomers = `customer_name_trigrams CROSS JOIN customers m ON m.id = customer_name_trigrams.rowid`

// trigramSQL is the SQL of a search of three characters or more: the rows holding
// every trigram of the search (022_search_index.sql) are the only ones that can match
// it, and of those the GLOB pattern keeps the ones that do, as it does without the
// index. A walked row looks its customer up among those the index finds.
var trigramSQL = searchSQL{
	names: `FROM ` + trigramCustomers + ` CROSS JOIN invoices s INDEXED BY invoices_by_customer
	ON s.customer_id = m.id WHERE customer_name_trigrams MATCH ? AND m.name GLOB ?`,
	numbers: `FROM invoice_number_trigrams CROSS JOIN invoices s ON s.id = invoice_number_trigrams.rowid
	WHERE invoice_number_trigrams MATCH ? AND s.number GLOB ?`,
	customerNames: `FROM ` + trigramCustomers + ` WHERE customer_name_trigrams MATCH ? AND m.name GLOB ?`,
	// The unary + keeps the customers' index from being sought for each of them, and
	// an invoice's customer a test of the walked entry.
	amongCustomers: func(customers string) string { return `+c.id IN (` + customers + `)` },
	ofCustomers:    func(customers string) string { return `+i.customer_id IN (` + customers + `)` },
	row: `(i.number GLOB ? OR +i.customer_id IN (SELECT m.id FROM ` + trigramCustomers + `
	WHERE customer_name_trigrams MATCH ? AND m.name GLOB ?))`,
	notName:   newSearchSQL(globMatch).notName,
	notNumber: newSearchSQL(globMatch).notNumber,
	trigrams:  true,
	indexArgs: func(search string) []any { return []any{trigramMatch(search)} },
	pattern:   searchPattern,
	among:     amongIDs,
	walkAmong: walkAmongIDs,
	idList:    sqliteIDList,
	gather:    sqliteGather,
}

// ids selects the invoices whose customer's name or number matches the search (an
// invoice matching both twice), names first: a letter typed alone is in most names
// and in few numbers. It takes idArgs.
func (q searchSQL) ids() string {
	return `SELECT s.id ` + q.names + ` UNION ALL SELECT s.id ` + q.numbers
}

// customers selects the customers that can have an invoice the search matches: those
// whose name matches, and those of the invoices whose number does. It takes idArgs.
func (q searchSQL) customers() string {
	return `SELECT m.id ` + q.customerNames + ` UNION SELECT s.customer_id ` + q.numbers
}

// customersOrNumbers tests that invoice i's customer is among those whose names match
// the search, or its ID among the invoices whose numbers do, taking idArgs: the
// search's own test (as row), made of what an index entry holds, the customer and the
// ID (walkMatchingCustomers). Only for a term with customerNames and ofCustomers.
func (q searchSQL) customersOrNumbers() string {
	return `(` + q.ofCustomers(`SELECT m.id `+q.customerNames) + ` OR ` + q.walkAmong(`SELECT s.id `+q.numbers) + `)`
}

// searchSQLs is the SQL of a search by a GLOB pattern (false) and of one matched
// exactly (true, searchExact).
var searchSQLs = map[bool]searchSQL{false: newSearchSQL(globMatch), true: newSearchSQL(exactMatch)}

// searchSQLFor is the SQL search is found by: through the trigram index when it can
// (trigramSearch), through its vocabulary when it is one or two characters
// (shortSearch), else by reading every number and name.
func searchSQLFor(search string) searchSQL {
	switch {
	case trigramSearch(search):
		return trigramSQL
	case shortSearch(search):
		return shortSQL
	}
	return searchSQLs[searchExact(search)]
}

// partArgs are the arguments of names, and of numbers, for search.
func (q searchSQL) partArgs(search string) []any {
	p := q.pattern(search)
	if q.indexArgs != nil {
		return append(q.indexArgs(search), p)
	}
	return []any{p}
}

// idArgs are the arguments of ids for search.
func (q searchSQL) idArgs(search string) []any {
	return append(q.partArgs(search), q.partArgs(search)...)
}

// rowArgs are the arguments of row for search.
func (q searchSQL) rowArgs(search string) []any {
	p := q.pattern(search)
	if q.trigrams {
		return []any{p, trigramMatch(search), p}
	}
	return []any{p, p}
}

// searchCondOf is search's term for a WHERE clause and its arguments under plan, its
// SQL term being term (an engine's): the invoice among the matches (listed, or found
// again), or the row tested (walkTestingRows); and, for a walk by customer that tests
// its customers first (searchPlan.customers), the customer among those. No search
// has none.
func searchCondOf(term searchSQL, plan searchPlan, search string) (string, []any) {
	if strings.TrimSpace(search) == "" {
		return "", nil
	}
	cond, args := matchCond(term, plan, search)
	if plan.customers && plan.walks() {
		cond += ` AND ` + term.amongCustomers(term.customers())
		args = append(args, term.idArgs(search)...)
	}
	return cond, args
}

// matchCond is searchCondOf's test of an invoice i against search, without the test
// of its customer.
func matchCond(term searchSQL, plan searchPlan, search string) (string, []any) {
	if plan.kind == matchingCustomers && term.customerNames != "" && term.ofCustomers != nil {
		return term.customersOrNumbers(), term.idArgs(search)
	}
	if plan.kind == testRows || plan.kind == matchingCustomers { // a term without customers' tests tests rows
		return term.row, term.rowArgs(search)
	}
	among := term.among
	if plan.kind == amongMatches && term.walkAmong != nil {
		among = term.walkAmong
	}
	if plan.ids != "" {
		return among(term.idList), []any{plan.ids}
	}
	return among(term.ids()), term.idArgs(search)
}

// broadSearchMatches is the most matches a search may have and still be found
// first and sorted: a sort of that many rows takes a few milliseconds and little
// memory. A search with more is common enough in the book that an index walk meets
// a match soon: in a book of 1,000,000 invoices, one row in 200 or more. Tests
// lower it.
var broadSearchMatches = 5000

// fewSearchMatches is, for the list and for the dialog, the most matches a search
// may have and still be found first, sorted and counted whole; one with more, up to
// broadSearchMatches, walks the order's index keeping the entries whose ID is among
// its matches (walkAmongMatches), and is counted up to searchCountBound. A search
// found first reads each match's row, about 5 µs on either engine at 1,000,000
// invoices, and the list reads them twice (its page, its totals), the dialog's page
// once; a walk tests an entry in about 0.13 µs, and walks about 100 entries in
// 1,000,000 for each match ("café", 1,188 matches: about 83,000 entries for the list,
// 11–13 ms, and 99,000 for the dialog, whose terms test more of each entry). The two
// meet at about 1,250 matches for the list (some 15 ms each way) and 3,000 for the
// dialog (BENCHMARKS.md, "Searches around the plans' boundary at 1,000,000: a third
// plan"). Tests lower them.
var fewSearchMatches = fewMatches{list: 1250, dialog: 3000}

// fewMatches are a number of matches for each reader of a search's pages.
type fewMatches struct{ list, dialog int }

// searchPlan is how a page of a search is read, and the list of its matches when the
// plan's question found it for this call.
type searchPlan struct {
	kind planKind
	// ids lists the search's matches (searchSQL.idList's argument), as the plan's
	// question found them in this call's transaction; "" when it did not (a search
	// matching many, or counted by its candidates): the SQL then finds them again.
	ids string
	// customers says a walk by customer tests each customer first, among those that
	// can have a match (searchSQL.customers), and reads the invoices of those alone
	// (searchPlans.byCustomer).
	customers bool
}

// planKind is a way of reading a page of a search.
type planKind int

const (
	// firstMatches finds the matches first, sorts them and reads the page's rows.
	firstMatches planKind = iota
	// testRows walks the order's index as without a search, tests each row against
	// the search (searchSQL.row), and stops after the page.
	testRows
	// amongMatches finds the matches' IDs first, as firstMatches, then walks the
	// order's index as testRows does, keeping the entries whose ID is among them: the
	// ID is in the index entry, so an entry not kept reads no row.
	amongMatches
	// matchingCustomers walks the order's index as testRows does, keeping the entries
	// whose customer is among those whose names match and those whose ID is among the
	// invoices whose numbers match (searchSQL.customersOrNumbers): both made once,
	// and tested on the index entry where the index holds the customer
	// (customerIndexes), so an entry not kept reads no row. A term that cannot make
	// those sets (a short search, one matched without its index) tests the rows.
	matchingCustomers
)

// The plans, without a list of the matches.
var (
	matchesFirst     = searchPlan{kind: firstMatches}
	walkTestingRows  = searchPlan{kind: testRows}
	walkAmongMatches = searchPlan{kind: amongMatches}
	// walkMatchingCustomers is the plan searchPlans.otherOrder gives a search of many
	// whose names and numbers match few (byCustomer's question).
	walkMatchingCustomers = searchPlan{kind: matchingCustomers}
)

// walks says the plan walks the order's index, as without a search.
func (p searchPlan) walks() bool { return p.kind != firstMatches }

// listedFirst is the plan of a page in an order whose walk among a search's matches
// may be long: one walking among listed matches finds them first instead (at most
// broadSearchMatches rows read and sorted). On SQLite, the customers' order: walking
// the customers by name meets a name's matches only where that name sorts, after
// most of the book for a name late in the alphabet (at 1,000,000 invoices the list's
// page of "café" by customer took 46 ms so, and "bröderna" 52). On PostgreSQL, every
// order whose index does not alone hold what a walk tests (pgWalksIndexOnly; the
// dialog's but by customer, pgmigrations/029 and 030): walking another, the server
// read rows or chose other plans (the list's page of "café" by claim took 192 ms
// before 030).
func (p searchPlan) listedFirst() searchPlan {
	if p.kind == amongMatches && !p.customers { // a walk testing its customers first stays one
		p.kind = firstMatches
	}
	return p
}

// searchPlans remembers, for the last patterns searched that match many invoices
// (more than broadSearchMatches), that they do, so that the pages, totals and count
// of one search ask only once. The answer only picks a plan: one gone stale by later
// writes makes a page slower, never wrong. A search matching fewer is asked in each
// call: the question gathers the matches for the call (searchPlan.ids).
type searchPlans struct {
	mu   sync.Mutex
	many map[string]bool
	// fewCustomers remembers, of those, whether they match few customers (byCustomer).
	fewCustomers map[string]bool
}

// maxSearchPlans bounds what searchPlans remembers; past it, it starts afresh.
const maxSearchPlans = 64

// searchMatchesMany is the plan of search, as typed, for a reader that finds up to
// few matches first (fewSearchMatches' list or dialog), by how many invoices it
// matches: up to few, matchesFirst; up to broadSearchMatches, walkAmongMatches;
// more, walkTestingRows. It counts at most one more than broadSearchMatches;
// matchesFirst for no search.
func (s *Store) searchMatchesMany(ctx context.Context, tx *sql.Tx, search string, few int) (searchPlan, error) {
	return s.searches.plan(ctx, tx, searchSQLFor(search), search, few)
}

// plan is the plan of search, whose SQL is term, for a reader that finds up to few
// matches first, as searchMatchesMany has it, with the list of its matches when the
// question found it; on either engine.
func (p *searchPlans) plan(ctx context.Context, tx *sql.Tx, term searchSQL, search string, few int) (searchPlan, error) {
	if strings.TrimSpace(search) == "" {
		return matchesFirst, nil
	}
	pattern := term.pattern(search)
	p.mu.Lock()
	many := p.many[pattern]
	p.mu.Unlock()
	if many {
		return walkTestingRows, nil
	}
	var n int
	var ids sql.NullString
	query, args := term.planQuery(search, broadSearchMatches+1)
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&n, &ids); err != nil {
		return matchesFirst, err
	}
	plan := searchPlan{kind: firstMatches, ids: ids.String}
	switch {
	case n > broadSearchMatches:
		p.mu.Lock()
		if p.many == nil || len(p.many) >= maxSearchPlans {
			p.many = map[string]bool{}
		}
		p.many[pattern] = true
		p.mu.Unlock()
		return walkTestingRows, nil
	case n > few:
		plan.kind = amongMatches
	}
	return plan, nil
}

// fewCustomers is the most customers by name, and invoices by number, a walked
// search may match and still have a walk by customer test each customer first
// (searchPlan.customers), or be tested by them in an order that cannot test its names (otherOrder):
// making that set costs about a microsecond a customer, and a search matching more
// is met often enough in the walk.
const fewCustomers = 3000

// byCustomer is plan for a page walked by customer: for a walked search (testing
// each row, or among its listed matches) whose names and numbers match few
// customers and invoices (fewCustomers), it tests each customer first. Walking the
// customers by name, such a search's matches are where their names sort, and a first
// name is half the book away: at 1,000,000 invoices the dialog's page of "malin" by customer read every row
// up to the M's, 2.3 s, where testing the customers first reads their invoices alone.
func (p *searchPlans) byCustomer(ctx context.Context, tx *sql.Tx, term searchSQL, search string, plan searchPlan) (searchPlan, error) {
	if !plan.walks() || term.customerNames == "" {
		return plan, nil
	}
	p.mu.Lock()
	known, seen := p.fewCustomers[term.pattern(search)]
	p.mu.Unlock()
	if !seen {
		var names, numbers int
		query := `SELECT (SELECT count(*) FROM (SELECT m.id ` + term.customerNames + ` LIMIT ?) x),
			(SELECT count(*) FROM (SELECT s.id ` + term.numbers + ` LIMIT ?) y)`
		args := append(append(term.partArgs(search), fewCustomers+1), append(term.partArgs(search), fewCustomers+1)...)
		if term.fewCandidates != "" {
			query = term.fewCandidates
			args = append(append(term.indexArgs(search), fewCustomers+1), append(term.indexArgs(search), fewCustomers+1)...)
		}
		if err := tx.QueryRowContext(ctx, query, args...).Scan(&names, &numbers); err != nil {
			return plan, err
		}
		known = names <= fewCustomers && numbers <= fewCustomers
		p.mu.Lock()
		if p.fewCustomers == nil || len(p.fewCustomers) >= maxSearchPlans {
			p.fewCustomers = map[string]bool{}
		}
		p.fewCustomers[term.pattern(search)] = known
		p.mu.Unlock()
	}
	plan.customers = known
	return plan, nil
}

// manyListed is the most matches a search of many may have and still be listed for a
// page walked in an order whose index holds neither the number nor the customer
// (otherOrder): listing costs about a microsecond a match, and at 1,000,000 invoices
// "malin"'s 6,179 made its page by claim 20 ms so, 38 reading each walked row.
const manyListed = 10000

// customerIndexes are the indexes of the list's and the dialog's orders other than
// by due date, number and customer whose entries hold the customer
// (030_orders_hold_the_customer.sql), so that a page walking one of them tests a
// search by its customers and its numbers' IDs without reading a row
// (walkMatchingCustomers). The filters' own indexes (filterIndexes, fewIndexes)
// do not.
var customerIndexes = map[string]bool{
	"invoices_by_claim": true, "invoices_by_balance": true, "invoices_eligible_by_reminders": true,
	"invoices_by_reminders": true, "invoices_by_invoice_date": true, "invoices_by_total": true,
	"invoices_by_last_reminded": true, "invoices_by_status": true,
}

// otherOrder is plan for a page walked in an order whose index holds neither the
// number nor the customer's name (on SQLite, by claim, balance, reminders, invoice
// date, total, status, last reminded), index being the index it walks: a search of
// many whose names and numbers match few customers and invoices (byCustomer's
// question) walks testing each entry's customer and ID (walkMatchingCustomers) where
// the index holds the customer (customerIndexes), and otherwise is listed, up to
// manyListed, and walked among (walkAmongMatches), instead of reading each walked
// row to test it. At 1,000,000 invoices the list's page of "bygg" (some 20,000
// matches) by claim read some 15,000 rows, 74 ms.
func (p *searchPlans) otherOrder(ctx context.Context, tx *sql.Tx, term searchSQL, search string, plan searchPlan, index string) (searchPlan, error) {
	if plan.kind != testRows {
		return plan, nil // found first, or listed already
	}
	few, err := p.byCustomer(ctx, tx, term, search, plan)
	if err != nil || !few.customers {
		return plan, err
	}
	if customerIndexes[index] && term.ofCustomers != nil {
		return walkMatchingCustomers, nil
	}
	var n int
	var ids sql.NullString
	query, args := term.planQuery(search, manyListed+1)
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&n, &ids); err != nil {
		return plan, err
	}
	if n > manyListed || !ids.Valid {
		return plan, nil
	}
	return searchPlan{kind: amongMatches, ids: ids.String}, nil
}

// searchPattern is the argument of the search's SQL term for what was typed into a
// search field, or "" for none: a GLOB pattern matching it in any case, or the text
// itself when it is matched exactly (searchExact).
func searchPattern(search string) string {
	if search = strings.TrimSpace(search); search == "" {
		return ""
	}
	if searchExact(search) {
		return search
	}
	return caseInsensitiveGlob(search)
}

// searchExact says a search is matched byte for byte, case included, rather than by a
// GLOB pattern: SQLite reads a GLOB pattern and the text it tests only up to their
// first NUL, so "a" NUL would be "*a" and a NUL alone "*", every invoice; and a
// pattern made of invalid UTF-8 would be read as other characters. instr compares
// the bytes, NUL and all. Such text is pasted, never typed, so its case matters little.
func searchExact(search string) bool {
	return strings.IndexByte(search, 0) >= 0 || !utf8.ValidString(search)
}

// caseInsensitiveGlob is a GLOB pattern matching text that contains s, ignoring case
// for every letter, Swedish å, ä and ö included (LIKE folds ASCII only).
func caseInsensitiveGlob(s string) string {
	var b strings.Builder
	b.WriteByte('*')
	for _, r := range s {
		switch forms, cased := letterForms(r); {
		case cased:
			b.WriteString(forms)
		case r == '*' || r == '?' || r == '[':
			b.WriteString("[" + string(r) + "]") // a literal in GLOB
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('*')
	return b.String()
}

// letterForms is a character with a case as a bracket of its forms, the same in a
// GLOB pattern and a regular expression: itself, its lower and its upper case (a
// title-case letter is neither); cased is false for a character without a case.
func letterForms(r rune) (forms string, cased bool) {
	lower, upper := unicode.ToLower(r), unicode.ToUpper(r)
	if lower == upper {
		return "", false
	}
	forms = "[" + string(lower) + string(upper)
	if r != lower && r != upper {
		forms += string(r)
	}
	return forms + "]", true
}

// searchCountBound is the most matches of a search that matches many invoices
// (searchMatchesMany) are counted: its count and totals stop after this many and one
// more, and say "more than" (core.InvoiceTotals.More), so that they take about as long
// as its page, however large the book: counting reads each match's row, in the order
// matchStream finds them, until that many pass the list's filter or the dialog's
// terms. Counting every match took 0.2 to 1.4 s at 1,000,000 invoices (BENCHMARKS.md,
// issue 24); counting 5,000 of the dialog's took 30 to 80 ms there, and 1,000 took
// 15 to 23 ms for "bygg" on a loaded machine, its candidates being about one invoice
// in three and each read at random. A search of few matches is counted exactly.
// Tests lower it.
var searchCountBound = 500

// searchCount is how a list's or dialog's count is made.
type searchCount int

const (
	searchCountNone    searchCount = iota // no search: from the kept sums
	searchCountAll                        // a search of few matches: all of them
	searchCountBounded                    // a search of many: up to searchCountBound
)

// searchCounted is how the count of search, read by plan, is made.
func searchCounted(search string, plan searchPlan) searchCount {
	switch {
	case searchPattern(search) == "":
		return searchCountNone
	case plan.walks():
		return searchCountBounded
	}
	return searchCountAll
}

// matchStream is every invoice search matches, once each, as rows (id, first) read as
// they are found, so that a count of the first of them stops there: the FROM item of
// a bounded count (searchCountBounded), with its arguments. Its two parts are the
// matches by customer name and by number, in the order a search is likelier to meet
// many matches in (names for a search holding a letter, else numbers); a row found by
// the second part that the first part finds too is not one of the stream's: the
// caller joins the row as i and adds the term notFirst, with its arguments.
//
// A short search (shortSearch) is streamed as without its index: a bounded count is
// made of a search matching many, which the narrow indexes of the numbers and the
// names meet as densely as the book holds them, in the order the rows were written,
// while the index's vocabulary gives its rows term by term, each read at random (the
// dialog's count of "7" at 100,000 took 14.5 ms of CPU so, 5.1 ms as before).
func matchStream(search string) (stream string, args []any, notFirst string, notFirstArgs []any) {
	if shortSearch(search) {
		return matchStreamOf(searchSQLs[false], search)
	}
	return matchStreamOf(searchSQLFor(search), search)
}

// matchStreamOf is matchStream with the search's SQL term (an engine's).
func matchStreamOf(term searchSQL, search string) (stream string, args []any, notFirst string, notFirstArgs []any) {
	p := []any{term.pattern(search)}
	names, numbers := `SELECT s.id AS id, 1 AS first `+term.names, `SELECT s.id, 0 `+term.numbers
	if strings.ContainsFunc(search, unicode.IsLetter) {
		return names + ` UNION ALL ` + numbers, term.idArgs(search), term.notName, p
	}
	names, numbers = `SELECT s.id, 0 `+term.names, `SELECT s.id AS id, 1 AS first `+term.numbers
	return numbers + ` UNION ALL ` + names, term.idArgs(search), term.notNumber, p
}

// boundedFrom is the FROM clause and WHERE clause of a bounded count of search's
// matches, read by plan, within where, a WHERE clause over i (and c when
// withCustomer) or "", with their arguments, where's last: from the list of the
// matches the plan has, else as matchStream finds them.
func boundedFrom(search string, plan searchPlan, where string, whereArgs []any, withCustomer bool) (string, []any) {
	if plan.ids != "" {
		from, args := fewFrom(search, plan)
		if withCustomer {
			from += ` JOIN customers c ON c.id = i.customer_id`
		}
		return from + where, append(args, whereArgs...)
	}
	stream, args, notFirst, notFirstArgs := matchStream(search)
	from := ` FROM (` + stream + `) x CROSS JOIN invoices i ON i.id = x.id`
	if withCustomer {
		from += ` JOIN customers c ON c.id = i.customer_id`
	}
	if where == "" {
		where = ` WHERE 1`
	}
	args = append(append(args, whereArgs...), notFirstArgs...)
	return from + where + ` AND (x.first OR ` + notFirst + `)`, args
}

// fewFrom is the FROM clause of a count of the matches of search read by plan, each
// match once and its row read by its ID (searchCountAll, or searchCountBounded when
// the plan has its list), and its arguments.
func fewFrom(search string, plan searchPlan) (string, []any) {
	from, args := searchSQLFor(search).fromIDs(plan, search)
	return from + ` CROSS JOIN invoices i ON i.id = x.id`, args
}
