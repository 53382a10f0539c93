// Package letter writes payment reminders as one-page A4 PDF letters, in Swedish,
// laid out for a window envelope.
package letter

import (
	"bytes"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"

	"paminn/core"
)

// Page geometry in millimetres. The recipient's address sits where the window of a
// Swedish C5/C4 envelope with a right-hand window (H2) shows it.
const (
	marginX   = 20.0
	pageW     = 210.0
	bodyW     = pageW - 2*marginX
	addressX  = 115.0
	addressY  = 50.0
	addressW  = 80.0
	bodyY     = 100.0
	footerY   = 270.0
	valueW    = 45.0 // right-aligned amount column
	font      = "Helvetica"
	lineH     = 5.5
	smallLine = 4.0
	paymentH  = 55.0 // a shared letter's payment box with its note, and the closing after it
)

// Writer renders reminder letters. It is safe for concurrent use.
type Writer struct {
	// tr turns UTF-8 into cp1252, the encoding of fpdf's core fonts, so that
	// å, ä, ö, é and the en dash print as themselves.
	tr func(string) string
	// ttf prints what cp1252 cannot hold; nil when the Writer has no such fonts.
	ttf *trueType
}

var _ core.LetterChannel = (*Writer)(nil)

// New returns a Writer that prints with the PDF's built-in Helvetica alone: a
// character outside Windows-1252 prints as "." (NewWithFonts prints them).
func New() *Writer {
	// The cp1252 table is embedded in fpdf; reading it once serves every letter.
	return &Writer{tr: fpdf.New("P", "mm", "A4", "").UnicodeTranslatorFromDescriptor("")}
}

// RenderLetter returns the reminder as a one-page A4 PDF. The same letter always gives
// the same bytes: the document's dates are taken from the reminder, not the clock.
func (w *Writer) RenderLetter(l core.Letter) ([]byte, error) {
	if l.Invoice.Number == "" {
		return nil, core.Errorf(core.EINVALID, "A reminder letter needs an invoice number", nil)
	}
	pdf := w.newDocument(l, documentTitle(l))
	c := contentOf(l, l.Reminder.LetterText)
	w.drawHeader(pdf, l, c)
	w.drawBody(pdf, c)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, core.Wrap(err, core.EINTERNAL, "Could not create the reminder letter for invoice {{.Number}}",
			map[string]any{"Number": l.Invoice.Number})
	}
	return buf.Bytes(), nil
}

// documentTitle is the PDF's title: the heading and the invoice, or how many
// invoices a shared letter lists.
func documentTitle(l core.Letter) string {
	if len(l.Others) > 0 {
		return fmt.Sprintf("%s – %d fakturor", Heading(l), len(l.Others)+1)
	}
	return Heading(l) + " – faktura " + l.Invoice.Number
}

// newDocument starts an A4 document titled title, with fixed metadata and the footer
// on every page.
func (w *Writer) newDocument(l core.Letter, title string) *doc {
	pdf := &doc{Fpdf: fpdf.New("P", "mm", "A4", ""), w: w, added: map[string]bool{}}
	stamp := documentTime(l.Reminder)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true) // resources in a fixed order, so output is byte-for-byte stable
	pdf.SetTitle(title, true)
	pdf.SetAuthor(l.Company.Name, true)
	pdf.SetCreator("Påminn", true)
	pdf.SetLang("sv-SE")
	pdf.SetMargins(marginX, 20, marginX)
	pdf.SetAutoPageBreak(true, pageH(pdf.Fpdf)-footerY+5)
	pdf.SetFooterFunc(func() { w.drawFooter(pdf, l.Company) })
	pdf.AddPage()
	return pdf
}

func pageH(pdf *fpdf.Fpdf) float64 {
	_, h := pdf.GetPageSize()
	return h
}

// documentTime is the PDF's creation date: noon UTC on the reminder date, or a fixed
// instant when the reminder has none, so rendering never depends on the clock.
func documentTime(r core.Reminder) time.Time {
	if r.Date.IsZero() {
		return time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	}
	return r.Date.Time().Add(12 * time.Hour)
}

// drawHeader writes the sender at the top left, the date and references at the top
// right, and the recipient in the envelope window.
func (w *Writer) drawHeader(pdf *doc, l core.Letter, c content) {
	pdf.SetXY(marginX, 20)
	pdf.font("B", 14)
	pdf.CellFormat(90, 7, pdf.text(l.Company.Name), "", 1, "L", false, 0, "")
	pdf.font("", 9)
	for _, s := range addressLines("", l.Company.Address) {
		pdf.SetX(marginX)
		pdf.CellFormat(90, smallLine, pdf.text(s), "", 1, "L", false, 0, "")
	}

	refs := []row{{Label: "Datum", Value: l.Reminder.Date.String()}}
	if l.Customer.Number != "" {
		refs = append(refs, row{Label: "Kundnummer", Value: l.Customer.Number})
	}
	if len(l.Others) > 0 {
		refs = append(refs, row{Label: "Fakturor", Value: fmt.Sprint(len(l.Others) + 1)})
	} else {
		refs = append(refs, row{Label: "Fakturanummer", Value: l.Invoice.Number})
	}
	pdf.SetXY(addressX, 20)
	for _, r := range refs {
		pdf.SetX(addressX)
		pdf.font("", 9)
		pdf.CellFormat(28, smallLine, pdf.text(r.Label), "", 0, "L", false, 0, "")
		pdf.font("B", 9)
		pdf.CellFormat(addressW-28, smallLine, pdf.text(r.Value), "", 1, "L", false, 0, "")
	}

	pdf.SetXY(addressX, addressY)
	pdf.font("", 11)
	for _, s := range c.Customer {
		pdf.SetX(addressX)
		pdf.CellFormat(addressW, lineH, pdf.text(s), "", 1, "L", false, 0, "")
	}
}

// drawBody writes the heading, the explanation, the figures and how to pay.
func (w *Writer) drawBody(pdf *doc, c content) {
	pdf.SetXY(marginX, bodyY)
	pdf.font("B", 16)
	pdf.CellFormat(bodyW, 9, pdf.text(c.Heading), "", 1, "L", false, 0, "")
	pdf.Ln(3)
	drawParagraphs(pdf, c.Intro)
	pdf.Ln(3)

	w.drawItems(pdf, c.Items)
	w.drawRows(pdf, "", c.Invoice...)
	w.drawRows(pdf, "", c.Charges...)
	y := pdf.GetY() + 1
	pdf.Line(marginX, y, marginX+bodyW, y)
	pdf.Ln(2)
	w.drawRows(pdf, "B", c.Total, c.Due)
	pdf.Ln(6)

	if len(c.Items) > 0 && pdf.GetY()+paymentH > footerY-5 {
		pdf.AddPage() // a long shared letter: the payment box and the closing stay whole on one page
	}
	w.drawPayment(pdf, c)

	pdf.Ln(4)
	drawParagraphs(pdf, c.Notice)
	pdf.Ln(4)
	pdf.font("", 10)
	if c.Closing != "" { // a step's text says it in its own words: no empty line for it
		pdf.MultiCell(bodyW, lineH, pdf.text(c.Closing), "", "L", false)
		pdf.Ln(4)
	}
	pdf.MultiCell(bodyW, lineH, pdf.text("Med vänliga hälsningar"), "", "L", false)
	if len(c.Sender) > 0 {
		pdf.MultiCell(bodyW, lineH, pdf.text(c.Sender[0]), "", "L", false)
	}
}

// drawParagraphs writes paragraphs of body text, each followed by a little space.
func drawParagraphs(pdf *doc, ps []string) {
	pdf.font("", 10)
	for _, p := range ps {
		pdf.MultiCell(bodyW, lineH, pdf.text(p), "", "L", false)
		pdf.Ln(2)
	}
}

// drawRows writes label–value rows with the values right-aligned in one column.
func (w *Writer) drawRows(pdf *doc, style string, rows ...row) {
	pdf.font(style, 10)
	for _, r := range rows {
		pdf.SetX(marginX)
		pdf.CellFormat(bodyW-valueW, lineH+0.5, pdf.text(r.title()), "", 0, "L", false, 0, "")
		pdf.CellFormat(valueW, lineH+0.5, pdf.text(r.Value), "", 1, "R", false, 0, "")
	}
}

// drawPayment frames the bankgiro and reference, the two things a payer must copy.
func (w *Writer) drawPayment(pdf *doc, c content) {
	top := pdf.GetY()
	pdf.font("B", 10)
	pdf.SetX(marginX + 3)
	pdf.CellFormat(bodyW-6, lineH+1, pdf.text("Betalningsuppgifter"), "", 1, "L", false, 0, "")
	for _, r := range c.Payment {
		pdf.SetX(marginX + 3)
		pdf.font("", 10)
		pdf.CellFormat(35, lineH+1, pdf.text(r.Label), "", 0, "L", false, 0, "")
		pdf.font("B", 12)
		pdf.CellFormat(bodyW-41, lineH+1, pdf.text(r.Value), "", 1, "L", false, 0, "")
	}
	if c.Note != "" {
		pdf.SetX(marginX + 3)
		pdf.font("I", 9)
		if len(c.Items) > 0 { // a shared letter's note is longer than a line
			pdf.MultiCell(bodyW-6, lineH, pdf.text(c.Note), "", "L", false)
		} else {
			pdf.CellFormat(bodyW-6, lineH, pdf.text(c.Note), "", 1, "L", false, 0, "")
		}
	}
	bottom := pdf.GetY() + 2
	pdf.Rect(marginX, top-2, bodyW, bottom-top+2, "D")
	pdf.SetY(bottom)
}

// drawFooter writes the company's details in four columns at the foot of the page.
func (w *Writer) drawFooter(pdf *doc, co core.Company) {
	pdf.SetDrawColor(160, 160, 160)
	pdf.Line(marginX, footerY, marginX+bodyW, footerY)
	pdf.SetDrawColor(0, 0, 0)
	columns := [][]string{
		addressLines(co.Name, co.Address),
		labelled(row{Label: "Org.nr", Value: co.OrgNumber}),
		labelled(row{Label: "E-post", Value: co.Email}, row{Label: "Telefon", Value: co.Phone}),
		labelled(giroRow(co)),
	}
	widths := [...]float64{50, 32, 56, 32} // sums to bodyW; e-mail addresses need the room
	pdf.font("", 8)
	x := marginX
	for i, col := range columns {
		pdf.SetXY(x, footerY+2)
		for _, s := range col {
			pdf.SetX(x)
			pdf.CellFormat(widths[i], 3.6, pdf.text(s), "", 1, "L", false, 0, "")
		}
		x += widths[i]
	}
}

// labelled turns rows into "Label value" lines, skipping empty values.
func labelled(rows ...row) []string {
	var lines []string
	for _, r := range rows {
		if r.Value != "" {
			lines = append(lines, r.Label+" "+r.Value)
		}
	}
	return lines
}
