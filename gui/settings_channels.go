package gui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// newChannelCard builds the settings card of delivery channel ch: every channel
// has one, and the settings tab's layout places each (listedkinds_test.go checks).
func (t *settingsTab) newChannelCard(ch core.Channel) *widget.Card {
	switch ch {
	case core.ChannelEmail:
		return widget.NewCard(lang.L("E-mail (SMTP)"), lang.L("Optional: for reminders by e-mail. Letters need no mail server."),
			container.NewVBox(widget.NewForm(
				widget.NewFormItem(lang.L("Server"), t.smtpHost), widget.NewFormItem(lang.L("Port"), t.smtpPort),
				widget.NewFormItem(lang.L("Security"), t.smtpSecurity), widget.NewFormItem(lang.L("User"), t.smtpUser),
				widget.NewFormItem(lang.L("From address"), t.smtpFrom),
				widget.NewFormItem(lang.L("Password"), t.smtpPassword)), t.mailTest.content))
	case core.ChannelLetter:
		// The letters folder sits among the reminder terms, which every letter states.
		browse := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), t.chooseLettersDir)
		return widget.NewCard(lang.L("Reminders"), "", widget.NewForm(
			widget.NewFormItem(lang.L("Reminder fee (at most 60 kr)"), t.fee),
			widget.NewFormItem(lang.L("Payment term (days)"), t.term),
			widget.NewFormItem(lang.L("Interest margin (percentage points)"), t.margin),
			widget.NewFormItem(lang.L("Least interest for a räntefaktura (kr)"), t.interestMin),
			widget.NewFormItem(lang.L("Letters folder"), container.NewBorder(nil, nil, nil, browse, t.lettersDir))))
	case core.ChannelAmili:
		return widget.NewCard(lang.L("Visma Amili"), "", t.amili.content)
	}
	return widget.NewCard(string(ch), "", nil)
}
