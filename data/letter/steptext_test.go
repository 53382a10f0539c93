package letter

import (
	"strings"
	"testing"

	"paminn/core"
)

// A reminder sent by the plan opens with its step's text, filled in for the invoice:
// the letter's text in the PDF, the e-mail's in the e-mail body, each in place of the
// letter's own opening; the figures and payment details follow as for any reminder.
func TestAStepsTextsOpenTheLetterAndTheEmail(t *testing.T) {
	l := sampleLetter()
	l.Reminder.Step, l.Reminder.StepName, l.Reminder.Action = 2, "Påminnelse 2", core.StepReminder
	l.Reminder.LetterText = "Hej Åsa Öberg AB!\n\nTrots vår påminnelse är faktura 2025-0042 obetald.\n\nFjällbäckens Snickeri AB"
	l.Reminder.EmailText = "Hej!\n\nFaktura 2025-0042 är fortfarande obetald, se bifogat brev."
	pdf, err := New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	letter := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	mail := strings.Join(strings.Fields(PlainText(l)), " ")
	for _, want := range []string{"Hej Åsa Öberg AB!", "Trots vår påminnelse är faktura 2025-0042 obetald.", "OCR-nummer 2025004218"} {
		if !strings.Contains(letter, want) {
			t.Errorf("the letter lacks %q:\n%s", want, letter)
		}
	}
	if strings.Contains(letter, "Enligt våra noteringar") || strings.Contains(letter, "se bifogat brev") {
		t.Errorf("the letter says its own opening or the e-mail's text:\n%s", letter)
	}
	if !strings.Contains(mail, "Faktura 2025-0042 är fortfarande obetald, se bifogat brev.") ||
		strings.Contains(mail, "Trots vår påminnelse") || strings.Contains(mail, "Enligt våra noteringar") {
		t.Errorf("the e-mail body does not open with the step's e-mail text:\n%s", mail)
	}
}

// A reminder whose action is the company's own inkassokrav is an inkassokrav, in its
// letter and its e-mail: the title, the collection fee, the basis and how to object
// (inkassolagen 5 §), with the step's text before the demand's own words.
func TestAReminderThatIsAnInkassokravIsWrittenAsOne(t *testing.T) {
	l := sampleLetter()
	l.Reminder.Action, l.Reminder.Step, l.Reminder.Fee = core.StepInkasso, 3, dec("180")
	l.Reminder.AmountDue = l.Reminder.ClaimDue()
	l.Reminder.LetterText = "Inkassokrav till Åsa Öberg AB."
	pdf, err := New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	letter := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	mail := strings.ReplaceAll(strings.Join(strings.Fields(PlainText(l)), " "), "\u00a0", " ")
	for _, want := range []string{"Inkassokrav till Åsa Öberg AB.", "Inkassoavgift (lag 1981:739 3 §) 180,00 kr",
		"Fordran avser: Faktura 2025-0042 daterad 2025-01-01", "Betala eller invänd senast 2025-03-11", "Kronofogden"} {
		if !strings.Contains(letter, want) {
			t.Errorf("the letter lacks %q:\n%s", want, letter)
		}
	}
	if !strings.HasPrefix(mail, "Inkassokrav") || !strings.Contains(mail, "Inkassoavgift") || strings.Contains(letter, "Betalningspåminnelse") {
		t.Errorf("not an inkassokrav:\nletter %s\nmail %s", letter, mail)
	}
}
