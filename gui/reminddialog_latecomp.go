package gui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// newLateCompensationCheck is the dialog's förseningsersättning option (rule 6): 450
// kr from each company customer, once per invoice and instead of the reminder fee.
// Like the fee it is off under Amili, which charges its own.
func newLateCompensationCheck(d *remindDialog) *widget.Check {
	return widget.NewCheck(lang.L("Charge late-payment compensation of {{.Amount}} from business customers",
		map[string]any{"Amount": core.LateCompensationAmount.String() + " kr"}), func(bool) { d.update() })
}

// chargesOf is what a manual reminder of c would charge besides interest under the
// ticked options: the fee and the förseningsersättning, never both (rule 6).
func (d *remindDialog) chargesOf(c core.Candidate) (fee, compensation decimal.Decimal) {
	if d.typ != core.ReminderManual {
		return decimal.Zero, decimal.Zero
	}
	if d.lateComp.Checked && c.LateCompensation.IsPositive() {
		return decimal.Zero, c.LateCompensation
	}
	if d.fee.Checked {
		return c.Fee, decimal.Zero
	}
	return decimal.Zero, decimal.Zero
}

// totalsWithCompensation is the totals line when förseningsersättning is ticked.
func totalsWithCompensation(balance, interest, fees, compensation decimal.Decimal) string {
	return lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · Late-payment compensation {{.Compensation}} · To be reminded {{.Total}}",
		map[string]any{"Balance": formatAmount(balance), "Interest": formatAmount(interest), "Fees": formatAmount(fees),
			"Compensation": formatAmount(compensation), "Total": formatAmount(balance.Add(interest).Add(fees).Add(compensation))})
}
