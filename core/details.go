package core

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"
)

// InvoiceDetails is everything the book knows about one invoice, for its details
// view: read in one store read (Store.InvoiceDetails) and changed by nothing that
// reads it. ClaimLines tells the claim line by line from it.
type InvoiceDetails struct {
	Invoice  Invoice
	Customer Customer
	// Entries are the claim's entries other than money in (charges, waivers, credit
	// notes), oldest first.
	Entries []ClaimEntry
	// Payments are the money in and the reversals of it, oldest first, each with its
	// allocation over the claim's parts.
	Payments []PaymentRecord
	// Credits are the credit notes as reported to Amili when the invoice has a case
	// there, oldest first; the claim has each as a credit note entry (Entries).
	Credits []Credit
	// Reminders are the invoice's reminders and hand-overs to Amili, oldest first,
	// each with its delivery state.
	Reminders []Reminder
	// AmiliReports are what Påminn told, or is still to tell, Amili about the invoice,
	// oldest first.
	AmiliReports []AmiliReport
	// History are the changes invoice_history recorded (edits and the like), oldest first.
	History []HistoryEntry
	// InterestFor is the number of the invoice this one charges late-payment interest
	// for (a räntefaktura), "" for an ordinary invoice; InterestInvoice is the number
	// of the räntefaktura made for this one's late payment, "" when none was.
	InterestFor     string
	InterestInvoice string
}

// ClaimLineKind is what one line of an invoice's claim records.
type ClaimLineKind string

// The lines of a claim (claimLineOrder is the order of lines of one date).
const (
	LineInvoiced   ClaimLineKind = "invoiced"    // the invoice's amount as first invoiced
	LineCharge     ClaimLineKind = "charge"      // a reminder's fee, förseningsersättning, interest
	LineCreditNote ClaimLineKind = "credit_note" // a credit note entry (negative principal)
	LineWaiver     ClaimLineKind = "waiver"      // costs or interest let go
	LinePayment    ClaimLineKind = "payment"     // money received
	LineFromCredit ClaimLineKind = "from_credit" // the customer's credit (tillgodo) applied
	LineReversal   ClaimLineKind = "reversal"    // a payment undone
)

// claimLineOrder is the order of lines of one date: what the reminders charged, the
// money, then what the owner let go or credited of what the money left.
var claimLineOrder = []ClaimLineKind{LineInvoiced, LineCharge, LinePayment, LineFromCredit, LineReversal,
	LineWaiver, LineCreditNote}

// ClaimLine is one line of an invoice's claim: its parts signed by how it moves the
// claim (positive raises what is owed, negative lowers it).
type ClaimLine struct {
	Kind  ClaimLineKind
	Date  Date
	Parts Parts
	// ReminderID is a charge's reminder; PaymentID a payment's or reversal's row, and
	// Reverses the payment a reversal undoes; 0 otherwise.
	ReminderID int64
	PaymentID  int64
	Reverses   int64
	// Reversed is set on a payment undone by a later reversal.
	Reversed bool
	// Source is the bank file a payment came from, or a credit note's number.
	Source string
	Reason string // a waiver's, credit note's or reversal's reason
	// By is who wrote the line: a server book's user, "" on a file and for the
	// amount invoiced (issue 24).
	By string
}

// ClaimLines is the invoice's claim line by line, oldest first: the amount invoiced,
// then by date each charge, credit note, waiver, payment and reversal. Their parts
// add up to Remaining.
func (d InvoiceDetails) ClaimLines() []ClaimLine {
	lines := []ClaimLine{{Kind: LineInvoiced, Date: d.Invoice.InvoiceDate,
		Parts: Parts{Principal: d.Invoice.Total}.Add(ZeroParts)}}
	for _, e := range d.Entries {
		lines = append(lines, ClaimLine{Kind: entryLineKind(e.Kind), Date: e.Date, Parts: e.Parts,
			ReminderID: e.ReminderID, Reason: e.Reason, By: e.By})
	}
	reversed := map[int64]bool{}
	for _, p := range d.Payments {
		if p.Kind == PaymentReversal {
			reversed[p.Reverses] = true
		}
	}
	for _, p := range d.Payments {
		lines = append(lines, ClaimLine{Kind: paymentLineKind(p.Kind), Date: p.Date, Parts: p.Allocation().Neg(),
			PaymentID: p.ID, Reverses: p.Reverses, Reversed: reversed[p.ID], Source: p.Source, Reason: p.Reason, By: p.By})
	}
	slices.SortStableFunc(lines[1:], func(a, b ClaimLine) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return cmp.Compare(slices.Index(claimLineOrder, a.Kind), slices.Index(claimLineOrder, b.Kind))
	})
	return lines
}

// Remaining is what is still owed on the invoice, part by part: the sum of its
// claim's lines.
func (d InvoiceDetails) Remaining() Parts {
	sum := ZeroParts
	for _, l := range d.ClaimLines() {
		sum = sum.Add(l.Parts)
	}
	return sum
}

// entryLineKind is the claim line of an entry kind.
func entryLineKind(k EntryKind) ClaimLineKind {
	switch k {
	case EntryCharge:
		return LineCharge
	case EntryWaiver:
		return LineWaiver
	case EntryCreditNote:
		return LineCreditNote
	}
	return ClaimLineKind(k)
}

// paymentLineKind is the claim line of a payment kind.
func paymentLineKind(k PaymentKind) ClaimLineKind {
	switch k {
	case PaymentMoney:
		return LinePayment
	case PaymentFromCredit:
		return LineFromCredit
	case PaymentReversal:
		return LineReversal
	}
	return ClaimLineKind(k)
}

// Allocation is how the payment settled the claim's parts. A payment whose parts were
// not recorded (written by a version that knew no allocation) went to the principal
// alone, as migration 015 says of the payments before it.
func (p PaymentRecord) Allocation() Parts {
	if p.Parts.Sum().IsZero() && !p.Amount.IsZero() {
		return Parts{Principal: p.Amount}.Add(ZeroParts)
	}
	return p.Parts.Add(ZeroParts)
}

// CustomerDetails is everything the book knows about one customer, for its details
// view, read in one store read (Store.CustomerDetails).
type CustomerDetails struct {
	Customer Customer
	// Invoices are the customer's invoices, newest first (Charges filled, as every
	// read of an invoice fills it).
	Invoices []Invoice
	// Credit is what became of the customer's credit (tillgodo), oldest first: what
	// arose from payments beyond a claim, and what was applied or refunded.
	Credit []CreditMovement
}

// CreditMovementKind is what one movement of a customer's credit records.
type CreditMovementKind string

// The movements of a customer's credit.
const (
	CreditArose    CreditMovementKind = "arose"                            // money paid beyond a claim (customer_credits)
	CreditMovedIn  CreditMovementKind = CreditMovementKind(CreditApplied)  // used to pay an invoice (customer_credit_uses)
	CreditMovedOut CreditMovementKind = CreditMovementKind(CreditRefunded) // paid back to the customer (customer_credit_uses)
)

// CreditMovement is one movement of a customer's credit; Amount is signed: positive
// where the credit grew, negative where it was used.
type CreditMovement struct {
	Kind          CreditMovementKind
	Date          Date
	Amount        decimal.Decimal
	InvoiceNumber string // the invoice the payment named, or the credit paid; "" for none
	Source        string // the bank file the money came from
	Reason        string // a refund's reason
}

// CreditLeft is the customer's credit still to use: what arose less what was applied
// or refunded.
func (d CustomerDetails) CreditLeft() decimal.Decimal {
	sum := decimal.Zero
	for _, m := range d.Credit {
		sum = sum.Add(m.Amount)
	}
	return sum
}

// Owed is what the customer owes on all their invoices together.
func (d CustomerDetails) Owed() decimal.Decimal {
	sum := decimal.Zero
	for _, inv := range d.Invoices {
		sum = sum.Add(inv.Claim())
	}
	return sum
}

// WritesLetter tells whether a reminder by c has a letter Påminn wrote: printed, or
// attached to the e-mail. Amili writes its own.
func (c Channel) WritesLetter() bool {
	switch c {
	case ChannelEmail, ChannelLetter:
		return true
	case ChannelAmili:
	}
	return false
}

// SendsEmail tells whether a reminder by c went as an e-mail.
func (c Channel) SendsEmail() bool {
	switch c {
	case ChannelEmail:
		return true
	case ChannelLetter, ChannelAmili:
	}
	return false
}

// KeepsLetterFile tells whether a reminder by c was written to a file of its own,
// whose path is the reminder's ExternalRef once sent.
func (c Channel) KeepsLetterFile() bool {
	switch c {
	case ChannelLetter:
		return true
	case ChannelEmail, ChannelAmili:
	}
	return false
}
