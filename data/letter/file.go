package letter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"paminn/core"
	"paminn/data/safefile"
)

// WriteLetter renders the letter and writes it to dir (created if missing) as
// FileName(l), returning the file's path. The file appears whole or not at all, and
// never replaces another file: writing the same letter again finds it and returns its
// path; a different file under that name (another book's letter, or one whose name
// differs only in case on Windows and macOS) keeps its name and this letter gets
// "-2", "-3", … before ".pdf".
func (w *Writer) WriteLetter(ctx context.Context, dir string, l core.Letter) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The letter for invoice {{.Number}} was not written: the work was cancelled",
			map[string]any{"Number": core.Excerpt(l.Invoice.Number)})
	}
	pdf, err := w.RenderLetter(l)
	if err != nil {
		return "", err
	}
	path, err := safefile.Write(filepath.Join(dir, FileName(l)), pdf, 0o644)
	if err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "Could not write the letter to {{.Path}}", map[string]any{"Path": path})
	}
	return path, nil
}

// FileName is the letter's file name, "Paminnelse-<invoice>-<level>-<YYYY-MM-DD>-id<reminder>.pdf":
// the invoice number, made safe by SafeName, keeps it readable; the reminder's ID makes
// it unique in its book, whatever SafeName had to drop or shorten.
func FileName(l core.Letter) string {
	if len(l.Others) > 0 {
		return combinedFileName(l)
	}
	name := fmt.Sprintf("Paminnelse-%s-%d-%s", SafeName(l.Invoice.Number), max(l.Reminder.Level, 1), l.Reminder.Date)
	if l.Reminder.ID != 0 {
		name += fmt.Sprintf("-id%d", l.Reminder.ID)
	}
	return name + ".pdf"
}

// combinedFileName is the file name of a letter several invoices share,
// "Paminnelse-kund-<customer>-<n>-fakturor-<YYYY-MM-DD>-id<reminder>.pdf": the
// customer's number (else name) keeps it readable, the first reminder's ID unique.
func combinedFileName(l core.Letter) string {
	who := l.Customer.Number
	if who == "" {
		who = l.Customer.Name
	}
	name := fmt.Sprintf("Paminnelse-kund-%s-%d-fakturor-%s", SafeName(who), len(l.Others)+1, l.Reminder.Date)
	if l.Reminder.ID != 0 {
		name += fmt.Sprintf("-id%d", l.Reminder.ID)
	}
	return name + ".pdf"
}

// SafeName makes s usable in a file name on every system (safefile.Name).
func SafeName(s string) string { return safefile.Name(s) }

// MakeFolder creates dir, the folder letters are written to, when it is missing, so
// the user can open it before the first letter is written.
func (w *Writer) MakeFolder(dir string) error {
	if err := os.MkdirAll(dir, safefile.FolderMode); err != nil {
		return core.Wrap(err, core.EUNAVAILABLE, "Could not create the folder {{.Path}}", map[string]any{"Path": dir})
	}
	return nil
}
