package data

import (
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"paminn/core"
)

// readPageIDs runs a page query and returns its invoice IDs in order.
func readPageIDs(t *testing.T, s *Store, query string, args []any) []int64 {
	t.Helper()
	var ids []int64
	err := s.read(ctx, "test", func(tx *sql.Tx) error {
		return readIDs(ctx, tx, `SELECT id FROM (`+query+`)`, args, func(id int64) { ids = append(ids, id) })
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// allSearchPlans are the ways a page of a search is read (search.go).
var allSearchPlans = []searchPlan{matchesFirst, walkTestingRows, walkAmongMatches, walkMatchingCustomers}

// A search reads its matches first, or walks the order's index testing each row or
// each entry's ID among the matches (search.go); all must give the same invoices in the same order, and the same
// totals, in every filter, order and direction of the list and the dialog.
func TestBothSearchPlansReadTheSameInvoices(t *testing.T) {
	s := listBook(t)
	for _, search := range []string{"a", "ö", "100", "zz", "\x00", "1\x00", "anna", "Ström", "Bygg AB"} {
		for _, f := range []core.Filter{core.FilterAll, core.FilterUnpaid, core.FilterOverdue,
			core.FilterReminded, core.FilterAmili, core.FilterPaid} {
			q := core.InvoiceQuery{Filter: f, Search: search}
			totals := make([]core.InvoiceTotals, len(allSearchPlans))
			for i, many := range allSearchPlans {
				err := s.read(ctx, "test", func(tx *sql.Tx) (err error) {
					totals[i], err = listTotals(ctx, tx, q, many, today)
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			for i := 1; i < len(totals); i++ {
				if fmt.Sprintf("%+v", totals[0]) != fmt.Sprintf("%+v", totals[i]) { // the amounts are decimals
					t.Errorf("list search=%q filter=%q: totals %+v, walked (plan %d) %+v", search, f, totals[0], i, totals[i])
				}
			}
			for key := range listSorts {
				for _, desc := range []bool{false, true} {
					q := core.InvoiceQuery{Filter: f, Sort: key, Desc: desc, Search: search, Limit: 50}
					got := make([][]int64, len(allSearchPlans))
					for i, many := range allSearchPlans {
						query, args, err := pageQuery(q, today, many)
						if err != nil {
							t.Fatal(err)
						}
						got[i] = readPageIDs(t, s, query, args)
					}
					name := fmt.Sprintf("list search=%q filter=%q sort=%s desc=%v", search, f, key, desc)
					for i := 1; i < len(got); i++ {
						if !slices.Equal(got[0], got[i]) {
							t.Errorf("%s: matches first %v, index walked (plan %d) %v", name, got[0], i, got[i])
						}
					}
				}
			}
		}
		for key := range candidateSorts {
			for _, desc := range []bool{false, true} {
				for _, amili := range []bool{false, true} {
					q := core.CandidateQuery{Sort: key, Desc: desc, AmiliOnly: amili, Search: search, Limit: 50}
					got := make([][]int64, len(allSearchPlans))
					counts := make([][2]int64, len(allSearchPlans))
					for i, many := range allSearchPlans {
						query, args, err := candidatePageQuery(q, today, `i.id`, many)
						if err != nil {
							t.Fatal(err)
						}
						got[i] = readPageIDs(t, s, query, args)
						query, args = countCandidatesQuery(q, today, many)
						if err := s.db.QueryRow(query, args...).Scan(&counts[i][0], &counts[i][1]); err != nil {
							t.Fatal(err)
						}
					}
					name := fmt.Sprintf("candidates search=%q sort=%s desc=%v amili=%v", search, key, desc, amili)
					for i := 1; i < len(got); i++ {
						if !slices.Equal(got[0], got[i]) {
							t.Errorf("%s: matches first %v, index walked (plan %d) %v", name, got[0], i, got[i])
						}
						if counts[0] != counts[i] {
							t.Errorf("%s: count and balance %v, walked (plan %d) %v", name, counts[0], i, counts[i])
						}
					}
				}
			}
		}
	}
}

// A search matching more than broadSearchMatches invoices walks the order's index,
// and one matching fewer reads its matches first; the service's calls give the
// same answers either way.
func TestASearchMatchingManyWalksTheIndex(t *testing.T) {
	defer func(n int) { broadSearchMatches = n }(broadSearchMatches)
	broadSearchMatches = 150 // more than a page of the list, fewer to write
	s := mustOpen(t)
	customers := []core.Customer{{Number: "K1", Name: "Bygg & Måleri AB", IDNumber: "556677-8899", IsCompany: true},
		{Number: "K2", Name: "Anna Svensson", IDNumber: "19800101-1234"}}
	var invs []core.ImportInvoice
	for i := range broadSearchMatches + 1 {
		invs = append(invs, core.ImportInvoice{CustomerNumber: "K1", Invoice: core.Invoice{
			Number: strconv.Itoa(100000 + i), InvoiceDate: today.AddDays(-60), DueDate: today.AddDays(-30),
			Total: kr("100"), Currency: core.Currency}})
	}
	invs = append(invs, core.ImportInvoice{CustomerNumber: "K2", Invoice: core.Invoice{
		Number: "A-1", InvoiceDate: today.AddDays(-60), DueDate: today.AddDays(-40),
		Total: kr("250"), Currency: core.Currency}})
	if _, err := s.Import(ctx, customers, invs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		search string
		many   bool
		count  int
	}{{"bygg", true, broadSearchMatches + 1}, {"måleri", true, broadSearchMatches + 1}, {"anna", false, 1},
		{"10010", false, 10}, {"", false, broadSearchMatches + 2}} {
		var plan searchPlan
		err := s.read(ctx, "test", func(tx *sql.Tx) (err error) {
			plan, err = s.searchMatchesMany(ctx, tx, c.search, fewSearchMatches.list)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if plan.walks() != c.many {
			t.Errorf("search %q: plan %v, want many = %v", c.search, plan, c.many)
		}
		page, err := s.ListInvoices(ctx, core.InvoiceQuery{Search: c.search, Sort: core.SortDueDate}, today)
		if err != nil {
			t.Fatal(err)
		}
		if page.Totals.Count != c.count || len(page.Invoices) != min(c.count, core.DefaultPageSize) {
			t.Errorf("search %q: %d listed of %d, want %d", c.search, len(page.Invoices), page.Totals.Count, c.count)
		}
		n, err := s.CountCandidates(ctx, core.CandidateQuery{Search: c.search}, today)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := s.CandidatePage(ctx, core.CandidateQuery{Search: c.search, Sort: core.CandidatesByDueDate}, today)
		if err != nil {
			t.Fatal(err)
		}
		if n.Count != c.count || len(cs) != min(c.count, core.DefaultPageSize) {
			t.Errorf("search %q: %d candidates on the page of %d, want %d", c.search, len(cs), n.Count, c.count)
		}
		if c.search == "" || len(cs) == 0 {
			continue
		}
		// Earliest due first: Anna's invoice when it matches.
		if first := cs[0].Invoice.Number; c.search == "anna" && first != "A-1" || c.many && first != "100000" {
			t.Errorf("search %q: the first candidate is %s", c.search, first)
		}
	}
}

// A search of many whose names and numbers match few customers and invoices, walked
// in an order whose index holds the customer (customerIndexes), tests each entry's
// customer and ID (walkMatchingCustomers), and in one whose index does not is listed
// and walked among its matches; either reads the pages the search found first reads.
func TestASearchOfManyInTheOtherOrdersIsTestedByItsCustomers(t *testing.T) {
	defer func(n int) { broadSearchMatches = n }(broadSearchMatches)
	broadSearchMatches = 150
	s := mustOpen(t)
	customers := []core.Customer{{Number: "K1", Name: "Bygg & Måleri AB", IDNumber: "556677-8899", IsCompany: true},
		{Number: "K2", Name: "Anna Svensson", IDNumber: "19800101-1234"}}
	var invs []core.ImportInvoice
	for i := range 2 * broadSearchMatches {
		customer := []string{"K1", "K2"}[i%2]
		number := strconv.Itoa(100000 + i)
		if i%50 == 1 {
			number = "BYGG-" + number // Anna's, matched by its number
		}
		invs = append(invs, core.ImportInvoice{CustomerNumber: customer, Invoice: core.Invoice{
			Number: number, InvoiceDate: today.AddDays(-60 - i%7), DueDate: today.AddDays(-30 + i%11),
			Total: kr(strconv.Itoa(100 + i%13)), Currency: core.Currency}})
	}
	if _, err := s.Import(ctx, customers, invs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    core.InvoiceQuery
		want planKind
	}{{core.InvoiceQuery{Search: "bygg", Sort: core.SortBalance}, matchingCustomers},
		{core.InvoiceQuery{Search: "bygg", Sort: core.SortTotal, Desc: true}, matchingCustomers},
		{core.InvoiceQuery{Search: "bygg", Sort: core.SortStatus, Filter: core.FilterOverdue}, matchingCustomers},
		{core.InvoiceQuery{Search: "bygg", Sort: core.SortInvoiceDate, Filter: core.FilterOverdue}, amongMatches}, // invoices_open_by_invoice_date
		{core.InvoiceQuery{Search: "bygg", Sort: core.SortDueDate}, testRows},
	} {
		var plan searchPlan
		err := s.read(ctx, "test", func(tx *sql.Tx) (err error) {
			if plan, err = s.searchMatchesMany(ctx, tx, c.q.Search, fewSearchMatches.list); err == nil && c.q.Sort != core.SortDueDate {
				plan, err = s.searches.otherOrder(ctx, tx, searchSQLFor(c.q.Search), c.q.Search, plan, walkedIndex(c.q))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if plan.kind != c.want {
			t.Errorf("%+v (index %s): plan %+v, want kind %d", c.q, walkedIndex(c.q), plan, c.want)
		}
	}
	pages := func() []string {
		var got []string
		for _, key := range []core.SortKey{core.SortBalance, core.SortTotal, core.SortStatus, core.SortInvoiceDate, core.SortReminders} {
			for _, desc := range []bool{false, true} {
				q := core.InvoiceQuery{Search: "bygg", Sort: key, Desc: desc, Limit: 40, Offset: 7}
				page, err := s.ListInvoices(ctx, q, today)
				if err != nil {
					t.Fatal(err)
				}
				var numbers []string
				for _, inv := range page.Invoices {
					numbers = append(numbers, inv.Number)
				}
				got = append(got, fmt.Sprintf("list %s desc=%v: %v %+v", key, desc, numbers, page.Totals))
			}
		}
		for _, key := range []core.CandidateSort{core.CandidatesByBalance, core.CandidatesByReminders} {
			cs, err := s.CandidatePage(ctx, core.CandidateQuery{Search: "bygg", Sort: key, Limit: 40, Offset: 3}, today)
			if err != nil {
				t.Fatal(err)
			}
			var numbers []string
			for _, c := range cs {
				numbers = append(numbers, c.Invoice.Number)
			}
			got = append(got, fmt.Sprintf("dialog %s: %v", key, numbers))
		}
		return got
	}
	walked := pages()
	broadSearchMatches = 1000 // found first
	s.ForgetSearchPlans()
	first := pages()
	for i := range first {
		if walked[i] != first[i] {
			t.Errorf("walked %s\nfound first %s", walked[i], first[i])
		}
	}
}

// A search holding a NUL is matched exactly (searchExact) in both plans: found first
// when few invoices hold it, and tested row by row while walking the order's index
// when many do.
func TestASearchHoldingANULMatchesTheSameInBothPlans(t *testing.T) {
	defer func(n int) { broadSearchMatches = n }(broadSearchMatches)
	broadSearchMatches = 2
	s := mustOpen(t)
	odd := mustCustomer(t, s, "K1", "Ström\x00Bygg AB")
	plain := mustCustomer(t, s, "K2", "Vanlig AB")
	for _, x := range []struct {
		c      core.Customer
		number string
	}{{plain, "A\x001"}, {plain, "A\x002"}, {odd, "B-3"}, {plain, "A-4"}, {plain, "A5"}} {
		mustInvoice(t, s, x.c, invoiceSpec{number: x.number, dueIn: -10, total: "100"})
	}
	for _, c := range []struct {
		search string
		many   bool
		want   string
	}{{"\x00", true, "A\x001 A\x002 B-3"}, {"A\x00", false, "A\x001 A\x002"}, {"a\x00", false, ""}, {"m\x00B", false, "B-3"}} {
		var plan searchPlan
		err := s.read(ctx, "test", func(tx *sql.Tx) (err error) {
			plan, err = s.searchMatchesMany(ctx, tx, c.search, fewSearchMatches.list)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if plan.walks() != c.many {
			t.Errorf("search %q: plan %v, want many = %v", c.search, plan, c.many)
		}
		for _, plan := range allSearchPlans {
			q := core.InvoiceQuery{Search: c.search, Sort: core.SortNumber}
			query, args, err := pageQuery(q, today, plan)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, id := range readPageIDs(t, s, query, args) {
				inv, err := s.Invoice(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, inv.Number)
			}
			if strings.Join(got, " ") != c.want {
				t.Errorf("search %q, plan %v: %q, want %q", c.search, plan, got, c.want)
			}
		}
	}
}
