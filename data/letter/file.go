package letter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"paminn/core"
)

// WriteLetter renders the letter and writes it to dir (created if missing) as
// FileName(l), returning the file's path. The file appears whole or not at all: it is
// written to a temporary file in the same directory and renamed into place, which also
// replaces an earlier copy of the same reminder.
func (w *Writer) WriteLetter(ctx context.Context, dir string, l core.Letter) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The letter for invoice {{.Number}} was not written: the work was cancelled",
			map[string]any{"Number": l.Invoice.Number})
	}
	pdf, err := w.RenderLetter(l)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, FileName(l))
	if err := writeAtomic(path, pdf); err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "Could not write the letter to {{.Path}}", map[string]any{"Path": path})
	}
	return path, nil
}

// FileName is the letter's file name, "Paminnelse-<invoice>-<level>-<YYYY-MM-DD>.pdf",
// with the invoice number made safe for every file system.
func FileName(l core.Letter) string {
	return fmt.Sprintf("Paminnelse-%s-%d-%s.pdf", SafeName(l.Invoice.Number), max(l.Reminder.Level, 1), l.Reminder.Date)
}

// SafeName makes s usable in a file name on Windows, macOS and Linux: letters, digits,
// '-', '_' and '.' are kept, anything else becomes '_', and the result is at most 64
// bytes and never starts with a dot.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 64 {
			break
		}
	}
	out := strings.TrimLeft(b.String(), ".")
	if out == "" {
		return "_"
	}
	return out
}

// folderMode is the permission of a letters folder Påminn creates: the letters hold
// customers' names and addresses, so the folder is the user's alone.
const folderMode = 0o700

// MakeFolder creates dir, the folder letters are written to, when it is missing, so
// the user can open it before the first letter is written.
func (w *Writer) MakeFolder(dir string) error {
	if err := os.MkdirAll(dir, folderMode); err != nil {
		return core.Wrap(err, core.EUNAVAILABLE, "Could not create the folder {{.Path}}", map[string]any{"Path": dir})
	}
	return nil
}

// writeAtomic writes data to a temporary file next to path, flushes it to disk and
// renames it over path, so a crash never leaves half a file under the final name.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, folderMode); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".paminnelse-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir flushes the directory entry of a rename where the system allows it; on
// systems that cannot sync a directory (Windows) the rename is already durable enough.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	_ = d.Sync() // best effort: not every platform supports fsync on a directory
}
