package letter

import (
	"fmt"
	"strings"
	"testing"

	"paminn/core"
)

// sharedLetter is one letter for three of a customer's invoices (issue 22): the
// first carries the letter's one fee and interest, the second an OCR-less invoice at
// its second reminder, the third förseningsersättning.
func sharedLetter() core.Letter {
	l := sampleLetter() // 2025-0042: 12 345,50 + 122,63 interest + 60 fee = 12 528,13
	l.Reminder.Level = 1
	second := sampleLetter()
	second.Invoice.Number, second.Invoice.OCR, second.Invoice.DueDate = "2025-0050", "", core.MustDate("2025-02-10")
	second.Reminder = core.Reminder{ID: 100, Level: 2, Date: l.Reminder.Date, Balance: dec("800"), Interest: dec("0"),
		Fee: dec("0"), AmountDue: dec("800"), NewDueDate: l.Reminder.NewDueDate}
	third := sampleLetter()
	third.Invoice.Number, third.Invoice.OCR, third.Invoice.DueDate = "2025-0061", "2025006111", core.MustDate("2025-02-20")
	third.Reminder = core.Reminder{ID: 101, Level: 1, Date: l.Reminder.Date, Balance: dec("1000"), Interest: dec("0"),
		Fee: dec("0"), LateCompensation: dec("450"), AmountDue: dec("1450"), NewDueDate: l.Reminder.NewDueDate}
	l.Others = []core.Letter{second, third}
	return l
}

// The shared letter lists each invoice with its number, OCR number (or the invoice
// number as reference), days overdue, balance, interest and charges, and states one
// total, one giro and one day to pay by, with how to pay so each payment finds its
// invoice — read back from the PDF.
func TestASharedLetterListsEachInvoiceAndOneTotal(t *testing.T) {
	pdf, err := New().RenderLetter(sharedLetter())
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{
		"Betalningspåminnelse", "Fakturor 3", "Åsa Öberg AB",
		"Enligt våra noteringar är följande 3 fakturor inte betalda",
		"Vi ber dig betala totalt 14 778,13 kr senast 2025-03-11",
		"Faktura 2025-0042", "OCR-nummer 2025004218", "Förfallodatum (29 dagar sedan) 2025-01-31",
		"Kvar att betala 12 345,50 kr", "Dröjsmålsränta 12,50 % 2025-02-01 – 2025-03-01 (29 dagar) 122,63 kr",
		"Påminnelseavgift 60,00 kr", "Att betala för fakturan 12 528,13 kr",
		"Faktura 2025-0050 (påminnelse 2)", "Referens 2025-0050", "Förfallodatum (19 dagar sedan) 2025-02-10",
		"Att betala för fakturan 800,00 kr",
		"Faktura 2025-0061", "OCR-nummer 2025006111", "Förseningsersättning (lag 1981:739 4 a §) 450,00 kr",
		"Att betala för fakturan 1 450,00 kr",
		"Att betala totalt 14 778,13 kr", "Betala senast 2025-03-11", "Bankgiro 5050-1055",
		"Betala varje faktura för sig med dess OCR-nummer eller referens ovan",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter does not say %q; it says:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "Påminnelseavgift"); n != 1 {
		t.Errorf("the letter names a reminder fee %d times, want once", n)
	}
	if strings.Contains(text, "Betalningspåminnelse 2") {
		t.Error("a shared letter takes the level of one of its invoices as its heading")
	}
	plain := strings.ReplaceAll(PlainText(sharedLetter()), "\u00a0", " ")
	for _, want := range []string{"Faktura 2025-0042", "Faktura 2025-0050 (påminnelse 2)", "Referens:", "2025-0050",
		"2025006111", "12 528,13 kr", "1 450,00 kr", "Att betala totalt:", "14 778,13 kr", "2025-03-11", "5050-1055"} {
		if !strings.Contains(plain, want) {
			t.Errorf("the e-mail text does not say %q:\n%s", want, plain)
		}
	}
}

// A shared letter's file is named for its customer and how many invoices it lists,
// and unique by its first reminder.
func TestASharedLettersFileNamesItsCustomer(t *testing.T) {
	if got, want := FileName(sharedLetter()), "Paminnelse-kund-K-17-3-fakturor-2025-03-01-id99.pdf"; got != want {
		t.Errorf("file name %q, want %q", got, want)
	}
}

// BenchmarkRender200InvoicesAsCombinedLetters writes one batch's worth of invoices
// (core.MaxBatch) as letters shared per customer, with the fonts main.go gives the
// writer: 40 customers of 5 invoices each. The target is at most 2 s.
func BenchmarkRender200InvoicesAsCombinedLetters(b *testing.B) {
	benchmarkWrite(b, notoWriter(b), combinedLetters(40, core.MaxBatch/40))
}

// BenchmarkRenderOneLetterOf200Invoices writes one customer's 200 invoices as one
// letter of many pages: the longest letter a batch can make.
func BenchmarkRenderOneLetterOf200Invoices(b *testing.B) {
	benchmarkWrite(b, notoWriter(b), combinedLetters(1, core.MaxBatch))
}

// combinedLetters are customers letters of each invoices.
func combinedLetters(customers, each int) []core.Letter {
	ls := make([]core.Letter, customers)
	for c := range ls {
		parts := make([]core.Letter, each)
		for i := range parts {
			parts[i] = sampleLetter()
			parts[i].Customer.Number = fmt.Sprintf("K-%d", c)
			parts[i].Invoice.Number = fmt.Sprintf("2025-%04d", c*each+i)
			parts[i].Reminder.ID = int64(c*each + i + 1)
		}
		ls[c] = parts[0]
		ls[c].Others = parts[1:]
	}
	return ls
}
