package data

import (
	"strings"
	"testing"

	"paminn/core"
)

// The balance column shows the claim and sorts by it through invoices_by_claim
// (016_claim_status.sql). A filter of open invoices, or of those with nothing left,
// seeks to its claims there rather than walking past every claim it cannot match: the
// paid filter by balance, descending, read the book's whole open part (60 ms at
// 100,000 invoices) before the bound was restated.
func TestSortedByBalanceAFilterSeeksToItsClaims(t *testing.T) {
	s := listBook(t)
	for f := range core.FilterTerms {
		if !onlyOpen(f) && !onlySettled(f) || fewIndexes[f] != "" {
			continue // a filter of few invoices sorts them (fewPageQuery)
		}
		for _, desc := range []bool{false, true} {
			query, args, err := pageQuery(core.InvoiceQuery{Filter: f, Sort: core.SortBalance, Desc: desc}, today, matchesFirst)
			if err != nil {
				t.Fatal(err)
			}
			plan := queryPlan(t, s, plannedQuery{"balance", query, args, false})
			if !strings.HasPrefix(plan[0], "SEARCH i USING INDEX invoices_by_claim (<expr>") {
				t.Errorf("filter %q by balance, desc=%v, does not seek in invoices_by_claim:\n%s", f, desc, strings.Join(plan, "\n"))
			}
		}
	}
}
