package letter

import (
	"strings"
	"testing"

	"paminn/core"
)

// A later reminder asks for the claim (core/RULES.md, rule 12): the letter and the
// e-mail show the earlier reminders' charges still unpaid on a line of their own,
// the interest it states, and, taken off, what earlier reminders already stated of
// that interest; the figures add up to "Att betala".
func TestALaterReminderShowsTheEarlierCostsAndAddsUp(t *testing.T) {
	l := sampleLetter()
	r := &l.Reminder
	// The first reminder charged 60 kr and stated 70,00 kr of interest; nothing of it
	// is paid. This one states 122,63 kr and charges 60 kr more.
	r.EarlierCharges, r.InterestBefore = dec("130"), dec("70")
	r.AmountDue = r.ClaimDue()
	if !r.AmountDue.Equal(dec("12588.13")) { // 12 345,50 + 130 + 52,63 + 60
		t.Fatalf("the claim is %s", r.AmountDue)
	}
	pdf, err := New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	letter, mail := pdfText(t, pdf), strings.Join(strings.Fields(PlainText(l)), " ")
	for _, want := range []string{
		"Kvar att betala 12 345,50 kr",
		"Obetalda avgifter och ränta (från tidigare påminnelser) 130,00 kr",
		"Dröjsmålsränta 12,50 % 2025-02-01 – 2025-03-01 (29 dagar) 122,63 kr",
		"Avgår ränta i tidigare påminnelser -70,00 kr",
		"Påminnelseavgift 60,00 kr",
		"Att betala 12 588,13 kr",
	} {
		if !strings.Contains(letter, want) {
			t.Errorf("the letter does not say %q; it says:\n%s", want, letter)
		}
	}
	for _, want := range []string{"Obetalda avgifter och ränta: 130,00 kr (från tidigare påminnelser)",
		"Avgår ränta i tidigare påminnelser: -70,00 kr", "Att betala: 12 588,13 kr"} {
		if !strings.Contains(strings.ReplaceAll(mail, "\u00a0", " "), want) {
			t.Errorf("the e-mail does not say %q; it says:\n%s", want, mail)
		}
	}
	// The rows add up to what is asked.
	sum := core.ZeroParts.Principal
	c := newContent(l)
	sum = sum.Add(r.Balance)
	for _, row := range c.Charges {
		v, err := core.ParseAmount(strings.TrimSuffix(strings.ReplaceAll(row.Value, "\u00a0", ""), "kr"))
		if err != nil {
			t.Fatalf("row %+v: %v", row, err)
		}
		sum = sum.Add(v)
	}
	if !sum.Equal(r.AmountDue) {
		t.Errorf("the rows add up to %s, the letter asks %s", sum, r.AmountDue)
	}
}
