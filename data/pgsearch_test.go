package data

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"paminn/core"
)

// searchNumbers is what a search finds in the list, by number, and its count, read
// through every plan (matches found first, and the order's index walked testing IDs
// among them or rows).
func searchNumbers(t *testing.T, s core.Store, search string) []string {
	t.Helper()
	defer func(few fewMatches, n int) { fewSearchMatches, broadSearchMatches = few, n }(fewSearchMatches, broadSearchMatches)
	var found []string
	for _, bounds := range [][2]int{{5000, 5000}, {0, 5000}, {0, 0}} {
		fewSearchMatches, broadSearchMatches = fewMatches{bounds[0], bounds[0]}, bounds[1]
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
	for i := 1; i < len(found); i++ {
		if found[0] != found[i] {
			t.Errorf("search %q: %s found first, %s walking (%d)", search, found[0], found[i], i)
		}
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
// numbers: with a sequential scan and an index-only scan ruled out, the plan of its
// matches reads each index. (In a book this small the planner would rather read the
// tables, or every entry of an index holding the number and the ID.)
func TestAServerSearchCanReadTheTrigramIndexes(t *testing.T) {
	s := mustOpenPG(t)
	writeListBook(t, s)
	for _, search := range []string{"anna", "100", "Bygg AB", "Åkesson"} {
		term := pgSearchSQLFor(search)
		tx, err := s.db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(`SET LOCAL enable_seqscan = off; SET LOCAL enable_indexonlyscan = off`); err != nil {
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

// Every plan of a search (search.go: matches found first; the order's index walked
// testing each entry's ID among the matches, or each row) gives the same pages, in
// every order and direction, and the same totals and counts, in the list and in the
// dialog, on both engines: on PostgreSQL a walked page reads its IDs first and then
// their rows (pgPageByIDs), with the customers joined for the IDs only where the
// order or Amili's terms need them.
func TestEveryPlanOfASearchReadsTheSamePages(t *testing.T) {
	defer func(few fewMatches, n, bound int) {
		fewSearchMatches, broadSearchMatches, searchCountBound = few, n, bound
	}(fewSearchMatches, broadSearchMatches, searchCountBound)
	searchCountBound = 1000 // more than the book: every count exact
	forEachEngine(t, func(t *testing.T, s core.Store) {
		writeListBook(t, s)
		read := func(search string) []string {
			var got []string
			for _, f := range []core.Filter{core.FilterAll, core.FilterOverdue, core.FilterPaid, core.FilterAmili} {
				for _, key := range slices.Sorted(maps.Keys(listSorts)) {
					for _, desc := range []bool{false, true} {
						page, err := s.ListInvoices(ctx, core.InvoiceQuery{Filter: f, Sort: key, Desc: desc, Search: search, Limit: 3, Offset: 1}, today)
						if err != nil {
							t.Fatal(err)
						}
						var numbers []string
						for _, inv := range page.Invoices {
							numbers = append(numbers, inv.Number)
						}
						got = append(got, fmt.Sprintf("list %s %s desc=%v: %v %+v", f, key, desc, numbers, page.Totals))
					}
				}
			}
			for _, key := range slices.Sorted(maps.Keys(candidateSorts)) {
				for _, desc := range []bool{false, true} {
					for _, amili := range []bool{false, true} {
						q := core.CandidateQuery{Sort: key, Desc: desc, AmiliOnly: amili, Search: search, Limit: 2}
						cs, err := s.CandidatePage(ctx, q, today)
						if err != nil {
							t.Fatal(err)
						}
						n, err := s.CountCandidates(ctx, q, today)
						if err != nil {
							t.Fatal(err)
						}
						var numbers []string
						for _, c := range cs {
							numbers = append(numbers, c.Invoice.Number)
						}
						got = append(got, fmt.Sprintf("dialog %s desc=%v amili=%v: %v %+v", key, desc, amili, numbers, n))
					}
				}
			}
			return got
		}
		for _, search := range []string{"a", "anna", "Åkesson", "10", "100"} {
			var first []string
			for i, bounds := range [][2]int{{5000, 5000}, {0, 5000}, {0, 0}} {
				fewSearchMatches, broadSearchMatches = fewMatches{bounds[0], bounds[0]}, bounds[1]
				forgetSearchPlans(s)
				got := read(search)
				if i == 0 {
					first = got
					continue
				}
				for j := range got {
					if got[j] != first[j] {
						t.Errorf("search %q, plan %d: %s, found first %s", search, i, got[j], first[j])
					}
				}
			}
		}
	})
}

// A walked page of a search on the server reads its IDs from its order's index alone
// (an index-only scan, pgmigrations/029 and 030), in every order of the whole book's
// list but by customer and of the dialog but by customer: those indexes hold the ID,
// the number, the customer and what the order and the page's terms are made of, so a
// walked entry that is not a match reads no row. A column missing from one makes
// PostgreSQL read each entry's row (an index scan), as the list's page of "bygg" by
// claim did at 1,000,000 invoices, 105 ms.
func TestAServerSearchPageWalksItsOrdersIndexAlone(t *testing.T) {
	s := mustOpenPG(t)
	writeListBook(t, s)
	if _, err := s.db.Exec(`VACUUM ANALYZE invoices`); err != nil {
		t.Fatal(err)
	}
	// The book is small: the planner is kept to walking an index in order.
	explain := func(query string, args []any) string {
		t.Helper()
		return explainPG(t, s, query, args, "enable_sort", "enable_seqscan", "enable_bitmapscan")
	}
	// readsAlone says plan reads an index whose name starts with index by an
	// index-only scan, in either direction.
	readsAlone := func(plan, index string) bool {
		return strings.Contains(plan, "Index Only Scan using "+index) || strings.Contains(plan, "Index Only Scan Backward using "+index)
	}
	walks := []struct {
		search string
		plan   searchPlan
	}{{"bygg", walkTestingRows}, {"anna", searchPlan{kind: amongMatches, ids: "{1,2,3}"}}}
	listIndexes := map[core.SortKey]string{core.SortDueDate: "invoices_by_due_date", core.SortNumber: "invoices_by_number",
		core.SortBalance: "invoices_by_claim", core.SortInvoiceDate: "invoices_by_invoice_date", core.SortTotal: "invoices_by_total",
		core.SortStatus: "invoices_by_status", core.SortReminders: "invoices_by_reminders", core.SortLastReminded: "invoices_by_last_reminded"}
	for key, index := range listIndexes {
		for _, desc := range []bool{false, true} {
			for _, walk := range walks {
				q := core.InvoiceQuery{Search: walk.search, Sort: key, Desc: desc}
				query, args, err := pgPageQuery(q, today, walk.plan)
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("list by %s desc=%v, %q walked (%d)", key, desc, walk.search, walk.plan.kind)
				if plan := explain(query, args); !readsAlone(plan, index+" ") {
					t.Errorf("%s: want an index-only scan of %s:\n%s", name, index, plan)
				}
			}
		}
	}
	// By customer, a walk reads the customers by name and each one's invoices from
	// their indexes alone, testing each invoice by its number and the walked
	// customer's name (pgByCustomer), or each customer first among those a search's
	// names match (searchPlans.byCustomer); a short search ("q") as a longer one.
	for _, desc := range []bool{false, true} {
		for _, walk := range []struct {
			search string
			plan   searchPlan
		}{{"anna", searchPlan{kind: testRows, customers: true}}, {"q", walkTestingRows}, {"bygg", walkTestingRows}} {
			q := core.InvoiceQuery{Search: walk.search, Sort: core.SortCustomer, Desc: desc}
			query, args, err := pgPageQuery(q, today, walk.plan)
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("list by customer desc=%v, %q walked (%+v)", desc, walk.search, walk.plan)
			plan := explain(query, args)
			for _, index := range []string{"customers_by_name ", "invoices_by_customer "} {
				if !readsAlone(plan, index) {
					t.Errorf("%s: want an index-only scan of %s:\n%s", name, index, plan)
				}
			}
			cq := core.CandidateQuery{Search: walk.search, Sort: core.CandidatesByCustomer, Desc: desc}
			query, args, err = pgCandidatePageQuery(cq, today, candidateColumnsSQL, walk.plan)
			if err != nil {
				t.Fatal(err)
			}
			// The dialog's invoices may come from an index of the candidates that holds
			// the customer (a small book's planner takes invoices_open).
			name = "dialog " + name
			plan = explain(query, args)
			for _, index := range []string{"customers_by_name ", "invoices_"} {
				if !readsAlone(plan, index) {
					t.Errorf("%s: want an index-only scan of %s:\n%s", name, index, plan)
				}
			}
		}
	}
	dialogIndexes := map[core.CandidateSort]string{core.CandidatesByDueDate: "invoices_open", core.CandidatesByDaysOverdue: "invoices_open",
		core.CandidatesByBalance: "invoices_by_balance", core.CandidatesByReminders: "invoices_eligible_by_reminders"}
	for key, index := range dialogIndexes {
		for _, amili := range []bool{false, true} {
			for _, walk := range walks {
				q := core.CandidateQuery{Search: walk.search, Sort: key, AmiliOnly: amili}
				query, args, err := pgCandidatePageQuery(q, today, candidateColumnsSQL, walk.plan)
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("dialog by %s amili=%v, %q walked (%d)", key, amili, walk.search, walk.plan.kind)
				if plan := explain(query, args); !readsAlone(plan, index+" ") {
					t.Errorf("%s: want an index-only scan of %s:\n%s", name, index, plan)
				}
			}
		}
	}
}
