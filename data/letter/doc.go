package letter

import "github.com/go-pdf/fpdf"

// doc is one letter being drawn: its PDF and the style and size of the text, so that
// each piece of text is set in a font that prints it.
type doc struct {
	*fpdf.Fpdf
	w     *Writer
	style string
	size  float64
	added map[string]bool // the TrueType styles this PDF embeds
}

// font sets the style and size of the text that follows.
func (d *doc) font(style string, size float64) {
	d.style, d.size = style, size
	d.SetFont(font, style, size)
}

// text returns s ready to print in the current style: in Helvetica, encoded as
// Windows-1252, when it fits; otherwise in the Writer's TrueType fonts, embedded in
// this PDF on first use, when it has them (else Helvetica prints "." for what it
// lacks, and Unprintable has said so).
func (d *doc) text(s string) string {
	if d.w.ttf == nil || fitsCP1252(s) {
		d.SetFont(font, d.style, d.size)
		return d.w.tr(s)
	}
	if !d.added[d.style] {
		d.AddUTF8FontFromBytes(unicodeFamily, d.style, d.w.ttf.font(d.style))
		d.added[d.style] = true
	}
	d.SetFont(unicodeFamily, d.style, d.size)
	return s
}
