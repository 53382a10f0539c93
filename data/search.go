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

// searchSQL is a search's SQL, for one way of matching.
type searchSQL struct {
	// ids selects the invoices whose number or customer's name matches the argument
	// (given twice). It reads the invoice numbers' index and the customers' names,
	// each narrow, rather than every invoice row joined to its customer; the matching
	// customers' invoices are found by their index.
	ids string
	// row tests one invoice row i against the argument (given twice); the matching
	// customers are found once, as a list the row's customer is looked up in.
	row string
}

func newSearchSQL(match searchMatch) searchSQL {
	return searchSQL{
		ids: `SELECT s.id FROM invoices s INDEXED BY invoices_by_number WHERE ` + match("s.number") + `
	UNION ALL SELECT s.id FROM invoices s INDEXED BY invoices_by_customer
	WHERE s.customer_id IN (SELECT m.id FROM customers m WHERE ` + match("m.name") + `)`,
		row: `(` + match("i.number") + ` OR i.customer_id IN (SELECT m.id FROM customers m WHERE ` + match("m.name") + `))`,
	}
}

// searchSQLs is the SQL of a search by a GLOB pattern (false) and of one matched
// exactly (true, searchExact).
var searchSQLs = map[bool]searchSQL{false: newSearchSQL(globMatch), true: newSearchSQL(exactMatch)}

// searchCond is search's term for a WHERE clause, taking its searchPattern twice: the
// invoice among the matches found first (few), or the row tested (many).
func searchCond(many bool, search string) string {
	term := searchSQLs[searchExact(search)]
	if many {
		return term.row
	}
	return `i.id IN (` + term.ids + `)`
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
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+searchSQLs[searchExact(search)].ids+` LIMIT ?)`,
		pattern, pattern, broadSearchMatches+1).Scan(&n)
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
