package data

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// wantInUse checks that err says, in plain words, that the book at path is open elsewhere.
func wantInUse(t *testing.T, err error, path string) {
	t.Helper()
	wantCode(t, err, core.EUNAVAILABLE)
	want := "The book " + path + " is open in another Påminn window"
	if got := core.AsError(err).Text(); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestASecondOpenOfAnOpenBookIsRefusedAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCustomer(t, first, "K1", "Anna AB")
	before := snapshot(t, dir)

	second, err := Open(path)
	if err == nil {
		second.Close()
		t.Fatal("a second Open of an open book succeeded")
	}
	wantInUse(t, err, path)
	if after := snapshot(t, dir); !equalSnapshots(before, after) {
		t.Errorf("the refused Open changed the folder: before %v, after %v", names(before), names(after))
	}
	// The first is unharmed and, once closed, the book opens again.
	mustCustomer(t, first, "K2", "Bertil AB")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatalf("Open after the first closed: %v", err)
	}
	defer again.Close()
	cs, err := again.Customers(ctx)
	if err != nil || len(cs) != 2 {
		t.Errorf("customers after reopening: %d (%v), want 2", len(cs), err)
	}
}

func TestAFailedOpenLeavesTheBookFreeForTheNext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	closedBook(t, path)
	withExtraMigration(t, `THIS IS NOT SQL;`)
	if _, err := Open(path); err == nil {
		t.Fatal("Open with a broken migration succeeded")
	}
	migrations = migrations[:len(migrations)-1]
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open after a failed one: %v", err)
	}
	s.Close()
}

// TestHelperHoldsTheBook is not a test: run as a child process by the test below, it
// opens the book named in PAMINN_HOLD_BOOK, says "open", and keeps it until killed.
func TestHelperHoldsTheBook(t *testing.T) {
	path := os.Getenv("PAMINN_HOLD_BOOK")
	if path == "" {
		t.Skip("run as a child process by TestAnotherProcessCannotOpenAnOpenBook")
	}
	s, err := Open(path)
	if err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	defer s.Close()
	os.Stdout.WriteString("open\n")
	// Until killed. Not select {}: with no goroutine left to wake it, Go's runtime on
	// Windows ends the process as deadlocked, which frees the book at once.
	time.Sleep(time.Hour)
}

func TestAnotherProcessCannotOpenAnOpenBook(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	closedBook(t, path)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(exe, "-test.run=^TestHelperHoldsTheBook$")
	child.Env = append(os.Environ(), "PAMINN_HOLD_BOOK="+path)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "open" {
		t.Fatalf("the child did not open the book: %q %v", line, err)
	}
	before := snapshot(t, dir)

	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open succeeded while another process has the book open")
	}
	wantInUse(t, err, path)
	if after := snapshot(t, dir); !equalSnapshots(before, after) {
		t.Errorf("the refused Open changed the folder: before %v, after %v", names(before), names(after))
	}

	// The operating system drops the lock with the process, however it ends.
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait() // "signal: killed" is the expected outcome
	s, err = Open(path)
	if err != nil {
		t.Fatalf("Open after the other process died: %v", err)
	}
	defer s.Close()
	if cs, err := s.Customers(ctx); err != nil || len(cs) != 1 {
		t.Errorf("customers after the other process died: %d (%v), want 1", len(cs), err)
	}
}
