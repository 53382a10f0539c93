package letter

import (
	"strings"
	"testing"

	"paminn/core"
)

// defaultStepText is the plan's default text of the step named name, filled in for
// l's demand as the batch fills it (placeholders of core.PlanPlaceholders).
func defaultStepText(t *testing.T, l core.CollectionLetter, name string) string {
	t.Helper()
	for _, s := range core.DefaultPlan().Steps {
		if s.Name != name {
			continue
		}
		text, err := core.FillPlanText(s.Letter, map[string]string{
			"kund": l.Customer.Name, "fakturanummer": l.Invoice.Number, "förfallodatum": l.Invoice.DueDate.String(),
			"belopp": core.FormatSEK(l.Demand.AmountDue), "ocr": l.Invoice.OCR, "betala_senast": l.Demand.PayBy.String(),
			"dagar_försenad": "120", "företag": l.Company.Name})
		if err != nil {
			t.Fatal(err)
		}
		return text
	}
	t.Fatalf("the default plan has no step %q", name)
	return ""
}

// fullDemand is an inkassokrav with every row a demand can carry: a customer with a
// long two-line address, open charges from two earlier reminders, interest at two
// reference rates (the due date in 2024's second half), interest stated before taken
// off, and the collection fee; and the default plan's inkassokrav text.
func fullDemand(t *testing.T) core.CollectionLetter {
	t.Helper()
	l := sampleLetter()
	inv := l.Invoice
	inv.InvoiceDate, inv.DueDate = core.MustDate("2024-10-31"), core.MustDate("2024-11-30")
	inv.Total, inv.Charges, inv.ReminderCount, inv.LastReminded = dec("48750.00"), dec("120"), 2, core.MustDate("2025-01-15")
	date := core.MustDate("2025-03-01")
	interest, err := core.LateInterest(inv.Balance(), inv.DueDate, date, dec("8"), core.RateTable(core.DefaultReferenceRates()))
	if err != nil {
		t.Fatal(err)
	}
	d, err := core.PlanCollectionDemand(core.CollectionInput{Invoice: inv, Customer: l.Customer, Date: date,
		PayDays: 10, Interest: interest, InterestBefore: dec("512.33"), FeesCharged: dec("120")})
	if err != nil {
		t.Fatal(err)
	}
	c := core.CollectionLetter{Company: l.Company, Customer: l.Customer, Invoice: inv, Demand: d}
	c.Text = defaultStepText(t, c, "Inkassokrav")
	return c
}

// Issue 22: the company's own inkassokrav with the default plan's text fits one A4
// page and still states every element inkassolagen (1974:182) 5 § and god inkassosed
// ask (core/RULES.md, "The company's own inkassokrav"): who claims what, what the claim
// is based on, the capital, each interest part with its rate, capital and period, the
// costs each apart, the last day (at least eight days), what happens otherwise, how
// to object, and where to pay.
func TestTheInkassokravWithTheDefaultTextFitsOnePageWithEveryElement(t *testing.T) {
	l := fullDemand(t)
	if len(l.Demand.InterestLines()) < 2 || !l.Demand.EarlierCharges.IsPositive() || !l.Demand.Fee.IsPositive() {
		t.Fatalf("the demand lacks the rows the test needs: %+v", l.Demand)
	}
	pdf, err := New().RenderCollectionLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	if pages := pdfPages(t, pdf); pages != "1" {
		t.Errorf("the inkassokrav with the default text has %s pages, want one", pages)
	}
	letter := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	due := core.FormatSEK(l.Demand.AmountDue)
	for _, want := range []string{
		"Inkassokrav",
		"Fjällbäckens Snickeri AB kräver dig på betalning av " + due, // who claims, the amount
		"Fordran avser: Faktura 2025-0042 daterad 2024-10-31, förfallen till betalning 2024-11-30.",
		"Åsa Öberg AB", "Kvarngränd 3", "c/o Café Ängen", "113 51 Göteborg",
		"Kapital (obetalt fakturabelopp) 48 750,00 kr",
		"Obetalda avgifter och ränta (från tidigare påminnelser) 120,00 kr",
		"Dröjsmålsränta 12,00 % på 48 750,00 kr 2024-12-01 – 2024-12-31",
		"Dröjsmålsränta 11,00 % på 48 750,00 kr 2025-01-01 – 2025-03-01",
		"Avgår ränta i tidigare påminnelser -512,33 kr",
		"Inkassoavgift (lag 1981:739 3 §) 180,00 kr",
		"Att betala " + due,
		"Betala eller invänd senast 2025-03-11",
		"Om du anser att kravet är felaktigt ska du senast 2025-03-11 skriftligen meddela oss varför",
		"kan vi ansöka om betalningsföreläggande hos Kronofogden",
		"Bankgiro 5050-1055", "OCR-nummer 2025004218",
		"Fjällbäckens Snickeri AB Org.nr 556677-8899", // the sender
	} {
		if !strings.Contains(letter, strings.ReplaceAll(want, "\u00a0", " ")) {
			t.Errorf("the letter does not say %q; it says:\n%s", want, letter)
		}
	}
}
