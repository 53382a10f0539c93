package core

import (
	"time"

	"github.com/shopspring/decimal"
)

// MaxBatch is the largest number of invoices one reminder batch may hold.
const MaxBatch = 200

// RecentDays is how recent a previous reminder must be for the dialog to flag it.
const RecentDays = 7

// DeliveryState is where one reminder's delivery stands.
type DeliveryState string

// The delivery states. DeliverySending marks an attempt in progress: a row found in
// that state at start-up is uncertain and must be checked before it is sent again.
const (
	DeliveryPending DeliveryState = "pending"
	DeliverySending DeliveryState = "sending"
	DeliverySent    DeliveryState = "sent"
	DeliveryFailed  DeliveryState = "failed"
	// DeliveryStopped is a letter or e-mail held back, never sent: its invoice was
	// paid, credited or paused while it waited in the queue (HeldBack).
	DeliveryStopped DeliveryState = "stopped"
)

// ReminderRequest is what the user chose in the multi-reminder dialog.
type ReminderRequest struct {
	Type           ReminderType
	InvoiceIDs     []int64
	ChargeInterest bool // manual only
	ChargeFee      bool // manual only
	// ChargeLateCompensation charges förseningsersättning (rule 6) to company
	// customers, once per invoice and instead of the reminder fee; manual only.
	ChargeLateCompensation bool
	// Prefer is the channel the reminders should go by where the customer can take
	// it (e-mail: else a letter), one of Type.Channels; "" for the type's default.
	// Manual only.
	Prefer Channel
	// PerCustomer sends one letter or e-mail per customer for all its invoices in the
	// batch (issue 22; core/combined.go): each invoice keeps its own reminder, and the
	// letter charges one reminder fee at most. Manual only.
	PerCustomer bool
	// IdempotencyKey identifies the user's one press of Send; re-sending it returns the
	// first result and creates nothing new. Required by SendReminders.
	IdempotencyKey string
	// ByPlan: each invoice takes its plan's next step — its fee, interest, term,
	// texts and action (core/service_planrun.go); ChargeFee, ChargeInterest and
	// ChargeLateCompensation are then ignored.
	ByPlan bool
	// Step, with ByPlan: 0 for each invoice its own next step; k >= 1 for step k
	// (1-based) of its plan for every invoice of the batch (the user's override).
	Step int
}

// ChargesLateCompensation says whether req charges förseningsersättning at all: its
// option ticked, under a type that takes options (rule 4).
func (req ReminderRequest) ChargesLateCompensation() bool {
	return req.ChargeLateCompensation && req.Type.TakesOptions()
}

// Candidate is an invoice eligible for a reminder, as the dialog lists it.
//
// ReminderCandidates (and Store.EligibleInvoices under it) reads only what the dialog
// shows and the rules judge, since it lists tens of thousands at once: Invoice holds
// ID, Number, CustomerID, CustomerName, DueDate, Total, Paid, Currency, ReminderCount
// and LastReminded (AmiliState is empty, as for every candidate), and leaves
// InvoiceDate, OCR and AmiliCaseRef zero; Customer holds ID, Name, IDNumber, Email and
// FeeAgreed, and leaves Number, IsCompany and Address zero. Store.InvoicesForReminder,
// which plans a batch, fills both whole.
type Candidate struct {
	Invoice Invoice
	// Customer is the invoice's customer, never nil; the candidates of one customer
	// share it, and none may change it.
	Customer          *Customer
	DaysOverdue       int
	PreviousReminders int
	RecentlyReminded  bool // reminded within RecentDays
	// Preview figures for a manual reminder today, as if interest and fee were ticked.
	InterestRate decimal.Decimal // annual percent in force today (reference + margin)
	Interest     decimal.Decimal
	Fee          decimal.Decimal // zero where the customer has not agreed to a fee, or was charged LateCompensation before (rule 6)
	// LateCompensation is the förseningsersättning a reminder would charge, as if its
	// option were ticked: for a company customer whose invoice has not been charged it
	// before, LateCompensationAmount less the fees earlier reminders charged on the
	// invoice (never below zero), else zero (rule 6). Where it is charged, Fee is not.
	LateCompensation decimal.Decimal
	// InterestMissing is the half-year whose missing reference rate keeps Interest
	// from being worked out (Interest and InterestRate are then zero); zero otherwise.
	InterestMissing HalfYear
	// Problems are why channels cannot take this invoice (Amili: SEK and an
	// org./personal number; e-mail: an address), each naming its channel; ProblemFor
	// tells which keep a reminder type from taking it.
	Problems []Problem
	// Standing is where the invoice stands in its customer's plan today (filled by
	// CandidatePage and DueByPlanPage).
	Standing PlanStanding
}

// Reminder is one reminder for one invoice in one batch, with its delivery state.
type Reminder struct {
	ID            int64
	BatchID       int64
	InvoiceID     int64
	InvoiceNumber string
	CustomerName  string
	Type          ReminderType
	Date          Date
	Level         int // 1 for the first reminder of this invoice, 2 for the next, …
	InterestRate  decimal.Decimal
	InterestFrom  Date // first day interest runs (day after due date); zero if none
	InterestDays  int
	Interest      decimal.Decimal
	// LateCompensation is the förseningsersättning charged (rule 6): zero, or
	// LateCompensationAmount less the fees earlier reminders charged on the invoice;
	// never with a Fee.
	LateCompensation decimal.Decimal
	// InterestLines are the interest's parts at each rate and base, for the letter;
	// they add up to Interest. None when there is no interest.
	InterestLines []InterestLine
	Fee           decimal.Decimal
	Balance       decimal.Decimal // unpaid balance when reminded
	// EarlierCharges are the invoice's open charges when reminded (Invoice.Charges):
	// what earlier reminders charged and nothing settled yet. Zero under Amili.
	EarlierCharges decimal.Decimal
	// InterestBefore is the part of Interest earlier reminders of the invoice had
	// already stated (each states the interest from the due date): the most any of
	// them stated, at most Interest. Only the rest is charged anew (NewCharges).
	InterestBefore decimal.Decimal
	// AmountDue is the claim the reminder states (ClaimDue): balance, earlier open
	// charges and this reminder's new charges.
	AmountDue  decimal.Decimal
	NewDueDate Date
	Channel    Channel
	State      DeliveryState
	Error      string // last failure, in English (logs); the GUI shows FailureMessage
	// Failure is why the last attempt failed, kept to be shown in the user's language.
	Failure     Message
	Attempts    int
	ExternalRef string // Amili case id, e-mail Message-ID or letter file path
	UpdatedAt   time.Time
	// Group is the letter or e-mail this reminder shares with its customer's other
	// reminders of the batch (ReminderRequest.PerCustomer; numbered within the batch
	// from 1); 0 when it goes alone.
	Group int64
	// By is who sent the reminder's batch: a server book's user, "" on a file
	// (issue 24).
	By string
	// InvoiceTotal and PaidBefore (the payments dated before the reminder's date, as
	// registered now) are filled when listing a batch, for PaidBeforeReminder.
	InvoiceTotal decimal.Decimal
	PaidBefore   decimal.Decimal
	// Step is the plan step the reminder took (1-based), 0 when it was sent outside
	// the plan; StepName that step's name ("" outside the plan).
	Step     int
	StepName string
	// Action is what the reminder does: a reminder, the company's own inkassokrav
	// (its letter is an inkassokrav: CollectionLetterOf) or the hand-over to Amili.
	Action StepAction
	// LetterText and EmailText are the plan step's texts filled in for the invoice
	// (FillPlanText), the letter's and the e-mail's body; "" where the step gave none
	// (outside the plan), and the letter says it in its own words.
	LetterText string
	EmailText  string
}

// PaidBefore says whether money paid before a reminder went out was unknown to it.
type PaidBefore string

// The answers of PaidBeforeReminder.
const (
	PaidBeforeNone   PaidBefore = ""
	PaidBeforePartly PaidBefore = "partly" // part of what the reminder asked for was already paid
	PaidBeforeFull   PaidBefore = "full"   // the invoice was paid in full before the reminder went out
)

// PaidBeforeReminder compares the payments dated before the reminder's date with
// what the reminder knew (the balance it was sent for): a payment registered later,
// for example from a bank file, but dated earlier means the customer was reminded
// of money already paid.
func (r Reminder) PaidBeforeReminder() PaidBefore {
	balanceThen := r.InvoiceTotal.Sub(r.PaidBefore)
	switch {
	case r.InvoiceTotal.IsZero() || !balanceThen.LessThan(r.Balance):
		return PaidBeforeNone
	case !balanceThen.IsPositive():
		return PaidBeforeFull
	default:
		return PaidBeforePartly
	}
}

// Batch is one press of Send: a set of reminders created together.
type Batch struct {
	ID             int64
	IdempotencyKey string
	CreatedAt      time.Time
	Type           ReminderType
	ChargeInterest bool
	ChargeFee      bool
	// ChargeLateCompensation is whether förseningsersättning was asked for.
	ChargeLateCompensation bool
	// Prefer is the request's channel preference, where it applied ("" for the
	// type's default channel).
	Prefer Channel
	Count  int
	Sent   int // delivered so far
	Failed int // currently failed
}

// Preview is what a batch would create, computed without writing anything.
type Preview struct {
	Reminders []Reminder
	Totals    ReminderTotals
	// Recent are the numbers of the invoices reminded within RecentDays (rule 11),
	// in the request's order, for the confirmation's warning.
	Recent []string
}

// ReminderTotals sums a set of reminders and counts them by channel.
type ReminderTotals struct {
	Balance  decimal.Decimal
	Interest decimal.Decimal
	Fees     decimal.Decimal
	// LateCompensation is the förseningsersättning charged, apart from Fees.
	LateCompensation decimal.Decimal
	// EarlierCharges and InterestBefore add up the reminders' fields of those names:
	// the earlier charges still open, and the part of Interest stated before.
	EarlierCharges decimal.Decimal
	InterestBefore decimal.Decimal
	AmountDue      decimal.Decimal
	// ByChannel counts the reminders by the channel they go by.
	ByChannel map[Channel]int
	// Letters counts the letters and e-mails that go by each channel: the reminders
	// of one Group are one.
	Letters map[Channel]int
	// Fallback counts the reminders that could not go by the preferred channel
	// (a customer without an e-mail address gets a letter).
	Fallback int
}

// BatchResult is the outcome of SendReminders.
type BatchResult struct {
	Batch     Batch
	Reminders []Reminder
	Totals    ReminderTotals
	// Replayed is true when the idempotency key had been used before and this is the
	// first result, returned again.
	Replayed bool
}
