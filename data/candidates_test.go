package data

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"paminn/core"
)

func candidateNumbers(cs []core.Candidate) string {
	var ns []string
	for _, c := range cs {
		ns = append(ns, c.Invoice.Number)
	}
	return strings.Join(ns, " ")
}

// candidateBook is listBook with a fourth eligible invoice whose customer has no
// organisation or personal number, so Amili cannot take it.
func candidateBook(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t)
	writeCandidateBook(t, s)
	return s
}

// writeCandidateBook writes candidateBook's customers and invoices into s, on either
// engine.
func writeCandidateBook(t *testing.T, s core.Store) {
	t.Helper()
	writeListBook(t, s)
	nobody, err := s.CreateCustomer(ctx, core.Customer{Number: "K9", Name: "Cecilia utan nummer"})
	if err != nil {
		t.Fatal(err)
	}
	mustInvoice(t, s, nobody, invoiceSpec{number: "1009", dueIn: -30, total: "450", reminders: 2})
}

func TestCandidatePagesSortSearchAndKeepToWhatAmiliTakes(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		writeCandidateBook(t, s)
		// Eligible: 1001 (due −40, 1000 kr, Anna AB), 1009 (−30, 450, Cecilia, 2 reminders),
		// 1002 (−10, 300 left, Anna AB), 1005 (−5, 200, bertil hb, 1 reminder). Not 1006
		// (with Amili), 1004 and 1008 (paid), 1003 and X-2 (not yet overdue).
		tests := []struct {
			name string
			q    core.CandidateQuery
			want string
		}{
			{"by due date", core.CandidateQuery{Sort: core.CandidatesByDueDate}, "1001 1009 1002 1005"},
			{"by due date, latest first", core.CandidateQuery{Sort: core.CandidatesByDueDate, Desc: true}, "1005 1002 1009 1001"},
			{"by days overdue, fewest first", core.CandidateQuery{Sort: core.CandidatesByDaysOverdue}, "1005 1002 1009 1001"},
			{"by days overdue, most first", core.CandidateQuery{Sort: core.CandidatesByDaysOverdue, Desc: true}, "1001 1009 1002 1005"},
			{"by customer", core.CandidateQuery{Sort: core.CandidatesByCustomer}, "1001 1002 1009 1005"},
			{"by customer, backwards", core.CandidateQuery{Sort: core.CandidatesByCustomer, Desc: true}, "1005 1009 1002 1001"},
			{"by balance", core.CandidateQuery{Sort: core.CandidatesByBalance}, "1005 1002 1009 1001"},
			{"by balance, largest first", core.CandidateQuery{Sort: core.CandidatesByBalance, Desc: true}, "1001 1009 1002 1005"},
			{"by earlier reminders", core.CandidateQuery{Sort: core.CandidatesByReminders}, "1001 1002 1005 1009"},
			{"by earlier reminders, most first", core.CandidateQuery{Sort: core.CandidatesByReminders, Desc: true}, "1009 1005 1002 1001"},
			{"a customer's name, in any case", core.CandidateQuery{Sort: core.CandidatesByDueDate, Search: "ANNA"}, "1001 1002"},
			{"an invoice number", core.CandidateQuery{Sort: core.CandidatesByDueDate, Search: "009"}, "1009"},
			{"only what Amili takes", core.CandidateQuery{Sort: core.CandidatesByDueDate, AmiliOnly: true}, "1001 1002 1005"},
			{"a page", core.CandidateQuery{Sort: core.CandidatesByDueDate, Offset: 1, Limit: 2}, "1009 1002"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if tc.q.Limit == 0 {
					tc.q.Limit = core.DefaultPageSize
				}
				cs, err := s.CandidatePage(ctx, tc.q, today)
				if err != nil {
					t.Fatal(err)
				}
				if got := candidateNumbers(cs); got != tc.want {
					t.Errorf("page %q, want %q", got, tc.want)
				}
				ids, err := s.CandidateIDs(ctx, tc.q, today)
				if err != nil {
					t.Fatal(err)
				}
				if len(ids) != len(cs) {
					t.Fatalf("%d IDs for a page of %d", len(ids), len(cs))
				}
				for i, c := range cs {
					if ids[i] != c.Invoice.ID {
						t.Errorf("ID %d is %d, the page's row is %d", i, ids[i], c.Invoice.ID)
					}
				}
				// Select all's walk reads the same rows from the first, and stops when told.
				whole := tc.q
				whole.Offset, whole.Limit = 0, 1000
				wantIDs, err := s.CandidateIDs(ctx, whole, today)
				if err != nil {
					t.Fatal(err)
				}
				// On a server the walk reads pages, here of 1, 4, 16… rows.
				defer func(n int) { pgWalkFirst = n }(pgWalkFirst)
				for _, w := range []struct{ stop, first int }{{len(wantIDs), 256}, {1, 256}, {len(wantIDs), 1}, {2, 1}} {
					stop := w.stop
					pgWalkFirst = w.first
					var walked []int64
					err := s.WalkCandidates(ctx, tc.q, today, func(c *core.Candidate) bool {
						walked = append(walked, c.Invoice.ID)
						return len(walked) < stop
					})
					if err != nil {
						t.Fatal(err)
					}
					if want := wantIDs[:min(stop, len(wantIDs))]; !slices.Equal(walked, want) {
						t.Errorf("walk stopping after %d, pages from %d: %v, want %v", stop, w.first, walked, want)
					}
				}
			})
		}
	})
}

func TestCandidatePagesFillWhatEligibleInvoicesFills(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		writeCandidateBook(t, s)
		all, err := s.EligibleInvoices(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.CandidatePage(ctx, core.CandidateQuery{Sort: core.CandidatesByDueDate, Limit: 100}, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != len(all) {
			t.Fatalf("%d on the page, %d eligible", len(page), len(all))
		}
		for i := range all {
			a, p := all[i], page[i]
			// Decimals compare by value, so the rows by what they print.
			if fmt.Sprintf("%+v %+v", a.Invoice, *a.Customer) != fmt.Sprintf("%+v %+v", p.Invoice, *p.Customer) {
				t.Errorf("row %d: page %+v %+v, eligible %+v %+v", i, p.Invoice, *p.Customer, a.Invoice, *a.Customer)
			}
		}
		if page[0].Customer != page[2].Customer {
			t.Error("two rows of one customer do not share its Customer")
		}
	})
}

func TestCountCandidatesCountsAndSumsTheEligible(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		writeCandidateBook(t, s)
		tests := []struct {
			q       core.CandidateQuery
			count   int
			balance string
		}{
			{core.CandidateQuery{}, 4, "1950"},
			{core.CandidateQuery{Search: "anna"}, 2, "1300"},
			{core.CandidateQuery{AmiliOnly: true}, 3, "1500"},
			{core.CandidateQuery{Search: "ingen sådan"}, 0, "0"},
		}
		for _, tc := range tests {
			got, err := s.CountCandidates(ctx, tc.q, today)
			if err != nil {
				t.Fatal(err)
			}
			if got.Count != tc.count || !got.Balance.Equal(kr(tc.balance)) {
				t.Errorf("%+v: %d, %s; want %d, %s", tc.q, got.Count, got.Balance, tc.count, tc.balance)
			}
		}
	})
}

func TestCandidatesByIDLeaveOutWhatIsNotEligible(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		writeCandidateBook(t, s)
		page, err := s.ListInvoices(ctx, core.InvoiceQuery{Sort: core.SortNumber}, today)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, inv := range page.Invoices {
			ids = append(ids, inv.ID)
		}
		cs, err := s.CandidatesByID(ctx, ids, today)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, c := range cs {
			got[c.Invoice.Number] = true
		}
		for _, n := range []string{"1001", "1002", "1005", "1009"} {
			if !got[n] {
				t.Errorf("%s is missing", n)
			}
		}
		if len(cs) != 4 {
			t.Errorf("%d candidates of %d invoices: %s", len(cs), len(ids), candidateNumbers(cs))
		}
	})
}
