//go:build unix && !darwin && !ios && !android

package userdirs

import (
	"os"
	"path/filepath"
)

// platformDocuments reads XDG_DOCUMENTS_DIR from the desktop's user-dirs.dirs.
func platformDocuments() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	b, err := os.ReadFile(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	return xdgDir(b, "XDG_DOCUMENTS_DIR", home)
}
