package core

import (
	"time"

	"github.com/shopspring/decimal"
)

// MaxReminderFee is the highest reminder fee the law allows (lag om ersättning för
// inkassokostnader m.m., 60 kr).
var MaxReminderFee = decimal.NewFromInt(60)

// Company is the business that sends the reminders.
type Company struct {
	Name      string
	OrgNumber string
	Bankgiro  string // checked by CheckBankgiro
	Plusgiro  string // checked by CheckPlusgiro; the letter prints it when there is no bankgiro
	Address   Address
	Email     string
	Phone     string
}

// AmiliSettings is the business's connection to Visma Amili.
type AmiliSettings struct {
	Activated   bool
	ActivatedAt time.Time
	CreditorID  string
	AccountID   string
	// APICode is the code Amili gave the creditor for its registered public key; the
	// API JWT carries it.
	APICode string
	// Environment is the sandbox or production; BaseURL is production's address from
	// the agreement (for the sandbox "" means its public address; the demo and tests
	// point it at a local sandbox).
	Environment AmiliEnvironment
	BaseURL     string
	// ProductionURL is production's address, from the agreement (not public).
	ProductionURL string
	// KeyFile is the file the private key was read from at activation, shown to the user
	// again ("" for a key Påminn generated); the key itself is kept in Secrets under
	// AmiliKeySecret, never in the book.
	KeyFile string
}

// SMTPSettings is how e-mail reminders leave; the password lives in the OS keyring.
type SMTPSettings struct {
	Host     string
	Port     int
	User     string
	From     string
	Security string // "starttls" (default), "tls" or "none" (tests only)
}

// Settings is everything the user configures.
type Settings struct {
	Company         Company
	ReminderFee     decimal.Decimal // ≤ MaxReminderFee
	PaymentTermDays int             // new due date = reminder date + this
	InterestMargin  decimal.Decimal // percentage points over the reference rate
	DefaultType     ReminderType    // becomes ReminderAmili on activation
	Amili           AmiliSettings
	SMTP            SMTPSettings
	LettersDir      string // where PDF letters are written; "" means the default
	// OCR is the company's Bankgirot OCR agreement: how new references are made and
	// entered or imported ones checked.
	OCR OCRRule
	// ImportMappings are the column mappings the user chose for import files whose
	// headers Påminn did not know, by importHeaderKey. Only imports change them.
	ImportMappings map[string]ColumnMapping
	// InterestInvoiceMinimum is the least interest a räntefaktura is offered for;
	// zero (the default, and a book from before the setting) offers every amount.
	InterestInvoiceMinimum decimal.Decimal
	// PaymentOrder is how payments are allocated over a claim (core/RULES.md,
	// "Allocation of payments"); the zero value is costs first.
	PaymentOrder PaymentOrder
	// Bookkeeping is how the SIE export books (core/bookkeeping.go); the zero value
	// is faktureringsmetoden on the BAS accounts.
	Bookkeeping BookkeepingSettings
	// Plan is the reminder plan, for companies and for consumers (core/plan.go); the
	// zero value is the default plan for both.
	Plan Plans
}

// DefaultSettings are the settings of a new book.
func DefaultSettings() Settings {
	return Settings{
		ReminderFee:     decimal.NewFromInt(60),
		PaymentTermDays: 10,
		InterestMargin:  decimal.NewFromInt(8),
		DefaultType:     ReminderManual,
		SMTP:            SMTPSettings{Port: 587, Security: "starttls"},
		Company:         Company{Address: Address{Country: "SE"}},
	}
}

// ReferenceRate is the Riksbank reference rate for one calendar half-year.
type ReferenceRate struct {
	Year        int
	Half        int             // 1 (Jan–Jun) or 2 (Jul–Dec)
	Rate        decimal.Decimal // percent
	Preliminary bool
}

// Activation is what the user gives to activate Amili.
type Activation struct {
	CreditorID    string
	AccountID     string
	APICode       string
	Environment   AmiliEnvironment // "" keeps the current one
	ProductionURL string           // for production: the address from the agreement
	// KeyFile is a private key the user brings; "" uses the key Påminn generated.
	KeyFile string
	BaseURL string // the sandbox's address; "" keeps the current or default one
}

// AmiliStatus is what the dialog's information bar needs to know.
type AmiliStatus struct {
	Activated   bool
	ActivatedAt time.Time
	CreditorID  string
	AccountID   string
	APICode     string
	Environment AmiliEnvironment
	KeyFile     string
	BaseURL     string // the address in use (of the environment)
	// SandboxURL and ProductionURL are the two environments' addresses ("" if unset).
	SandboxURL    string
	ProductionURL string
	// PublicKey is the PEM public key to register with Amili: of the key Påminn
	// generated and not yet activated, else of the key in use ("" if none).
	PublicKey string
	// NewKey is whether PublicKey belongs to a generated key not yet activated.
	NewKey bool
}

// DefaultAmiliBaseURL is Amili's sandbox, used until the user sets another.
const DefaultAmiliBaseURL = "https://api-sandbox.amili.se"

// SMTPPasswordKey names the SMTP password in Secrets.
const SMTPPasswordKey = "smtp-password"

// AmiliKeySecret names the Amili private key (PEM) in Secrets.
const AmiliKeySecret = "amili-key"

// AmiliNewKeySecret names a private key Påminn generated whose public half is not yet
// activated; activation moves it to AmiliKeySecret.
const AmiliNewKeySecret = "amili-new-key"
