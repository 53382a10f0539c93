package core

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Letter is everything one reminder says, whether printed, e-mailed or handed to Amili.
type Letter struct {
	Company  Company
	Customer Customer
	Invoice  Invoice
	Reminder Reminder
	// Others are the other invoices of a letter one customer's reminders share
	// (Reminder.Group; issue 22), each with its reminder, listed after this one;
	// none for a letter of one reminder.
	Others []Letter
}

// Parts are the invoices the letter lists, each with its reminder: its own first,
// then Others.
func (l Letter) Parts() []Letter {
	own := l
	own.Others = nil
	return append([]Letter{own}, l.Others...)
}

// LetterChannel renders reminder letters as PDF (implemented by data/letter).
type LetterChannel interface {
	// RenderLetter returns the letter as PDF bytes.
	RenderLetter(l Letter) ([]byte, error)
	// WriteLetter writes the letter as a PDF file in dir and returns the file's path.
	// Each reminder gets a file of its own, and no existing file is ever replaced:
	// writing the same letter again returns the file written before.
	WriteLetter(ctx context.Context, dir string, l Letter) (path string, err error)
	// WriteLetters writes the letters as one PDF for printing, each from a page of
	// its own, as the file name in dir, and returns the file's path; writing the same
	// letters again returns the file written before.
	WriteLetters(ctx context.Context, dir, name string, ls []Letter) (path string, err error)
	// MakeFolder creates dir, the folder letters are written to, when it is missing.
	MakeFolder(dir string) error
	// Unprintable returns the names, addresses and numbers of the letter, quoted by
	// Excerpt, that hold a character its fonts cannot print.
	Unprintable(l Letter) []string
}

// MailChannel sends reminder e-mails (implemented by data/mail).
type MailChannel interface {
	// SendReminder sends one reminder e-mail with the PDF letter attached and returns
	// its Message-ID. The SMTP password is the channel's own business (OS keyring).
	SendReminder(ctx context.Context, s SMTPSettings, l Letter, pdf []byte) (messageID string, err error)
	// SendTest sends a test e-mail through s to its own sender address and returns
	// the server's reply, on a failure too where the server gave one. password, when
	// not "", is tried instead of the saved one; senderName names the sender.
	SendTest(ctx context.Context, s SMTPSettings, password, senderName string) (reply string, err error)
	// Compose returns the subject and the plain-text body of the reminder e-mail
	// SendReminder sends for l, for the invoice's details view.
	Compose(l Letter) (subject, body string)
}

// AmiliChannel talks to Amili's Creditor API (implemented by data/amili).
//
// Errors: EUNAVAILABLE when the outcome is unknown or the service cannot be reached
// (retry later, after a lookup), EINVALID when Amili refused the data (do not retry).
type AmiliChannel interface {
	// Verify checks the credentials by fetching an access token signed with keyPEM, the
	// private key being activated (not yet saved); nil keyPEM means the saved key.
	Verify(ctx context.Context, s AmiliSettings, keyPEM []byte) error
	// RegisterCase registers a case (first_action "reminder") for the invoice.
	RegisterCase(ctx context.Context, s AmiliSettings, h AmiliHandover) (AmiliCase, error)
	// FindCase looks for the creditor's case for the invoice number. found is false
	// only when a lookup that provably worked (filtered, well-formed) holds none; any
	// doubt is an error, so the invoice is never registered twice.
	FindCase(ctx context.Context, s AmiliSettings, invoiceNumber string) (c AmiliCase, found bool, err error)
	// ReadCase reads one case, with its OCR when Amili gives it; ENOTFOUND if Amili
	// has none by that id.
	ReadCase(ctx context.Context, s AmiliSettings, caseID string) (AmiliCase, error)
	// OpenCases lists every case of the creditor that is not closed, page by page.
	OpenCases(ctx context.Context, s AmiliSettings) ([]AmiliCase, error)
	// ReportPayment tells Amili the debtor paid the creditor directly; the report's
	// Reference makes it unique. It returns Amili's id of the payment.
	ReportPayment(ctx context.Context, s AmiliSettings, r AmiliReport) (string, error)
	// FindReport looks for a report sent earlier (a payment, crediting or
	// cancellation; r.Kind.LookedUp()) and returns Amili's id of it; as FindCase, found
	// is false only on a lookup that provably worked.
	FindReport(ctx context.Context, s AmiliSettings, r AmiliReport) (found bool, ref string, err error)
	// ReportCrediting tells Amili the creditor credited part of the invoice; reported
	// again under the same reference, it is not counted twice.
	ReportCrediting(ctx context.Context, s AmiliSettings, r AmiliReport) (string, error)
	// CancelCase withdraws a case and returns Amili's id of the cancellation.
	CancelCase(ctx context.Context, s AmiliSettings, caseID string) (string, error)
	// UploadInvoice reads the original invoice, the PDF file at path, and uploads it to
	// a case; a file that cannot be read is EINVALID. An upload cannot be looked up:
	// after any answer but a refusal it may or may not have arrived.
	UploadInvoice(ctx context.Context, s AmiliSettings, caseID, path string) (string, error)
	// ReadKeyFile reads the private key file the user chose and returns the key alone,
	// PEM-encoded, once it has checked the key is of a kind Amili takes; any failure
	// is EINVALID naming the file.
	ReadKeyFile(path string) (keyPEM []byte, err error)
}

// Channels bundles the delivery channels the Service uses; a nil channel means that
// kind of delivery fails with EUNAVAILABLE and stays queued.
type Channels struct {
	Letter LetterChannel
	Mail   MailChannel
	Amili  AmiliChannel
}

// Delivery is one queued reminder with what is needed to deliver it.
type Delivery struct {
	Reminder Reminder
	Invoice  Invoice
	Customer Customer
	// Uncertain is true when an earlier attempt was started but never recorded as
	// finished (the program stopped mid-way): check before sending again.
	Uncertain bool
	// ReminderFee is what earlier reminders charged in fees on the invoice, the last
	// on ReminderFeeDate (told to Amili on a hand-over).
	ReminderFee     decimal.Decimal
	ReminderFeeDate Date
	// Credited says the invoice has a credit note (claim_entries 'credit_note').
	Credited bool
	// Paused says the invoice, or its customer, is paused, for PauseReason (the
	// invoice's current pause, its own or its customer's: data/queue.go).
	Paused      bool
	PauseReason PauseReason
}

// DeliveryOutcome records the end of one delivery attempt.
type DeliveryOutcome struct {
	ReminderID  int64
	State       DeliveryState // DeliverySent, DeliveryFailed or DeliveryStopped
	Error       string        // for DeliveryFailed and DeliveryStopped, in plain words (English)
	Failure     Message       // Error, kept to be shown in the user's language
	ExternalRef string        // case id, Message-ID or file path
	NextAttempt time.Time     // for DeliveryFailed: when to retry; zero = only by hand
	At          time.Time
	// For Amili: the invoice's new hand-over state, case reference and Amili's OCR
	// ("" keeps them), in the environment AmiliEnv.
	AmiliState   AmiliState
	AmiliCaseRef string
	AmiliOCR     string
	AmiliEnv     AmiliEnvironment
	// AmiliRefused says a hand-over was turned down (Amili refused its data, or it
	// could not be sent as it stands): Amili has no case, so the invoice is not with
	// Amili until the user sends the hand-over again.
	AmiliRefused bool
	// Withdraw, for DeliveryStopped, is what the held-back reminder charged (its
	// NewCharges): a reminder never sent charges nothing, so the store lets go of as
	// much of it as is still open, by a waiver whose reason is HeldBackWithdrawal, in
	// the transaction that records the stop (core/RULES.md, "Held back").
	Withdraw Parts
}

// HeldBackWithdrawal is the reason of the waiver that withdraws what a held-back
// reminder charged (DeliveryOutcome.Withdraw); the details show it translated.
const HeldBackWithdrawal = "Charged by a reminder that was held back and never sent"

// DeliveryReport counts what one pass over the queue did.
type DeliveryReport struct {
	Sent    int
	Failed  int
	Stopped int // held back: the invoice was paid, credited or paused (HeldBack)
}

// Secrets keeps passwords and key material out of the book (OS keyring; data/secret).
type Secrets interface {
	Get(name string) (string, error) // ENOTFOUND if absent, EUNAVAILABLE if no keyring
	Set(name, value string) error
}
