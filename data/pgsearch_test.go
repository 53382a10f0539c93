package data

import (
	"fmt"
	"strings"
	"testing"

	"paminn/core"
)

// searchNumbers is what a search finds in the list, by number, and its count, read
// through both plans (matches found first, and the order's index walked).
func searchNumbers(t *testing.T, s core.Store, search string) []string {
	t.Helper()
	defer func(n int) { broadSearchMatches = n }(broadSearchMatches)
	var found []string
	for _, broad := range []int{5000, 0} {
		broadSearchMatches = broad
		forgetSearchPlans(s)
		page, err := s.ListInvoices(ctx, core.InvoiceQuery{Search: search, Sort: core.SortNumber}, today)
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		var numbers []string
		for _, inv := range page.Invoices {
			numbers = append(numbers, inv.Number)
		}
		got := fmt.Sprintf("%s (%d)", strings.Join(numbers, " "), page.Totals.Count)
		found = append(found, got)
	}
	if found[0] != found[1] {
		t.Errorf("search %q: %s found first, %s walking", search, found[0], found[1])
	}
	return strings.Fields(strings.TrimSuffix(found[0][:strings.LastIndexByte(found[0], '(')], " "))
}

// Every character of a search is taken as itself, on both engines: what a regular
// expression (PostgreSQL's search), a GLOB pattern or a LIKE would read otherwise —
// . * ? [ ] ( ) + ^ $ | \ { } % _ — finds only the texts holding it.
func TestASearchTakesEveryCharacterAsItself(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		texts := []string{`a.b`, `axb`, `a*b`, `a?b`, `[ab]`, `(ab)`, `a+b`, `^ab$`, `a|b`, `a\b`, `{1}`, `50%`, `a_b`, `ab`}
		c := mustCustomer(t, s, "K1", "Kund")
		for _, text := range texts {
			mustInvoice(t, s, c, invoiceSpec{number: text, dueIn: -10, total: "100"})
		}
		for _, tc := range []struct{ search, want string }{
			{`.`, `a.b`}, {`a.b`, `a.b`}, {`*`, `a*b`}, {`a*b`, `a*b`}, {`?`, `a?b`}, {`[`, `[ab]`}, {`[ab]`, `[ab]`},
			{`]`, `[ab]`}, {`(ab)`, `(ab)`}, {`+`, `a+b`}, {`^ab`, `^ab$`}, {`b$`, `^ab$`}, {`a|b`, `a|b`}, {`\`, `a\b`},
			{`a\b`, `a\b`}, {`{1}`, `{1}`}, {`%`, `50%`}, {`_`, `a_b`}, {`AB`, `(ab) [ab] ^ab$ ab`},
		} {
			if got := strings.Join(searchNumbers(t, s, tc.search), " "); got != tc.want {
				t.Errorf("search %q finds %q, want %q", tc.search, got, tc.want)
			}
		}
	})
}

// A search holding a NUL or bytes that are not UTF-8, which SQLite compares byte by
// byte (searchExact), finds nothing in a book on a server, whose texts never hold
// either, in the list and in the dialog, counted or walked; it is not an error.
func TestASearchNoServerTextCanHoldFindsNothing(t *testing.T) {
	s := mustOpenPG(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	mustInvoice(t, s, c, invoiceSpec{number: "A-1", dueIn: -10, total: "100"})
	for _, search := range []string{"\x00", "A\x00", "a\xff", "\xc3"} {
		if got := searchNumbers(t, s, search); len(got) != 0 {
			t.Errorf("search %q finds %q", search, got)
		}
		cs, err := s.CandidatePage(ctx, core.CandidateQuery{Search: search, Sort: core.CandidatesByDueDate}, today)
		if err != nil || len(cs) != 0 {
			t.Errorf("search %q: dialog %d (%v)", search, len(cs), err)
		}
		n, err := s.CountCandidates(ctx, core.CandidateQuery{Search: search}, today)
		if err != nil || n.Count != 0 {
			t.Errorf("search %q: dialog's count %+v (%v)", search, n, err)
		}
	}
}

// The regular expression of a search (pgSearchPattern) brackets each character with a
// case with its forms, as caseInsensitiveGlob does, and escapes ASCII punctuation.
func TestThePostgresSearchPatternIsTheGlobsAsARegularExpression(t *testing.T) {
	for _, tc := range []struct{ search, want string }{
		{" Åke ", `[åÅ][kK][eE]`}, {"a.b*", `[aA]\.[bB]\*`}, {"50%", `50\%`}, {"ß", "ß"}, {"ǅ", "[ǆǄǅ]"},
		{"", ""}, {"a\x00", ""}, {"\xff", ""},
	} {
		if got := pgSearchPattern(tc.search); got != tc.want {
			t.Errorf("pgSearchPattern(%q) = %q, want %q", tc.search, got, tc.want)
		}
	}
}

// A search of three letters or digits or more on a server book can read the trigram
// indexes (pgmigrations/023_search_index.sql) for both parts, the names and the
// numbers: with a sequential scan ruled out, the plan of its matches reads each index.
// (In a book this small the planner would rather read the tables.)
func TestAServerSearchCanReadTheTrigramIndexes(t *testing.T) {
	s := mustOpenPG(t)
	writeListBook(t, s)
	for _, search := range []string{"anna", "100", "Bygg AB", "Åkesson"} {
		term := pgSearchSQLFor(search)
		tx, err := s.db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`SET LOCAL enable_seqscan = off`); err != nil {
			t.Fatal(err)
		}
		var plan []string
		rows, err := tx.Query(`EXPLAIN SELECT count(*) FROM (`+term.ids()+` LIMIT ?) x`, append(term.idArgs(search), 10)...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		rows.Close()
		tx.Rollback()
		text := strings.Join(plan, "\n")
		for _, index := range []string{"customer_name_trigrams", "invoice_number_trigrams"} {
			if !strings.Contains(text, "Bitmap Index Scan on "+index) {
				t.Errorf("search %q does not read %s:\n%s", search, index, text)
			}
		}
	}
}
