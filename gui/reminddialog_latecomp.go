package gui

import (
	"fyne.io/fyne/v2/lang"

	"paminn/core"
)

// newLateCompensationCheck is the dialog's förseningsersättning option (rule 6): 450
// kr from each company customer per invoice, the fees already charged on it counted
// in (core works the amount out), and instead of any later reminder fee.
// Like the fee it is off under Amili, which charges its own.
// Esc on it closes the dialog, as on the other options.
func newLateCompensationCheck(d *remindDialog) *escCheck {
	return newEscCheck(lang.L("Charge late-payment compensation of {{.Amount}} from business customers",
		map[string]any{"Amount": core.LateCompensationAmount.String() + " kr"}), func(bool) { d.selectionChanged() }, d.close)
}

// totalsWithCompensation is the totals line when förseningsersättning is ticked.
func totalsWithCompensation(t core.SelectionTotals) string {
	return lang.L("Balance {{.Balance}} · Interest {{.Interest}} · Fees {{.Fees}} · Late-payment compensation {{.Compensation}} · To be reminded {{.Total}}",
		map[string]any{"Balance": formatAmount(t.Balance), "Interest": formatAmount(t.Interest), "Fees": formatAmount(t.Fees),
			"Compensation": formatAmount(t.LateCompensation), "Total": formatAmount(t.AmountDue)})
}
