//go:build windows

package data

import (
	"errors"
	"syscall"
)

// errorWriteProtect is Windows' ERROR_WRITE_PROTECT (19), "The media is write
// protected" (Microsoft's System Error Codes, 0–499).
const errorWriteProtect = syscall.Errno(19)

// onReadOnlyDisk reports whether err says the medium is write-protected.
func onReadOnlyDisk(err error) bool {
	return errors.Is(err, errorWriteProtect)
}
