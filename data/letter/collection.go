package letter

import (
	"bytes"
	"fmt"

	"paminn/core"
)

// CollectionHeading is the title of the company's own inkassokrav, distinct from a
// reminder's.
const CollectionHeading = "Inkassokrav"

var _ core.CollectionLetters = (*Writer)(nil)

// RenderCollectionLetter returns the company's own inkassokrav as a one-page A4 PDF,
// with every element inkassolagen (1974:182) 5 § asks of a krav (core/RULES.md, "The
// company's own inkassokrav"). The same letter always gives the same bytes.
func (w *Writer) RenderCollectionLetter(l core.CollectionLetter) ([]byte, error) {
	if l.Invoice.Number == "" {
		return nil, core.Errorf(core.EINVALID, "A reminder letter needs an invoice number", nil)
	}
	shim := core.Letter{Company: l.Company, Customer: l.Customer, Invoice: l.Invoice,
		Reminder: core.Reminder{Date: l.Demand.Date}}
	pdf := w.newDocument(shim, CollectionHeading+" – faktura "+l.Invoice.Number)
	c := collectionContent(l)
	w.drawHeader(pdf, shim, c)
	w.drawBody(pdf, c)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, core.Wrap(err, core.EINTERNAL, "Could not create the inkassokrav for invoice {{.Number}}",
			map[string]any{"Number": core.Excerpt(l.Invoice.Number)})
	}
	return buf.Bytes(), nil
}

// CollectionPlainText is the inkassokrav as plain text, with the same content as its
// PDF letter: the body of an inkassokrav e-mail.
func CollectionPlainText(l core.CollectionLetter) string { return plainText(collectionContent(l)) }

// collectionContent gathers what an inkassokrav says: who claims what from whom, what
// the claim is based on, the capital, interest (amount, rate, period and the capital
// it ran on) and costs each on its own row, the time to pay, what happens otherwise
// and how to object (inkassolagen 5 §).
func collectionContent(l core.CollectionLetter) content {
	d, inv := l.Demand, l.Invoice
	c := content{
		Heading: CollectionHeading,
		Intro: []string{fmt.Sprintf("%s kräver dig på betalning av %s. Fordran avser: %s "+
			"Fakturan är inte betald trots påminnelse. Betala senast %s.",
			l.Company.Name, core.FormatSEK(d.AmountDue), d.Basis, d.PayBy)},
		// The invoice's number, date and due date are the basis's words (and the number
		// is in the header): the figures start at the capital, so the letter with a
		// step's text and every charge stays one page.
		Invoice: []row{
			{Label: "Kapital (obetalt fakturabelopp)", Value: core.FormatSEK(d.Principal)},
		},
		Total:    row{Label: "Att betala", Value: core.FormatSEK(d.AmountDue)},
		Due:      row{Label: "Betala eller invänd senast", Value: d.PayBy.String()},
		Notice:   []string{d.Objection + " " + d.Consequence},
		Closing:  "Om du redan har betalat kan du bortse från det här kravet.",
		Sender:   senderLines(l.Company),
		Customer: addressLines(l.Customer.Name, l.Customer.Address),
	}
	if p := paragraphs(l.Text); len(p) > 0 {
		// The step's text says the rest in its own words: the demand keeps who claims
		// what and what the claim is based on (the last day is its own row), so the
		// letter stays one page.
		c.Intro = append(p, fmt.Sprintf("%s kräver dig på betalning av %s. Fordran avser: %s",
			l.Company.Name, core.FormatSEK(d.AmountDue), d.Basis))
		c.Closing = ""
	}
	c.Charges = collectionCharges(d)
	c.Payment, c.Note = paymentRows(l.Company, inv)
	return c
}

// collectionCharges are the demand's rows after the capital: earlier costs still open,
// the interest, each part with its rate, the capital it ran on and its period, what
// earlier reminders stated of it taken off, the collection fee and
// förseningsersättning; they add up, with the capital, to what the demand asks.
func collectionCharges(d core.CollectionDemand) []row {
	var rows []row
	if d.EarlierCharges.IsPositive() {
		rows = append(rows, row{Label: "Obetalda avgifter och ränta", Value: core.FormatSEK(d.EarlierCharges),
			Detail: "(från tidigare påminnelser)"})
	}
	for _, l := range d.InterestLines() {
		rows = append(rows, row{Label: "Dröjsmålsränta", Value: core.FormatSEK(l.Amount),
			Detail: fmt.Sprintf("%s på %s %s – %s (%d dagar)",
				core.FormatPercent(l.Rate), core.FormatSEK(l.Base), l.From, l.To, l.Days)})
	}
	if d.InterestBefore.IsPositive() {
		rows = append(rows, row{Label: "Avgår ränta i tidigare påminnelser", Value: core.FormatSEK(d.InterestBefore.Neg())})
	}
	if d.Fee.IsPositive() {
		rows = append(rows, row{Label: "Inkassoavgift", Value: core.FormatSEK(d.Fee), Detail: "(lag 1981:739 3 §)"})
	}
	if d.LateCompensation.IsPositive() {
		rows = append(rows, row{Label: "Förseningsersättning", Value: core.FormatSEK(d.LateCompensation),
			Detail: "(lag 1981:739 4 a §)"})
	}
	return rows
}
