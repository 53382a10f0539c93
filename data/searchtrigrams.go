package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The trigram index (022_search_index.sql) holds, for every invoice number and
// customer name, each run of three characters, folded to one case by SQLite's FTS5.
// It finds a search's candidates; search.go's GLOB pattern then keeps those that
// match, so the index never changes what a search means. For that, every row the
// pattern matches must be among the candidates: SQLite must fold every character the
// pattern takes for one of the search's (the character itself, its lower and its
// upper case, as caseInsensitiveGlob has them) to the same character, and a search
// must be at least three characters long, as a trigram is. A shorter one is found
// through the index's vocabulary (searchshort.go); one with a character folded
// otherwise, by reading every number and name.

// trigramSearch says whether search, as typed, is found through the trigram index:
// at least three characters, valid UTF-8 without a NUL (searchExact), and each
// character folded alike by SQLite and by caseInsensitiveGlob (trigramSafe).
func trigramSearch(search string) bool {
	search = strings.TrimSpace(search)
	if search == "" || searchExact(search) || utf8.RuneCountInString(search) < 3 {
		return false
	}
	for _, r := range search {
		if !trigramSafe(r) {
			return false
		}
	}
	return true
}

// trigramFolded are the ranges of characters with a case whose folding by SQLite's
// trigram tokenizer agrees with caseInsensitiveGlob's, but for trigramUnfolded:
// Latin to Latin Extended-B (Swedish å, ä, ö and é among them), Greek and Cyrillic.
// TestTheTrigramIndexFindsEveryCaseOfACharacter checks each of them, and found those
// next to them (IPA, whose capitals Unicode added later) folded otherwise.
var trigramFolded = [][2]rune{{0, 0x250}, {0x370, 0x528}}

// trigramUnfolded are the characters in trigramFolded that SQLite folds otherwise
// than caseInsensitiveGlob matches them (found by the test above): the Turkish dotted
// capital and dotless small I, and the Greek capital and small yot.
var trigramUnfolded = map[rune]bool{'İ': true, 'ı': true, 'Ϳ': true, 'ϳ': true}

// trigramSafe says whether every character caseInsensitiveGlob's pattern takes for r
// is folded by SQLite alike: one without case is matched as itself.
func trigramSafe(r rune) bool {
	if unicode.ToLower(r) == r && unicode.ToUpper(r) == r {
		return true
	}
	for _, span := range trigramFolded {
		if r >= span[0] && r < span[1] {
			return !trigramUnfolded[r]
		}
	}
	return false
}

// trigramMatch is the FTS5 MATCH expression of a trigramSearch: every distinct run
// of three characters in it, each quoted, all required. The index holds no positions
// (detail=none), so the rows it gives may hold the trigrams apart; the GLOB pattern
// tests them.
func trigramMatch(search string) string {
	rs := []rune(strings.TrimSpace(search))
	seen := map[string]bool{}
	var terms []string
	for i := 0; i+3 <= len(rs); i++ {
		t := string(rs[i : i+3])
		if seen[t] {
			continue
		}
		seen[t] = true
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	return strings.Join(terms, " AND ")
}
