package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A search of one or two characters through the trigram index (028_short_search.sql):
// every indexed number and name ends in two shortPad characters, so each of its
// characters starts a trigram, and a text contains what was typed exactly when one of
// its trigrams starts with it, folded to lower case as SQLite's trigram tokenizer
// folds it. Those trigrams are a range of the index's terms; the index's vocabulary
// (fts5vocab, type instance) reads the range and gives the rows holding each of its
// terms. As for a longer search, the rows found are candidates that search.go's GLOB
// pattern tests, so the index never changes what a search finds: the range must hold
// every form the pattern takes for the search, which shortFolds checks of each
// character (TestTheShortSearchRangeHoldsEveryCaseOfACharacter).

// shortPad is the character each indexed text ends in, twice: char(1), which cannot
// be typed.
const shortPad = '\x01'

// shortSearch says whether search, as typed, is found through the index's vocabulary:
// one or two characters, valid UTF-8 without a NUL (searchExact), without shortPad,
// each character folded by SQLite as shortFolds has it.
func shortSearch(search string) bool {
	search = strings.TrimSpace(search)
	if n := utf8.RuneCountInString(search); n == 0 || n > 2 || searchExact(search) {
		return false
	}
	for _, r := range search {
		if r == shortPad || !shortFolds(r) {
			return false
		}
	}
	return true
}

// shortFolds says whether SQLite's trigram tokenizer folds every form
// caseInsensitiveGlob's pattern takes for r (itself, its lower and its upper case) to
// the lower case of r, as shortRange expects: a character the trigram path may take
// (trigramSafe) whose forms' lower cases agree (not so for the long s, ſ, whose upper
// case S lowers to s).
func shortFolds(r rune) bool {
	if !trigramSafe(r) {
		return false
	}
	lower := unicode.ToLower(r)
	return unicode.ToLower(unicode.ToUpper(r)) == lower
}

// shortRange is the range of the index's terms, first and last, holding every
// trigram that starts with search (a shortSearch) folded to lower case: a term of
// three characters that starts with it is at most it followed by the largest
// characters there are.
func shortRange(search string) (first, last string) {
	first = strings.Map(unicode.ToLower, strings.TrimSpace(search))
	return first, first + "\U0010FFFF\U0010FFFF"
}

// shortGrams are the rows of an index's vocabulary (name) holding a term in a range
// (two arguments, shortRange's), each row once, read as the terms are: a count of the
// first of them stops there.
func shortGrams(vocabulary string) string {
	return `(SELECT DISTINCT doc FROM ` + vocabulary + ` WHERE term >= ? AND term <= ?) g`
}

// shortSQL is the SQL of a shortSearch: the customers and the invoices whose name or
// number holds a trigram starting with the search, tested by the GLOB pattern. A
// walked row is tested by the pattern alone (as without the index): it is one row.
var shortSQL = func() searchSQL {
	q := newSearchSQL(globMatch)
	q.names = `FROM ` + shortGrams("customer_name_short_grams") + ` CROSS JOIN customers m ON m.id = g.doc
	CROSS JOIN invoices s INDEXED BY invoices_by_customer ON s.customer_id = m.id WHERE m.name GLOB ?`
	q.numbers = `FROM ` + shortGrams("invoice_number_short_grams") + ` CROSS JOIN invoices s ON s.id = g.doc WHERE s.number GLOB ?`
	q.indexArgs = shortRangeArgs
	// The customers whose names hold it, for a walk by customer or in another order
	// that tests the customers first (searchPlans.byCustomer, otherOrder; "q" at
	// 1,000,000 invoices: 2,120 customers, 41,637 invoices, whose pages by claim read
	// each walked row, 34 ms, and by customer in the dialog every Q-less customer's
	// invoices, 75 ms). Whether they are few the vocabulary answers alone, stopping
	// after the bound: for "e", in most names, testing each name took 7 ms.
	q.customerNames = `FROM ` + shortGrams("customer_name_short_grams") + ` CROSS JOIN customers m ON m.id = g.doc WHERE m.name GLOB ?`
	q.fewCandidates = `SELECT (SELECT count(*) FROM (SELECT doc FROM ` + shortGrams("customer_name_short_grams") + ` LIMIT ?) x),
	(SELECT count(*) FROM (SELECT doc FROM ` + shortGrams("invoice_number_short_grams") + ` LIMIT ?) y)`
	q.amongCustomers, q.ofCustomers = trigramSQL.amongCustomers, trigramSQL.ofCustomers
	q.candidates = `SELECT s.id FROM ` + shortGrams("customer_name_short_grams") + `
	CROSS JOIN invoices s INDEXED BY invoices_by_customer ON s.customer_id = g.doc
	UNION ALL SELECT g.doc FROM ` + shortGrams("invoice_number_short_grams")
	return q
}()

// shortRangeArgs are shortRange's bounds as the arguments of shortGrams.
func shortRangeArgs(search string) []any {
	first, last := shortRange(search)
	return []any{first, last}
}
