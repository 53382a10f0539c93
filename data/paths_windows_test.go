//go:build windows

package data

import (
	"strings"
	"testing"
)

// On Windows a book's path has a drive letter; SQLite's file: URI wants it after a
// slash (file:/C:/…), with backslashes turned to slashes (sqlite.org/uri.html, "URI
// filenames on Windows").
func TestTheConnectionStringOfAWindowsPathKeepsItsDrive(t *testing.T) {
	got := dsn(`C:\Users\Åsa Öberg\Documents\Bokslut #2\paminn.db`, "")
	want := "file:/C:/Users/Åsa Öberg/Documents/Bokslut %232/paminn.db?"
	if !strings.HasPrefix(got, want) {
		t.Errorf("dsn = %q, want it to start %q", got, want)
	}
}
