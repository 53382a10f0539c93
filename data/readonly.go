package data

import (
	"errors"
	"io/fs"
	"path/filepath"

	"paminn/core"
)

// Messages about a book Påminn may not write to: what is read-only, and what to do.
const (
	msgReadOnly       = "{{.Path}} is read-only; Påminn needs to write to it. Clear the file's read-only setting (in its properties) or open a copy of it that you can write to"
	msgFolderReadOnly = "The folder {{.Dir}} is read-only; Påminn needs to write there. Give yourself the right to write in it, or move the book to a folder you can write in"
	msgDiskReadOnly   = "{{.Path}} is on a read-only disk (write-protected, or mounted read-only); Påminn needs to write to it. Copy the book to a folder on a writable disk and open it there, or make the disk writable"
	msgBookReadOnly   = "The book is read-only, so Påminn cannot save anything in it: make its file and folder writable, or copy it to a writable disk, and start Påminn again"
)

// writeAccessError explains err, from opening or creating a file for writing: the
// book at path itself, or (inFolder) a file Påminn keeps beside it. A read-only disk
// and a file or folder the user may not write to each say so and what to do.
func writeAccessError(err error, path string, inFolder bool) error {
	switch {
	case onReadOnlyDisk(err):
		return core.Wrap(err, core.EUNAVAILABLE, msgDiskReadOnly, pathData(path))
	case errors.Is(err, fs.ErrPermission) && inFolder:
		return core.Wrap(err, core.EUNAVAILABLE, msgFolderReadOnly, map[string]any{"Dir": filepath.Dir(path)})
	case errors.Is(err, fs.ErrPermission):
		return core.Wrap(err, core.EUNAVAILABLE, msgReadOnly, pathData(path))
	}
	return core.Wrap(err, core.EUNAVAILABLE, msgCannotOpen, pathData(path))
}
