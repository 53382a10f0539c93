package amili

import "time"

// The JSON shapes of the subset of Amili's Creditor API that Påminn uses. The client
// sends and reads them; the sandbox reads and answers with the same ones, so the two
// cannot drift apart.

// authPath is where a signed JWT is exchanged for an access token.
const authPath = "/authenticates/api-code"

// Registration is the body of POST /case--registrations.
type Registration struct {
	Creditor    string   `json:"creditor"`
	Account     string   `json:"account"`
	Currency    string   `json:"currency"`
	FirstAction string   `json:"first_action"` // "reminder": Amili starts with a payment reminder
	Customer    Customer `json:"customer"`
	Debts       []Debt   `json:"debts"`
}

// Customer is the debtor of a registration.
type Customer struct {
	Name      string  `json:"name"`
	IDNumber  string  `json:"id_number"` // organisation or personal identity number
	IsCompany bool    `json:"is_company"`
	Address   Address `json:"address"`
	Email     string  `json:"email,omitempty"`
}

// Address is the debtor's postal address.
type Address struct {
	AddressLine1 string `json:"address_line_1"`
	AddressLine2 string `json:"address_line_2,omitempty"`
	ZipCode      string `json:"zip_code"`
	City         string `json:"city"`
	Country      string `json:"country"` // ISO 3166-1 alpha-2
}

// Debt is one invoice handed over.
type Debt struct {
	InvoiceNumber string `json:"invoice_number"`
	InvoiceDate   string `json:"invoice_date"` // YYYY-MM-DD
	// CapitalToClaim is the unpaid balance in kronor as a decimal string with two
	// decimals and a point ("1250.00"): a string, never a JSON number, so no float
	// ever touches the amount on either side.
	CapitalToClaim string `json:"capital_to_claim"`
	DueDays        int    `json:"invoice_due_days_after_invoice_date"`
}

// Case is a case as Amili reports it: the answer of GET /cases/{id}, an element of
// GET /cases and of a registration's answer.
type Case struct {
	ID             string    `json:"id"` // e.g. "C-2026-000123"
	RegistrationID string    `json:"registration_id"`
	Creditor       string    `json:"creditor"`
	Account        string    `json:"account"`
	Status         string    `json:"status"` // see the Status constants
	OCR            string    `json:"ocr"`    // payment reference, Luhn check digit last
	Currency       string    `json:"currency"`
	Customer       Customer  `json:"customer"`
	Debts          []Debt    `json:"debts"`
	CreatedAt      time.Time `json:"created_at"`
}

// hasInvoice reports whether the case holds the invoice number.
func (c Case) hasInvoice(number string) bool {
	for _, d := range c.Debts {
		if d.InvoiceNumber == number {
			return true
		}
	}
	return false
}

// The case statuses the sandbox reports (and the client understands, among others).
const (
	StatusRegistered     = "registered"
	StatusReminderSent   = "reminder_sent"
	StatusDebtCollection = "debt_collection"
	StatusPaid           = "paid"
	StatusClosed         = "closed"
)

// registrationAnswer is the body of a 201 answer to POST /case--registrations.
type registrationAnswer struct {
	ID     string `json:"id"` // the registration's id, e.g. "R-2026-000045"
	Status string `json:"status"`
	Cases  []Case `json:"cases"`
}

// caseList is the body of the answer to GET /cases.
type caseList struct {
	Cases []Case `json:"cases"`
	Count int    `json:"count"`
}

// tokenAnswer is the body of the answer to GET /authenticates/api-code.
type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"` // seconds
}

// problem is the body of every error answer.
type problem struct {
	Message string       `json:"message"`
	Errors  []FieldError `json:"errors,omitempty"`
	CaseID  string       `json:"case_id,omitempty"` // with 409: the case that already holds the invoice
}

// FieldError is one reason Amili refused a registration.
type FieldError struct {
	Field   string `json:"field"` // e.g. "debts[0].capital_to_claim"
	Message string `json:"message"`
}
