package mail

import (
	"strings"
	"testing"

	"paminn/core"
	"paminn/data/mail/mailtest"
)

// A reminder sent by the plan opens its e-mail with the step's e-mail text (issue 22),
// its figures after it; an inkassokrav step's e-mail is titled and written as one.
func TestAStepsEmailTextOpensTheReminderEmail(t *testing.T) {
	in := mailtest.Start(t, mailtest.Options{})
	l := sampleLetter()
	l.Reminder.Step, l.Reminder.StepName, l.Reminder.Action = 1, "Påminnelse 1", core.StepReminder
	l.Reminder.EmailText = "Hej Åsa!\n\nFaktura 1042 är obetald. Betala senast 2025-03-11."
	l.Reminder.LetterText = "Brevets egen text."
	inkasso := sampleLetter()
	inkasso.Reminder.ID, inkasso.Reminder.Action, inkasso.Reminder.Step, inkasso.Reminder.Fee = 100, core.StepInkasso, 3, dec("180")
	inkasso.Reminder.AmountDue = inkasso.Reminder.ClaimDue()
	for _, letter := range []core.Letter{l, inkasso} {
		if _, err := NewSender(nil).SendReminder(ctxT(t), in.Settings("faktura@snickeri.se"), letter, samplePDF(t, letter)); err != nil {
			t.Fatal(err)
		}
	}
	got := in.Messages()
	if len(got) != 2 {
		t.Fatalf("%d messages arrived, want 2", len(got))
	}
	m := parseMail(t, got[0].Data)
	opens, figures := strings.Index(m.body, "Hej Åsa!"), strings.Index(m.body, "Fakturanummer")
	if opens < 0 || figures < opens || !strings.Contains(m.body, "Faktura 1042 är obetald.") ||
		strings.Contains(m.body, "Brevets egen text") || strings.Contains(m.body, "Enligt våra noteringar") {
		t.Errorf("the body does not open with the step's e-mail text:\n%s", m.body)
	}
	k := parseMail(t, got[1].Data)
	if k.subject != "Inkassokrav – faktura 1042" || !strings.Contains(k.body, "Inkassoavgift") || !strings.Contains(k.body, "Kronofogden") {
		t.Errorf("the inkassokrav's e-mail: subject %q\n%s", k.subject, k.body)
	}
}
