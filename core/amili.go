package core

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// AmiliEnvironment is which of Amili's installations Påminn talks to. Case references
// are stored with the environment that issued them, so a switch never mixes them.
type AmiliEnvironment string

// The Amili environments. The sandbox's address is public; production's comes from
// the creditor's agreement with Amili and is entered in the settings.
const (
	AmiliSandbox    AmiliEnvironment = "sandbox"
	AmiliProduction AmiliEnvironment = "production"
)

// AmiliEnvironments lists the environments in the order the settings offer them.
var AmiliEnvironments = []AmiliEnvironment{AmiliSandbox, AmiliProduction}

// EnvironmentOf is the environment of the settings: the sandbox unless production is
// chosen.
func (a AmiliSettings) EnvironmentOf() AmiliEnvironment {
	if a.Environment == AmiliProduction {
		return AmiliProduction
	}
	return AmiliSandbox
}

// AmiliCaseURL is the address of a case in Amili's web app, for "Öppna i Amili".
func AmiliCaseURL(caseID string) string {
	return "https://app.amili.se/open?resource=cases&id=" + caseID
}

// AmiliHandover is what Amili needs to register one invoice as a case.
type AmiliHandover struct {
	Invoice  Invoice
	Customer Customer
	// ReminderFee is what Påminn already charged in reminder fees on this invoice
	// (zero if none), last charged on ReminderFeeDate: Amili is told, so the debtor is
	// not charged twice.
	ReminderFee     decimal.Decimal
	ReminderFeeDate Date
}

// AmiliOCRUnknown reports whether the invoice is with Amili under a case whose OCR
// Påminn could not learn: the debtor now pays Amili, and the invoice must say that the
// OCR to pay with is not known rather than show none. A sync tries again.
func (inv Invoice) AmiliOCRUnknown() bool {
	return inv.AmiliCaseRef != "" && inv.AmiliOCR == "" && inv.AmiliState.WithAmili() && inv.AmiliState != AmiliPaid
}

// AmiliCase is Amili's answer about one registered case.
type AmiliCase struct {
	CaseID        string
	InvoiceNumber string
	// OCR is the payment reference Amili issued: the debtor now pays Amili with it.
	OCR   string
	State AmiliState
	// Raw is Amili's own state and status text when Påminn does not know them ("" when
	// it does): shown to the user as it stands.
	Raw string
}

// AmiliReportKind is what a report to Amili tells it.
type AmiliReportKind string

// The kinds of report Påminn sends Amili about a case.
const (
	AmiliReportPayment      AmiliReportKind = "payment"      // the debtor paid the creditor directly
	AmiliReportCrediting    AmiliReportKind = "crediting"    // the creditor credited part of the invoice
	AmiliReportCancellation AmiliReportKind = "cancellation" // the creditor withdraws the case
	AmiliReportUpload       AmiliReportKind = "upload"       // the original invoice PDF
)

// LookedUp reports whether a report of kind k can be looked up at Amili, so that one
// whose answer was lost is sent again only when the lookup provably finds nothing.
// Payments, creditings and cancellations each have a list at Amili; an upload has none
// (CONTRACT.md), so an uncertain upload is never sent again but by the user.
func (k AmiliReportKind) LookedUp() bool {
	switch k {
	case AmiliReportPayment, AmiliReportCrediting, AmiliReportCancellation:
		return true
	case AmiliReportUpload:
		return false
	}
	return false
}

// AmiliReport is one queued message to Amili about a case, delivered and retried like
// a reminder, never twice.
type AmiliReport struct {
	ID            int64
	Kind          AmiliReportKind
	InvoiceID     int64
	InvoiceNumber string
	Environment   AmiliEnvironment // of the case; a report for another environment waits
	CaseRef       string
	Amount        decimal.Decimal // payments
	Date          Date            // payments: the day the money came
	// Reference is unique per report: a payment's creditor_payment_reference.
	Reference string
	// CreditNumber is a crediting's credit note number ("" if none).
	CreditNumber string
	File         string // uploads: the PDF's path (a server book lists its name in the book; a claimed upload's is a temporary copy)
	State        DeliveryState
	Error        string   // last failure, in English (logs); the GUI shows FailureMessage
	Failure      *Message // why the last attempt failed, shown in the user's language (nil: none; a pointer keeps AmiliReport comparable)
	Attempts     int
	ExternalRef  string // Amili's id of the payment, cancellation or file
	UpdatedAt    time.Time
	// Uncertain is set on a report whose earlier attempt never finished, or ended
	// without telling whether Amili got it: by ClaimAmiliReports, and kept for an
	// upload (which cannot be looked up) until the user sends it again.
	Uncertain bool
	// By is who queued the report: a server book's user, "" on a file (issue 24).
	By string
}

// AmiliReportOutcome records the end of one attempt at a report.
type AmiliReportOutcome struct {
	ReportID    int64
	State       DeliveryState // DeliverySent or DeliveryFailed
	Error       string
	Failure     Message // Error as a message to show in the user's language
	ExternalRef string
	NextAttempt time.Time
	At          time.Time
	// CloseCase marks the invoice's case closed (a cancellation Amili accepted).
	CloseCase bool
	// Uncertain records that the attempt may or may not have reached Amili and the
	// report is not sent again on its own: an upload, until the user sends it again.
	Uncertain bool
}

// AmiliReportStore is the part of the Store that keeps the reports to Amili.
type AmiliReportStore interface {
	// QueueCancellation queues a withdrawal of the invoice's case (ECONFLICT if the
	// invoice has no open case or one is already queued).
	QueueCancellation(ctx context.Context, invoiceID int64, now time.Time) (AmiliReport, error)
	// ClaimAmiliReports marks up to limit due reports as sending and returns them, as
	// ClaimDeliveries does for reminders.
	ClaimAmiliReports(ctx context.Context, now, staleBefore time.Time, limit int) ([]AmiliReport, error)
	// FinishAmiliReport records an attempt's outcome.
	FinishAmiliReport(ctx context.Context, o AmiliReportOutcome) error
	// AmiliReports returns every report, newest first.
	AmiliReports(ctx context.Context) ([]AmiliReport, error)
	// InvoiceAmiliReports returns the invoice's reports, newest first.
	InvoiceAmiliReports(ctx context.Context, invoiceID int64) ([]AmiliReport, error)
	// RetryAmiliReport puts a failed report back in the queue, due now.
	RetryAmiliReport(ctx context.Context, id int64, now time.Time) error
	// AmiliCases returns the invoices with a case in env whose case is not final.
	AmiliCases(ctx context.Context, env AmiliEnvironment) ([]Invoice, error)
	// SetAmiliCase records what Amili reports about an invoice's case.
	SetAmiliCase(ctx context.Context, invoiceID int64, c AmiliCase) error
	// CreditInvoice records a credit note on an invoice: a 'credit_note' entry of
	// negative principal, the principal settled raised by the amount (ECONFLICT
	// beyond the invoice's unpaid principal), c.History in its history and, when the
	// invoice has an open case, the crediting queued for Amili.
	CreditInvoice(ctx context.Context, c Credit, now time.Time) (Invoice, error)
	// AttachInvoicePDF keeps a copy of the PDF at path as the invoice's original
	// (beside a book file; in a book on a server, so any desktop can upload it) and,
	// when the invoice has a case, queues its upload.
	AttachInvoicePDF(ctx context.Context, invoiceID int64, path string, now time.Time) (Invoice, error)
}

// Credit is a credit note on an invoice: the amount the customer no longer owes.
type Credit struct {
	InvoiceID int64
	Date      Date
	Amount    decimal.Decimal
	Number    string // the credit note's number, "" if none
	Reason    string // why the invoice is credited
	// History is the line the invoice's history shows (CreditInvoice makes it).
	History Message
}
