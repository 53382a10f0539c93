package core

import "github.com/shopspring/decimal"

// AmiliState is where an invoice stands in its hand-over to Amili.
type AmiliState string

// The Amili states. AmiliNone means the invoice has not been handed over.
const (
	AmiliNone           AmiliState = ""
	AmiliPending        AmiliState = "pending"         // committed in a batch, not yet confirmed by Amili
	AmiliRegistered     AmiliState = "registered"      // Amili confirmed the case
	AmiliReminderSent   AmiliState = "reminder_sent"   // Amili sent its reminder
	AmiliDebtCollection AmiliState = "debt_collection" // moved on to debt collection
	AmiliPaid           AmiliState = "paid"
	AmiliClosed         AmiliState = "closed" // withdrawn, or closed by Amili with money owed: no longer with Amili
)

// Invoice is a customer invoice with what is known of its payment and reminders.
type Invoice struct {
	ID           int64
	Number       string // unique
	CustomerID   int64
	CustomerName string // filled when listing
	InvoiceDate  Date
	DueDate      Date
	Total        decimal.Decimal
	Paid         decimal.Decimal // the principal settled: payments' principal parts and credit notes
	// Charges are the open part of what committed reminders charged (fees,
	// förseningsersättning, interest) less what payments, waivers and credit settled
	// of it (invoices.charges_ore, 015_claim_ledger.sql); never negative.
	Charges       decimal.Decimal
	Currency      string // "SEK"
	OCR           string
	ReminderCount int
	LastReminded  Date // zero when never reminded
	AmiliState    AmiliState
	AmiliCaseRef  string
	AmiliEnv      AmiliEnvironment // the environment that issued AmiliCaseRef
	AmiliOCR      string           // the OCR Amili issued: the debtor now pays Amili
	AmiliRaw      string           // Amili's state text when Påminn does not know it
	// PDF is the original invoice attached by the user (a file beside the book), ""
	// if none; it is uploaded to Amili with the case.
	PDF string
	// InterestFor is, for a räntefaktura, the invoice whose late payment's interest
	// it charges (core/RULES.md, "Räntefakturor"); 0 for an ordinary invoice.
	InterestFor int64
	// DeliveryFailure is why the invoice's latest reminder could not be delivered,
	// nil when it was delivered, is on its way, or there is none (a pointer keeps
	// Invoice comparable). Only the invoice list fills it.
	DeliveryFailure *Message
	// Pause is the reason of the invoice's current pause, its own or else its
	// customer's (invoices.pause, 017_pauses.sql); PauseNone when it is not paused.
	Pause PauseReason
	// PlanStep is the last step of its reminder plan the invoice took (1-based, as
	// recorded on its reminders: Reminder.Step; 019_plan_steps.sql); 0 when none.
	// HistoryOf reads it.
	PlanStep int
}

// Balance is what remains unpaid of the principal (the invoice amount).
func (inv Invoice) Balance() decimal.Decimal { return inv.Total.Sub(inv.Paid) }

// Claim is what the customer owes on the invoice: the unpaid principal plus the open
// charges (DESIGN.md rule 12). The list, the reminders and Amili hand-overs all state
// this one figure.
func (inv Invoice) Claim() decimal.Decimal { return inv.Balance().Add(inv.Charges) }

// ReportsPaymentsToAmili reports whether a payment on the invoice is reported to
// Amili: it has a case at Amili that is neither paid nor closed. The store queues
// the report (POST /creditor--payments) under the same condition.
func (inv Invoice) ReportsPaymentsToAmili() bool {
	return inv.AmiliCaseRef != "" && inv.AmiliState != AmiliPaid && inv.AmiliState != AmiliClosed
}

// Status is how an invoice is shown and filtered.
type Status string

// The statuses, in the order the list's filter offers them.
const (
	StatusPaid     Status = "paid"     // Betald: nothing remains, neither principal nor charges
	StatusCharges  Status = "charges"  // Avgifter kvar: the principal paid, charges remain
	StatusOverdue  Status = "overdue"  // Förfallen: balance > 0, due date before today
	StatusUnpaid   Status = "unpaid"   // Obetald: balance > 0, not yet due
	StatusReminded Status = "reminded" // Påmind: unpaid and reminded at least once
	StatusAmili    Status = "amili"    // Hos Amili: handed over to Amili, the case not closed
	StatusPaused   Status = "paused"   // Pausad or Bestriden (by Invoice.Pause): open, paused
)

// Status derives the invoice's main status on the date today by StatusRules: paid,
// else costs remaining, else with Amili, else reminded, else overdue or unpaid.
func (inv Invoice) Status(today Date) Status {
	return StatusOf(func(f Fact) bool { return inv.Has(f, today) })
}

// IsOverdue reports whether the invoice is unpaid and past its due date on today: in
// the overdue filter.
func (inv Invoice) IsOverdue(today Date) bool {
	return FilterOverdue.Matches(inv, today)
}

// Payment is money received against an invoice.
type Payment struct {
	InvoiceID int64
	Date      Date // the day the money was paid (a bank file's payment date)
	Amount    decimal.Decimal
	// Source is the bank file the payment came from, "" when typed in by hand.
	Source string
	// ExternalKey identifies a bank file's payment (BankPayment.Key), unique in the
	// book so no payment is registered twice; "" when typed in by hand.
	ExternalKey string
	// Parts is the payment's allocation over the claim (Allocate), adding up to
	// Amount: the Service computes it, the store records it.
	Parts Parts
}

// Filter selects invoices in the list.
type Filter string

// The list filters: Alla, Obetalda, Förfallna, Påminda, Hos Amili, Avgifter kvar,
// Betalda. What
// each one selects is defined once, in FilterTerms.
const (
	FilterAll      Filter = ""
	FilterUnpaid   Filter = "unpaid"   // balance > 0
	FilterOverdue  Filter = "overdue"  // balance > 0 and due before today
	FilterReminded Filter = "reminded" // reminded at least once, balance > 0
	FilterAmili    Filter = "amili"    // with Amili: handed over, the case not closed
	FilterCharges  Filter = "charges"  // the principal paid, charges remain
	FilterPaid     Filter = "paid"     // nothing remains
	FilterPaused   Filter = "paused"   // open and paused or disputed
)

// SortKey is a column the invoice list can be sorted by.
type SortKey string

// The sortable columns.
const (
	SortDueDate      SortKey = "due_date"
	SortNumber       SortKey = "number"
	SortCustomer     SortKey = "customer"
	SortInvoiceDate  SortKey = "invoice_date"
	SortTotal        SortKey = "total"
	SortBalance      SortKey = "balance"
	SortStatus       SortKey = "status"
	SortReminders    SortKey = "reminders"
	SortLastReminded SortKey = "last_reminded"
)

// InvoiceQuery asks for one page of the invoice list.
type InvoiceQuery struct {
	Filter Filter
	Search string // matches invoice number or customer name, case-insensitively
	Sort   SortKey
	Desc   bool
	Offset int
	Limit  int // 0 means DefaultPageSize
	// SkipTotals leaves the page's Totals zero, for the next pages of a list whose
	// totals are already shown: counting a large book costs more than a page.
	SkipTotals bool
}

// DefaultPageSize is the page size when a query sets none.
const DefaultPageSize = 100

// InvoiceTotals summarises the invoices matching a query (filter and search).
type InvoiceTotals struct {
	Count         int
	OverdueCount  int
	OverdueAmount decimal.Decimal // sum of the overdue invoices' claims (principal and charges)
	// ChargesCount and ChargesAmount are the invoices whose principal is paid and
	// whose charges remain (StatusCharges), and those charges.
	ChargesCount  int
	ChargesAmount decimal.Decimal
	// More says more than Count invoices match: a search matching many invoices of
	// a large book is counted only up to a bound (the store's), so that its count
	// takes no longer than its page. The other totals are then zero, not counted.
	More bool
}

// InvoicePage is one page of the invoice list plus the totals of all matches (zero
// when the query skipped them).
type InvoicePage struct {
	Invoices []Invoice
	Totals   InvoiceTotals
}
