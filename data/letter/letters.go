package letter

import (
	"bytes"
	"context"
	"path/filepath"

	"paminn/core"
	"paminn/data/safefile"
)

// RenderLetters returns the letters as one A4 PDF for printing: each letter starts
// on a page of its own, as RenderLetter draws it, in the order given. The letters
// are one company's (the footer is the first letter's company). The same letters
// always give the same bytes.
func (w *Writer) RenderLetters(ls []core.Letter) ([]byte, error) {
	if len(ls) == 0 {
		return nil, core.Errorf(core.EINVALID, "There are no letters to print", nil)
	}
	pdf := w.newDocument(ls[0], "Påminnelser")
	for i, l := range ls {
		if l.Invoice.Number == "" {
			return nil, core.Errorf(core.EINVALID, "A reminder letter needs an invoice number", nil)
		}
		if i > 0 {
			pdf.AddPage()
		}
		c := contentOf(l, l.Reminder.LetterText)
		w.drawHeader(pdf, l, c)
		w.drawBody(pdf, c)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, core.Wrap(err, core.EINTERNAL, "Could not create the letters as one PDF", nil)
	}
	return buf.Bytes(), nil
}

// WriteLetters renders the letters as one PDF (RenderLetters) and writes it to dir
// as name, returning the file's path; as WriteLetter, it never replaces another
// file, and writing the same letters again returns the file written before.
func (w *Writer) WriteLetters(ctx context.Context, dir, name string, ls []core.Letter) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The letters were not written: the work was cancelled", nil)
	}
	pdf, err := w.RenderLetters(ls)
	if err != nil {
		return "", err
	}
	path, err := safefile.Write(filepath.Join(dir, SafeName(name)), pdf, 0o644)
	if err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "Could not write the letter to {{.Path}}", map[string]any{"Path": path})
	}
	return path, nil
}
