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
// typed. No index serves a pattern that may match inside a text, so a page of a
// search is read one of two ways, and the store picks by how many invoices the
// pattern matches in the whole book:
//
//   - Few (at most broadSearchMatches): the matches are found first, from the invoice
//     numbers' narrow index and the matching customers' invoices, and sorted.
//   - Many: the page walks its order's index as it does without a search, tests each
//     row, and stops after the page. A letter or digit typed alone matches most of the
//     book; at 1,000,000 invoices, finding and sorting every match of "e" took the
//     dialog's page 1.3 s, now 34–60 ms (BENCHMARKS.md, "Searches and SQLite's page
//     caches").
//
// Both read the same rows (TestBothSearchPlansReadTheSameInvoices): the choice only
// changes how long a page takes.

// searchMatch is how a search's SQL tests a column against its argument.
type searchMatch func(column string) string

// globMatch tests a column against a case-insensitive GLOB pattern.
func globMatch(column string) string { return column + ` GLOB ?` }

// exactMatch tests whether a column holds the argument's bytes as they are.
func exactMatch(column string) string { return `instr(` + column + `, ?) > 0` }

// searchSQL is a search's SQL, for one way of finding its matches.
type searchSQL struct {
	// ids selects the invoices whose number or customer's name matches the search,
	// taking idArgs.
	ids string
	// row tests one invoice row i against the search, taking rowArgs; the matching
	// customers are found once, as a list the row's customer is looked up in.
	row string
	// trigrams says ids and row find their candidates in the trigram index
	// (022_search_index.sql) and take its MATCH expression before the pattern.
	trigrams bool
}

// newSearchSQL is the SQL of a search that reads the invoice numbers' narrow index
// and the customers' names, each narrow, rather than every invoice row joined to its
// customer; the matching customers' invoices are found by their index.
func newSearchSQL(match searchMatch) searchSQL {
	return searchSQL{
		ids: `SELECT s.id FROM invoices s INDEXED BY invoices_by_number WHERE ` + match("s.number") + `
	UNION ALL SELECT s.id FROM invoices s INDEXED BY invoices_by_customer
	WHERE s.customer_id IN (SELECT m.id FROM customers m WHERE ` + match("m.name") + `)`,
		row: `(` + match("i.number") + ` OR i.customer_id IN (SELECT m.id FROM customers m WHERE ` + match("m.name") + `))`,
	}
}

// trigramCustomers selects the customers whose name holds the MATCH expression's
// trigrams and matches the GLOB pattern (taking both, in that order).
const trigramCustomers = `SELECT m.id FROM customers m WHERE m.id IN
	(SELECT rowid FROM customer_name_trigrams WHERE customer_name_trigrams MATCH ?) AND m.name GLOB ?`

// trigramSQL is the SQL of a search of three characters or more: the rows holding
// every trigram of the search (022_search_index.sql) are the only ones that can match
// it, and of those the GLOB pattern keeps the ones that do, as it does without the index.
var trigramSQL = searchSQL{
	ids: `SELECT s.id FROM invoices s WHERE s.id IN
	(SELECT rowid FROM invoice_number_trigrams WHERE invoice_number_trigrams MATCH ?) AND s.number GLOB ?
	UNION ALL SELECT s.id FROM invoices s INDEXED BY invoices_by_customer WHERE s.customer_id IN (` + trigramCustomers + `)`,
	row:      `(i.number GLOB ? OR i.customer_id IN (` + trigramCustomers + `))`,
	trigrams: true,
}

// searchSQLs is the SQL of a search by a GLOB pattern (false) and of one matched
// exactly (true, searchExact).
var searchSQLs = map[bool]searchSQL{false: newSearchSQL(globMatch), true: newSearchSQL(exactMatch)}

// searchSQLFor is the SQL search is found by: through the trigram index when it can
// (trigramSearch), else by reading every number and name.
func searchSQLFor(search string) searchSQL {
	if trigramSearch(search) {
		return trigramSQL
	}
	return searchSQLs[searchExact(search)]
}

// idArgs are the arguments of ids for search.
func (q searchSQL) idArgs(search string) []any {
	p := searchPattern(search)
	if q.trigrams {
		m := trigramMatch(search)
		return []any{m, p, m, p}
	}
	return []any{p, p}
}

// rowArgs are the arguments of row for search.
func (q searchSQL) rowArgs(search string) []any {
	p := searchPattern(search)
	if q.trigrams {
		return []any{p, trigramMatch(search), p}
	}
	return []any{p, p}
}

// searchCond is search's term for a WHERE clause and its arguments: the invoice among
// the matches found first (few), or the row tested (many). No search has none.
func searchCond(many bool, search string) (string, []any) {
	if searchPattern(search) == "" {
		return "", nil
	}
	term := searchSQLFor(search)
	if many {
		return term.row, term.rowArgs(search)
	}
	return `i.id IN (` + term.ids + `)`, term.idArgs(search)
}

// broadSearchMatches is the most matches a search may have and still be found
// first and sorted: a sort of that many rows takes a few milliseconds and little
// memory. A search with more is common enough in the book that an index walk meets
// a match soon: in a book of 1,000,000 invoices, one row in 200 or more. Tests
// lower it.
var broadSearchMatches = 5000

// searchPlans remembers, for the last patterns searched, whether each matches more
// than broadSearchMatches invoices, so that the pages, totals and count of one search
// ask only once. The answer only picks a plan: one gone stale by later writes makes a
// page slower, never wrong.
type searchPlans struct {
	mu   sync.Mutex
	many map[string]bool
}

// maxSearchPlans bounds what searchPlans remembers; past it, it starts afresh.
const maxSearchPlans = 64

// searchMatchesMany says whether search, as typed, matches more than
// broadSearchMatches invoices, counting at most one more than that; false for no
// search.
func (s *Store) searchMatchesMany(ctx context.Context, tx *sql.Tx, search string) (bool, error) {
	pattern := searchPattern(search)
	if pattern == "" {
		return false, nil
	}
	p := &s.searches
	p.mu.Lock()
	many, known := p.many[pattern]
	p.mu.Unlock()
	if known {
		return many, nil
	}
	var n int
	term := searchSQLFor(search)
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+term.ids+` LIMIT ?)`,
		append(term.idArgs(search), broadSearchMatches+1)...).Scan(&n)
	if err != nil {
		return false, err
	}
	many = n > broadSearchMatches
	p.mu.Lock()
	if p.many == nil || len(p.many) >= maxSearchPlans {
		p.many = map[string]bool{}
	}
	p.many[pattern] = many
	p.mu.Unlock()
	return many, nil
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

// searchCountBound is the most matches of a search that matches many invoices
// (searchMatchesMany) are counted: its count and totals stop after this many and one
// more, and say "more than" (core.InvoiceTotals.More), so that they take about as long
// as its page, however large the book. Counting them all read each match's row, 0.2
// to 0.9 s at 1,000,000 invoices (BENCHMARKS.md). A search of few matches is counted
// exactly. Tests lower it.
var searchCountBound = 5000

// searchCount is how a list's or dialog's count is made.
type searchCount int

const (
	searchCountNone    searchCount = iota // no search: from the kept sums
	searchCountAll                        // a search of few matches: all of them
	searchCountBounded                    // a search of many: up to searchCountBound
)

// searchCounted is how the count of search, matching many invoices or not, is made.
func searchCounted(search string, many bool) searchCount {
	switch {
	case searchPattern(search) == "":
		return searchCountNone
	case many:
		return searchCountBounded
	}
	return searchCountAll
}
