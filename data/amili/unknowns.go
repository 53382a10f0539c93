package amili

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"paminn/core"
)

// This file holds, in one place, every answer the client gives to a point that
// Amili's public documentation leaves open (CONTRACT.md: "unknown" and "Still to
// confirm with Amili before a real agreement is used"). When Amili confirms one, it is
// changed here and nowhere else.

// SandboxURL is Amili's public sandbox. Production's address is not public (unknown):
// it is a setting the user enters from the agreement, so there is no constant for it.
const SandboxURL = core.DefaultAmiliBaseURL

// Unknown: the access token's lifetime. Amili does not say; the client assumes this
// much when the answer names none, and renews after any 401 regardless.
const defaultTokenLife = 5 * time.Minute

// tokenFields are the names the access token may travel under in the answer of GET
// /authenticates/api-code, documented candidates first (unknown: the docs show no
// example). lifeFields likewise name its lifetime in seconds.
var (
	tokenFields = []string{"access_token", "token", "api_token", "accessToken", "_token", "jwt"}
	lifeFields  = []string{"expires_in", "expiresIn", "ttl"}
)

// parseTokenAnswer reads the access token from Amili's answer, tolerantly: a JSON
// object with one of tokenFields (optionally its lifetime), or a bare JSON string, or
// the token as plain text. The one function that knows the token's shape.
func parseTokenAnswer(body []byte) (token string, life time.Duration, err error) {
	text := strings.TrimSpace(string(body))
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) == nil {
		for _, f := range tokenFields {
			var s string
			if raw, ok := obj[f]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
				token = s
				break
			}
		}
		for _, f := range lifeFields {
			var n float64
			if raw, ok := obj[f]; ok && json.Unmarshal(raw, &n) == nil && n > 0 {
				life = time.Duration(n) * time.Second
				break
			}
		}
		if token == "" {
			return "", 0, errors.New("the answer holds no access token")
		}
		return token, life, nil
	}
	var s string
	if json.Unmarshal(body, &s) == nil && s != "" {
		return s, 0, nil
	}
	if text != "" && !strings.ContainsAny(text, " \t\r\n{}[]<>\"") {
		return text, 0, nil
	}
	return "", 0, errors.New("the answer holds no access token")
}

// Unknown: the full lists of case states and statuses. These are the values the
// documentation shows; anything else is shown as Amili's raw text and logged.
var (
	knownStates = map[string]core.AmiliState{
		"initializing":    core.AmiliRegistered,
		"invoice":         core.AmiliRegistered,
		"reminder":        core.AmiliReminderSent,
		"debt_collection": core.AmiliDebtCollection,
	}
	knownStatuses = map[string]core.AmiliState{
		"initialized":            core.AmiliRegistered,
		"debt_collection_active": core.AmiliDebtCollection,
	}
)

// stateOfCase maps a case to core's hand-over state. Unknown: what `closed` means
// exactly; the client reads a closed case with nothing left to pay as paid and any
// other closed case as closed. raw is Amili's own "state/status" text when the state
// is not one the client knows ("" when it is); the state is then Registered, as the
// case exists.
func stateOfCase(c Case) (state core.AmiliState, raw string) {
	if c.Closed {
		if c.RemainingCapital != nil && !c.RemainingCapital.IsPositive() {
			return core.AmiliPaid, ""
		}
		return core.AmiliClosed, ""
	}
	if st, ok := knownStates[c.State]; ok {
		return st, ""
	}
	if st, ok := knownStatuses[c.Status]; ok {
		return st, ""
	}
	raw = strings.Trim(c.State+"/"+c.Status, "/")
	if raw == "" {
		return core.AmiliRegistered, ""
	}
	return core.AmiliRegistered, raw
}

// Unknown: whether Amili refuses a second case for the same creditor and invoice
// number. The client does not rely on it: it registers again only after a lookup that
// provably worked (lookup.go). Eve answers a uniqueness breach with 422 "value '…' is
// not unique"; notUnique recognises that answer so it is read as "the case exists".
func notUnique(issue string) bool { return strings.Contains(issue, "is not unique") }

// A registration read back (GET /case--registrations/{id}) carries the OCRs it issued
// (`_ocr_numbers_ocr`) and the debts it registered; whether it repeats the POST
// answer's `_cases` is unknown. The client finds a case's OCR there by the debt's
// invoice number (registrationOCR), by `_cases` only when they are given.
const registrationsPath = "/case--registrations"

// paymentsPath is where payments go; GET on it lists them, filterable with `where`
// on `case` (CONTRACT.md). The client looks a payment up there before it reports one
// a second time, and fails closed when the answer is not provably filtered.
const paymentsPath = "/creditor--payments"

// Unknown: whether Amili refuses a second crediting or payment under the same
// creditor reference. The client does not rely on it: after an uncertain report it
// looks the report up (FindReport) and sends it again only when that lookup provably
// worked and found nothing. Unknown too: what docs-alpha's credit_invoice holds (it
// says "the credit invoice's id", which may be an id in Amili's system), so the client
// leaves it out and names its own reference in creditor_reference.

// The paths of the reports to Amili; each has a list endpoint of the same path
// (CONTRACT.md), filterable with `where` on `case`.
const (
	creditingsPath    = "/creditor--creditings"
	cancellationsPath = "/creditor--cancellations"
)

// Unknown: the origin value for a creditor's own system; the documented example.
const originCreditorSystem = "creditor_system"

// Unknown: which registration fields are required and which optional. The client
// leaves out every empty one (Eve refuses nulls and the sandbox refuses empty strings);
// the sandbox requires the ones below, so a registration without them fails in tests
// as it might at Amili.
var requiredRegistrationFields = []string{
	"account", "creditor", "first_action", "currency", "customer", "debts",
	"customer.name", "customer.id_number", "customer.is_company", "customer.address",
	"customer.address.address_line_1", "customer.address.zip_code", "customer.address.city",
	"debts.invoice_number", "debts.invoice_date", "debts.capital_to_claim",
}

// Unknown: rate limits. The client pages with the largest page Amili allows and syncs
// at most every core.AmiliSyncInterval; a 429 is "unavailable, try again later".
const maxPageSize = 100

// Unknown: webhooks. None are documented for the Swedish API, so states are polled.
