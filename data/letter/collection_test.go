package letter

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"paminn/core"
)

// sampleDemand is an inkassokrav to a consumer for 10 000 kr due 2025-01-31, reminded
// on 2025-02-10, demanded on 2025-03-01 with ten days to pay and interest.
func sampleDemand(t *testing.T) core.CollectionLetter {
	t.Helper()
	l := sampleLetter()
	inv := l.Invoice
	inv.Total, inv.ReminderCount, inv.LastReminded = dec("10000"), 1, core.MustDate("2025-02-10")
	date := core.MustDate("2025-03-01")
	interest, err := core.LateInterest(inv.Balance(), inv.DueDate, date, dec("8"), core.RateTable(core.DefaultReferenceRates()))
	if err != nil {
		t.Fatal(err)
	}
	d, err := core.PlanCollectionDemand(core.CollectionInput{Invoice: inv, Customer: l.Customer, Date: date,
		PayDays: 10, Interest: interest})
	if err != nil {
		t.Fatal(err)
	}
	return core.CollectionLetter{Company: l.Company, Customer: l.Customer, Invoice: inv, Demand: d}
}

// The inkassokrav letter carries every element inkassolagen (1974:182) 5 § asks of a
// krav — written, capital, interest (amount, rate, period, the capital it ran on) and
// costs each apart, a time to pay or object — and what IMY's guidance on god
// inkassosed adds: who claims, what the claim is based on, at least eight days, what
// happens otherwise and how to object. Worked example: 10 000 kr × 11 % (reference
// rate 2025 H1 3,00 % + 8) × 29 days / 365 = 87,40 kr; with the 180 kr fee (lag
// 1981:739 3 § 1, 4 §) 10 267,40 kr.
func TestAnInkassokravLetterStatesEveryElementTheLawAsks(t *testing.T) {
	l := sampleDemand(t)
	pdf, err := New().RenderCollectionLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	letter := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	mail := strings.ReplaceAll(strings.Join(strings.Fields(CollectionPlainText(l)), " "), "\u00a0", " ")
	for _, want := range []string{
		"Inkassokrav",
		"Fjällbäckens Snickeri AB kräver dig på betalning av 10 267,40 kr.",                         // who claims, the amount
		"Fordran avser: Faktura 2025-0042 daterad 2025-01-01, förfallen till betalning 2025-01-31.", // what it is based on
		"Åsa Öberg AB", "Kvarngränd 3",
		"Kapital (obetalt fakturabelopp) 10 000,00 kr",
		"Dröjsmålsränta 11,00 % på 10 000,00 kr 2025-02-01 – 2025-03-01 (29 dagar) 87,40 kr",
		"Inkassoavgift (lag 1981:739 3 §) 180,00 kr",
		"Att betala 10 267,40 kr",
		"Betala eller invänd senast 2025-03-11", // ten days: at least eight
		"Om du anser att kravet är felaktigt ska du senast 2025-03-11 skriftligen meddela oss varför",
		"Om du varken betalar eller invänder mot kravet senast 2025-03-11 kan vi ansöka om betalningsföreläggande hos Kronofogden",
		"Bankgiro 5050-1055", "OCR-nummer 2025004218",
	} {
		if !strings.Contains(letter, want) {
			t.Errorf("the letter does not say %q; it says:\n%s", want, letter)
		}
	}
	// The e-mail says the same, laid out as text: the detail after the amount.
	for _, want := range []string{
		"Inkassokrav", "Fjällbäckens Snickeri AB kräver dig på betalning av 10 267,40 kr.",
		"Fordran avser: Faktura 2025-0042 daterad 2025-01-01, förfallen till betalning 2025-01-31.",
		"Kapital (obetalt fakturabelopp): 10 000,00 kr",
		"Dröjsmålsränta: 87,40 kr 11,00 % på 10 000,00 kr 2025-02-01 – 2025-03-01 (29 dagar)",
		"Inkassoavgift: 180,00 kr (lag 1981:739 3 §)", "Att betala: 10 267,40 kr",
		"Betala eller invänd senast: 2025-03-11", "Om du anser att kravet är felaktigt", "hos Kronofogden", "OCR-nummer: 2025004218",
	} {
		if !strings.Contains(mail, want) {
			t.Errorf("the e-mail does not say %q; it says:\n%s", want, mail)
		}
	}
	if pages := pdfPages(t, pdf); pages != "1" {
		t.Errorf("the inkassokrav has %s pages, want one", pages)
	}
	if strings.Contains(letter, "Betalningspåminnelse") || strings.Contains(letter, "Påminnelseavgift") {
		t.Errorf("the inkassokrav reads as a reminder:\n%s", letter)
	}
}

// A company charged förseningsersättning on the demand is asked no collection fee on
// top (lag 1981:739 4 a §): the letter shows the one and not the other.
func TestAnInkassokravWithFörseningsersättningShowsNoCollectionFee(t *testing.T) {
	l := sampleDemand(t)
	l.Customer.IsCompany = true
	d, err := core.PlanCollectionDemand(core.CollectionInput{Invoice: l.Invoice, Customer: l.Customer,
		Date: l.Demand.Date, PayDays: 10, ChargeLateCompensation: true})
	if err != nil {
		t.Fatal(err)
	}
	l.Demand = d
	pdf, err := New().RenderCollectionLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	letter := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	if !strings.Contains(letter, "Förseningsersättning (lag 1981:739 4 a §) 450,00 kr") ||
		strings.Contains(letter, "Inkassoavgift") || !strings.Contains(letter, "Att betala 10 450,00 kr") {
		t.Errorf("want förseningsersättning 450 kr, no inkassoavgift, 10 450 kr to pay; the letter says:\n%s", letter)
	}
}

// pdfPages is the number of pages poppler's pdfinfo counts in pdf.
func pdfPages(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo (poppler-utils): %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo names no page count:\n%s", out)
	}
	return string(m[1])
}
