package gui

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// formatDate shows a date as YYYY-MM-DD, or "–" when there is none.
func formatDate(d core.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.String()
}

// formatAmount shows an amount the Swedish way: "1 234,50 kr".
func formatAmount(d decimal.Decimal) string { return core.FormatSEK(d) }

// formatInt shows a whole number with Swedish digit grouping: "100 000".
func formatInt(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r != '-' && s[i-1] != '-' && (len(s)-i)%3 == 0 {
			b.WriteString("\u00a0")
		}
		b.WriteRune(r)
	}
	return b.String()
}

// formatCount shows a count, or "–" for zero, so empty columns stay quiet.
func formatCount(n int) string {
	if n == 0 {
		return "–"
	}
	return strconv.Itoa(n)
}

// statusLook is how a status is shown: its words, an icon and a colour.
type statusLook struct {
	Text       string
	Icon       fyne.Resource
	Importance widget.Importance
}

// lookOf returns how status s is shown in the list, in the user's language.
func lookOf(s core.Status) statusLook {
	switch s {
	case core.StatusPaid:
		return statusLook{lang.L("Paid"), theme.NewSuccessThemedResource(theme.ConfirmIcon()), widget.SuccessImportance}
	case core.StatusCharges:
		return statusLook{lang.L("Costs remain"), theme.NewWarningThemedResource(theme.InfoIcon()), widget.WarningImportance}
	case core.StatusOverdue:
		return statusLook{lang.L("Overdue"), theme.NewErrorThemedResource(theme.WarningIcon()), widget.DangerImportance}
	case core.StatusReminded:
		return statusLook{lang.L("Reminded"), theme.NewWarningThemedResource(theme.MailSendIcon()), widget.WarningImportance}
	case core.StatusPaused:
		return pausedLook()
	case core.StatusAmili:
		return statusLook{lang.L("With Amili"), theme.NewPrimaryThemedResource(theme.MailForwardIcon()), widget.HighImportance}
	default:
		return statusLook{lang.L("Unpaid"), theme.NewThemedResource(theme.InfoIcon()), widget.MediumImportance}
	}
}

// failedLook makes look say that the invoice's latest reminder failed to deliver,
// unless the invoice is paid since; it reports whether it did.
func failedLook(inv core.Invoice, today core.Date, look *statusLook) bool {
	if inv.DeliveryFailure == nil || inv.Status(today) == core.StatusPaid {
		return false
	}
	*look = statusLook{lang.L("Reminder failed"), theme.NewErrorThemedResource(theme.MailSendIcon()), widget.DangerImportance}
	return true
}

// filterChoices are the status filter's options in order, with their words.
func filterChoices() ([]core.Filter, []string) {
	return []core.Filter{core.FilterAll, core.FilterUnpaid, core.FilterOverdue, core.FilterReminded, core.FilterAmili,
			core.FilterCharges, core.FilterPaid, core.FilterPaused},
		[]string{lang.X("filter.all", "All"), lang.X("filter.unpaid", "Unpaid"), lang.X("filter.overdue", "Overdue"),
			lang.X("filter.reminded", "Reminded"), lang.X("filter.amili", "With Amili"),
			lang.X("filter.charges", "Costs remain"), lang.X("filter.paid", "Paid"), lang.X("filter.paused", "Paused or disputed")}
}

// reminderTypeText names a reminder type.
func reminderTypeText(t core.ReminderType) string {
	switch t {
	case core.ReminderManual:
		return lang.L("Manual")
	case core.ReminderAmili:
		return lang.L("Amili")
	}
	return string(t)
}

// channelText names a delivery channel.
func channelText(c core.Channel) string {
	switch c {
	case core.ChannelEmail:
		return lang.L("E-mail")
	case core.ChannelLetter:
		return lang.L("Letter")
	case core.ChannelAmili:
		return lang.L("Amili")
	}
	return string(c)
}

// channelCountText says how many reminders of a batch go by channel c.
func channelCountText(c core.Channel, n int) string {
	count := map[string]any{"Count": n}
	switch c {
	case core.ChannelEmail:
		return lang.L("{{.Count}} go out by e-mail.", count)
	case core.ChannelLetter:
		return lang.L("{{.Count}} are written as PDF letters.", count)
	case core.ChannelAmili:
		return lang.L("{{.Count}} are handed to Amili.", count)
	}
	return strconv.Itoa(n) + " " + string(c)
}

// fallbackText says that reminders which could not go by the preferred channel c
// went by the type's default instead.
func fallbackText(c core.Channel) string {
	switch c {
	case core.ChannelEmail:
		return lang.L("Customers without an e-mail address get a letter instead.")
	case core.ChannelLetter, core.ChannelAmili: // never preferred: each is its type's default
	}
	return ""
}

// deliveryLook is how a reminder's delivery state is shown.
func deliveryLook(s core.DeliveryState) (string, widget.Importance) {
	switch s {
	case core.DeliverySent:
		return lang.X("delivery.sent", "Sent"), widget.SuccessImportance
	case core.DeliverySending:
		return lang.X("delivery.sending", "Sending"), widget.HighImportance
	case core.DeliveryFailed:
		return lang.X("delivery.failed", "Failed"), widget.DangerImportance
	case core.DeliveryStopped:
		return lang.X("delivery.stopped", "Stopped"), widget.WarningImportance
	}
	return lang.X("delivery.pending", "Waiting"), widget.MediumImportance
}

// invoiceDetail describes the selected invoice in the list's status line: its OCR
// reference and, once handed over, its Amili case.
func invoiceDetail(inv core.Invoice) string {
	parts := []string{lang.L("Invoice {{.Number}}", map[string]any{"Number": inv.Number})}
	if inv.Charges.IsPositive() {
		parts = append(parts, lang.L("Costs and interest unpaid: {{.Amount}}", map[string]any{"Amount": formatAmount(inv.Charges)}))
	}
	if inv.DeliveryFailure != nil {
		parts = append(parts, lang.L("The last reminder could not be sent: {{.Reason}}",
			map[string]any{"Reason": messageText(*inv.DeliveryFailure)}))
	}
	if inv.OCR != "" {
		parts = append(parts, lang.L("OCR {{.OCR}}", map[string]any{"OCR": inv.OCR}))
	}
	if c := amiliCaseText(inv); c != "" {
		parts = append(parts, lang.L("Amili case {{.Case}}", map[string]any{"Case": c}))
	}
	if inv.AmiliOCR != "" {
		parts = append(parts, lang.L("Amili OCR {{.OCR}}", map[string]any{"OCR": inv.AmiliOCR}))
	} else if inv.AmiliOCRUnknown() {
		parts = append(parts, lang.L("Amili OCR not known"))
	}
	return strings.Join(parts, " · ")
}

// paymentsText lists an invoice's payments for the status line: date, amount, the
// bank file each came from (or the customer's credit) and whether it was undone.
func paymentsText(ps []core.PaymentRecord) string {
	if len(ps) == 0 {
		return ""
	}
	items := make([]string, 0, len(ps))
	for _, p := range ps {
		if p.Kind == core.PaymentReversal {
			continue // told on the payment it undoes
		}
		item := paymentChoiceText(p)
		if p.ReversedBy != 0 {
			item += " " + lang.L("(undone)")
		}
		items = append(items, item)
	}
	return lang.L("Paid {{.Payments}}", map[string]any{"Payments": strings.Join(items, ", ")})
}

// amiliCaseText shows an invoice's Amili case: its reference and, once Amili has
// moved it on, where it stands ("" for an invoice not handed over).
func amiliCaseText(inv core.Invoice) string {
	if inv.AmiliState == core.AmiliNone {
		return ""
	}
	ref := inv.AmiliCaseRef
	if ref == "" {
		ref = lang.L("being handed over…")
	}
	if inv.AmiliRaw != "" {
		return ref + " (" + inv.AmiliRaw + ")" // Amili's own word, unknown to Påminn
	}
	if word := amiliStateWords[inv.AmiliState]; word != "" {
		return ref + " (" + lang.L(word) + ")"
	}
	return ref
}

// amiliStateWords name the Amili states worth showing beside the case reference.
var amiliStateWords = map[core.AmiliState]string{
	core.AmiliReminderSent:   "reminder sent",
	core.AmiliDebtCollection: "debt collection",
	core.AmiliPaid:           "paid to Amili",
	core.AmiliClosed:         "closed",
}

// externalRefText shows where a delivered reminder went: the letter's file name,
// the Amili case or the e-mail's Message-ID.
func externalRefText(r core.Reminder) string {
	switch r.Channel {
	case core.ChannelLetter:
		return filepath.Base(r.ExternalRef)
	case core.ChannelEmail, core.ChannelAmili:
	}
	return r.ExternalRef
}
