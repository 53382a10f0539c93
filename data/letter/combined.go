package letter

import (
	"fmt"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// This file is the letter several invoices of one customer share (issue 22, "One
// letter per customer"; core.Letter.Others): each invoice with its reference, days
// overdue, balance, interest and charges, and one total to pay by one day.

// item is one invoice of a letter that lists several: a title and its rows.
type item struct {
	Title string
	Rows  []row
}

// combinedNote says how to pay a letter of several invoices so that each payment
// finds its invoice: by each invoice's own reference. A payment of the total under
// one OCR number pays that invoice and leaves the rest as the customer's credit, for
// the owner to apply (core/RULES.md, "One letter per customer").
const combinedNote = "Betala varje faktura för sig med dess OCR-nummer eller referens ovan, så kopplas varje betalning till rätt faktura."

// newCombinedContent gathers what a letter for l's invoices (l.Parts) says.
func newCombinedContent(l core.Letter) content {
	parts := l.Parts()
	total := decimal.Zero
	for _, p := range parts {
		total = total.Add(p.Reminder.AmountDue)
	}
	payBy := l.Reminder.NewDueDate
	c := content{
		Heading: Heading(l),
		Intro: []string{
			fmt.Sprintf("Enligt våra noteringar är följande %d fakturor inte betalda, trots att de har förfallit.", len(parts)),
			fmt.Sprintf("Vi ber dig betala totalt %s senast %s. Om du redan har betalat kan du bortse från den här påminnelsen.",
				core.FormatSEK(total), payBy),
		},
		Total:    row{Label: "Att betala totalt", Value: core.FormatSEK(total)},
		Due:      row{Label: "Betala senast", Value: payBy.String()},
		Payment:  []row{giroRow(l.Company)},
		Note:     combinedNote,
		Closing:  "Har du frågor om fakturorna är du välkommen att kontakta oss.",
		Sender:   senderLines(l.Company),
		Customer: addressLines(l.Customer.Name, l.Customer.Address),
	}
	for _, p := range parts {
		c.Items = append(c.Items, invoiceItem(p))
	}
	return c
}

// invoiceItem is one invoice of a shared letter: its reference to pay with, its due
// date and days overdue, its balance, its claim's rows (rule 12) and what it asks.
func invoiceItem(p core.Letter) item {
	r, inv := p.Reminder, p.Invoice
	it := item{Title: "Faktura " + inv.Number}
	if r.Level > 1 {
		it.Title += fmt.Sprintf(" (påminnelse %d)", r.Level)
	}
	ref := row{Label: "OCR-nummer", Value: inv.OCR}
	if inv.OCR == "" {
		ref = row{Label: "Referens", Value: inv.Number}
	}
	it.Rows = []row{
		ref,
		{Label: "Förfallodatum", Value: inv.DueDate.String(), Detail: fmt.Sprintf("(%d dagar sedan)", r.Date.DaysSince(inv.DueDate))},
		{Label: "Kvar att betala", Value: core.FormatSEK(r.Balance)},
	}
	it.Rows = append(it.Rows, chargeRows(r)...)
	it.Rows = append(it.Rows, row{Label: "Att betala för fakturan", Value: core.FormatSEK(r.AmountDue)})
	return it
}

// itemLineH is the height of an invoice's row in a shared letter, tighter than a
// letter's own rows so that a few invoices fit one page.
const itemLineH = 4.3

// drawItems writes a shared letter's invoices, each its title and rows.
func (w *Writer) drawItems(pdf *doc, items []item) {
	for _, it := range items {
		pdf.font("B", 10)
		pdf.SetX(marginX)
		pdf.CellFormat(bodyW, lineH, pdf.text(it.Title), "", 1, "L", false, 0, "")
		pdf.font("", 9)
		for _, r := range it.Rows {
			pdf.SetX(marginX + 4)
			pdf.CellFormat(bodyW-valueW-4, itemLineH, pdf.text(r.title()), "", 0, "L", false, 0, "")
			pdf.CellFormat(valueW, itemLineH, pdf.text(r.Value), "", 1, "R", false, 0, "")
		}
		pdf.Ln(1.5)
	}
}
