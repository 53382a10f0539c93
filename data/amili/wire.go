package amili

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// The JSON shapes of Amili's Creditor API as CONTRACT.md documents them (Eve's
// conventions: leading-underscore meta fields, `_items`/`_meta` lists, RFC 1123 dates).
// The client sends and reads them; the sandbox validates requests against the
// documented schema (sandbox_schema.go), not against these structs.

// authPath is where a signed JWT is exchanged for an access token.
const authPath = "/authenticates/api-code"

// Amount is an amount in kronor written as an exact JSON number ("1250.50"): the
// decimal's own digits, never a float computation. Reading refuses a JSON string.
type Amount struct{ decimal.Decimal }

// MarshalJSON writes the amount with two decimals as a number literal.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.StringFixed(2)), nil }

// maxAmountText bounds how long a number in an answer may be written; no amount
// within core's range needs more, and a longer one is refused before it is parsed.
const maxAmountText = 40

// UnmarshalJSON reads a JSON number exactly; a string, or an amount outside
// core.CheckAmountRange (the one range every amount entering Påminn is held to), is
// refused.
func (a *Amount) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] == '"' || !json.Valid(b) {
		return errors.New("an amount must be a JSON number")
	}
	tooLarge := core.CheckAmountRange(core.MaxAmount.Add(decimal.NewFromInt(1)), string(b))
	if len(b) > maxAmountText {
		return tooLarge
	}
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return err
	}
	// An exponent (1e999999999) is short to write but costly to round; none within
	// the range needs one this far from the öre.
	if d.Exponent() > maxAmountText || d.Exponent() < -maxAmountText {
		return tooLarge
	}
	if err := core.CheckAmountRange(d, string(b)); err != nil {
		return err
	}
	a.Decimal = d
	return nil
}

// amountOf wraps d.
func amountOf(d decimal.Decimal) Amount { return Amount{d} }

// httpDate writes a calendar date as RFC 1123 in GMT (http.TimeFormat): midnight UTC.
func httpDate(t time.Time) string { return t.UTC().Format(http.TimeFormat) }

// Registration is the body of POST /case--registrations.
type Registration struct {
	Account     string   `json:"account,omitempty"`
	Creditor    string   `json:"creditor,omitempty"`
	FirstAction string   `json:"first_action,omitempty"` // "reminder" or "debt_collection"
	Currency    string   `json:"currency,omitempty"`
	Customer    Customer `json:"customer"`
	Debts       []Debt   `json:"debts"`
}

// Customer is the debtor of a registration.
type Customer struct {
	Name         string   `json:"name,omitempty"`
	IDNumber     string   `json:"id_number,omitempty"` // digits only
	IsCompany    bool     `json:"is_company"`
	Email        string   `json:"email,omitempty"`
	MobileNumber string   `json:"mobile_number,omitempty"`
	Address      *Address `json:"address,omitempty"`
}

// Address is the debtor's postal address; no second line is documented.
type Address struct {
	AddressLine1 string `json:"address_line_1,omitempty"`
	ZipCode      string `json:"zip_code,omitempty"` // digits only
	City         string `json:"city,omitempty"`
	Country      string `json:"country,omitempty"` // ISO 3166-1 alpha-2
}

// Debt is one invoice handed over; each becomes its own case.
type Debt struct {
	InvoiceNumber   string `json:"invoice_number,omitempty"`
	DebtDescription string `json:"debt_description,omitempty"`
	InvoiceDate     string `json:"invoice_date,omitempty"` // RFC 1123, GMT
	CapitalToClaim  Amount `json:"capital_to_claim"`
	DueDays         int    `json:"invoice_due_days_after_invoice_date"`
	// FeesIncluded names fees inside CapitalToClaim; Påminn has none to name.
	FeesIncluded *FeesIncluded `json:"fees_included_in_capital_to_claim,omitempty"`
	// FeesClaimed names fees the creditor already charged outside the capital.
	FeesClaimed *FeesClaimed `json:"fees_already_claimed,omitempty"`
}

// FeesIncluded is fees_included_in_capital_to_claim.
type FeesIncluded struct {
	InvoiceFee *Amount `json:"invoice_fee,omitempty"`
}

// FeesClaimed is fees_already_claimed.
type FeesClaimed struct {
	Reminder *ClaimedFee `json:"reminder,omitempty"`
}

// ClaimedFee is one fee already charged and when.
type ClaimedFee struct {
	Amount           Amount `json:"amount"`
	RegistrationDate string `json:"fee_registration_date,omitempty"` // RFC 1123, GMT
}

// RegistrationAnswer is the body of a 201 answer to POST /case--registrations, and of
// GET /case--registrations/{id}: _cases[i] is the case of debts[i] and
// _ocr_numbers_ocr[i] the OCR its debtor now pays Amili with.
type RegistrationAnswer struct {
	ID            string   `json:"_id"`
	Status        string   `json:"_status,omitempty"`
	Created       string   `json:"_created,omitempty"`
	Updated       string   `json:"_updated,omitempty"`
	ETag          string   `json:"_etag,omitempty"`
	Cases         []string `json:"_cases"`
	OCRNumbers    []string `json:"_ocr_numbers,omitempty"`
	OCRNumbersOCR []string `json:"_ocr_numbers_ocr"`
}

// RegistrationRead is what the client reads of a registration read back (GET
// /case--registrations/{id}): the OCRs it issued, `_ocr_numbers_ocr[i]` for
// `debts[i]`, and `_cases` when the answer repeats them.
type RegistrationRead struct {
	ID            string   `json:"_id"`
	Cases         []string `json:"_cases,omitempty"`
	OCRNumbersOCR []string `json:"_ocr_numbers_ocr"`
	Debts         []struct {
		InvoiceNumber string `json:"invoice_number"`
	} `json:"debts"`
}

// Case is a case as Amili reports it (GET /cases, /cases/{id}).
type Case struct {
	ID               string          `json:"_id"`
	Created          string          `json:"_created,omitempty"`
	Creditor         string          `json:"creditor"`
	Customer         string          `json:"customer,omitempty"` // an id, not an object
	CaseRegistration string          `json:"case_registration,omitempty"`
	Debt             CaseDebt        `json:"debt"`
	State            string          `json:"state"`
	Status           string          `json:"status"`
	Closed           bool            `json:"closed"`
	StateHistory     json.RawMessage `json:"state_history,omitempty"`
	StatusHistory    json.RawMessage `json:"status_history,omitempty"`
	RemainingCapital *Amount         `json:"local_remaining_capital_amount,omitempty"`
}

// CaseDebt is a case's one debt.
type CaseDebt struct {
	InvoiceNumber   string  `json:"invoice_number"`
	InvoiceDate     string  `json:"invoice_date,omitempty"`
	InitialCapital  *Amount `json:"initial_capital,omitempty"`
	CapitalToClaim  *Amount `json:"capital_to_claim,omitempty"`
	DebtDescription string  `json:"debt_description,omitempty"`
}

// List is a list answer: a page of items and where it stands.
type List[T any] struct {
	Items []T   `json:"_items"`
	Meta  *Meta `json:"_meta"`
}

// Meta is a list's paging: total items, page size and page number (from 1).
type Meta struct {
	Total      int `json:"total"`
	MaxResults int `json:"max_results"`
	Page       int `json:"page"`
}

// CreditorPayment is the body of POST /creditor--payments: money the debtor paid the
// creditor directly.
type CreditorPayment struct {
	Creditor            string `json:"creditor"`
	Account             string `json:"account,omitempty"`
	Case                string `json:"case"`
	Currency            string `json:"currency"`
	Amount              Amount `json:"amount"`
	BankTransactionDate string `json:"bank_transaction_date"`
	Reference           string `json:"creditor_payment_reference"`
	Origin              string `json:"origin"`
}

// PaymentAnswer is the answer to POST /creditor--payments, and an item of its list.
type PaymentAnswer struct {
	ID            string `json:"_id"`
	Status        string `json:"_status,omitempty"`
	PaymentStatus string `json:"_payment_status,omitempty"`
	Case          string `json:"case,omitempty"`
	Reference     string `json:"creditor_payment_reference,omitempty"`
}

// Crediting is the body of POST /creditor--creditings with exactly the fields
// CONTRACT.md lists: the ones docs.amili.se requires (creditor, case, currency,
// amount, origin) and docs-alpha's optional ones by their names. invoice_number may
// stand instead of case, never beside it; account is read-only there, so it is never
// sent. Eve refuses any other field with 422.
type Crediting struct {
	Creditor      string `json:"creditor"`
	Case          string `json:"case,omitempty"`
	InvoiceNumber string `json:"invoice_number,omitempty"`
	Currency      string `json:"currency"`
	Amount        Amount `json:"amount"`
	Origin        string `json:"origin"`
	// CreditInvoice is the credit invoice's id (docs-alpha).
	CreditInvoice string `json:"credit_invoice,omitempty"`
	// ClientRegistrationDate is when the credit was made, RFC 1123 in GMT.
	ClientRegistrationDate string `json:"client_registration_date,omitempty"`
	// CreditorReference is the creditor's own reference for the crediting.
	CreditorReference string `json:"creditor_reference,omitempty"`
}

// ReportItem is an item of the lists of payments, creditings and cancellations (GET
// /creditor--payments, /creditor--creditings, /creditor--cancellations): the fields a
// lookup needs to know a report sent before.
type ReportItem struct {
	ID                string `json:"_id"`
	Case              string `json:"case"`
	PaymentReference  string `json:"creditor_payment_reference,omitempty"`
	CreditorReference string `json:"creditor_reference,omitempty"`
}

// Cancellation is the body of POST /creditor--cancellations.
type Cancellation struct {
	Creditor string `json:"creditor"`
	Case     string `json:"case"`
	Origin   string `json:"origin"`
}

// CancellationAnswer is the answer to POST /creditor--cancellations.
type CancellationAnswer struct {
	ID                 string `json:"_id"`
	Status             string `json:"_status,omitempty"`
	CancellationStatus string `json:"_cancellation_status,omitempty"`
}

// UploadAnswer is the answer to POST /media--upload/{case}.
type UploadAnswer struct {
	URL string `json:"url"`
}

// EveError is an error answer in Eve's shape: `_issues` maps fields to a message or,
// for nested fields and list positions, to more issues.
type EveError struct {
	Status string `json:"_status"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"_error,omitempty"`
	Issues map[string]any `json:"_issues,omitempty"`
}
