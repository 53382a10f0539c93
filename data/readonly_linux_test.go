package data

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"paminn/core"
)

// TestHelperOpensBooksOnAReadOnlyDisk is not a test: run as a child process in a mount
// namespace of its own by the test below, it mounts the folder PAMINN_RO_DIR over
// itself read-only, as a write-protected stick or a read-only share is, opens each book
// named in PAMINN_RO_BOOKS there and prints the error's code and message, one line
// each.
func TestHelperOpensBooksOnAReadOnlyDisk(t *testing.T) {
	dir := os.Getenv("PAMINN_RO_DIR")
	if dir == "" {
		t.Skip("run as a child process by TestABookOnAReadOnlyDiskSaysSoAndWhatToDo")
	}
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		os.Stdout.WriteString("cannot mount: " + err.Error() + "\n")
		os.Exit(0)
	}
	if err := syscall.Mount("", dir, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		os.Stdout.WriteString("cannot mount: " + err.Error() + "\n")
		os.Exit(0)
	}
	for _, name := range strings.Split(os.Getenv("PAMINN_RO_BOOKS"), ",") {
		s, err := Open(filepath.Join(dir, name))
		if err == nil {
			s.Close()
		}
		os.Stdout.WriteString(string(core.ErrorCodeOf(err)) + "\t" + core.AsError(err).Text() + "\n")
	}
	os.Exit(0)
}

// TestABookOnAReadOnlyDiskSaysSoAndWhatToDo opens books on a read-only file system, a
// real one: a read-only bind mount, which stops root as well (chmod does not). It needs
// the right to mount, which root has; elsewhere it is skipped, and the mapping of the
// same error is tested by TestReadOnlyErrorsSayWhatIsReadOnlyAndWhatToDo.
func TestABookOnAReadOnlyDiskSaysSoAndWhatToDo(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	closedBook(t, filepath.Join(dir, "book.db"))
	closedBook(t, filepath.Join(dir, "unlocked.db"))
	if err := os.Remove(filepath.Join(dir, "unlocked.db.lock")); err != nil {
		t.Fatal(err)
	}
	books := []string{"book.db", "unlocked.db", "new.db"} // locked before, never locked, new
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(exe, "-test.run=^TestHelperOpensBooksOnAReadOnlyDisk$")
	child.Env = append(os.Environ(), "PAMINN_RO_DIR="+dir, "PAMINN_RO_BOOKS="+strings.Join(books, ","))
	child.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	out, err := child.Output()
	if errors.Is(err, syscall.EPERM) {
		t.Skipf("no right to make a mount namespace: %v", err)
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if strings.HasPrefix(string(out), "cannot mount") {
		t.Skipf("no right to mount: %s", out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(books) {
		t.Fatalf("the child said %q, want one line for each of %v", out, books)
	}
	for i, line := range lines {
		code, text, _ := strings.Cut(line, "\t")
		path := filepath.Join(dir, books[i])
		if core.ErrorCode(code) != core.EUNAVAILABLE || !strings.HasPrefix(text, path+" is on a read-only disk") ||
			!strings.Contains(text, "Copy the book to a folder on a writable disk") {
			t.Errorf("opening %s on a read-only disk said %s %q, want that the disk is read-only and what to do", books[i], code, text)
		}
	}
}
