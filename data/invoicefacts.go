package data

import (
	"strconv"
	"strings"

	"paminn/core"
)

// factSQL is one of core's invoice facts (core/invoicefacts.go) in SQL: the one place
// the store says which columns a fact reads. The list's filters, its status order, its
// totals and the reminder candidates are all rendered from core's terms through this
// table; the partial indexes and invoice_sums' triggers in the migrations repeat these
// expressions, which invoicefacts_test.go checks.
type factSQL struct {
	holds, fails         string // on an invoices row under alias i
	sumsHolds, sumsFails string // on an invoice_sums row
	today                bool   // each of the four takes today as its one argument
}

var factsSQL = map[core.Fact]factSQL{
	core.FactOpen:      {`i.total_ore > i.paid_ore`, `(i.total_ore - i.paid_ore) <= 0`, `open`, `NOT open`, false},
	core.FactDue:       {`i.due_date < ?`, `i.due_date >= ?`, `due_date < ?`, `due_date >= ?`, true},
	core.FactReminded:  {`i.reminder_count > 0`, `i.reminder_count <= 0`, `reminded`, `NOT reminded`, false},
	core.FactWithAmili: {`i.amili_state NOT IN ` + amiliStatesOff, `i.amili_state IN ` + amiliStatesOff, `amili`, `NOT amili`, false},
	core.FactCharges:   {`i.charges_ore > 0`, `i.charges_ore <= 0`, `charged`, `NOT charged`, false},
	core.FactPaused:    {`i.pause != ''`, `i.pause = ''`, `paused`, `NOT paused`, false}, // 017_pauses.sql
}

// amiliStatesOff is core.AmiliStatesNotWithAmili as a parenthesised SQL list of text.
var amiliStatesOff = func() string {
	quoted := make([]string, len(core.AmiliStatesNotWithAmili))
	for i, s := range core.AmiliStatesNotWithAmili {
		quoted[i] = `'` + strings.ReplaceAll(string(s), `'`, `''`) + `'`
	}
	return `(` + strings.Join(quoted, `, `) + `)`
}()

// fact is the SQL of one fact on an invoices row: whether it holds.
func fact(f core.Fact) string {
	r, ok := factsSQL[f]
	if !ok {
		panic("data: no SQL for invoice fact " + strconv.Itoa(int(f)))
	}
	return r.holds
}

// renderedTerms is a conjunction of terms in SQL, with how many times it takes today.
type renderedTerms struct {
	conds  []string
	todays int
}

// render renders terms on an invoices row (sums false) or an invoice_sums row.
func render(terms []core.Term, sums bool) renderedTerms {
	var r renderedTerms
	for _, t := range terms {
		f, ok := factsSQL[t.Fact]
		if !ok {
			panic("data: no SQL for invoice fact " + strconv.Itoa(int(t.Fact)))
		}
		switch {
		case !sums && t.Holds:
			r.conds = append(r.conds, f.holds)
		case !sums:
			r.conds = append(r.conds, f.fails)
		case t.Holds:
			r.conds = append(r.conds, f.sumsHolds)
		default:
			r.conds = append(r.conds, f.sumsFails)
		}
		if f.today {
			r.todays++
		}
	}
	return r
}

// and is the conjunction, "1" for no terms.
func (r renderedTerms) and() string {
	if len(r.conds) == 0 {
		return `1`
	}
	return strings.Join(r.conds, ` AND `)
}

// args are the arguments the conjunction takes on today.
func (r renderedTerms) args(today core.Date) []any {
	args := make([]any, r.todays)
	for i := range args {
		args[i] = dateText(today)
	}
	return args
}

// The terms the store renders once.
var (
	// isOverdue is the overdue filter's terms, taking today.
	isOverdue = render(core.FilterTerms[core.FilterOverdue], false)
	// sumsOverdue is the same on invoice_sums, taking today.
	sumsOverdue = render(core.FilterTerms[core.FilterOverdue], true)
	// isEligible is rule 1 without Amili's own terms (core.EligibleTerms), taking today.
	isEligible = render(core.EligibleTerms, false)
	// sumsEligible is the same on invoice_sums, taking today.
	sumsEligible = render(core.EligibleTerms, true)
	// statusRankExpr orders the status column by core.StatusOrder's ranks
	// (invoices_by_status holds it).
	statusRankExpr = renderStatusRank()
)

// renderedFilter is one list filter rendered once: its terms on the invoices and on
// invoice_sums, and the status ranks it can match.
type renderedFilter struct {
	rows, sums renderedTerms
	ranks      string // statusRankRange
}

// filtersSQL are core.FilterTerms rendered, by filter.
var filtersSQL = func() map[core.Filter]renderedFilter {
	out := make(map[core.Filter]renderedFilter, len(core.FilterTerms))
	for f, terms := range core.FilterTerms {
		out[f] = renderedFilter{render(terms, false), render(terms, true), statusRankRange(f)}
	}
	return out
}()

// filterSQL is filter f rendered; ok is false for an unknown filter.
func filterSQL(f core.Filter) (renderedFilter, bool) {
	r, ok := filtersSQL[f]
	return r, ok
}

// renderStatusRank is core.StatusRules as an SQL CASE of core.StatusOrder's ranks.
// The last rules, whose rank is the last rule's, go to its ELSE: what is left must
// not depend on today, or no index could hold the order.
func renderStatusRank() string {
	rules := core.StatusRules
	last := core.StatusRank(rules[len(rules)-1].Status)
	for len(rules) > 1 && core.StatusRank(rules[len(rules)-2].Status) == last {
		rules = append(rules[:len(rules)-2:len(rules)-2], rules[len(rules)-1])
	}
	var b strings.Builder
	b.WriteString(`(CASE`)
	for _, r := range rules[:len(rules)-1] {
		when := render(r.When, false)
		if when.todays > 0 {
			panic("data: the status order depends on today")
		}
		b.WriteString(` WHEN ` + when.and() + ` THEN ` + strconv.Itoa(core.StatusRank(r.Status)))
	}
	b.WriteString(` ELSE ` + strconv.Itoa(last) + ` END)`)
	return b.String()
}

// statusRankRange narrows filter f to the status ranks it can match (with a leading
// space, "" for all of them), as ranges, not equality: SQLite then needs no sort.
func statusRankRange(f core.Filter) string {
	lo, hi := f.StatusRanks()
	top := len(core.StatusOrder) - 1
	switch {
	case lo == 0 && hi == top:
		return ""
	case hi == top:
		return ` >= ` + strconv.Itoa(lo)
	case lo == 0:
		return ` < ` + strconv.Itoa(hi+1)
	}
	return ` BETWEEN ` + strconv.Itoa(lo) + ` AND ` + strconv.Itoa(hi)
}

// onlyOpen says whether filter f matches only invoices with a balance.
func onlyOpen(f core.Filter) bool { return hasTerms(f, core.Is(core.FactOpen)) }

// onlySettled says whether filter f matches only invoices with nothing left: neither
// a balance nor open charges, so a claim of zero or less.
func onlySettled(f core.Filter) bool {
	return hasTerms(f, core.Not(core.FactOpen), core.Not(core.FactCharges))
}

// hasTerms says whether filter f has every one of terms.
func hasTerms(f core.Filter, terms ...core.Term) bool {
	for _, want := range terms {
		found := false
		for _, t := range core.FilterTerms[f] {
			found = found || t == want
		}
		if !found {
			return false
		}
	}
	return true
}
