//go:build unix

package amili

import "syscall"

// openNoWait makes opening a named pipe for reading return at once instead of
// waiting for a writer; it changes nothing for a regular file.
const openNoWait = syscall.O_NONBLOCK
