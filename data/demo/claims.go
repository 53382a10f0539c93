package demo

import "github.com/shopspring/decimal"

// reminderFee is the fee the demo's manual reminders charged where the customer agreed
// to one (DESIGN.md rule 6).
var reminderFee = decimal.NewFromInt(60)

// chargeFees gives every manually reminded invoice of a customer who agreed to a
// reminder fee the fees its reminders charged, still open (core.Invoice.Charges): the
// book then holds claims, not only balances. It draws nothing from the random source.
func (b *book) chargeFees() {
	for i := range b.invs {
		inv := &b.invs[i].Invoice
		if inv.ReminderCount > 0 && inv.AmiliState == "" && b.customers[b.customer[i]].FeeAgreed {
			inv.Charges = reminderFee.Mul(decimal.NewFromInt(int64(inv.ReminderCount)))
		}
	}
}

// leaveCosts makes about one in a hundred of the invoices paid in full, due at least
// three weeks ago, invoices that were reminded once a week after their due date before
// the customer paid: where the customer agreed to a fee the invoice amount was paid
// and the 60 kr fee was not (Avgifter kvar, issue 20); the first of the others was
// paid late in full and is where a räntefaktura would charge the interest of the late
// payment (Store.WriteDemoLedger dates its payment after the reminder).
func (b *book) leaveCosts(overdue []int) {
	isOverdue := make([]bool, len(b.invs))
	for _, i := range overdue {
		isOverdue[i] = true
	}
	for i := range b.invs {
		inv := &b.invs[i].Invoice
		due := int(b.due[i])
		if isOverdue[i] || !inv.Paid.Equal(inv.Total) || inv.ReminderCount > 0 || b.cal.today-due < 21 ||
			b.r.IntN(100) != 0 {
			continue
		}
		inv.ReminderCount, inv.LastReminded = 1, b.cal.date(due+7)
		if b.customers[b.customer[i]].FeeAgreed {
			inv.Charges = reminderFee
		}
	}
}
