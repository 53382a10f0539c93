package data

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"paminn/core"
)

// The hot paths on a large book — the invoice list's pages and totals, the reminder
// candidates, a batch's invoices, the delivery queue and a batch by its key — must
// never read the whole invoices or reminders table: these tests ask SQLite for each
// query's plan, both on a new book and after ANALYZE has given the planner
// statistics, as closing the program does.

// tableScan matches a plan step reading a whole invoices or reminders table without
// an index (aliases i and r included); "SCAN i USING INDEX …" walks an index in order
// and stops at the page's LIMIT, which is fine.
var tableScan = regexp.MustCompile(`^SCAN (invoices|reminders|i|r)$`)

type plannedQuery struct {
	name  string
	query string
	args  []any
	// sorted allows a temporary B-tree for ORDER BY: only where the matches are few.
	sorted bool
}

func hotQueries(t *testing.T) []plannedQuery {
	t.Helper()
	var qs []plannedQuery
	for _, f := range []core.Filter{core.FilterAll, core.FilterUnpaid, core.FilterOverdue,
		core.FilterReminded, core.FilterAmili, core.FilterCharges, core.FilterPaid, core.FilterPaused} {
		for key := range listSorts {
			for _, desc := range []bool{false, true} {
				q := core.InvoiceQuery{Filter: f, Sort: key, Desc: desc}
				query, args, err := pageQuery(q, today, matchesFirst)
				if err != nil {
					t.Fatal(err)
				}
				qs = append(qs, plannedQuery{fmt.Sprintf("page filter=%q sort=%s desc=%v", f, key, desc),
					query, args, fewIndexes[f] != ""})
				// A search that matches many invoices reads the page as without one,
				// testing each row: one letter, and one found through the trigram index.
				for _, walk := range []struct {
					search string
					plan   searchPlan
				}{{"e", walkTestingRows}, {"bygg", walkTestingRows}, {"bygg", walkMatchingCustomers}} {
					q.Search = walk.search
					query, args, err = pageQuery(q, today, walk.plan)
					if err != nil {
						t.Fatal(err)
					}
					qs = append(qs, plannedQuery{fmt.Sprintf("page filter=%q sort=%s desc=%v, a search matching many (%q)", f, key, desc, walk.search),
						query, args, fewIndexes[f] != ""})
				}
			}
		}
		totals, args, err := sumsTotalsQuery(f, today)
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, plannedQuery{fmt.Sprintf("totals filter=%q", f), totals, args, false})
	}
	for key := range candidateSorts {
		for _, desc := range []bool{false, true} {
			for _, amili := range []bool{false, true} {
				q := core.CandidateQuery{Sort: key, Desc: desc, AmiliOnly: amili, Limit: core.DefaultPageSize}
				for _, columns := range []string{candidateColumnsSQL, `i.id`} {
					query, args, err := candidatePageQuery(q, today, columns, matchesFirst)
					if err != nil {
						t.Fatal(err)
					}
					qs = append(qs, plannedQuery{fmt.Sprintf("candidates sort=%s desc=%v amili=%v columns=%.4s", key, desc, amili, columns),
						query, args, false})
					for _, walk := range []struct {
						search string
						plan   searchPlan
					}{{"e", walkTestingRows}, {"bygg", walkTestingRows}, {"bygg", walkMatchingCustomers}} {
						many := q
						many.Search = walk.search
						query, args, err = candidatePageQuery(many, today, columns, walk.plan)
						if err != nil {
							t.Fatal(err)
						}
						qs = append(qs, plannedQuery{fmt.Sprintf("candidates sort=%s desc=%v amili=%v columns=%.4s, a search matching many (%q)", key, desc, amili, columns, walk.search),
							query, args, false})
					}
				}
			}
		}
	}
	count, args := countCandidatesQuery(core.CandidateQuery{Search: "anna"}, today, matchesFirst)
	countMany, manyArgs := countCandidatesQuery(core.CandidateQuery{Search: "e"}, today, walkTestingRows)
	qs = append(qs, plannedQuery{"candidate count of a search", count, args, false},
		plannedQuery{"candidate count of a search matching many", countMany, manyArgs, false},
		plannedQuery{"candidate count", sumsCandidatesSQL, []any{dateText(today)}, false},
		plannedQuery{"highest invoice numbers", highestNumbersSQL, nil, false})
	return append(append(qs,
		plannedQuery{"eligible invoices", eligibleSQL, []any{dateText(today)}, false},
		plannedQuery{"invoices for a reminder batch", `SELECT ` + invoiceColumns + `, ` + customerColumns +
			invoiceFrom + ` WHERE i.id IN (?, ?, ?)`, []any{1, 2, 3}, false},
		plannedQuery{"a batch's invoices marked reminded", markRemindedSQL(`last_reminded = ?`, 3),
			[]any{dateText(today), 1, 2, 3}, false},
		plannedQuery{"a batch's manual reminders moved in invoice_sums", batchSumsSQL, []any{1, true}, true},
		plannedQuery{"a batch's manual reminders moved in plan_sums", batchPlanSumsSQL, []any{1, true}, true},
		plannedQuery{"the interest earlier reminders stated", interestStatedSQL, []any{"[1,2,3]"}, true},
		// The queue holds only what is not yet sent: few rows, sorted by the union.
		plannedQuery{"claim deliveries", dueSQL, []any{"2025-03-15T10:00:00Z", "2025-03-15T09:00:00Z", 20}, true},
		plannedQuery{"batch by key", batchByKeySQL, []any{"key"}, false},
		plannedQuery{"failed deliveries of a list page", deliveryFailuresSQL(3), []any{1, 2, 3}, true},
		plannedQuery{"failed reminders", failedRemindersSQL, nil, true},
		// A batch has at most core.MaxBatch reminders, found by its key's index.
		plannedQuery{"batch reminders", `SELECT ` + reminderColumns + reminderFrom + batchRemindersWhere, []any{1}, true},
		// Payments come by invoice, in the order of the index on invoice.
		plannedQuery{"payments of candidates", paymentsSQL("?, ?, ?"), []any{1, 2, 3}, true},
		plannedQuery{"invoices charged förseningsersättning", lateCompensatedSQL(true), []any{"[1,2,3]"}, true},
		plannedQuery{"every invoice charged förseningsersättning", lateCompensatedSQL(false), nil, true},
		plannedQuery{"reminder fees charged on candidates", feesChargedSQL, []any{"[1,2,3]"}, true},
		// sie: a period's events, each table through its index on date, sorted as a union.
		plannedQuery{"events to book", bookEventsSQL, []any{"2025-01-01", "2025-12-31"}, true},
		plannedQuery{"the latest event to book", lastBookEventSQL, []any{"2025-01-01", "2025-12-31"}, false},
	), planDueQueries()...)
}

// planDueQueries are the reads of the invoices due by the plan (issue 22), for the
// default plans and for plans that differ between companies and consumers.
func planDueQueries() []plannedQuery {
	var qs []plannedQuery
	own := core.Plan{Steps: append([]core.PlanStep(nil), core.DefaultPlan().Steps[:2]...)}
	own.Steps[0].Days = 5
	for name, plans := range map[string]core.Plans{"the default plans": {}, "plans that differ": {Consumers: own}} {
		due := plans.Due(today, true)
		page, pageArgs := dueByPlanPageQuery(due, 0, core.DefaultPageSize)
		count, countArgs := countDueByPlanQuery(due)
		qs = append(qs, plannedQuery{"due by the plan, a page, " + name, page, pageArgs, false},
			plannedQuery{"due by the plan, the count, " + name, count, countArgs, false})
	}
	return qs
}

func TestHotQueriesReadNoWholeTable(t *testing.T) {
	s := listBook(t)
	for _, stats := range []string{"without statistics", "after ANALYZE"} {
		if stats == "after ANALYZE" {
			if _, err := s.db.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for _, q := range hotQueries(t) {
			plan := queryPlan(t, s, q)
			for _, step := range plan {
				if tableScan.MatchString(step) {
					t.Errorf("%s, %s: %s reads the whole table:\n%s", q.name, stats, step, strings.Join(plan, "\n"))
				}
				if step == "USE TEMP B-TREE FOR ORDER BY" && !q.sorted {
					t.Errorf("%s, %s: sorts instead of reading an index in order:\n%s", q.name, stats, strings.Join(plan, "\n"))
				}
			}
		}
	}
}

// queryPlan is the detail column of EXPLAIN QUERY PLAN for q, one step a line.
func queryPlan(t *testing.T, s *Store, q plannedQuery) []string {
	t.Helper()
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q.query, q.args...)
	if err != nil {
		t.Fatalf("%s: %v", q.name, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}
