// Package userdirs finds the user's own folders the way their desktop names them: the
// documents folder is "Dokument" on a Swedish Linux desktop, and on Windows it may have
// been moved to OneDrive or another drive, so neither is guessed from the home folder.
package userdirs

import (
	"os"
	"path/filepath"
)

// Documents is the user's documents folder: Windows' known folder Documents, the
// XDG_DOCUMENTS_DIR of the desktop's user-dirs.dirs on Linux and BSD, ~/Documents
// elsewhere or when the desktop names none. It is "" when not even the home folder is
// known.
func Documents() string {
	if dir := platformDocuments(); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, "Documents")
}
