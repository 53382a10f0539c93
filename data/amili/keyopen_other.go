//go:build !unix

package amili

// openNoWait is nothing where opening a file cannot wait for a writer the way a
// Unix named pipe does (Windows opens a pipe by its own path, \\.\pipe\…).
const openNoWait = 0
