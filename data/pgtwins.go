package data

import (
	"fmt"
	"regexp"
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

// The statements of an invoice's corrections and its räntefaktura (invoiceedit.go,
// interestinvoices.go): PostgreSQL adds no boolean to a count, so whether the invoice
// came into the book reminded counts as 0 or 1 in so many words.
var (
	_ = pgTwin(invoiceActivitySQL, strings.Replace(invoiceActivitySQL, `+ (i.reminder_count > 0)`,
		`+ (i.reminder_count > 0)::int`, 1))
	_ = twinIDList(latePaidOfSQL)
	_ = twinIDList(interestInvoicesOfSQL)
)

// hasSQLiteOnly says whether a twin still holds something only SQLite reads, for the
// twins' test.
func hasSQLiteOnly(query string) bool {
	return strings.Contains(query, "json_each") || indexHints.MatchString(query)
}
