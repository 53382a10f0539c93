package letter

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"paminn/core"
)

// row is one labelled figure in a reminder: "Förfallodatum  2025-01-31". Detail, when
// set, qualifies the label (the interest rate and period).
type row struct {
	Label  string
	Value  string
	Detail string
}

// title is the label with its detail, as the letter prints it.
func (r row) title() string {
	if r.Detail == "" {
		return r.Label
	}
	return r.Label + " " + r.Detail
}

// content is what one reminder says, independent of how it is laid out; the PDF letter
// and the e-mail body are both made from it so they can never disagree.
type content struct {
	Heading  string
	Intro    []string // paragraphs
	Invoice  []row    // the original invoice and its balance
	Charges  []row    // interest and fee, only those charged
	Total    row      // amount to pay
	Due      row      // new due date
	Payment  []row    // bankgiro and reference
	Note     string   // how to give the reference when there is no OCR
	Notice   []string // paragraphs after the payment details (an inkassokrav's consequence and objection)
	Closing  string
	Sender   []string // company name, address, contact lines
	Customer []string // name and postal address
}

// Heading is the letter's title: "Betalningspåminnelse", then "Betalningspåminnelse 2"
// and so on for later reminders of the same invoice; "Inkassokrav" for the company's
// own inkassokrav (steptext.go).
func Heading(l core.Letter) string {
	if l.Reminder.Action.IsCollectionDemand() {
		return CollectionHeading
	}
	if l.Reminder.Level > 1 {
		return fmt.Sprintf("Betalningspåminnelse %d", l.Reminder.Level)
	}
	return "Betalningspåminnelse"
}

// newContent gathers the facts of one reminder in the order they are told.
func newContent(l core.Letter) content {
	r, inv := l.Reminder, l.Invoice
	c := content{
		Heading: Heading(l),
		Intro: []string{
			fmt.Sprintf("Enligt våra noteringar är faktura %s inte betald, trots att den förföll %s.",
				inv.Number, inv.DueDate),
			fmt.Sprintf("Vi ber dig betala %s senast %s. Om du redan har betalat kan du bortse från den här påminnelsen.",
				core.FormatSEK(r.AmountDue), r.NewDueDate),
		},
		Invoice: []row{
			{Label: "Fakturanummer", Value: inv.Number},
			{Label: "Fakturadatum", Value: inv.InvoiceDate.String()},
			{Label: "Förfallodatum", Value: inv.DueDate.String()},
			{Label: "Kvar att betala", Value: core.FormatSEK(r.Balance)},
		},
		Total:    row{Label: "Att betala", Value: core.FormatSEK(r.AmountDue)},
		Due:      row{Label: "Betala senast", Value: r.NewDueDate.String()},
		Closing:  "Har du frågor om fakturan är du välkommen att kontakta oss.",
		Sender:   senderLines(l.Company),
		Customer: addressLines(l.Customer.Name, l.Customer.Address),
	}
	c.Charges = claimRows(r)
	if r.Fee.IsPositive() {
		c.Charges = append(c.Charges, row{Label: "Påminnelseavgift", Value: core.FormatSEK(r.Fee)})
	}
	if r.LateCompensation.IsPositive() {
		c.Charges = append(c.Charges, row{Label: "Förseningsersättning", Value: core.FormatSEK(r.LateCompensation),
			Detail: "(lag 1981:739 4 a §)"})
	}
	c.Payment, c.Note = paymentRows(l.Company, inv)
	return c
}

// paymentRows are where to pay and the reference to give: the OCR number, or the
// invoice number with a note saying to give it when there is no OCR.
func paymentRows(co core.Company, inv core.Invoice) ([]row, string) {
	rows := []row{giroRow(co)}
	if inv.OCR != "" {
		return append(rows, row{Label: "OCR-nummer", Value: inv.OCR}), ""
	}
	return append(rows, row{Label: "Referens", Value: inv.Number}), "Ange fakturanummer som referens när du betalar."
}

// claimRows are the claim's rows before this reminder's fee: what earlier reminders
// charged and is still open, the interest the reminder states, and, taken off it,
// the part of that interest earlier reminders already stated (and charged), so the
// rows add up to what the reminder asks (core.Reminder.ClaimDue).
func claimRows(r core.Reminder) []row {
	var rows []row
	if r.EarlierCharges.IsPositive() {
		rows = append(rows, row{Label: "Obetalda avgifter och ränta", Value: core.FormatSEK(r.EarlierCharges),
			Detail: "(från tidigare påminnelser)"})
	}
	rows = append(rows, interestRows(r)...)
	if r.InterestBefore.IsPositive() {
		rows = append(rows, row{Label: "Avgår ränta i tidigare påminnelser", Value: core.FormatSEK(r.InterestBefore.Neg())})
	}
	return rows
}

// interestRows are the reminder's interest: one row, or, when it ran at more than one
// rate or on more than one base (a part payment lowers the base from the day after,
// rule 5), one row per rate and base, their amounts adding up to the interest.
func interestRows(r core.Reminder) []row {
	if !r.Interest.IsPositive() {
		return nil
	}
	if len(r.InterestLines) < 2 {
		return []row{{
			Label: "Dröjsmålsränta",
			Value: core.FormatSEK(r.Interest),
			Detail: fmt.Sprintf("%s %s – %s (%d dagar)",
				core.FormatPercent(r.InterestRate), r.InterestFrom, r.Date, r.InterestDays),
		}}
	}
	rows := make([]row, len(r.InterestLines))
	for i, l := range r.InterestLines {
		rows[i] = row{
			Label: "Dröjsmålsränta",
			Value: core.FormatSEK(l.Amount),
			Detail: fmt.Sprintf("%s på %s %s – %s (%d dagar)",
				core.FormatPercent(l.Rate), core.FormatSEK(l.Base), l.From, l.To, l.Days),
		}
	}
	return rows
}

// PlainText is the reminder as plain text, with the same content as the PDF letter;
// it is the body of a reminder e-mail.
func PlainText(l core.Letter) string { return plainText(contentOf(l, l.Reminder.EmailText)) }

// plainText lays out c as plain text.
func plainText(c content) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }
	figures := append(append(append([]row{}, c.Invoice...), c.Charges...), c.Total, c.Due)
	width := labelWidth(append(figures, c.Payment...)...)
	table := func(rows ...row) {
		for _, r := range rows {
			label := r.Label + ":"
			line(label + strings.Repeat(" ", width-utf8.RuneCountInString(label)+1) + r.Value)
			if r.Detail != "" {
				line(strings.Repeat(" ", width+1) + r.Detail)
			}
		}
	}
	line(c.Heading)
	line(strings.Repeat("=", utf8.RuneCountInString(c.Heading)))
	line("")
	for _, p := range c.Intro {
		line(p)
		line("")
	}
	table(figures...)
	line("")
	table(c.Payment...)
	if c.Note != "" {
		line(c.Note)
	}
	line("")
	for _, p := range c.Notice {
		line(p)
		line("")
	}
	line(c.Closing)
	line("")
	line("Med vänliga hälsningar")
	for _, s := range c.Sender {
		line(s)
	}
	return b.String()
}

// labelWidth is the widest label plus its colon, so values line up in plain text.
func labelWidth(rows ...row) int {
	w := 0
	for _, r := range rows {
		w = max(w, utf8.RuneCountInString(r.Label)+1)
	}
	return w
}

// senderLines are the company's name, org. number, address and contact details,
// leaving out what is not filled in.
func senderLines(co core.Company) []string {
	lines := addressLines(co.Name, co.Address)
	if co.OrgNumber != "" {
		lines = append(lines, "Org.nr "+co.OrgNumber)
	}
	if co.Email != "" {
		lines = append(lines, "E-post "+co.Email)
	}
	if co.Phone != "" {
		lines = append(lines, "Telefon "+co.Phone)
	}
	return lines
}

// addressLines is a name and postal address as lines for an envelope; the country is
// written only when it is not Sweden.
func addressLines(name string, a core.Address) []string {
	var lines []string
	for _, s := range []string{name, a.Line1, a.Line2, strings.TrimSpace(a.ZipCode + " " + a.City)} {
		if s != "" {
			lines = append(lines, s)
		}
	}
	if a.Country != "" && !strings.EqualFold(a.Country, "SE") {
		lines = append(lines, strings.ToUpper(a.Country))
	}
	return lines
}

// giroRow is the account the customer pays to: the company's bankgiro, or its
// plusgiro when it has no bankgiro.
func giroRow(co core.Company) row {
	if co.Bankgiro == "" && co.Plusgiro != "" {
		return row{Label: "Plusgiro", Value: co.Plusgiro}
	}
	return row{Label: "Bankgiro", Value: co.Bankgiro}
}
