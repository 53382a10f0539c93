package data

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// newestBackup is the path of the newest backup Store.backup made of the book at
// path, or "" if there is none beside it. Backups are named
// book.db.bak-v<version>-<YYYYMMDDhhmmss>[-<n>]; the newest has the latest time, and
// of two made in the same second the higher n.
func newestBackup(path string) string {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return ""
	}
	var newest string
	var newestStamp string
	newestN := 0
	for _, e := range entries {
		stamp, n, ok := backupStamp(filepath.Base(path), e.Name())
		if !ok || e.IsDir() {
			continue
		}
		if stamp > newestStamp || (stamp == newestStamp && n > newestN) {
			newest, newestStamp, newestN = e.Name(), stamp, n
		}
	}
	if newest == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(path), newest)
}

// backupStamp reads the time and the sequence number (1 for none) from the name of a
// backup of the book named book; ok is false for any other name.
func backupStamp(book, name string) (stamp string, n int, ok bool) {
	rest, found := strings.CutPrefix(name, book+".bak-v")
	if !found {
		return "", 0, false
	}
	version, rest, found := strings.Cut(rest, "-")
	if !found || !allDigits(version) || len(rest) < 14 || !allDigits(rest[:14]) {
		return "", 0, false
	}
	stamp, rest = rest[:14], rest[14:]
	if rest == "" {
		return stamp, 1, true
	}
	seq, found := strings.CutPrefix(rest, "-")
	if !found || !allDigits(seq) {
		return "", 0, false
	}
	n, err := strconv.Atoi(seq)
	return stamp, n, err == nil
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
