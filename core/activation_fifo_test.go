//go:build unix

package core_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/secret"
)

// Activation with a named pipe as the key file is refused at once, saying the file
// is no ordinary file; it used to wait for a writer for ever, and the window with it.
func TestActivationWithANamedPipeAsTheKeyFileIsRefusedWithoutWaiting(t *testing.T) {
	b := newSecretsBook(t, &secret.Memory{})
	b.keyFile = filepath.Join(t.TempDir(), "nyckel.pem")
	if err := syscall.Mkfifo(b.keyFile, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- b.activate() }()
	select {
	case err := <-done:
		if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(core.AsError(err).Text(), "nyckel.pem could not be read: it is not an ordinary file") {
			t.Fatalf("err = %v, want EINVALID saying the key file is no ordinary file", err)
		}
	case <-time.After(10 * time.Second): // not a timing: unless refused, the activation never ends
		if w, err := os.OpenFile(b.keyFile, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close() // the waiting reader reads an end and the activation returns
		}
		<-done
		t.Fatal("activation waited for a writer to the named pipe")
	}
	if st, err := b.svc.AmiliStatus(b.ctx); err != nil || st.Activated {
		t.Errorf("Amili status %+v (%v), want not activated", st, err)
	}
}
