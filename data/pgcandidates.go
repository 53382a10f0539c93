package data

import (
	"context"
	"database/sql"
	"math"

	"paminn/core"
)

// The reminder dialog's candidates on PostgreSQL: its pages, Select all's IDs and
// walk, and its count, as the SQLite store reads them (candidates.go), with the
// eligibility, the Amili terms, the orders and the search written once; only the
// FROM clause is PostgreSQL's (a join its planner orders, without SQLite's CROSS JOIN
// and index hints), and the search's term is pgsearch.go's.

// pgCandidatesFrom joins the invoices to their customers, for a candidate page.
const pgCandidatesFrom = ` FROM invoices i JOIN customers c ON c.id = i.customer_id`

// candidatePageQuery is candidatePageQuery on PostgreSQL, for q's search as the
// book has it.
func (s *PGStore) candidatePageQuery(ctx context.Context, tx *sql.Tx, q core.CandidateQuery, today core.Date, columns string) (string, []any, error) {
	plan, err := s.searchPlan(ctx, tx, q.Search, fewSearchMatches.dialog)
	if err == nil && q.Sort == core.CandidatesByCustomer {
		plan, err = s.searches.byCustomer(ctx, tx, pgSearchSQLFor(q.Search), q.Search, plan)
	}
	if err != nil {
		return "", nil, err
	}
	return pgCandidatePageQuery(q, today, columns, plan)
}

// pgCandidatePageQuery is the SELECT of columns for q's page on PostgreSQL, and its
// arguments, q's search read by plan.
func pgCandidatePageQuery(q core.CandidateQuery, today core.Date, columns string, plan searchPlan) (string, []any, error) {
	term := pgSearchSQLFor(q.Search)
	if q.Sort == core.CandidatesByCustomer {
		plan = plan.listedFirst() // see listedFirst; the other orders' indexes hold what a walk tests (pgmigrations/029, 030)
		term = pgByCustomer(term)
	}
	sort, where, args, err := candidatePageWhere(q, today, plan, term)
	if err != nil {
		return "", nil, err
	}
	if searchPattern(q.Search) != "" {
		idsFrom := ` FROM invoices i`
		if sort.index == "" || q.AmiliOnly {
			idsFrom = pgCandidatesFrom // by customer, or Amili's terms on the customer
		}
		order, args := candidatePageOrder(q, sort, args)
		return pgPageByIDs(columns, pgCandidatesFrom, idsFrom, where, order), args, nil
	}
	query, args := candidatePageSelect(q, sort, columns, pgCandidatesFrom, where, args)
	return query, args, nil
}

// CandidatePage returns one page of the eligible invoices q's search matches, in q's
// order, as Store.CandidatePage.
func (s *PGStore) CandidatePage(ctx context.Context, q core.CandidateQuery, today core.Date) ([]core.Candidate, error) {
	var cs []core.Candidate
	err := s.read(ctx, "list reminder candidates", func(ctx context.Context, tx *sql.Tx) error {
		query, args, err := s.candidatePageQuery(ctx, tx, q, today, candidateColumnsSQL)
		if err != nil {
			return err
		}
		cs, err = readCandidates(ctx, tx, query, args)
		return err
	})
	return cs, err
}

// CandidateIDs returns the IDs of q's page of eligible invoices, in q's order, as
// Store.CandidateIDs.
func (s *PGStore) CandidateIDs(ctx context.Context, q core.CandidateQuery, today core.Date) ([]int64, error) {
	ids := []int64{}
	err := s.read(ctx, "select reminder candidates", func(ctx context.Context, tx *sql.Tx) error {
		query, args, err := s.candidatePageQuery(ctx, tx, q, today, `i.id`)
		if err != nil {
			return err
		}
		return readIDs(ctx, tx, query, args, func(id int64) { ids = append(ids, id) })
	})
	return ids, err
}

// WalkCandidates hands q's eligible invoices to visit in q's order from the first,
// until visit returns false, as Store.WalkCandidates. PostgreSQL's planner cannot know
// that visit stops early (Select all takes some 200), and for a query without a
// bound it sorts every eligible invoice first (130–380 ms at 100,000); so the walk
// reads pages, the first of pgWalkFirst rows, each next one four times as long, in
// the transaction's one snapshot, and each page walks the order's index and stops.
func (s *PGStore) WalkCandidates(ctx context.Context, q core.CandidateQuery, today core.Date, visit func(*core.Candidate) bool) error {
	return s.read(ctx, "select reminder candidates", func(ctx context.Context, tx *sql.Tx) error {
		stopped := false
		for q.Offset, q.Limit = 0, pgWalkFirst; ; q.Offset, q.Limit = q.Offset+q.Limit, min(q.Limit*4, math.MaxInt32) {
			query, args, err := s.candidatePageQuery(ctx, tx, q, today, walkColumns)
			if err != nil {
				return err
			}
			n := 0
			err = walkCandidates(ctx, tx, query, args, func(c *core.Candidate) bool {
				n++
				stopped = !visit(c)
				return !stopped
			})
			if err != nil || stopped || n < q.Limit {
				return err
			}
		}
	})
}

// pgWalkFirst is the length of a walk's first page: Select all's 200 and those it
// passes over. Tests lower it.
var pgWalkFirst = 256

// CountCandidates counts the eligible invoices q's search matches (q's Amili terms
// too) and sums their balance, as Store.CountCandidates.
func (s *PGStore) CountCandidates(ctx context.Context, q core.CandidateQuery, today core.Date) (core.CandidateCount, error) {
	var c core.CandidateCount
	err := s.read(ctx, "count reminder candidates", func(ctx context.Context, tx *sql.Tx) error {
		plan, err := s.searchPlan(ctx, tx, q.Search, fewSearchMatches.dialog)
		if err != nil {
			return err
		}
		query, args := pgCountCandidatesQuery(q, today, plan)
		c, err = scanCandidateCount(tx.QueryRowContext(ctx, query, args...), searchCounted(q.Search, plan))
		return err
	})
	return c, err
}

// pgCountCandidatesQuery is countCandidatesQuery on PostgreSQL: the same counts,
// each sum cast back to bigint, the eligible invoices without a search summed from
// invoice_sums with its flags compared (pgSumsTerms).
func pgCountCandidatesQuery(q core.CandidateQuery, today core.Date, plan searchPlan) (string, []any) {
	const count = `SELECT count(*), coalesce(sum(` + balanceExpr + `), 0)::bigint`
	searched := searchPattern(q.Search) != ""
	filter := q
	filter.Search = ""
	switch {
	case searched && plan.walks():
		// Up to searchCountBound and one more, from the matches as found.
		where, args := candidateWhere(filter, today, matchesFirst)
		from, args := pgBoundedFrom(q.Search, plan, where, args, q.AmiliOnly)
		return `SELECT count(*), coalesce(sum(balance), 0)::bigint FROM (SELECT ` + balanceExpr + ` AS balance` +
			from + ` LIMIT ?) matches`, append(args, searchCountBound+1)
	case q.AmiliOnly:
		where, args := candidateWhereOf(q, today, plan, pgSearchSQLFor(q.Search))
		return count + pgCandidatesFrom + where, args
	case searched && plan.ids != "":
		where, args := candidateWhere(filter, today, matchesFirst)
		from, args := pgListedFrom(plan, where, args, false)
		return count + from, args
	case searched:
		where, args := candidateWhere(filter, today, matchesFirst)
		from, fromArgs := pgFewFrom(q.Search, plan)
		return count + from + where, append(fromArgs, args...)
	}
	eligible := pgSumsTerms(core.EligibleTerms)
	return `SELECT coalesce(sum(n), 0)::bigint, coalesce(sum(balance_ore), 0)::bigint FROM invoice_sums WHERE ` +
		pgAnd(eligible), eligible.args(today)
}
