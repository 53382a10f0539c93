package sie

import (
	"os"
	"path/filepath"

	"paminn/core"
)

// WriteSIEFile writes the file at path through a temporary file beside it, renamed
// into place once whole and flushed to disk, so path holds the whole file or what it
// held before. A file of no verifications is not kept (0 is returned). An error of
// verifications comes back as it was; one of the file is an EUNAVAILABLE *core.Error
// naming path.
func (wr Writer) WriteSIEFile(path string, f core.SIEFile, verifications func(each func(core.Verification) error) error) (int, error) {
	fail := func(err error) (int, error) {
		return 0, core.Wrap(err, core.EUNAVAILABLE, "The file {{.Path}} could not be written; nothing was exported",
			map[string]any{"Path": path})
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".paminn-sie-*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name()) // gone once renamed; the leftover of a failure otherwise
	var fileErr error
	n, err := wr.WriteSIE(errorNoting{tmp, &fileErr}, f, verifications)
	if err == nil && n > 0 {
		err = tmp.Sync()
		fileErr = err
	}
	if cerr := tmp.Close(); err == nil && n > 0 {
		err, fileErr = cerr, cerr
	}
	switch {
	case err != nil && fileErr == nil:
		return 0, err // the caller's: the book's or the booking's
	case err != nil:
		return fail(err)
	case n == 0:
		return 0, nil
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fail(err)
	}
	return n, nil
}

// errorNoting is a file that notes its first write error, so WriteSIEFile tells the
// file's errors from its caller's.
type errorNoting struct {
	f   *os.File
	err *error
}

func (w errorNoting) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil && *w.err == nil {
		*w.err = err
	}
	return n, err
}
