package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// showApplyCredit reads the credit of inv's customer and asks how much of it pays
// inv; it says so when the customer has none.
func showApplyCredit(svc *core.Service, win fyne.Window, inv core.Invoice) {
	background(func(ctx context.Context) (map[int64]decimal.Decimal, error) {
		return svc.CustomerCredits(ctx)
	}, func(credits map[int64]decimal.Decimal, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		credit := credits[inv.CustomerID]
		if !credit.IsPositive() {
			showInfo(lang.L("Use customer credit"),
				lang.L("{{.Customer}} has no credit to use.", map[string]any{"Customer": inv.CustomerName}), win)
			return
		}
		newApplyCreditForm(svc, win, inv, credit).show()
	})
}

// newApplyCreditForm asks how much of the customer's credit pays inv: at most both.
func newApplyCreditForm(svc *core.Service, win fyne.Window, inv core.Invoice, credit decimal.Decimal) *formDialog {
	amount := entryWith(amountText(decimal.Min(credit, inv.Balance())), "1 234,50")
	info := widget.NewLabel(lang.L("{{.Customer}} has {{.Credit}} in credit; invoice {{.Number}} has {{.Balance}} left to pay.",
		map[string]any{"Customer": inv.CustomerName, "Credit": formatAmount(credit), "Number": inv.Number,
			"Balance": formatAmount(inv.Balance())}))
	info.Wrapping = fyne.TextWrapWord
	f := newFormDialog(win, lang.L("Use customer credit"), lang.L("Use credit"), []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem(lang.L("Amount"), amount),
	})
	f.prepare = func() (func(context.Context) error, error) {
		a, err := core.ParseAmount(amount.Text)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { return ignoreValue(svc.ApplyCredit(ctx, inv.CustomerID, inv.ID, a)) }, nil
	}
	return f
}

// showRefundCredit asks how much of c's credit was paid back to them, and why.
func showRefundCredit(svc *core.Service, win fyne.Window, c core.Customer, credit decimal.Decimal) {
	newRefundCreditForm(svc, win, c, credit).show()
}

// newRefundCreditForm asks for a refund of c's credit (all of it, to begin with).
func newRefundCreditForm(svc *core.Service, win fyne.Window, c core.Customer, credit decimal.Decimal) *formDialog {
	amount := entryWith(amountText(credit), "1 234,50")
	reason := entryWith("", lang.L("For example: paid back to the customer's account"))
	info := widget.NewLabel(lang.L("{{.Customer}} has {{.Credit}} in credit.",
		map[string]any{"Customer": c.Name, "Credit": formatAmount(credit)}))
	f := newFormDialog(win, lang.L("Refund customer credit"), lang.L("Refund"), []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem(lang.L("Amount"), amount),
		widget.NewFormItem(lang.L("Reason"), reason),
	})
	f.prepare = func() (func(context.Context) error, error) {
		a, err := core.ParseAmount(amount.Text)
		if err != nil {
			return nil, err
		}
		text := reason.Text
		return func(ctx context.Context) error { return svc.RefundCredit(ctx, c.ID, a, text) }, nil
	}
	return f
}
