//go:build unix

package data

import (
	"errors"
	"syscall"
)

// onReadOnlyDisk reports whether err says the file system is read-only (EROFS): a
// write-protected card or stick, a disc, a share mounted read-only, or a disk the
// system remounted read-only after errors.
func onReadOnlyDisk(err error) bool {
	return errors.Is(err, syscall.EROFS)
}
