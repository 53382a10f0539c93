package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode"
	"unicode/utf8"

	"paminn/core"
)

// Search on a book on a PostgreSQL server (issue 24). A search means what it means
// on SQLite (search.go): the invoices whose number or customer's name contains what
// was typed, each letter in any of the forms caseInsensitiveGlob lets it take (itself,
// its lower and its upper case, å, ä and ö included). PostgreSQL has no GLOB, and its
// case-insensitive operators (ILIKE, ~*) fold by the column's collation, which is "C"
// here (byte order, as SQLite's BINARY) and folds ASCII only; so the search is a
// regular expression written as caseInsensitiveGlob writes its pattern, a bracket of
// the forms for each letter (pgSearchPattern), tested with `~`, which compares
// characters exactly.
//
// The trigram index is pg_trgm's GIN index on the numbers and the names
// (pgmigrations/023_search_index.sql). PostgreSQL takes a regular expression's
// trigrams itself and always tests the rows the index gives with the expression, so
// the index can change how long a search takes, never what it finds, for any search:
// one of characters the index does not hold (pg_trgm keeps letters and digits only)
// reads every number and name. One of one or two characters, which pg_trgm cannot
// take, is found through an index of its own (pgShortSQL, pgmigrations/028).
//
// The plans are SQLite's (search.go: found first, walked among the listed matches,
// or walked testing each row; the same searchPlans decide, per store); only the
// joins are written as PostgreSQL takes them (no CROSS JOIN … ON, no index hints), a
// walked page reads its IDs before its rows (pgPageByIDs), and a listed search is
// walked only by due date, whose indexes hold what the walk tests (listedFirst).

// regexMatch tests a column against a PostgreSQL regular expression.
func regexMatch(column string) string { return column + ` ~ ?` }

// pgSearchSQL is a search's SQL on PostgreSQL (searchSQL): the customers' names and
// the invoice numbers tested by pgSearchPattern's expression, through the trigram
// index where it helps.
var pgSearchSQL = func() searchSQL {
	q := newSearchSQL(regexMatch)
	q.names = `FROM customers m ` + pgInvoicesOf + ` WHERE ` + regexMatch("m.name")
	q.numbers = `FROM invoices s WHERE ` + regexMatch("s.number")
	q.customerNames = `FROM customers m WHERE ` + regexMatch("m.name")
	// A test (IS TRUE) of a hashed set, as pgWalkAmongIDs: as a join, the planner
	// tested it after reading every customer's invoices.
	q.amongCustomers = func(customers string) string { return `(c.id IN (` + customers + `)) IS TRUE` }
	q.pattern = pgSearchPattern
	q.among = pgAmongIDs
	q.walkAmong = pgWalkAmongIDs
	q.idList, q.gather = pgSearchIDList, pgSearchGather
	return q
}()

// pgSearchIDList and pgSearchGather are searchSQL.idList and gather on PostgreSQL: the list an
// array of bigint, as text.
const (
	pgSearchIDList = `SELECT unnest(?::bigint[]) AS id`
	pgSearchGather = `array_agg(id)::text`
)

// pgCustomerNamed is invoice i's customer, if its name matches, for the test of one
// row of a short search (searchSQL.row, notName). OFFSET 0 keeps it a lookup of that
// customer by ID for each row tested: without it PostgreSQL hashes every matching
// customer first, and a walked page of "e" at 1,000,000 tested all 50,000 names
// (15 ms) to fill 100 rows. A longer search keeps the hash: the trigram index finds
// its customers at once, and a walked page of "bygg" (one invoice in 60) tests some
// 6,000 rows, which one lookup each made slower (15.6 → 26.4 ms).
var pgCustomerNamed = `SELECT 1 FROM customers m WHERE m.id = i.customer_id AND ` + regexMatch("m.name") + ` OFFSET 0`

// pgInvoicesOf joins each customer m to its invoices s, read through their index by
// customer one customer at a time (a LATERAL subquery the planner may not flatten,
// OFFSET 0), so that the invoices of the customers a search finds are read, and a
// count of the first of them stops there. As a plain join, PostgreSQL hashed the
// customers and read every invoice (17 ms at 100,000 for "bygg"'s 1,662).
const pgInvoicesOf = `JOIN LATERAL (SELECT s.id FROM invoices s WHERE s.customer_id = m.id OFFSET 0) s ON true`

// pgInvoiceByID joins each row x of a list of matches to its invoice i, read by its
// ID one row at a time (OFFSET 0 as above): a count of a search's matches reads
// their rows, never every invoice (a hash of the 29,100 eligible invoices took the
// dialog's count of "e" 50 ms at 100,000 before its first match).
const pgInvoiceByID = ` JOIN LATERAL (SELECT * FROM invoices i WHERE i.id = x.id OFFSET 0) i ON true`

// pgAmongIDs tests that invoice i is among the IDs a query selects, on PostgreSQL:
// the IDs as an array, made once before the rows are read, so the planner reads the
// matches' rows by their IDs; as `IN (…)` it may join the matches to each row and
// find them again for every row, as it did in a book without statistics yet (100 ms
// for 400 invoices).
func pgAmongIDs(ids string) string { return `i.id = ANY (ARRAY(` + ids + `))` }

// pgWalkAmongIDs tests that invoice i is among the IDs a query selects, for a page
// that walks its order's index (walkAmongMatches): a subquery kept as a test (IS TRUE,
// where a bare IN becomes a join the planner may order), which PostgreSQL makes once
// into a hashed set, and whose selectivity it cannot know, so it walks the index and
// stops after the page. As an array, it looks each entry up in the array from its
// start, and it estimates the matches as ten, so it reads them first and sorts them.
func pgWalkAmongIDs(ids string) string { return `(i.id IN (` + ids + `)) IS TRUE` }

// pgNoMatchSQL is the SQL of a search no text on the server can hold: one with a NUL
// or not valid UTF-8 (searchExact), which SQLite compares byte by byte and a
// PostgreSQL text never contains (the server refuses both). Each part takes one
// argument, "", as pgSearchPattern gives it, and matches nothing.
var pgNoMatchSQL = func() searchSQL {
	none := func(column string) string { return `false AND ` + column + ` = ?` }
	q := newSearchSQL(none)
	q.names = `FROM customers m ` + pgInvoicesOf + ` WHERE ` + none("m.name")
	q.numbers = `FROM invoices s WHERE ` + none("s.number")
	q.notName, q.notNumber = `true OR '' = ?`, `true OR '' = ?`
	q.pattern = pgSearchPattern
	q.among, q.walkAmong = pgAmongIDs, pgWalkAmongIDs
	q.idList, q.gather = pgSearchIDList, pgSearchGather
	return q
}()

// pgSearchSQLFor is the SQL search is found by on PostgreSQL.
func pgSearchSQLFor(search string) searchSQL {
	if searchExact(strings.TrimSpace(search)) {
		return pgNoMatchSQL
	}
	if pgShortSearch(search) {
		return pgShortSQL
	}
	return pgSearchSQL
}

// pgSearchPattern is the regular expression (PostgreSQL's advanced syntax) matching
// text that contains search, each character as caseInsensitiveGlob matches it: a
// character with a case as a bracket of itself, its lower and its upper case; ASCII
// punctuation escaped (a backslash before any other character could start an
// escape); any other character as itself. "" for no search, and for a search no
// text on the server can hold (pgNoMatchSQL).
func pgSearchPattern(search string) string {
	search = strings.TrimSpace(search)
	if search == "" || searchExact(search) {
		return ""
	}
	var b strings.Builder
	for _, r := range search {
		switch forms, cased := letterForms(r); {
		case cased:
			b.WriteString(forms)
		case r < 0x80 && unicode.IsPunct(r) || r < 0x80 && unicode.IsSymbol(r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pgWhere joins a WHERE clause (with a leading space, or "") and a term.
func pgWhere(where, term string) string {
	if where == "" {
		return ` WHERE ` + term
	}
	return where + ` AND ` + term
}

// pgBoundedFrom is boundedFrom on PostgreSQL: the FROM and WHERE clauses of a
// bounded count of search's matches, read by plan, within where, with their
// arguments. A short search streams its matches by reading the numbers and names in
// turn (pgShortWalkSQL), as SQLite's matchStream does.
func pgBoundedFrom(search string, plan searchPlan, where string, whereArgs []any, withCustomer bool) (string, []any) {
	if plan.ids != "" {
		return pgListedFrom(plan, where, whereArgs, withCustomer)
	}
	term := pgSearchSQLFor(search)
	if pgShortSearch(search) {
		term = pgShortWalkSQL
	}
	stream, args, notFirst, notFirstArgs := matchStreamOf(term, search)
	from := ` FROM (` + stream + `) x` + pgInvoiceByID
	if withCustomer {
		from += ` JOIN customers c ON c.id = i.customer_id`
	}
	args = append(append(args, whereArgs...), notFirstArgs...)
	return from + pgWhere(where, `(x.first = 1 OR `+notFirst+`)`), args
}

// pgFewFrom is fewFrom on PostgreSQL: the FROM clause of a count of search's
// matches read by plan, each once and its row read by its ID, and its arguments.
func pgFewFrom(search string, plan searchPlan) (string, []any) {
	from, args := pgSearchSQLFor(search).fromIDs(plan, search)
	return from + pgInvoiceByID, args
}

// pgListedFrom is the FROM and WHERE clauses of a count of the matches the plan
// listed (searchPlan.ids) within where, a WHERE clause over i (and c when
// withCustomer) or "", with their arguments: the invoices whose ID is in the list,
// each once, found through an index by ID, so that a count of what the index holds
// reads no row (invoices_open_by_id, pgmigrations/029, for the dialog's).
func pgListedFrom(plan searchPlan, where string, whereArgs []any, withCustomer bool) (string, []any) {
	from := ` FROM invoices i`
	if withCustomer {
		from = pgCandidatesFrom
	}
	return from + pgWhere(where, `i.id = ANY (?::bigint[])`), append(whereArgs, plan.ids)
}

// searchPlan is the plan of search on this book, for a reader that finds up to few
// matches first (searchMatchesMany).
func (s *PGStore) searchPlan(ctx context.Context, tx *sql.Tx, search string, few int) (searchPlan, error) {
	return s.searches.plan(ctx, tx, pgSearchSQLFor(search), search, few)
}

// pgListWhere is listWhere on PostgreSQL.
func pgListWhere(q core.InvoiceQuery, today core.Date, plan searchPlan) (string, []any, error) {
	term := pgSearchSQLFor(q.Search)
	if q.Sort == core.SortCustomer {
		term = pgByCustomer(term)
	}
	return listWhereOf(q, today, plan, term)
}

// pgByCustomer is term for a page that walks the customers by name, each joined as c
// to its invoices i: a walked invoice is tested by its number and by the walked
// customer's name, which the customers' index holds (pgmigrations/030), instead of
// looking its customer up again for each invoice (pgCustomerNamed). Its arguments are
// row's, the pattern twice. A search no text can hold keeps its own.
func pgByCustomer(term searchSQL) searchSQL {
	if term.row == pgNoMatchSQL.row {
		return term
	}
	term.row = `(` + regexMatch("i.number") + ` OR ` + regexMatch("c.name") + `)`
	return term
}

// pgSearchTotalsSQL is searchTotalsSQL on PostgreSQL, whose terms are booleans and
// whose sums of bigint are numeric: each term counted as 1 or 0, each sum cast back.
var pgSearchTotalsSQL = `SELECT count(*), coalesce(sum(overdue), 0)::bigint, coalesce(sum(overdue_ore), 0)::bigint,
	coalesce(sum(charged), 0)::bigint, coalesce(sum(charges_ore), 0)::bigint FROM (SELECT CASE WHEN ` + isOverdue.and() + ` THEN 1 ELSE 0 END AS overdue,
	CASE WHEN ` + isOverdue.and() + ` THEN ` + claimExpr + ` END AS overdue_ore, CASE WHEN ` + isCharges.and() + ` THEN 1 ELSE 0 END AS charged,
	CASE WHEN ` + isCharges.and() + ` THEN i.charges_ore END AS charges_ore`

// pgSearchTotals is listTotals of a search on PostgreSQL: its matches counted as
// searchCounted says (all of few, up to searchCountBound of many), as on SQLite.
func pgSearchTotals(ctx context.Context, tx *sql.Tx, q core.InvoiceQuery, plan searchPlan, today core.Date) (core.InvoiceTotals, error) {
	filter := q
	filter.Search = ""
	where, args, err := listWhere(filter, today, matchesFirst)
	if err != nil {
		return core.InvoiceTotals{}, err
	}
	today2 := append(isOverdue.args(today), isOverdue.args(today)...)
	counted := searchCounted(q.Search, plan)
	var query string
	if counted == searchCountBounded {
		from, fromArgs := pgBoundedFrom(q.Search, plan, where, args, false)
		query, args = pgSearchTotalsSQL+from+` LIMIT ?) matches`, append(append(today2, fromArgs...), searchCountBound+1)
	} else if plan.ids != "" {
		from, fromArgs := pgListedFrom(plan, where, args, false)
		query, args = pgSearchTotalsSQL+from+`) matches`, append(today2, fromArgs...)
	} else {
		from, fromArgs := pgFewFrom(q.Search, plan)
		query, args = pgSearchTotalsSQL+from+where+`) matches`, append(append(today2, fromArgs...), args...)
	}
	return scanTotals(tx.QueryRowContext(ctx, query, args...), counted)
}

// pgShortSQL is the SQL of a search of one or two characters on PostgreSQL
// (pgmigrations/028_short_search.sql): the names and numbers whose runs of one and two
// characters (short_grams, indexed) hold one of the search's forms (pgShortForms),
// tested by the regular expression as every search is.
var pgShortSQL = func() searchSQL {
	q := pgSearchSQL
	q.customerNames = "" // a short search is walked by customer as typed (searchPlans.byCustomer)
	q.names = `FROM customers m ` + pgInvoicesOf + ` WHERE short_grams(m.name) && ?::text[] AND ` + pgRowRegex("m.name")
	q.numbers = `FROM invoices s WHERE short_grams(s.number) && ?::text[] AND ` + pgRowRegex("s.number")
	q.indexArgs = func(search string) []any { return []any{pgShortForms(search)} }
	q.row = `(` + regexMatch("i.number") + ` OR EXISTS (` + pgCustomerNamed + `))`
	q.notName = `NOT EXISTS (` + pgCustomerNamed + `)`
	// The index holds exactly the forms the expression matches, so the plan's
	// question counts the rows it finds without reading them (a customer's invoices
	// from the index by customer alone).
	q.candidates = `SELECT 1 FROM customers m JOIN LATERAL (SELECT 1 FROM invoices s WHERE s.customer_id = m.id OFFSET 0) s ON true
	WHERE short_grams(m.name) && ?::text[] UNION ALL SELECT 1 FROM invoices s WHERE short_grams(s.number) && ?::text[]`
	return q
}()

// pgShortWalkSQL is the SQL a bounded count of a short search's matches streams them
// by: every number and name in the order they are read, tested by the regular
// expression, so the count stops after its first searchCountBound matches. Such a
// search is counted so because it matches many, and through short_grams' index a
// stream cannot stop early: a GIN index gives its rows as a bitmap made whole first
// (468,559 entries for "7" at 1,000,000: 28 ms before the first of 501).
var pgShortWalkSQL = func() searchSQL {
	q := pgShortSQL
	q.names = `FROM customers m ` + pgInvoicesOf + ` WHERE ` + pgRowRegex("m.name")
	q.numbers = `FROM invoices s WHERE ` + pgRowRegex("s.number")
	q.indexArgs, q.candidates = nil, ""
	return q
}()

// pgRowRegex tests a column of the rows an index found against the regular
// expression, never through pg_trgm's index (023), which takes no trigram from one or
// two characters and would read itself whole to answer (12 ms for "7" at 100,000, the
// planner combining it with short_grams' index).
func pgRowRegex(column string) string { return `(` + column + ` || '') ~ ?` }

// pgShortSearch says a search is found through short_grams: one or two characters
// that a server's text can hold (not searchExact).
func pgShortSearch(search string) bool {
	search = strings.TrimSpace(search)
	n := utf8.RuneCountInString(search)
	return n > 0 && n <= 2 && !searchExact(search)
}

// pgShortForms is a PostgreSQL array (text[]) of every form a short search takes in
// caseInsensitiveGlob's pattern: each character with a case as itself, its lower or
// its upper case (letterForms), any other as itself. "qz" is {qz,qZ,Qz,QZ}.
func pgShortForms(search string) string {
	forms := []string{""}
	for _, r := range strings.TrimSpace(search) {
		these := []rune{r}
		if _, cased := letterForms(r); cased {
			these = []rune{unicode.ToLower(r), unicode.ToUpper(r)}
			if r != these[0] && r != these[1] {
				these = append(these, r)
			}
		}
		var next []string
		for _, f := range forms {
			for _, c := range these {
				next = append(next, f+string(c))
			}
		}
		forms = next
	}
	quoted := make([]string, len(forms))
	for i, f := range forms {
		quoted[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(f) + `"`
	}
	return "{" + strings.Join(quoted, ",") + "}"
}
