package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// historyText is the status line's account of an invoice's payments and waivers.
func historyText(ps []core.PaymentRecord, es []core.ClaimEntry) string {
	var texts []string
	for _, t := range []string{paymentsText(ps), waiversText(es)} {
		if t != "" {
			texts = append(texts, t)
		}
	}
	return strings.Join(texts, " · ")
}

// waiversText lists an invoice's waivers for the status line: date, amount and
// reason ("" when there are none).
func waiversText(es []core.ClaimEntry) string {
	var items []string
	for _, e := range es {
		if e.Kind == core.EntryWaiver {
			items = append(items, lang.L("{{.Date}} {{.Amount}} ({{.Reason}})", map[string]any{"Date": formatDate(e.Date),
				"Amount": formatAmount(e.Parts.Sum().Neg()), "Reason": e.Reason}))
		}
	}
	if len(items) == 0 {
		return ""
	}
	return lang.L("Waived {{.Waivers}}", map[string]any{"Waivers": strings.Join(items, ", ")})
}

// showWaiveInvoice asks for a reason and waives what remains of inv's costs and
// interest: the Faktura menu's and the details' Efterskänk.
// maxWaiveNamed is how many invoices the waive form names one by one; more are
// counted.
const maxWaiveNamed = 5

// maxWaiveShown bounds the invoices "the invoices shown" waives at once.
const maxWaiveShown = 1000

func showWaiveInvoice(svc *core.Service, win fyne.Window, inv core.Invoice) {
	showWaiveForm(svc, win, []core.Invoice{inv}, nil) // the list reloads on the service's OnChange
}

// showWaiveForm asks for the reason and waives what remains of the costs and
// interest of invs (core.Service.WaiveCharges); the invoice amount stays owed.
// done runs with the waivers written. It is one action on the invoices it is
// given, so the list's selection and an invoice's details can both offer it.
func showWaiveForm(svc *core.Service, win fyne.Window, invs []core.Invoice, done func([]core.ClaimEntry)) *formDialog {
	numbers := make([]string, len(invs))
	ids := make([]int64, len(invs))
	for i, inv := range invs {
		numbers[i], ids[i] = inv.Number, inv.ID
	}
	text := lang.L("Waives what remains of the reminder fees, förseningsersättning and interest of invoice {{.Numbers}}. The invoice amount stays owed.",
		map[string]any{"Numbers": strings.Join(numbers, ", ")})
	if len(invs) > maxWaiveNamed {
		text = lang.L("Waives what remains of the reminder fees, förseningsersättning and interest of {{.Count}} invoices. Their invoice amounts stay owed.",
			map[string]any{"Count": formatInt(len(invs))})
	}
	info := widget.NewLabel(text)
	info.Wrapping = fyne.TextWrapWord
	reason := entryWith("", lang.L("Why, e.g. goodwill"))
	f := newFormDialog(win, lang.L("Waive costs and interest"), lang.L("Waive"), []*widget.FormItem{
		widget.NewFormItem("", info),
		widget.NewFormItem(lang.L("Reason"), reason),
	})
	var waived []core.ClaimEntry
	f.prepare = func() (func(context.Context) error, error) {
		text := reason.Text
		return func(ctx context.Context) (err error) {
			waived, err = svc.WaiveCharges(ctx, ids, text)
			return err
		}, nil
	}
	f.done = func() {
		total := core.ZeroParts
		for _, w := range waived {
			total = total.Add(w.Parts)
		}
		showInfo(lang.L("Costs and interest waived"), lang.L("{{.Amount}} waived; the history of the invoice shows it with the reason.",
			map[string]any{"Amount": formatAmount(total.Sum().Neg())}), win)
		if done != nil {
			done(waived)
		}
	}
	f.show()
	return f
}
