package letter

import (
	"strings"
	"testing"

	"paminn/core"
)

// Interest that ran on two bases (4 000 kr of 10 000 kr paid on 2026-10-31, rule 5,
// räntelagen 6 §) shows one line per rate and base in the PDF and in the e-mail, with
// amounts that add up to the interest: 84,93 + 42,74 = 127,67 kr (see core's
// TestAReminderChargesInterestOnEachDaysUnpaidAmount for the figures).
func TestTheLetterShowsOneInterestLinePerRateAndBase(t *testing.T) {
	l := sampleLetter()
	l.Reminder.Balance, l.Reminder.Interest, l.Reminder.Fee = dec("6000"), dec("127.67"), dec("0")
	l.Reminder.AmountDue = dec("6127.67")
	l.Reminder.InterestLines = []core.InterestLine{
		{From: core.MustDate("2026-10-01"), To: core.MustDate("2026-10-31"), Days: 31, Rate: dec("10"), Base: dec("10000"), Amount: dec("84.93")},
		{From: core.MustDate("2026-11-01"), To: core.MustDate("2026-11-26"), Days: 26, Rate: dec("10"), Base: dec("6000"), Amount: dec("42.74")},
	}
	pdf, err := New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"letter": pdfText(t, pdf), "e-mail": PlainText(l)} {
		text = strings.Join(strings.Fields(text), " ")
		for _, want := range []string{
			"10,00 % på 10 000,00 kr 2026-10-01 – 2026-10-31 (31 dagar)", "84,93 kr",
			"10,00 % på 6 000,00 kr 2026-11-01 – 2026-11-26 (26 dagar)", "42,74 kr",
			"6 127,67 kr",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the %s does not say %q; it says:\n%s", name, want, text)
			}
		}
	}
}

// Förseningsersättning (lag 1981:739 4 a §: 450 kr from a company debtor) is one of
// the charges, in the letter and in the e-mail, and in the amount to pay.
func TestTheLetterShowsTheLateCompensation(t *testing.T) {
	l := sampleLetter()
	l.Reminder.Fee, l.Reminder.LateCompensation = dec("0"), dec("450")
	l.Reminder.AmountDue = l.Reminder.Balance.Add(l.Reminder.Interest).Add(dec("450"))
	pdf, err := New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"letter": pdfText(t, pdf), "e-mail": PlainText(l)} {
		text = strings.Join(strings.Fields(text), " ")
		for _, want := range []string{"Förseningsersättning", "450,00 kr", "Att betala: 12 918,13 kr"} {
			if name == "letter" {
				want = strings.ReplaceAll(want, ":", "")
			}
			if !strings.Contains(text, want) {
				t.Errorf("the %s does not say %q; it says:\n%s", name, want, text)
			}
		}
		if strings.Contains(text, "Påminnelseavgift") {
			t.Errorf("the %s charges a reminder fee beside the compensation", name)
		}
	}
}

// A company with a plusgiro number and no bankgiro gets its plusgiro on the letter.
func TestTheLetterPrintsThePlusgiroWhenThereIsNoBankgiro(t *testing.T) {
	l := sampleLetter()
	l.Company.Bankgiro, l.Company.Plusgiro = "", "4405-7"
	pdf, err := New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"letter": pdfText(t, pdf), "e-mail": PlainText(l)} {
		text = strings.Join(strings.Fields(text), " ")
		if !strings.Contains(text, "Plusgiro") || !strings.Contains(text, "4405-7") || strings.Contains(text, "Bankgiro") {
			t.Errorf("the %s does not print the plusgiro alone:\n%s", name, text)
		}
	}
}
