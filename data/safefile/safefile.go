// Package safefile names and writes the files Påminn keeps for the user (letters,
// attached invoice PDFs): names that every file system accepts, and files that appear
// whole or not at all and never replace another file.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxName is how many bytes of its input Name keeps.
const maxName = 64

// Name makes s usable in a file name on Windows, macOS and Linux: letters, digits,
// '-', '_' and '.' are kept, accented letters lose their accents (ö → o), anything else
// becomes '_', and the result is at most 64 bytes and never starts with a dot.
// Different inputs can give the same name: a file name that must be unique carries an
// ID too.
func Name(s string) string {
	if len(s) > 4*maxName { // enough for 64 letters with their accents
		s = s[:4*maxName]
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case b.Len() >= maxName:
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

// FolderMode is the permission of a folder Påminn creates for its files: they hold
// customers' names, addresses and invoices, so the folder is the user's alone.
const FolderMode = 0o700

// maxTwins bounds the search for a free name: a folder holding a hundred other files
// under one name is not one to write into.
const maxTwins = 100

// Write writes data with permission perm as a new file at path, or beside it as
// "<name>-2<ext>", "-3", … when path already holds something else, and returns the
// path written; a file that already holds exactly data is the same file written
// before, and its path is returned. The data goes to a temporary file, flushed, which
// is then linked under the final name, which fails when that name exists (no file is
// ever replaced; on Windows and macOS a name differing only in case exists too), so a
// crash never leaves half a file under its name. The folder is created if missing.
func Write(path string, data []byte, perm fs.FileMode) (string, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, FolderMode); err != nil {
		return path, err
	}
	tmp, err := writeTemp(dir, data, perm)
	if err != nil {
		return path, err
	}
	defer os.Remove(tmp) // fails harmlessly once renamed
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
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
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
func writeTemp(dir string, data []byte, perm fs.FileMode) (name string, err error) {
	tmp, err := os.CreateTemp(dir, ".paminn-*.tmp")
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
	if err = tmp.Chmod(perm); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	return tmp.Name(), tmp.Close()
}

// syncDir flushes the directory entry of a new name where the system allows it; on
// systems that cannot sync a directory (Windows) the link is already durable enough.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	_ = d.Sync() // best effort: not every platform supports fsync on a directory
}
