//go:build unix && !darwin && !ios && !android

package userdirs

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDocumentsFollowsTheDesktopsUserDirs(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "cfg"))
	if got, want := Documents(), filepath.Join(home, "Documents"); got != want {
		t.Errorf("without user-dirs.dirs: Documents() = %q, want %q", got, want)
	}
	if err := os.MkdirAll(filepath.Join(home, "cfg"), 0o700); err != nil {
		t.Fatal(err)
	}
	dirs := []byte("XDG_DOCUMENTS_DIR=\"$HOME/Dokument\"\n")
	if err := os.WriteFile(filepath.Join(home, "cfg", "user-dirs.dirs"), dirs, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, want := Documents(), filepath.Join(home, "Dokument"); got != want {
		t.Errorf("with user-dirs.dirs: Documents() = %q, want %q", got, want)
	}
}
