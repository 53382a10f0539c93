//go:build unix

package amili

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe chosen as the key file is refused at once: opening one for reading
// waits for a writer, and activation hung there for ever.
func TestANamedPipeAsTheKeyFileIsRefusedWithoutWaiting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nyckel.pem")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := NewClient().ReadKeyFile(path)
		done <- err
	}()
	select {
	case err := <-done:
		wantKeyMessage(t, err, []string{"nyckel.pem could not be read: it is not an ordinary file but a folder, a pipe or a device"})
	case <-time.After(10 * time.Second): // not a timing: the read never ends unless refused
		// Let the reader go: open the pipe for writing and close it, so it reads an end.
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		<-done
		t.Fatal("reading a named pipe as the key file waited for a writer")
	}
}
