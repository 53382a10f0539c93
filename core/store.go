package core

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Store is what the Service needs from storage; data.Store implements it over SQLite.
// It holds no business rules: the Service decides, the Store records. Every method is
// one transaction. Not-found is an *Error with ENOTFOUND, never a nil result.
type Store interface {
	// ListInvoices returns one page of invoices matching q, with CustomerName filled,
	// and the totals over all matches unless q.SkipTotals. "Overdue" is judged
	// against today.
	ListInvoices(ctx context.Context, q InvoiceQuery, today Date) (InvoicePage, error)
	// Invoice returns one invoice (CustomerName filled).
	Invoice(ctx context.Context, id int64) (Invoice, error)
	// EligibleInvoices returns the invoices with balance > 0, due before today and not
	// with Amili, ordered by due date then number, each with its customer, with only
	// the fields Candidate lists as ReminderCandidates' filled.
	EligibleInvoices(ctx context.Context, today Date) ([]Candidate, error)
	// CandidatePage returns one page of the eligible invoices (as EligibleInvoices
	// defines them and fills them) matching q's search, in q's order.
	CandidatePage(ctx context.Context, q CandidateQuery, today Date) ([]Candidate, error)
	// CountCandidates counts the eligible invoices q's search matches and sums their balance.
	CountCandidates(ctx context.Context, q CandidateQuery, today Date) (CandidateCount, error)
	// CandidateIDs returns the IDs of q's page of eligible invoices, in q's order.
	CandidateIDs(ctx context.Context, q CandidateQuery, today Date) ([]int64, error)
	// WalkCandidates hands q's eligible invoices to visit in q's order from the
	// first (q's offset and limit ignored) until visit returns false, each with the
	// invoice's ID, Currency, AmiliCaseRef and LastReminded and its customer's
	// IDNumber only: what Select all judges. visit must not keep the candidate.
	WalkCandidates(ctx context.Context, q CandidateQuery, today Date, visit func(*Candidate) bool) error
	// CandidatesByID returns those of ids that are eligible, filled as EligibleInvoices
	// fills them, in no particular order.
	CandidatesByID(ctx context.Context, ids []int64, today Date) ([]Candidate, error)
	// InvoicesForReminder returns the given invoices with their customers, whole, in
	// the order of ids; ENOTFOUND if any is missing.
	InvoicesForReminder(ctx context.Context, ids []int64) ([]Candidate, error)
	// HighestInvoiceNumbers returns the book's longest invoice numbers, highest in
	// text order first (a few, not all), for NextInvoiceNumber.
	HighestInvoiceNumbers(ctx context.Context) ([]string, error)
	// CreateInvoice inserts an invoice (ECONFLICT on a duplicate number) and returns it with its ID.
	CreateInvoice(ctx context.Context, inv Invoice) (Invoice, error)
	// RegisterPayment records a payment at now (when a report to Amili is queued) and
	// returns the updated invoice.
	RegisterPayment(ctx context.Context, p Payment, now time.Time) (Invoice, error)
	// LateCompensated returns which of the given invoices an earlier reminder charged
	// förseningsersättning (rule 6); an invoice never charged has no entry.
	LateCompensated(ctx context.Context, invoiceIDs []int64) (map[int64]bool, error)
	// FeesCharged returns the reminder fees earlier reminders charged each of the given
	// invoices, together (rule 6); an invoice never charged a fee has no entry.
	FeesCharged(ctx context.Context, invoiceIDs []int64) (map[int64]decimal.Decimal, error)
	// CollectionCharged returns which of the given invoices an earlier inkassokrav of
	// the company's own (a reminder of Action StepInkasso) charged a collection fee.
	CollectionCharged(ctx context.Context, invoiceIDs []int64) (map[int64]bool, error)
	// PaymentsAfterDue returns the payments of the given invoices made after each
	// one's due date, oldest first, by invoice ID: the ones late-payment interest
	// follows (rule 5). An invoice without such payments has no entry.
	PaymentsAfterDue(ctx context.Context, invoiceIDs []int64) (map[int64][]Payment, error)
	// PaymentLookups returns the invoices whose OCR reference is one of q.OCRs or whose
	// number is one of q.Numbers, which of q.Keys are payments registered before, and
	// how many payments registered from other files (keys not in q.Keys) carry each
	// of q.BankRefs.
	PaymentLookups(ctx context.Context, q PaymentQuery) (PaymentLookups, error)
	// OpenInvoicesOf returns the invoices with a balance of the given customers.
	OpenInvoicesOf(ctx context.Context, customerIDs []int64) ([]Invoice, error)
	// RegisterBankPayments writes a bank file's payments in one transaction, or none:
	// each payment through the same function RegisterPayment uses, each credit on its
	// customer. ECONFLICT when a payment's key was registered before or an invoice's
	// balance no longer takes the payment. now is when they are registered.
	RegisterBankPayments(ctx context.Context, regs []BankRegistration, now time.Time) error
	// InvoicePayments returns an invoice's payments, oldest first.
	InvoicePayments(ctx context.Context, invoiceID int64) ([]PaymentRecord, error)
	// CustomerCredits returns each customer's credit (as CustomerCredit), by customer ID.
	CustomerCredits(ctx context.Context) (map[int64]decimal.Decimal, error)

	// Customers returns all customers ordered by name.
	Customers(ctx context.Context) ([]Customer, error)
	// Customer returns one customer.
	Customer(ctx context.Context, id int64) (Customer, error)
	// CreateCustomer inserts a customer (ECONFLICT on a duplicate number).
	CreateCustomer(ctx context.Context, c Customer) (Customer, error)
	// UpdateCustomer replaces a customer's fields.
	UpdateCustomer(ctx context.Context, c Customer) error

	// Import inserts customers and then invoices in one transaction: all or nothing.
	// Invoices refer to customers by Customer.Number via ImportInvoice.CustomerNumber.
	Import(ctx context.Context, customers []Customer, invoices []ImportInvoice) (ImportResult, error)

	// CreateBatch writes the batch, its reminders, the invoices' reminder count, last
	// reminded date (and AmiliPending for Amili), and one queue row per reminder, in
	// one transaction. If the idempotency key exists it writes nothing and returns the
	// stored result with Replayed set.
	CreateBatch(ctx context.Context, b Batch, reminders []Reminder) (BatchResult, error)
	// BatchByKey returns the stored result of the batch with that idempotency key
	// (Replayed set), or ENOTFOUND.
	BatchByKey(ctx context.Context, key string) (BatchResult, error)
	// Batches returns all batches, newest first, with sent/failed counts.
	Batches(ctx context.Context) ([]Batch, error)
	// BatchReminders returns a batch's reminders with their delivery state.
	BatchReminders(ctx context.Context, batchID int64) ([]Reminder, error)

	// ClaimDeliveries marks up to limit due queue rows as sending and returns them:
	// pending rows, failed rows whose next attempt is due, and sending rows claimed
	// before staleBefore (Uncertain set) — oldest first; only reminders of the
	// channels in only, unless only is nil. On a book several desktops share, a row
	// another desktop is still sending is not stale, however long ago it was claimed.
	ClaimDeliveries(ctx context.Context, now, staleBefore time.Time, limit int, only []Channel) ([]Delivery, error)
	// FinishDelivery records a delivery attempt's outcome (and the invoice's Amili
	// state: a refused hand-over is no longer with Amili).
	FinishDelivery(ctx context.Context, o DeliveryOutcome) error
	// FinishDeliveries records the outcomes of one attempt at a letter several
	// reminders share (Reminder.Group), each as FinishDelivery would, in one
	// transaction: all or none.
	FinishDeliveries(ctx context.Context, outcomes []DeliveryOutcome) error
	// FailedReminderIDs lists the reminders whose delivery failed, oldest first.
	FailedReminderIDs(ctx context.Context) ([]int64, error)
	// RetryReminder puts a failed reminder back in the queue, due now; a hand-over to
	// Amili makes its invoice pending with Amili again, ECONFLICT when it is with Amili
	// by another hand-over or its case is closed.
	RetryReminder(ctx context.Context, reminderID int64, now time.Time) error
	// AmiliInvoices returns invoices with a case reference whose Amili state is not final.
	AmiliInvoices(ctx context.Context) ([]Invoice, error)
	// SetAmiliState records what Amili reports about an invoice's case.
	SetAmiliState(ctx context.Context, invoiceID int64, state AmiliState) error

	// The reports to Amili and the cases' states.
	AmiliReportStore

	// interestinv: räntefakturor (core/RULES.md, "Räntefakturor").

	// LatePaidInvoices returns the invoices whose principal is paid in full with a
	// payment dated after the due date, that have no räntefaktura, each with the date
	// of its latest reminder that stated interest; of ids only, or every one when ids
	// is nil; in ID order. Core judges which a räntefaktura charges.
	LatePaidInvoices(ctx context.Context, ids []int64) ([]LatePaid, error)
	// InterestInvoicesFor returns the räntefakturor of the given invoices, by the ID
	// of the invoice each charges; an invoice without one has no entry.
	InterestInvoicesFor(ctx context.Context, invoiceIDs []int64) (map[int64]Invoice, error)
	// CreateInterestInvoices inserts the räntefakturor (each naming its original in
	// InterestFor) in one transaction, or none: ECONFLICT on a number already in the
	// book. An original that has one by then gets no other: that one is returned in
	// existing instead. created are the new ones, with their IDs, in the order given.
	// Each new one writes its History line to its original's history, at now, in the
	// same transaction.
	CreateInterestInvoices(ctx context.Context, invs []NewInterestInvoice, now time.Time) (created, existing []Invoice, err error)

	// corrections: undoing payments, customer credit, changing and deleting invoices.

	// Payment returns one payments row with whether it was reversed and reported to
	// Amili (ENOTFOUND for an unknown one).
	Payment(ctx context.Context, id int64) (PaymentRecord, error)
	// ReversePayment writes r's reversal row (every part of the payment negated, the
	// payment kept) and reopens the invoice by as much, with r.History, in one
	// transaction; ECONFLICT when the payment was reversed before, is a reversal or
	// is reported to Amili.
	ReversePayment(ctx context.Context, r PaymentReversalRequest, now time.Time) (Invoice, error)
	// CustomerCredit returns one customer's credit: what bank payments left them,
	// less what was applied (and not reversed) or refunded.
	CustomerCredit(ctx context.Context, customerID int64) (decimal.Decimal, error)
	// ApplyCredit writes u (CreditApplied): a payment of kind PaymentFromCredit on its
	// invoice by u.Parts, through the one payment path, and the use against the
	// customer's credit; ECONFLICT when the credit no longer covers it.
	ApplyCredit(ctx context.Context, u CreditUse, now time.Time) (Invoice, error)
	// RefundCredit writes u (CreditRefunded); ECONFLICT when the credit no longer
	// covers it.
	RefundCredit(ctx context.Context, u CreditUse, now time.Time) error
	// InvoiceActivity counts what fixes an invoice (ENOTFOUND for an unknown one).
	InvoiceActivity(ctx context.Context, invoiceID int64) (InvoiceActivity, error)
	// UpdateInvoice replaces an invoice's number, customer, dates, total and OCR and
	// writes history, in one transaction; ECONFLICT when it is no longer untouched
	// (InvoiceActivity) or its new number is taken.
	UpdateInvoice(ctx context.Context, inv Invoice, history []Message, now time.Time) (Invoice, error)
	// DeleteInvoice deletes an untouched invoice and writes history for it, kept
	// under DeletedInvoiceHistory(id); ECONFLICT when it is no longer untouched.
	DeleteInvoice(ctx context.Context, id int64, history Message, now time.Time) error
	// InvoiceHistory returns an invoice's history, oldest first.
	InvoiceHistory(ctx context.Context, invoiceID int64) ([]HistoryEntry, error)

	// Details (issue 20): everything about one invoice or customer, each in one read.

	// InvoiceDetails returns everything the book holds about one invoice (ENOTFOUND
	// if there is none), each list oldest first.
	InvoiceDetails(ctx context.Context, id int64) (InvoiceDetails, error)
	// CustomerDetails returns one customer with their invoices, newest first, and
	// the movements of their credit, oldest first (ENOTFOUND if there is none).
	CustomerDetails(ctx context.Context, id int64) (CustomerDetails, error)

	// Settings returns the settings (DefaultSettings for a new book).
	Settings(ctx context.Context) (Settings, error)
	// SaveSettings stores the settings.
	SaveSettings(ctx context.Context, s Settings) error
	// ReferenceRates returns the reference-rate table ordered by year and half.
	ReferenceRates(ctx context.Context) ([]ReferenceRate, error)
	// SaveReferenceRates replaces the reference-rate table.
	SaveReferenceRates(ctx context.Context, rates []ReferenceRate) error

	// alloc: allocation of payments and waivers (issue 20).

	// OpenParts returns what is open of each of the given invoices' claims, part by
	// part (the unpaid principal; fees, förseningsersättning and interest charged less
	// what settled them). An unknown invoice has no entry.
	OpenParts(ctx context.Context, invoiceIDs []int64) (map[int64]Parts, error)
	// WaiveCharges writes the waivers (EntryWaiver, negative parts) and lowers each
	// invoice's open charges by them, in one transaction or none; ECONFLICT when an
	// invoice no longer owes what a waiver lets go. now is when they are written.
	WaiveCharges(ctx context.Context, waivers []ClaimEntry, now time.Time) error
	// ClaimEntries returns an invoice's claim entries (charges, waivers, credit
	// notes), oldest first.
	ClaimEntries(ctx context.Context, invoiceID int64) ([]ClaimEntry, error)

	// sie: the events of the money the bookkeeping export books.
	BookEventReader

	// claimlist (issue 20): a reminder's claim.

	// InterestStated returns the most interest any earlier manual reminder stated on
	// each of the given invoices; an invoice never stated interest has no entry.
	InterestStated(ctx context.Context, invoiceIDs []int64) (map[int64]decimal.Decimal, error)

	// pause (issue 22): pauses and disputes of an invoice or a customer.

	// StartPause ends the invoice's or customer's current pause, if any, and records
	// p (ID 0) as its current one, returning it with its ID; ENOTFOUND for an
	// unknown invoice or customer.
	StartPause(ctx context.Context, p Pause) (Pause, error)
	// EndPause ends the current pause of an invoice or a customer (the other ID 0)
	// at now; ENOTFOUND when there is none.
	EndPause(ctx context.Context, invoiceID, customerID int64, now time.Time) error
	// EndPausesBefore ends, at now, every current pause whose end date is before
	// today, returning how many.
	EndPausesBefore(ctx context.Context, today Date, now time.Time) (int, error)
	// Pauses returns an invoice's or a customer's pauses, newest first.
	Pauses(ctx context.Context, invoiceID, customerID int64) ([]Pause, error)

	// The reminder plan (issue 22).

	// CountDueByPlan counts the eligible invoices (as EligibleInvoices defines them)
	// whose next step is due by due's cutoffs: taken k steps (the reminder count), the
	// day counted from (the due date for 0, else the last reminded) on or before the
	// cutoff k of the customer's plan (companies' or consumers').
	CountDueByPlan(ctx context.Context, due PlanDue) (int, error)
	// DueByPlanPage returns one page of those invoices, earliest due date then number
	// first, filled as CandidatePage fills them.
	DueByPlanPage(ctx context.Context, due PlanDue, offset, limit int) ([]Candidate, error)
}

// ImportInvoice is an invoice row from a CSV import, naming its customer by number.
type ImportInvoice struct {
	Invoice
	CustomerNumber string
	// Line is the row's line in the imported file (the header is line 1), for error
	// messages; 0 for an invoice that does not come from a file.
	Line int
}

// ImportResult counts what an import inserted.
type ImportResult struct {
	Customers int
	Invoices  int
}
