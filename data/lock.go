package data

import (
	"errors"
	"io/fs"
	"os"

	"paminn/core"
)

// msgInUse is the message for a book another Påminn process has open.
const msgInUse = "The book {{.Path}} is open in another Påminn window"

// errInUse is what the platform's tryLock returns when another process holds the lock.
var errInUse = errors.New("locked by another process")

// bookLock is an exclusive, advisory lock on a book, held for as long as the book is
// open, so that a second Påminn process refuses the book instead of working beside
// the first (delivery, for one, counts on a single process: a reminder left
// "sending" when a pass starts is taken to be from a run that stopped).
//
// The lock is taken on a file next to the book, path + ".lock", never on the book
// itself, whose byte ranges SQLite locks in its own way. The operating system drops
// the lock when the process ends, however it ends, so a crash leaves no stale lock;
// the file itself stays, empty, and is reused.
type bookLock struct {
	f       *os.File
	created bool // this lock made the file (discard removes it again)
}

// lockBook takes the lock on the book at path: EUNAVAILABLE with msgInUse if another
// process (or another Open in this one) holds it.
func lockBook(path string) (*bookLock, error) {
	name := path + ".lock"
	created := true
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		created = false
		f, err = os.OpenFile(name, os.O_RDWR, 0)
	}
	if err != nil {
		return nil, writeAccessError(err, path, true)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errInUse) {
			return nil, core.Wrap(err, core.EUNAVAILABLE, msgInUse, pathData(path))
		}
		return nil, core.Wrap(err, core.EUNAVAILABLE, msgCannotOpen, pathData(path))
	}
	return &bookLock{f: f, created: created}, nil
}

// release gives the lock up; closing the file releases it.
func (l *bookLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// discard releases the lock of an Open that failed, and removes the lock file if
// that Open made it, so a refused file leaves its folder as it was.
func (l *bookLock) discard() {
	if l == nil || l.f == nil {
		return
	}
	name := l.f.Name()
	// Removed while still held, so no other process can have locked it meanwhile;
	// Windows removes no open file, so there it goes after the release. Both are best
	// effort: an empty lock file left behind is harmless.
	removed := !l.created || os.Remove(name) == nil
	_ = l.release() // nothing was written through the lock file
	if !removed {
		_ = os.Remove(name)
	}
}
