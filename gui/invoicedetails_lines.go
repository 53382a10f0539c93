package gui

import (
	"cmp"
	"slices"
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// claimRow is one row of the claim's table: a line of the claim, or (remaining set)
// what remains of each part, the last row.
type claimRow struct {
	line      core.ClaimLine
	text      string
	remaining bool
}

// claimRowsOf is the claim's table: its lines, oldest first, and what remains.
func claimRowsOf(v core.InvoiceDetails) []claimRow {
	var rows []claimRow
	for _, l := range v.ClaimLines() {
		rows = append(rows, claimRow{line: l, text: claimLineText(l, v)})
	}
	return append(rows, claimRow{line: core.ClaimLine{Parts: v.Remaining()}, text: lang.L("Remaining"), remaining: true})
}

// claimColumns are the claim table's columns: each part, and the line's sum.
func claimColumns(v *core.InvoiceDetails) []column[claimRow, unsorted] {
	part := func(title string, of func(core.Parts) decimal.Decimal) column[claimRow, unsorted] {
		return column[claimRow, unsorted]{title: title, width: 105, trailing: true, show: func(r claimRow) cellLook {
			return amountLook(of(r.line.Parts), r)
		}}
	}
	return []column[claimRow, unsorted]{
		{title: "Date", width: 90, show: func(r claimRow) cellLook {
			if r.remaining {
				return plain("")
			}
			return plain(formatDate(r.line.Date))
		}},
		{title: "What", width: 200, show: func(r claimRow) cellLook {
			if r.remaining {
				return styled(r.text, widget.HighImportance)
			}
			if r.line.Reversed {
				return styled(r.text, widget.LowImportance)
			}
			return plain(r.text)
		}},
		part("Invoice amount", func(p core.Parts) decimal.Decimal { return p.Principal }),
		part("Reminder fee", func(p core.Parts) decimal.Decimal { return p.Fee }),
		part("Late compensation", func(p core.Parts) decimal.Decimal { return p.Compensation }),
		part("Interest", func(p core.Parts) decimal.Decimal { return p.Interest }),
		part("Sum", func(p core.Parts) decimal.Decimal { return p.Sum() }),
	}
}

// amountLook shows a part of a line: blank where a line leaves it untouched, every
// part on the remaining row.
func amountLook(d decimal.Decimal, r claimRow) cellLook {
	switch {
	case r.remaining:
		return styled(formatAmount(d), widget.HighImportance)
	case d.IsZero():
		return plain("")
	case r.line.Reversed:
		return styled(formatAmount(d), widget.LowImportance)
	}
	return plain(formatAmount(d))
}

// claimLineText says what a line of the claim is, with its reminder, file, credit
// note number or reason.
func claimLineText(l core.ClaimLine, v core.InvoiceDetails) string {
	data := map[string]any{"Reason": l.Reason, "File": l.Source, "Number": l.Source}
	switch l.Kind {
	case core.LineInvoiced:
		return lang.L("Invoiced")
	case core.LineCharge:
		if r, ok := reminderOf(v, l.ReminderID); ok {
			return lang.L("Charged by reminder {{.Level}}", map[string]any{"Level": r.Level})
		}
		return lang.L("Charged by a reminder")
	case core.LineCreditNote:
		return lang.L("Credited: {{.Reason}}", data)
	case core.LineWaiver:
		if l.Reason == core.HeldBackWithdrawal { // the program's own reason, not the user's words
			return lang.L(core.HeldBackWithdrawal)
		}
		return lang.L("Waived: {{.Reason}}", data)
	case core.LinePayment:
		return paymentLineText(l, data)
	case core.LineFromCredit:
		return lang.L("Customer credit applied")
	case core.LineReversal:
		data["Date"] = formatDate(paymentDate(v, l.Reverses))
		return lang.L("Payment of {{.Date}} undone: {{.Reason}}", data)
	}
	return string(l.Kind)
}

// paymentLineText names a payment with the bank file it came from, and says so when
// it was undone.
func paymentLineText(l core.ClaimLine, data map[string]any) string {
	text := lang.L("Payment")
	if l.Source != "" {
		text = lang.L("Payment ({{.File}})", data)
	}
	if l.Reversed {
		text += " — " + lang.L("undone")
	}
	return text
}

// reminderOf is the invoice's reminder id.
func reminderOf(v core.InvoiceDetails, id int64) (core.Reminder, bool) {
	i := slices.IndexFunc(v.Reminders, func(r core.Reminder) bool { return r.ID == id })
	if i < 0 {
		return core.Reminder{}, false
	}
	return v.Reminders[i], true
}

// paymentDate is the date of the invoice's payment id (zero if it has none).
func paymentDate(v core.InvoiceDetails, id int64) core.Date {
	for _, p := range v.Payments {
		if p.ID == id {
			return p.Date
		}
	}
	return core.Date{}
}

// historyRow is one event in an invoice's history, newest last.
type historyRow struct {
	when       string // sorts as text: YYYY-MM-DD, or YYYY-MM-DD HH:MM
	text       string
	by         string // who made the change, where the book recorded it (a server book's user)
	importance widget.Importance
}

// historyColumns are the history table's columns.
var historyColumns = []column[historyRow, unsorted]{
	{title: "Date", width: 130, show: func(r historyRow) cellLook { return plain(r.when) }},
	{title: "What happened", width: 650, show: func(r historyRow) cellLook { return styled(r.text, r.importance) }},
	{title: "Who", width: 110, show: func(r historyRow) cellLook { return plain(r.by) }},
}

// historyRowsOf is the invoice's history, oldest first: each reminder and how it was
// delivered (before what it charged, on its day), the claim's lines, each report to
// Amili and each recorded change.
func historyRowsOf(v core.InvoiceDetails) []historyRow {
	var rows []historyRow
	for _, r := range v.Reminders {
		state, imp := deliveryLook(r.State)
		text := lang.L("Reminder {{.Level}} by {{.Channel}}, {{.Amount}} to pay: {{.State}}",
			map[string]any{"Level": r.Level, "Channel": channelText(r.Channel), "Amount": formatAmount(r.AmountDue), "State": state})
		if m := r.FailureMessage(); !m.IsZero() && (r.State == core.DeliveryFailed || r.State == core.DeliveryStopped) {
			text += " — " + messageText(m)
		}
		rows = append(rows, historyRow{when: formatDate(r.Date), text: text, by: r.By, importance: importanceOfFailure(imp)})
	}
	for _, l := range v.ClaimLines() {
		rows = append(rows, historyRow{when: formatDate(l.Date),
			text: claimLineText(l, v) + ": " + formatAmount(l.Parts.Sum()), by: l.By, importance: widget.MediumImportance})
	}
	for _, a := range v.AmiliReports {
		state, imp := deliveryLook(a.State)
		rows = append(rows, historyRow{when: a.UpdatedAt.Local().Format("2006-01-02 15:04"),
			text: lang.L("Report to Amili: {{.Report}}, {{.State}}", map[string]any{"Report": lang.L(amiliReportKinds[a.Kind]), "State": state}),
			by:   a.By, importance: importanceOfFailure(imp)})
	}
	for _, h := range v.History {
		rows = append(rows, historyRow{when: h.At.Local().Format("2006-01-02 15:04"), text: messageText(h.Message), by: h.By})
	}
	slices.SortStableFunc(rows, func(a, b historyRow) int {
		return cmp.Compare(a.when[:min(len(a.when), 10)], b.when[:min(len(b.when), 10)])
	})
	return rows
}

// importanceOfFailure keeps the colour of a failure and leaves the rest plain.
func importanceOfFailure(i widget.Importance) widget.Importance {
	if i == widget.DangerImportance {
		return i
	}
	return widget.MediumImportance
}

// levelText is a reminder's level as the table shows it.
func levelText(r core.Reminder) string { return strconv.Itoa(r.Level) }
