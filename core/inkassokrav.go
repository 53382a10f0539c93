package core

import (
	"github.com/shopspring/decimal"
)

// CollectionFeeAmount is the most a creditor may charge for an inkassokrav: 180 kr
// (lag (1981:739) om ersättning för inkassokostnader m.m., 3 § 1 and 4 § second
// paragraph, point 2, as worded by SFS 2013:56; core/RULES.md, "The company's own
// inkassokrav").
var CollectionFeeAmount = decimal.NewFromInt(180)

// MinCollectionDays is the shortest time to pay an inkassokrav may give, counted from
// the day it is sent: eight days (IMY, "Hur lång tid har jag på mig för att betala
// eller bestrida ett inkassokrav?", on god inkassosed under inkassolagen 4 §).
const MinCollectionDays = 8

// CollectionInput is what PlanCollectionDemand needs to know of one invoice: the
// invoice and its customer as the book holds them, the day the demand is made, the
// time to pay, and what earlier reminders and demands charged on the invoice.
type CollectionInput struct {
	Invoice  Invoice
	Customer Customer
	Date     Date // the day the demand is made and sent
	// PayDays is the time to pay, in days from Date; at least MinCollectionDays.
	PayDays int
	// Interest is the late-payment interest the demand states (rule 5), from the day
	// after the due date through Date; zero Amount when none is charged.
	Interest Interest
	// InterestBefore is the part of Interest earlier reminders already stated, as
	// Reminder.InterestBefore: only the rest is charged anew.
	InterestBefore decimal.Decimal
	// FeesCharged are the reminder fees earlier reminders charged on the invoice.
	FeesCharged decimal.Decimal
	// LateCompensated is the förseningsersättning earlier reminders charged on it
	// (rule 6); zero when none.
	LateCompensated decimal.Decimal
	// CollectionCharged says an earlier inkassokrav already charged a collection fee
	// on the invoice: a second demand charges none.
	CollectionCharged bool
	// ChargeLateCompensation asks the demand to charge förseningsersättning itself
	// where rule 6 allows it (a company customer, not charged before).
	ChargeLateCompensation bool
}

// CollectionDemand is the company's own inkassokrav for one invoice, planned by
// PlanCollectionDemand: every figure and text the letter states (inkassolagen 5 §).
type CollectionDemand struct {
	Date  Date // the day of the demand
	PayBy Date // the last day to pay or object: Date + PayDays
	// Basis says what the claim is based on: the invoice, its date and due date.
	Basis string
	// Principal is the invoice's unpaid principal; EarlierCharges what earlier
	// reminders charged and is still open.
	Principal      decimal.Decimal
	EarlierCharges decimal.Decimal
	Interest       Interest
	// Lines are the interest's lines as a committed demand recorded them
	// (CollectionLetterOf); nil for a demand just planned, whose lines are its
	// Interest's: InterestLines says which.
	Lines          []InterestLine
	InterestBefore decimal.Decimal
	// Fee is the collection fee charged (CollectionFee); LateCompensation the
	// förseningsersättning charged by this demand.
	Fee              decimal.Decimal
	LateCompensation decimal.Decimal
	// AmountDue is everything the demand asks: principal, earlier open charges,
	// interest less InterestBefore, fee and förseningsersättning.
	AmountDue decimal.Decimal
	// Consequence says what happens if the customer neither pays nor objects;
	// Objection how and by when to object.
	Consequence string
	Objection   string
}

// CollectionLetter is everything an inkassokrav letter shows: who sends it, to whom,
// for which invoice, and the demand.
type CollectionLetter struct {
	Company  Company
	Customer Customer
	Invoice  Invoice
	Demand   CollectionDemand
	// Text is the plan step's text filled in for the invoice, said before the demand's
	// own words; "" for none.
	Text string
}

// InterestLines are the demand's interest, one line per rate and base.
func (d CollectionDemand) InterestLines() []InterestLine {
	if d.Lines != nil {
		return d.Lines
	}
	return d.Interest.Lines()
}

// PlanCollectionDemand plans the company's own inkassokrav for one invoice, or says
// why it may not be made: never on an invoice with Amili (rule 4), never before the
// invoice is due and a reminder has gone out, never with nothing unpaid, and never
// with less than MinCollectionDays to pay (core/RULES.md, "The company's own
// inkassokrav").
func PlanCollectionDemand(in CollectionInput) (CollectionDemand, error) {
	if err := checkCollectionAllowed(in); err != nil {
		return CollectionDemand{}, err
	}
	inv := in.Invoice
	d := CollectionDemand{
		Date:           in.Date,
		PayBy:          in.Date.AddDays(in.PayDays),
		Principal:      inv.Balance(),
		EarlierCharges: inv.Charges,
		Interest:       in.Interest,
		InterestBefore: decimal.Min(decimal.Max(in.InterestBefore, decimal.Zero), in.Interest.Amount),
	}
	d.LateCompensation = collectionLateCompensation(in)
	d.Fee = CollectionFee(in, d.LateCompensation)
	d.AmountDue = d.Principal.Add(d.EarlierCharges).Add(d.Interest.Amount.Sub(d.InterestBefore)).
		Add(d.Fee).Add(d.LateCompensation)
	d.describe(inv)
	return d, nil
}

// describe writes the demand's texts for invoice inv: what the claim is based on, how
// to object and what happens otherwise, each by d.PayBy.
func (d *CollectionDemand) describe(inv Invoice) {
	d.Basis = "Faktura " + inv.Number + " daterad " + inv.InvoiceDate.String() +
		", förfallen till betalning " + inv.DueDate.String() + "."
	d.Objection = "Om du anser att kravet är felaktigt ska du senast " + d.PayBy.String() +
		" skriftligen meddela oss varför, så att vi kan pröva din invändning innan vi går vidare."
	d.Consequence = "Om du varken betalar eller invänder mot kravet senast " + d.PayBy.String() +
		" kan vi ansöka om betalningsföreläggande hos Kronofogden, vilket kan medföra ytterligare kostnader för dig."
}

// checkCollectionAllowed says why an inkassokrav may not be made for in, or nil.
func checkCollectionAllowed(in CollectionInput) error {
	inv := in.Invoice
	data := map[string]any{"Number": Excerpt(inv.Number)}
	switch {
	case inv.AmiliState.WithAmili():
		return Errorf(ECONFLICT, "Invoice {{.Number}} is with Amili: Amili collects it, so no inkassokrav of your own can be sent", data)
	case !inv.Balance().IsPositive():
		return Errorf(ECONFLICT, "Invoice {{.Number}} has nothing unpaid to demand", data)
	case !inv.DueDate.Before(in.Date):
		return Errorf(ECONFLICT, "Invoice {{.Number}} is not yet overdue: an inkassokrav can only be sent for an overdue invoice", data)
	case inv.ReminderCount < 1 || !inv.LastReminded.Before(in.Date):
		return Errorf(ECONFLICT, "Invoice {{.Number}} has not been reminded before: send a reminder first", data)
	case in.PayDays < MinCollectionDays:
		return Errorf(EINVALID, "An inkassokrav must give at least {{.Min}} days to pay", map[string]any{"Min": MinCollectionDays})
	}
	return nil
}

// collectionLateCompensation is the förseningsersättning the demand charges: rule 6's
// figure (LateCompensationAmount less the fees charged before, never below zero) when
// asked for, for a company customer not charged it before; else zero.
func collectionLateCompensation(in CollectionInput) decimal.Decimal {
	if !in.ChargeLateCompensation || in.LateCompensated.IsPositive() {
		return decimal.Zero
	}
	return lateCompensationFor(&in.Customer, earlierCharges{fees: in.FeesCharged})
}

// CollectionFee is the collection fee an inkassokrav for in may charge when it also
// charges lateNow of förseningsersättning: CollectionFeeAmount once per invoice (lag
// 1981:739 3 § 1, 4 §); where förseningsersättning is got, on this demand or before,
// only the part of the reminder and collection costs above it (the same law, 4 a §,
// as rule 6 reads it), so fees, collection fee and förseningsersättning together are
// never more than the larger of 450 kr and those costs.
func CollectionFee(in CollectionInput, lateNow decimal.Decimal) decimal.Decimal {
	if in.CollectionCharged {
		return decimal.Zero
	}
	late := in.LateCompensated.Add(lateNow)
	if !late.IsPositive() {
		return CollectionFeeAmount
	}
	costs := in.FeesCharged.Add(CollectionFeeAmount)
	allowed := decimal.Max(LateCompensationAmount, costs)
	charged := in.FeesCharged.Add(late)
	return decimal.Max(decimal.Zero, decimal.Min(CollectionFeeAmount, allowed.Sub(charged)))
}

// CollectionLetters renders the company's own inkassokrav as a PDF letter
// (implemented by data/letter's Writer); the plan's inkassokrav step delivers it.
type CollectionLetters interface {
	// RenderCollectionLetter returns the inkassokrav as PDF bytes.
	RenderCollectionLetter(l CollectionLetter) ([]byte, error)
}
