package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The PostgreSQL twins of SQLite statements that shared functions run (pgTwin,
// pgdriver.go). Each is made from the SQLite constant by the rewrites below, so the
// query's meaning is written once; a twin that needs more than these is written out
// in full beside its SQLite statement.

// jsonEachIDs matches SQLite's reading of a JSON array of IDs, one of the store's
// arguments: `SELECT value FROM json_each(?)`.
var jsonEachIDs = regexp.MustCompile(`SELECT value FROM json_each\((\?\d*)\)`)

// sumCall matches an aggregate sum over a plain expression, which PostgreSQL returns
// as numeric for bigint columns.
var sumCall = regexp.MustCompile(`(?i)\bsum\(([^()]*)\)`)

// pgIDList is query, written for SQLite, as PostgreSQL runs it: a JSON array of IDs
// read with json_array_elements_text, each sum cast back to bigint (öre are whole),
// and without SQLite's index hints.
func pgIDList(query string) string {
	query = jsonEachIDs.ReplaceAllString(query, `SELECT value::bigint FROM json_array_elements_text(${1}::json)`)
	query = sumCall.ReplaceAllString(query, `sum(${1})::bigint`)
	return withoutIndexHints(query)
}

// twinIDList registers pgIDList(query) as query's twin.
func twinIDList(query string) string { return pgTwin(query, pgIDList(query)) }

// The statements over lists of invoice IDs (openparts.go, payments.go,
// reminderclaim.go).
var (
	_ = twinIDList(openPrincipalSQL)
	_ = twinIDList(openChargesSQL)
	_ = twinIDList(feesChargedSQL)
	_ = twinIDList(collectionChargedSQL)
	_ = twinIDList(interestStatedSQL)
	_ = twinIDList(lateCompensatedSQL(true))
	_ = twinIDList(lateCompensatedSQL(false))
)

// pgTextList is query, written for SQLite, as PostgreSQL runs it where its JSON arrays
// hold text (OCR references, invoice numbers, bank keys): each read with
// json_array_elements_text, its elements compared as the text they are.
func pgTextList(query string) string {
	return withoutIndexHints(jsonEachIDs.ReplaceAllString(query, `SELECT value FROM json_array_elements_text(${1}::json)`))
}

// The statements of a bank file's matching over lists of text (bankpayments.go).
var (
	_ = pgTwin(lookupInvoicesSQL, pgTextList(lookupInvoicesSQL))
	_ = pgTwin(registeredKeysSQL, pgTextList(registeredKeysSQL))
	_ = pgTwin(bankRefsElsewhereSQL, pgTextList(bankRefsElsewhereSQL))
)

// The statements over lists of customer IDs and the customers' credit, whose sums
// come back as bigint (bankpayments.go, customercredit.go).
var (
	_ = twinIDList(openInvoicesOfSQL)
	_ = twinIDList(fmt.Sprintf(creditBalanceSQL, allCredits, allCredits))
	_ = twinIDList(fmt.Sprintf(creditBalanceSQL, oneCredit, oneCreditsUses))
)

// twinEdited registers as query's twin query with each of the pairs of old and new
// text replaced once (and without SQLite's index hints), where PostgreSQL needs a word
// more than these rewrites give. An old text not in query panics when the package is
// initialised: a SQLite statement changed without its twin is caught by any test.
func twinEdited(query string, oldNew ...string) string {
	pg := query
	for i := 0; i+1 < len(oldNew); i += 2 {
		if !strings.Contains(pg, oldNew[i]) {
			panic("data: a PostgreSQL twin's edit " + strconv.Quote(oldNew[i]) + " is not in its statement")
		}
		pg = strings.Replace(pg, oldNew[i], oldNew[i+1], 1)
	}
	return pgTwin(query, withoutIndexHints(pg))
}

// The statements of an invoice's corrections and its räntefaktura (invoiceedit.go,
// interestinvoices.go): PostgreSQL adds no boolean to a count, so whether the invoice
// came into the book reminded counts as 0 or 1 in so many words.
var (
	_ = twinEdited(invoiceActivitySQL, `+ (i.reminder_count > 0)`, `+ (i.reminder_count > 0)::int`)
	_ = twinIDList(latePaidOfSQL)
	_ = twinIDList(interestInvoicesOfSQL)
)

// The details and the bookkeeping's events (details.go, bookevents.go). PostgreSQL
// wants a name for every subquery in FROM; it has no CROSS JOIN … ON (SQLite's way of
// fixing the join order, which PostgreSQL's planner chooses itself), so the events'
// joins are plain ones; and a UNION's column is of one type, so whether an event is
// on a räntefaktura is 0 or 1 in every branch, not a boolean in some.
var (
	_ = twinEdited(creditMovementsSQL, "WHERE u.customer_id = ?1)\n", "WHERE u.customer_id = ?1) AS m\n")
	_ = twinEdited(lastBookEventSQL, "invoice_date BETWEEN ?1 AND ?2)", "invoice_date BETWEEN ?1 AND ?2) AS l")
	_ = pgTwin(bookEventsSQL, withoutIndexHints(strings.NewReplacer(
		"CROSS JOIN", "JOIN", "i.interest_for != 0,", "(i.interest_for != 0)::int,").Replace(bookEventsSQL)))
)

// hasSQLiteOnly says whether a twin still holds something only SQLite reads, for the
// twins' test.
func hasSQLiteOnly(query string) bool {
	return strings.Contains(query, "json_each") || indexHints.MatchString(query)
}
