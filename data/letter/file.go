package letter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"paminn/core"
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
	path, err := writeNew(filepath.Join(dir, FileName(l)), pdf)
	if err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "Could not write the letter to {{.Path}}", map[string]any{"Path": path})
	}
	return path, nil
}

// FileName is the letter's file name, "Paminnelse-<invoice>-<level>-<YYYY-MM-DD>-id<reminder>.pdf":
// the invoice number, made safe by SafeName, keeps it readable; the reminder's ID makes
// it unique in its book, whatever SafeName had to drop or shorten.
func FileName(l core.Letter) string {
	name := fmt.Sprintf("Paminnelse-%s-%d-%s", SafeName(l.Invoice.Number), max(l.Reminder.Level, 1), l.Reminder.Date)
	if l.Reminder.ID != 0 {
		name += fmt.Sprintf("-id%d", l.Reminder.ID)
	}
	return name + ".pdf"
}

// maxSafeName is how many bytes of an invoice number a file name keeps.
const maxSafeName = 64

// SafeName makes s usable in a file name on Windows, macOS and Linux: letters, digits,
// '-', '_' and '.' are kept, accented letters lose their accents (ö → o), anything else
// becomes '_', and the result is at most 64 bytes and never starts with a dot. Different
// inputs can give the same name: a file name that must be unique carries an ID too.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case b.Len() >= maxSafeName:
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r): // the accent of a decomposed letter
		default:
			b.WriteByte('_')
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

// maxTwins bounds the search for a free name: a folder holding a hundred other files
// under one letter's name is not one to write into.
const maxTwins = 100

// writeNew writes data as a new file at path, or beside it as "<name>-2.pdf", "-3", …
// when path already holds something else, and returns the path written; a file that
// already holds exactly data is the same letter written before, and its path is
// returned. The data is written to a temporary file, flushed, and then linked under the
// final name, which fails when that name exists (no file is ever replaced), so a crash
// never leaves half a letter under its name.
func writeNew(path string, data []byte) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, folderMode); err != nil {
		return path, err
	}
	tmp, err := writeTemp(dir, data)
	if err != nil {
		return path, err
	}
	defer os.Remove(tmp)
	ext := filepath.Ext(path)
	for n := 1; n <= maxTwins; n++ {
		target := path
		if n > 1 {
			target = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), n, ext)
		}
		err := claim(tmp, target)
		if err == nil {
			syncDir(dir)
			return target, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return target, err
		}
		if same, err := holds(target, data); err != nil || same {
			return target, err
		}
	}
	return path, fmt.Errorf("%d files already bear this name: %w", maxTwins, fs.ErrExist)
}

// claim gives the finished temporary file tmp the name target unless target exists
// (fs.ErrExist then). A hard link does that in one step; where the file system has
// none (FAT on a USB stick), the name is reserved by creating it exclusively and the
// temporary file renamed over that empty reservation.
func claim(tmp, target string) error {
	err := os.Link(tmp, target)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	f.Close()
	return os.Rename(tmp, target)
}

// holds reports whether the file at path holds exactly data.
func holds(path string, data []byte) (bool, error) {
	info, err := os.Stat(path)
	if err != nil || info.Size() != int64(len(data)) {
		return false, err
	}
	b, err := os.ReadFile(path)
	return bytes.Equal(b, data), err
}

// writeTemp writes data to a new temporary file in dir, flushed to disk, and returns
// its path.
func writeTemp(dir string, data []byte) (name string, err error) {
	tmp, err := os.CreateTemp(dir, ".paminnelse-*.tmp")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return "", err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	return tmp.Name(), tmp.Close()
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
