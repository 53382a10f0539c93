package gui

import (
	"fyne.io/fyne/v2/lang"

	"paminn/core"
)

// newPerCustomerCheck is the dialog's "En påminnelse per kund" option (issue 22): a
// customer's selected invoices go in one letter or e-mail, listing each invoice and
// one total, with one reminder fee for the letter (core/RULES.md, "One letter per
// customer"; core decides which invoice carries it). Like the fee it is off under
// Amili, which delivers itself. Esc on it closes the dialog, as on the other options.
func newPerCustomerCheck(d *remindDialog) *escCheck {
	return newEscCheck(lang.L("One reminder per customer"), func(bool) { d.selectionChanged() }, d.close)
}

// channelCount is how many reminders go by channel ch, as the confirmation shows
// it: with the letters or e-mails they go as when a letter holds several invoices.
func channelCount(t core.ReminderTotals, ch core.Channel) string {
	n, letters := t.ByChannel[ch], t.Letters[ch]
	if letters == 0 || letters == n {
		return formatInt(n)
	}
	data := map[string]any{"Count": formatInt(n), "Letters": formatInt(letters)}
	if ch.SendsEmail() {
		return lang.L("{{.Count}} in {{.Letters}} e-mails", data)
	}
	return lang.L("{{.Count}} in {{.Letters}} letters", data)
}
