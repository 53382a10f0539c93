package data

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"paminn/core"
)

// Which searches go through the index's vocabulary (searchshort.go): one or two
// characters SQLite folds as the range expects; not one holding the pad, a NUL or
// bytes that are not UTF-8, nor the long s, whose forms fold apart.
func TestWhichSearchesAreFoundThroughTheShortIndex(t *testing.T) {
	for _, c := range []struct {
		search string
		want   bool
	}{{"e", true}, {" qz ", true}, {"Ö9", true}, {"7", true}, {"&", true}, {"É", true}, {"ǅ", true},
		{"abc", false}, {"", false}, {"  ", false}, {"\x01", false}, {"a\x01", false}, {"a\x00", false},
		{"\xff", false}, {"ſ", false}, {"İ", false}, {"Ⴀ", false}} {
		if got := shortSearch(c.search); got != c.want {
			t.Errorf("shortSearch(%q) = %v, want %v", c.search, got, c.want)
		}
	}
	if first, last := shortRange(" Qz "); first != "qz" || last != "qz\U0010FFFF\U0010FFFF" {
		t.Errorf("shortRange: %q to %q", first, last)
	}
	for _, c := range []struct{ search, want string }{{"qZ", `{"qz","qZ","Qz","QZ"}`}, {"7", `{"7"}`},
		{`"\`, `{"\"\\"}`}, {"ǅ", `{"ǆ","Ǆ","ǅ"}`}, {" ö ", `{"ö","Ö"}`}} {
		if got := pgShortForms(c.search); got != c.want {
			t.Errorf("pgShortForms(%q) = %s, want %s", c.search, got, c.want)
		}
	}
}

// Every form the GLOB pattern takes for a character shortSearch lets through (itself,
// its lower and its upper case) is indexed by SQLite in the range shortRange reads for
// it: for every character from U+0001 to U+2FFF.
func TestTheShortSearchRangeHoldsEveryCaseOfACharacter(t *testing.T) {
	s := mustOpen(t)
	type text struct {
		r    rune
		form string
	}
	var texts []text
	for r := rune(2); r < 0x3000; r++ {
		if !shortSearch(string(r)) || unicode.IsSpace(r) || r >= 0xD800 && r < 0xE000 {
			continue
		}
		for _, f := range []rune{r, unicode.ToLower(r), unicode.ToUpper(r)} {
			texts = append(texts, text{r, string(f)})
		}
	}
	if len(texts) < 10000 {
		t.Fatalf("only %d texts", len(texts))
	}
	tx, err := s.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range texts {
		if _, err := tx.Exec(`INSERT INTO customers (id, number, name) VALUES (?, ?, ?)`, i+1, "K"+strconv.Itoa(i), x.form); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	terms := map[int][]string{}
	rows, err := s.db.Query(`SELECT doc, term FROM customer_name_short_grams`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var doc int
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			t.Fatal(err)
		}
		terms[doc] = append(terms[doc], term)
	}
	rows.Close()
	for i, x := range texts {
		first, last := shortRange(string(x.r))
		found := false
		for _, term := range terms[i+1] {
			found = found || term >= first && term <= last
		}
		if !found {
			t.Errorf("search %q (%U): the name %q is indexed as %q, outside %q to %q", string(x.r), x.r, x.form, terms[i+1], first, last)
		}
	}
}

// A search of one or two characters finds its matches through the index, on SQLite:
// the plan's question, its matches and their count read the index's vocabulary, never
// the invoice numbers' index or the customers' names from end to end. (The bounded
// count of a search matching many walks them, as matchStream says.)
func TestAShortSearchReadsTheIndexNotEveryNumber(t *testing.T) {
	s := listBook(t)
	for _, search := range []string{"qz", "e", "7", "ö", "Ö9", "-"} {
		term := searchSQLFor(search)
		question, questionArgs := term.planQuery(search, 10)
		few, fewArgs := fewFrom(search, matchesFirst)
		for _, q := range []plannedQuery{
			{"the plan's question", question, questionArgs, true},
			{"the matches found first", `SELECT count(*) FROM (` + term.ids() + `)`, term.idArgs(search), true},
			{"the count of few matches", `SELECT count(*)` + few, fewArgs, true},
		} {
			plan := queryPlan(t, s, q)
			text := strings.Join(plan, "\n")
			if !strings.Contains(text, "VIRTUAL TABLE") {
				t.Errorf("search %q, %s reads no index:\n%s", search, q.name, text)
			}
			for _, step := range plan {
				if strings.HasPrefix(step, "SCAN ") && !strings.Contains(step, "VIRTUAL TABLE") &&
					!strings.HasPrefix(step, "SCAN (subquery") && step != "SCAN g" && step != "SCAN x" && step != "SCAN y" {
					t.Errorf("search %q, %s: %s:\n%s", search, q.name, step, text)
				}
			}
		}
	}
}

// shortFound is what a search finds in the list, by number.
func shortFound(t *testing.T, s core.Store, search string) []string {
	t.Helper()
	page, err := s.ListInvoices(ctx, core.InvoiceQuery{Search: search, Sort: core.SortNumber}, today)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for _, inv := range page.Invoices {
		numbers = append(numbers, inv.Number)
	}
	return numbers
}

// A search holding the pad (char(1), pasted: it cannot be typed) finds the texts that
// hold it, not every text, whose index ends in it; on both engines.
func TestASearchHoldingThePadFindsOnlyWhatHoldsIt(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		for _, number := range []string{"A1", "B\x01C", "AB1"} {
			mustInvoice(t, s, c, invoiceSpec{number: number, dueIn: -10, total: "100"})
		}
		for _, c := range []struct{ search, want string }{{"\x01", "B\x01C"}, {"1\x01", ""}, {"b\x01", "B\x01C"},
			{"B\x01C", "B\x01C"}, {"1\x01\x01", ""}, {"b\x01\x01", ""}, {"b1", "AB1"}, {"1", "A1 AB1"}} {
			if got := strings.Join(searchNumbers(t, s, c.search), " "); got != c.want {
				t.Errorf("search %q finds %q, want %q", c.search, got, c.want)
			}
		}
	})
}

// A book at 027 (its index unpadded) is padded when opened: its numbers and names are
// found by one and two characters, and by three as before.
func TestTheShortSearchMigrationPadsAnExistingBook(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	all := migrations
	version := 0
	for _, m := range migrations {
		if strings.HasSuffix(m.name, "_short_search") {
			version = m.version
		}
	}
	migrations = migrations[:version-1]
	s, err := Open(path)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	c := mustCustomer(t, s, "K1", "Bygg & Måleri AB")
	mustInvoice(t, s, c, invoiceSpec{number: "F-2024-0Q1", dueIn: -10, total: "100"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, search := range []string{"&", "å", "Q1", "f", "måLERI", "2024-0"} {
		if !shortSearch(search) && !trigramSearch(search) {
			t.Fatalf("search %q goes through no index", search)
		}
		if got := shortFound(t, s, search); len(got) != 1 {
			t.Errorf("search %q after the migration: %q", search, got)
		}
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM invoice_number_short_grams WHERE term = ?`, "q1\x01").Scan(&n); err != nil || n != 1 {
		t.Errorf("the migrated index holds %d numbers ending in q1 (%v)", n, err)
	}
}

// On a server book, a search of one or two characters can read the short_grams
// indexes (pgmigrations/028_short_search.sql) for both parts; with a sequential scan
// ruled out, the plan of its matches reads each index.
func TestAServerShortSearchCanReadItsIndexes(t *testing.T) {
	s := mustOpenPG(t)
	writeListBook(t, s)
	for _, search := range []string{"qz", "e", "7", "Ö9"} {
		term := pgSearchSQLFor(search)
		text := pgExplain(t, s, `SELECT count(*) FROM (`+term.ids()+` LIMIT ?) x`, append(term.idArgs(search), 10)...)
		for _, index := range []string{"customer_name_short_grams", "invoice_number_short_grams"} {
			if !strings.Contains(text, "Bitmap Index Scan on "+index) {
				t.Errorf("search %q does not read %s:\n%s", search, index, text)
			}
		}
	}
}

// pgExplain is the plan of a query on a server book, a sequential scan ruled out.
func pgExplain(t *testing.T, s *PGStore, query string, args ...any) string {
	t.Helper()
	tx, err := s.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SET LOCAL enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	rows, err := tx.Query(`EXPLAIN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, line)
	}
	return strings.Join(plan, "\n")
}

// A short search matching most of a server book is walked: its page tests each row
// it walks, looking that row's customer up by ID rather than hashing every customer
// whose name matches first (all 50,000 names tested for "e" at 1,000,000, 15 ms, to
// fill a page of 100); and its bounded count streams the numbers and names as they
// are read, never through short_grams' GIN index, whose bitmap is made whole before
// the first row (468,559 entries for "7", 28 ms, to count 501). (On this small book
// PostgreSQL would look the customers up one by one anyway; the page's check holds
// the property where it would hash them. The count's fails without the change.)
func TestAServerShortSearchThatMatchesManyIsWalkedAndCountedWithoutAWholeIndex(t *testing.T) {
	s := mustOpenPG(t)
	writeListBook(t, s)
	for _, search := range []string{"e", "7"} {
		q := core.InvoiceQuery{Search: search, Sort: core.SortDueDate}
		page, args, err := pgPageQuery(q, today, walkTestingRows)
		if err != nil {
			t.Fatal(err)
		}
		if plan := pgExplain(t, s, page, args...); strings.Contains(plan, "hashed SubPlan") {
			t.Errorf("the walked page of %q hashes the matching customers first:\n%s", search, plan)
		}
		from, args := pgBoundedFrom(search, walkTestingRows, "", nil, false)
		count := `SELECT count(*) FROM (SELECT i.id` + from + ` LIMIT 501) x`
		if plan := pgExplain(t, s, count, args...); strings.Contains(plan, "short_grams") {
			t.Errorf("the bounded count of %q reads short_grams' index:\n%s", search, plan)
		}
	}
}
