package gui

import (
	"fyne.io/fyne/v2/lang"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// newLateCompensationCheck is the dialog's förseningsersättning option (rule 6): 450
// kr from each company customer, once per invoice and instead of the reminder fee.
// Like the fee it is off under Amili, which charges its own.
// Esc on it closes the dialog, as on the other options.
func newLateCompensationCheck(d *remindDialog) *escCheck {
	return newEscCheck(lang.L("Charge late-payment compensation of {{.Amount}} from business customers",
		map[string]any{"Amount": core.LateCompensationAmount.String() + " kr"}), func(bool) { d.selectionChanged() }, d.close)
}

// totalsWithCompensation is the totals line when förseningsersättning is ticked.
func totalsWithCompensation(balance, interest, fees, compensation decimal.Decimal) string {
	return lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · Late-payment compensation {{.Compensation}} · To be reminded {{.Total}}",
		map[string]any{"Balance": formatAmount(balance), "Interest": formatAmount(interest), "Fees": formatAmount(fees),
			"Compensation": formatAmount(compensation), "Total": formatAmount(balance.Add(interest).Add(fees).Add(compensation))})
}
